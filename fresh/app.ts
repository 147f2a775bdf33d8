/**
 * {@linkcode createApp}: scans a project's `routes/`, `islands/` and
 * `static/` folders, builds the island bundles and returns the request
 * handler that serves them all.
 *
 * @module
 */
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type {
  Context,
  Method,
  Middleware,
  PageComponent,
  RouteHandler,
} from "./define.ts";
import { isPageResponse } from "./define.ts";
import { HttpError } from "./http_error.ts";
import { IslandRegistry } from "./islands.ts";
import { type Bundle, bundleIslands } from "./bundle.ts";
import { findIslands, loadBuild } from "./build.ts";
import { renderPage } from "./render.ts";
import { matchRoute, type RouteMatch, scanRoutes } from "./router.ts";
import {
  loadStaticFiles,
  serveFile,
  type StaticFile,
  staticFile,
} from "./static.ts";

/** Options for {@linkcode createApp}. */
export interface AppOptions {
  /** The project folder (a path or a `file:` URL), holding `routes/`, and optionally `islands/` and `static/`. */
  root: string | URL;
  /** Development build of the islands: not minified, with source maps. */
  dev?: boolean;
  /**
   * A build folder written by `buildApp` (such as `_fresh`): its bundles are
   * served, and esbuild is not needed, when it is there and up to date with
   * the sources. Otherwise (or with `dev`) the islands are bundled at start.
   */
  build?: string;
}

/** A running app: its request handler and what it was built from. */
export interface App {
  /** Answers one request: give it to `Deno.serve`, or call it in tests. */
  handler(req: Request): Promise<Response>;
  /** The island bundles. */
  bundle: Bundle;
  /** The names of the islands found in `islands/`. */
  islands: string[];
  /** Whether the bundles came from `options.build` (else esbuild made them at start). */
  fromBuild: boolean;
}

/** A route module's exports. */
interface RouteModule {
  // deno-lint-ignore no-explicit-any
  default?: PageComponent<any, any>;
  // deno-lint-ignore no-explicit-any
  handler?: RouteHandler<any, any> | Middleware<any> | Middleware<any>[];
}

const METHODS: Method[] = [
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "OPTIONS",
];
/** Bundles are named by their content's hash, so browsers may keep them for good. */
const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "public, max-age=0, must-revalidate";

/**
 * The headers of an error page that escaped every middleware (the outermost
 * one threw): no script runs, nothing frames it, nothing sniffs it.
 */
const LOCKED_DOWN: [string, string][] = [
  [
    "Content-Security-Policy",
    "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  ],
  ["X-Content-Type-Options", "nosniff"],
  ["X-Frame-Options", "DENY"],
  ["Referrer-Policy", "no-referrer"],
];

function lockDown(headers: Headers): void {
  for (const [name, value] of LOCKED_DOWN) headers.set(name, value);
}

function nonce(): string {
  return btoa(
    String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))),
  );
}

async function importModule(path: string): Promise<RouteModule> {
  return await import(pathToFileURL(path).href);
}

/**
 * Builds an app from the folder `options.root`: imports every route and
 * island module, bundles the islands (esbuild, stopped afterwards) and loads
 * `static/` into memory. The returned handler serves, in order: static files
 * (ETag, revalidated), island bundles (immutable), then routes; every request
 * goes through the `_middleware.ts` files that apply to it. Unknown paths get
 * `_404.tsx` with status 404, a method the route does not handle gets 405
 * with `Allow`, and an {@linkcode HttpError} thrown by a handler gets its
 * status and `_error.tsx`. Whatever a middleware, handler or render throws
 * becomes the error page where it was thrown, so `ctx.next()` always
 * resolves to a response and the middlewares around it still add their
 * headers; when the outermost middleware itself throws, its error page gets
 * strict security headers (a CSP allowing no script, `nosniff`,
 * `X-Frame-Options: DENY`).
 *
 * @example
 * ```ts ignore
 * import { createApp } from "./app.ts";
 *
 * const app = await createApp({ root: import.meta.dirname! });
 * Deno.serve({ port: 8000 }, app.handler);
 * ```
 *
 * @throws {SyntaxError} If a route file name cannot be routed, or two routes clash.
 * @throws {Error} If the islands fail to build.
 */
export async function createApp(options: AppOptions): Promise<App> {
  const root = resolve(
    options.root instanceof URL ? fileURLToPath(options.root) : options.root,
  );
  const routesDir = join(root, "routes");
  const routes = await scanRoutes(routesDir);
  const modules = new Map<string, RouteModule>();
  const files = [
    ...routes.routes.map((r) => r.file),
    ...routes.layouts.values(),
    ...routes.middlewares.values(),
    routes.app,
    routes.notFound,
    routes.error,
  ].filter((f): f is string => f !== undefined);
  for (const file of files) {
    modules.set(file, await importModule(join(routesDir, file)));
  }

  const registry = new IslandRegistry();
  const islandFiles = await findIslands(root);
  for (const [name, path] of islandFiles) {
    const module = await importModule(path);
    registry.add(module.default, { name, file: path });
  }
  const loaded = options.build && !options.dev
    ? await loadBuild(root, resolve(root, options.build), [
      ...islandFiles.keys(),
    ])
    : null;
  if (loaded && "stale" in loaded) {
    console.warn(
      `Not serving the build in ${options.build}: ${loaded.stale}; bundling the islands instead (build again to serve it)`,
    );
  }
  const build = loaded && "bundle" in loaded ? loaded : null;
  const bundle = build?.bundle ?? await bundleIslands({
    root,
    islands: islandFiles,
    dev: options.dev,
  });
  const statics: Map<string, StaticFile> = await loadStaticFiles(
    join(root, "static"),
  );

  const built = new Map<string, StaticFile>();
  for (const file of bundle.files.values()) {
    built.set(file.url, await staticFile(file.url, file.contents));
  }

  const componentOf = (file?: string) =>
    file ? modules.get(file)?.default : undefined;

  // The folders from the top down to a route file's folder: "", "a", "a/b".
  function folders(file = ""): string[] {
    const parts = file.split("/").slice(0, -1);
    return ["", ...parts.map((_, i) => parts.slice(0, i + 1).join("/"))];
  }

  function layoutsOf(file?: string): PageComponent<unknown, unknown>[] {
    return folders(file)
      .map((dir) => componentOf(routes.layouts.get(dir)))
      .filter((layout) => layout !== undefined);
  }

  function middlewaresOf(file?: string): Middleware[] {
    return folders(file).flatMap((dir) => {
      const f = routes.middlewares.get(dir);
      const handler = f ? modules.get(f)?.handler : undefined;
      return (handler === undefined ? [] : [handler].flat()) as Middleware[];
    });
  }

  function render(
    ctx: Context,
    page: PageComponent<unknown, unknown>,
    file: string | undefined,
    extra: {
      data?: unknown;
      error?: unknown;
      status?: number;
      headers?: HeadersInit;
    },
  ): Response {
    const { html } = renderPage(
      { app: componentOf(routes.app), layouts: layoutsOf(file), page },
      {
        data: extra.data,
        error: extra.error,
        url: ctx.url,
        params: ctx.params,
        state: ctx.state,
      },
      { registry, nonce: ctx.nonce, bundle },
    );
    const headers = new Headers(extra.headers);
    headers.set("Content-Type", "text/html; charset=utf-8");
    return new Response(ctx.req.method === "HEAD" ? null : html, {
      status: extra.status ?? 200,
      headers,
    });
  }

  function errorPage(
    ctx: Context,
    thrown: unknown,
    headers = new Headers(),
  ): Response {
    const error = thrown instanceof HttpError
      ? thrown
      : new HttpError(500, undefined, { cause: thrown });
    if (error.status >= 500) console.error(thrown);
    const page = componentOf(
      error.status === 404 ? routes.notFound ?? routes.error : routes.error,
    );
    if (page) {
      try {
        return render(ctx, page, undefined, {
          error,
          status: error.status,
          headers,
        });
      } catch (e) {
        console.error(e);
      }
    }
    headers.set("Content-Type", "text/plain; charset=utf-8");
    return new Response(`${error.status} ${error.message}`, {
      status: error.status,
      headers,
    });
  }

  async function endpoint(
    ctx: Context,
    match: RouteMatch | null,
  ): Promise<Response> {
    const { req, url } = ctx;
    if (req.method === "GET" || req.method === "HEAD") {
      const file = statics.get(url.pathname);
      if (file) return serveFile(req, file, REVALIDATE);
      const chunk = built.get(url.pathname);
      if (chunk) return serveFile(req, chunk, IMMUTABLE);
    }
    if (!match) throw new HttpError(404);
    const module = modules.get(match.route.file)!;
    const handler = module.handler as
      | RouteHandler<unknown, unknown>
      | undefined;
    let fn;
    if (typeof handler === "function") fn = handler;
    else {
      const methods = handler ?? { GET: undefined };
      const allowed = METHODS.filter((m) =>
        m in methods || (m === "HEAD" && "GET" in methods)
      );
      if (!allowed.includes(req.method as Method)) {
        const headers = new Headers({ Allow: allowed.join(", ") });
        return errorPage(ctx, new HttpError(405), headers);
      }
      fn = methods[req.method as Method] ??
        (req.method === "HEAD" ? methods.GET : undefined);
    }
    const result = fn ? await fn(ctx as Context<unknown>) : undefined;
    if (result instanceof Response) return result;
    if (result !== undefined && !isPageResponse(result)) {
      throw new TypeError(
        `Cannot answer ${url.pathname}: its handler must return a Response or page(data)`,
      );
    }
    if (!module.default) {
      throw new TypeError(
        `Cannot render ${url.pathname}: routes/${match.route.file} has no default page component`,
      );
    }
    return render(ctx, module.default, match.route.file, {
      data: result?.data,
      status: result?.status,
      headers: result?.headers,
    });
  }

  async function handler(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const match = matchRoute(routes, url.pathname);
    const middlewares = middlewaresOf(match?.route.file);
    // Runs middleware `i` (or, past the last, the endpoint). Whatever it
    // throws becomes the error page right there, so the middlewares around it
    // (the one setting security headers) still see a response to dress.
    async function run(i: number): Promise<Response> {
      const isMiddleware = i < middlewares.length;
      try {
        return isMiddleware
          ? await middlewares[i](ctx)
          : await endpoint(ctx, match);
      } catch (error) {
        const res = errorPage(ctx, error);
        // Nothing is around the outermost middleware: lock the page down.
        if (i === 0 && isMiddleware) lockDown(res.headers);
        return res;
      }
    }
    let next = 0;
    const ctx: Context = {
      req,
      url,
      params: match?.params ?? {},
      state: {},
      nonce: nonce(),
      next: () => run(next++),
    };
    return await ctx.next();
  }

  return {
    handler,
    bundle,
    islands: [...islandFiles.keys()],
    fromBuild: build !== null,
  };
}
