/**
 * File routing: {@linkcode routePattern} turns a file under `routes/` into a
 * URL pattern, {@linkcode scanRoutes} lists a `routes/` folder into a
 * {@linkcode RouteTable}, and {@linkcode matchRoute} finds the route for a
 * path.
 *
 * Conventions (those of Fresh): `index.tsx` is `/`, `neuron.tsx` is
 * `/neuron`, `blog/[slug].tsx` is `/blog/:slug`, `[...rest].tsx` matches any
 * rest of the path; `_app.tsx` is the HTML shell, `_layout.tsx` wraps the
 * pages of its folder and below, `_middleware.ts` runs for the requests of
 * its folder and below, `_404.tsx` and `_error.tsx` are the error pages.
 * Other files starting with `_` and test files are ignored.
 *
 * @module
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";

/** One page route of a {@linkcode RouteTable}. */
export interface Route {
  /** The file, relative to the routes folder, with `/` separators: `blog/[slug].tsx`. */
  file: string;
  /** Its URL pattern in URLPattern syntax: `/blog/:slug`. */
  pattern: string;
  /** The compiled pattern. */
  urlPattern: URLPattern;
}

/** A scanned routes folder. Files are relative to it, with `/` separators. */
export interface RouteTable {
  /** Page routes, most specific first (static segments before parameters before rest parameters). */
  routes: Route[];
  /** `_app.tsx`, if any. */
  app?: string;
  /** `_layout.tsx` files by folder (`""` for the top). */
  layouts: Map<string, string>;
  /** `_middleware.ts` files by folder (`""` for the top). */
  middlewares: Map<string, string>;
  /** `_404.tsx`, if any. */
  notFound?: string;
  /** `_error.tsx`, if any. */
  error?: string;
}

const MODULE = /\.(tsx|ts|jsx|js)$/;
const TEST = /[._]test\.(tsx|ts|jsx|js)$/;
const SEGMENT = /^[A-Za-z0-9_.~-]+$/;
const PARAM = /^\[([A-Za-z_][A-Za-z0-9_]*)\]$/;
const REST = /^\[\.\.\.([A-Za-z_][A-Za-z0-9_]*)\]$/;

/**
 * The URL pattern of a route file (relative to `routes/`, `/` separators).
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { routePattern } from "./router.ts";
 *
 * deepEqual(
 *   ["index.tsx", "neuron.tsx", "blog/index.tsx", "blog/[slug].tsx", "files/[...path].tsx"].map(routePattern),
 *   ["/", "/neuron", "/blog", "/blog/:slug", "/files/:path*"],
 * );
 * ```
 *
 * @throws {SyntaxError} If a segment is neither a plain name nor `[name]` / `[...name]`.
 */
export function routePattern(file: string): string {
  const segments = file.replace(MODULE, "").split("/");
  if (segments[segments.length - 1] === "index") segments.pop();
  const parts = segments.map((segment) => {
    const rest = REST.exec(segment);
    if (rest) return `:${rest[1]}*`;
    const param = PARAM.exec(segment);
    if (param) return `:${param[1]}`;
    if (SEGMENT.test(segment)) return segment;
    throw new SyntaxError(
      `Cannot route file ${file}: segment ${
        JSON.stringify(segment)
      } must be a name, [param] or [...rest]`,
    );
  });
  return "/" + parts.join("/");
}

// Sort key of a segment: static before parameter before rest.
function rank(segment: string): number {
  return segment.startsWith(":") ? (segment.endsWith("*") ? 2 : 1) : 0;
}

function compareRoutes(a: Route, b: Route): number {
  const x = a.pattern.split("/");
  const y = b.pattern.split("/");
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = rank(x[i]) - rank(y[i]);
    if (d !== 0) return d;
  }
  return a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0;
}

/**
 * Builds a route table from a list of files relative to a routes folder
 * (`/` separators): the pure half of {@linkcode scanRoutes}.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { routeTable } from "./router.ts";
 *
 * const table = routeTable(["[name].tsx", "index.tsx", "about.tsx", "_app.tsx", "_404.tsx"]);
 * deepEqual(table.routes.map((r) => r.pattern), ["/", "/about", "/:name"]);
 * deepEqual([table.app, table.notFound], ["_app.tsx", "_404.tsx"]);
 * ```
 *
 * @throws {SyntaxError} If two files give the same pattern, or a file name cannot be routed.
 */
export function routeTable(files: readonly string[]): RouteTable {
  const table: RouteTable = {
    routes: [],
    layouts: new Map(),
    middlewares: new Map(),
  };
  const seen = new Map<string, string>();
  for (const file of files) {
    if (!MODULE.test(file) || TEST.test(file)) continue;
    const slash = file.lastIndexOf("/");
    const dir = slash < 0 ? "" : file.slice(0, slash);
    const base = file.slice(slash + 1).replace(MODULE, "");
    if (base === "_app" && dir === "") table.app = file;
    else if (base === "_404" && dir === "") table.notFound = file;
    else if (base === "_error" && dir === "") table.error = file;
    else if (base === "_layout") table.layouts.set(dir, file);
    else if (base === "_middleware") table.middlewares.set(dir, file);
    else if (!base.startsWith("_")) {
      const pattern = routePattern(file);
      const other = seen.get(pattern);
      if (other) {
        throw new SyntaxError(
          `Cannot route file ${file}: ${other} already serves ${pattern}`,
        );
      }
      seen.set(pattern, file);
      table.routes.push({
        file,
        pattern,
        urlPattern: new URLPattern({ pathname: pattern }),
      });
    }
  }
  table.routes.sort(compareRoutes);
  return table;
}

/**
 * Lists a routes folder (recursively) into a {@linkcode RouteTable}.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { scanRoutes } from "./router.ts";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.mkdir(`${dir}/blog`);
 * for (const f of ["index.tsx", "blog/[slug].tsx", "_app.tsx"]) await Deno.writeTextFile(`${dir}/${f}`, "");
 * const table = await scanRoutes(dir);
 * deepEqual(table.routes.map((r) => r.file), ["index.tsx", "blog/[slug].tsx"]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function scanRoutes(dir: string): Promise<RouteTable> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .map((f) => f.replaceAll("\\", "/"))
    .sort();
  return routeTable(files);
}

/** A route found by {@linkcode matchRoute}, with its parameters. */
export interface RouteMatch {
  /** The route. */
  route: Route;
  /** Its parameters, decoded. */
  params: Record<string, string>;
}

/**
 * Finds the first route of `table` matching `pathname` (a trailing slash is
 * ignored); `null` if none does.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { matchRoute, routeTable } from "./router.ts";
 *
 * const table = routeTable(["index.tsx", "[name].tsx", "about.tsx"]);
 * deepEqual(matchRoute(table, "/about")?.route.file, "about.tsx");
 * deepEqual(matchRoute(table, "/caf%C3%A9/")?.params, { name: "café" });
 * deepEqual(matchRoute(table, "/a/b"), null);
 * ```
 */
export function matchRoute(
  table: RouteTable,
  pathname: string,
): RouteMatch | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  for (const route of table.routes) {
    const m = route.urlPattern.exec({ pathname: path });
    if (!m) continue;
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(m.pathname.groups)) {
      if (value === undefined) continue;
      try {
        params[key] = decodeURIComponent(value);
      } catch {
        return null; // malformed percent-encoding matches no route
      }
    }
    return { route, params };
  }
  return null;
}
