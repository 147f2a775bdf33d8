/**
 * The gradviz web app: `deno task start` serves it on http://localhost:8000
 * (`PORT` overrides). It serves the production build in `_fresh/` (from
 * `deno task build`) when there is one that fits the sources, and needs no
 * esbuild then; otherwise it bundles the islands at start. Tests build it
 * with {@linkcode createApp} and call its handler with `Request` objects.
 *
 * @module
 */
import { type App, createApp as createFreshApp } from "fresh";

import { BUILD_DIR } from "./utils.ts";

export { BUILD_DIR };

/** Options for {@linkcode createApp}. */
export interface CreateAppOptions {
  /** Development build: islands not minified, with source maps. */
  dev?: boolean;
  /** Serve the build in {@linkcode BUILD_DIR} when there is one that fits. */
  build?: boolean;
}

/**
 * Builds the app from this folder's `routes/`, `islands/` and `static/`.
 *
 * @example
 * ```ts ignore
 * import { createApp } from "./main.ts";
 *
 * const app = await createApp();
 * const res = await app.handler(new Request("http://localhost/expression"));
 * console.log(res.status); // 200
 * ```
 */
export function createApp(options: CreateAppOptions = {}): Promise<App> {
  return createFreshApp({
    root: import.meta.dirname!,
    dev: options.dev,
    build: options.build ? BUILD_DIR : undefined,
  });
}

/**
 * The port to listen on: `PORT` from the environment, else 8000.
 *
 * @example
 * ```ts ignore
 * console.log(port()); // 8000
 * ```
 *
 * @throws {RangeError} If `PORT` is not an integer from 0 to 65535.
 */
export function port(): number {
  const text = Deno.env.get("PORT") ?? "8000";
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535) {
    throw new RangeError(
      `Cannot start server: PORT must be an integer from 0 to 65535, got ${
        JSON.stringify(text)
      }`,
    );
  }
  return n;
}

/**
 * Serves `app` on {@linkcode port} until the process is stopped.
 *
 * @example
 * ```ts ignore
 * serve(await createApp());
 * ```
 */
export function serve(app: App): Deno.HttpServer {
  console.log(
    app.fromBuild
      ? `gradviz: serving the build in ${BUILD_DIR}/`
      : "gradviz: serving islands bundled at start",
  );
  return Deno.serve({
    port: port(),
    onListen: ({ port }) => console.log(`gradviz: http://localhost:${port}/`),
  }, app.handler);
}

if (import.meta.main) serve(await createApp({ build: true }));
