import { deepEqual, equal, throws } from "node:assert/strict";
import {
  matchRoute,
  routePattern,
  routeTable,
  scanRoutes,
} from "../fresh/router.ts";

const FIXTURE = new URL("./fixtures/app/routes", import.meta.url).pathname;

Deno.test("routePattern() follows Fresh's file conventions", () => {
  deepEqual(
    [
      "index.tsx",
      "neuron.tsx",
      "blog/index.tsx",
      "blog/[slug].tsx",
      "[a]/[b].ts",
      "files/[...path].tsx",
    ].map(routePattern),
    ["/", "/neuron", "/blog", "/blog/:slug", "/:a/:b", "/files/:path*"],
  );
});

Deno.test("routePattern() refuses file names that are no URL segment", () => {
  throws(() => routePattern("a b.tsx"), SyntaxError);
  throws(() => routePattern("[x-y].tsx"), /segment "\[x-y\]"/);
});

Deno.test("routeTable() sorts static routes before parameters before rest", () => {
  const table = routeTable([
    "[...rest].tsx",
    "[name].tsx",
    "about.tsx",
    "index.tsx",
    "blog/[slug].tsx",
    "blog/new.tsx",
  ]);
  deepEqual(table.routes.map((r) => r.pattern), [
    "/",
    "/about",
    "/blog/new",
    "/blog/:slug",
    "/:name",
    "/:rest*",
  ]);
});

Deno.test("routeTable() sets special files apart and skips tests and private files", () => {
  const table = routeTable([
    "_app.tsx",
    "_layout.tsx",
    "blog/_layout.tsx",
    "_middleware.ts",
    "_404.tsx",
    "_error.tsx",
    "_helpers.ts",
    "index_test.ts",
    "notes.md",
    "index.tsx",
  ]);
  deepEqual(table.routes.map((r) => r.file), ["index.tsx"]);
  deepEqual(
    [table.app, table.notFound, table.error],
    ["_app.tsx", "_404.tsx", "_error.tsx"],
  );
  deepEqual([...table.layouts], [["", "_layout.tsx"], [
    "blog",
    "blog/_layout.tsx",
  ]]);
  deepEqual([...table.middlewares], [["", "_middleware.ts"]]);
});

Deno.test("routeTable() refuses two files for one pattern", () => {
  throws(
    () => routeTable(["about.tsx", "about/index.tsx"]),
    /about\/index\.tsx: about\.tsx already serves \/about/,
  );
});

Deno.test("matchRoute() decodes parameters and ignores a trailing slash", () => {
  const table = routeTable(["index.tsx", "[name].tsx", "blog/[slug].tsx"]);
  deepEqual(matchRoute(table, "/")?.route.file, "index.tsx");
  deepEqual(matchRoute(table, "/x%20y/")?.params, { name: "x y" });
  deepEqual(matchRoute(table, "/blog/first")?.params, { slug: "first" });
  equal(matchRoute(table, "/blog/first/extra"), null);
  equal(matchRoute(table, "/%E0%A4%A"), null); // malformed escape: no route
});

Deno.test("scanRoutes() reads the fixture app's routes folder", async () => {
  const table = await scanRoutes(FIXTURE);
  deepEqual(table.routes.map((r) => `${r.pattern} ${r.file}`), [
    "/ index.tsx",
    "/api api.ts",
    "/bad-props bad-props.tsx",
    "/blog blog/index.tsx",
    "/blog/:slug blog/[slug].tsx",
    "/counter counter.tsx",
    "/crash crash.tsx",
    "/guarded guarded/index.tsx",
    "/lazy lazy.tsx",
    "/teapot teapot.tsx",
    "/:name [name].tsx",
  ]);
  equal(table.layouts.get("blog"), "blog/_layout.tsx");
  equal(table.middlewares.get(""), "_middleware.ts");
  equal(table.middlewares.get("guarded"), "guarded/_middleware.ts");
});
