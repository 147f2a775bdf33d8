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
 *   An error thrown anywhere becomes the error page at the level it was
 *   thrown, so the middlewares around it (security headers) still apply.
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
 * - **Builds**: {@linkcode buildApp} writes the bundles and a
 *   `manifest.json` to `_fresh/` once; `createApp({ build: "_fresh" })`
 *   serves them without esbuild while they fit the sources.
 *
 * An app imports the framework by name, `import { page } from "fresh"`, as a
 * Fresh 2 app imports `jsr:@fresh/core`: `deno.json`'s import map points
 * `"fresh"` here. This file is the framework's whole public face, a short
 * named list; the rest (`router.ts`, `islands.ts`, `bundle.ts`, `render.ts`,
 * `static.ts`, `client.ts`) is internal, tested on its own under `tests/`.
 * The app keeps its typed `define` in `utils.ts`
 * (`createDefine<State>()`), as Fresh 2 apps do.
 *
 * Handlers throw {@linkcode HttpError} for error statuses (`400` with a
 * message for bad input). Each request has a random `ctx.nonce`; middleware
 * setting a Content-Security-Policy must allow it for the boot script.
 *
 * @example A route module
 * ```tsx ignore
 * // routes/hello.tsx
 * import { HttpError, page } from "fresh";
 * import Counter from "../islands/Counter.tsx";
 * import { define } from "../utils.ts";
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
 * import { createApp } from "fresh";
 *
 * const app = await createApp({ root: import.meta.dirname! });
 * Deno.serve({ port: 8000 }, app.handler);
 * ```
 *
 * ## Moving to real Fresh
 *
 * The routes, islands, `utils.ts` and `static/` are written to Fresh 2's
 * API, so a switch where `jsr:@fresh/core` can be installed would take:
 *
 * 1. `deno.json`: `"fresh": "jsr:@fresh/core@^2"` (and `@fresh/plugin-vite`
 *    or Fresh's builder), then delete this folder.
 * 2. `main.ts`: `new App().use(staticFiles()).fsRoutes()` in place of
 *    `createApp({ root })`; Fresh serves `_fresh/` and `static/` itself.
 * 3. `_middleware.ts`: Fresh 2 middlewares are `(ctx) => ctx.next()`, as
 *    here, but `ctx.nonce` is not Fresh's; Fresh sets its own CSP nonce on
 *    the scripts it emits (`csp()` middleware), so the header middleware would
 *    use that.
 * 4. Route handlers keep `define.handlers`, `page(data)`, `ctx.url`,
 *    `ctx.params`, `ctx.state` and `HttpError` unchanged; `_error.tsx` reads
 *    `ctx.error` in Fresh 2 where it gets the `error` prop here.
 * 5. Islands are unchanged: Fresh 2 finds them under `islands/` and
 *    serialises the same JSON props (it also accepts signals and JSX).
 *
 * @module
 */
export { type App, type AppOptions, createApp } from "./app.ts";
export { buildApp, type BuildManifest, type BuildOptions } from "./build.ts";
export type { Bundle, BundleEntry, BundleFile } from "./bundle.ts";
export {
  type Context,
  createDefine,
  type Define,
  type HandlerData,
  type HandlerFn,
  type Method,
  type Middleware,
  page,
  type PageComponent,
  type PageInit,
  type PageProps,
  type PageResponse,
  type Rendered,
  type RouteHandler,
} from "./define.ts";
export { HttpError } from "./http_error.ts";
