/**
 * A small Fresh-style web layer on Preact, preact-render-to-string and
 * esbuild (Fresh itself cannot be installed here). It follows Fresh's
 * conventions, so a Fresh user finds their way:
 *
 * - **Routes** are files under `routes/`: `index.tsx` is `/`, `neuron.tsx`
 *   is `/neuron`, `[name].tsx` a parameter, `[...rest].tsx` the rest of a
 *   path. A route module's default export is its page component, which
 *   receives `{ data, url, params, state }`; its optional `handler` export
 *   answers the methods it names (`define.handlers({ GET(ctx) {...} })`) with
 *   a `Response` or `page(data)`. A method it does not name gets 405 with
 *   `Allow`; without a `handler` the page answers GET and HEAD.
 * - **Special files**: `_app.tsx` renders the `<html>` shell around
 *   `<Component />`, `_layout.tsx` wraps the pages of its folder and below,
 *   `_middleware.ts` exports `handler` (one middleware or an array) that runs
 *   for the requests of its folder and below (the top one for every request,
 *   static files and errors included), `_404.tsx` renders unknown paths and
 *   `_error.tsx` any other {@linkcode HttpError} (its page gets `error`).
 * - **Islands** are the default exports of `islands/Name.tsx`. Pages render
 *   them like any component; on the server they are wrapped in
 *   `<fresh-island>` markers with their props serialised as JSON (props must
 *   be JSON data), and in the browser a nonce'd boot module hydrates them.
 *   Each island is one esbuild chunk, shared code goes to shared chunks (one
 *   copy of Preact, so signals shared between islands stay shared), and a page
 *   without islands ships no JavaScript. Island code may import the package
 *   itself by its `deno.json` name (`"@gradviz/gradviz"`, `".../render"`).
 * - **Static files** under `static/` are served at `/` with ETags; bundles at
 *   `/_fresh/js/` with immutable caching (their names carry their hash).
 *
 * Handlers throw {@linkcode HttpError} for error statuses (`400` with a
 * message for bad input). Each request has a random `ctx.nonce`; middleware
 * setting a Content-Security-Policy must allow it for the boot script.
 *
 * @example A route module
 * ```tsx ignore
 * // routes/hello.tsx
 * import { define, HttpError, page } from "../fresh/mod.ts";
 * import Counter from "../islands/Counter.tsx";
 *
 * export const handler = define.handlers({
 *   GET(ctx) {
 *     const start = Number(ctx.url.searchParams.get("start") ?? 0);
 *     if (!Number.isInteger(start)) throw new HttpError(400, "Invalid start: not an integer");
 *     return page({ start });
 *   },
 * });
 *
 * export default define.page<typeof handler>(({ data }) => <Counter start={data.start} />);
 * ```
 *
 * @example Serving an app
 * ```ts ignore
 * import { createApp } from "./fresh/mod.ts";
 *
 * const app = await createApp({ root: import.meta.dirname! });
 * Deno.serve({ port: 8000 }, app.handler);
 * ```
 *
 * @module
 */
export * from "./define.ts";
export * from "./http_error.ts";
export * from "./router.ts";
export * from "./islands.ts";
export * from "./bundle.ts";
export * from "./render.ts";
export * from "./static.ts";
export * from "./app.ts";
