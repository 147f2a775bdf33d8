// The Fresh-style layer end to end, on the fixture app in tests/fixtures/app.
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { createApp } from "fresh";

const app = await createApp({
  root: new URL("./fixtures/app", import.meta.url),
});

function get(path: string, init?: RequestInit): Promise<Response> {
  return app.handler(new Request(`http://localhost${path}`, init));
}

// Runs `fn` with console.error captured (the app logs server errors).
async function quietly<T>(fn: () => Promise<T>): Promise<[T, string]> {
  const original = console.error;
  let logged = "";
  console.error = (...args: unknown[]) => logged += args.join(" ") + "\n";
  try {
    return [await fn(), logged];
  } finally {
    console.error = original;
  }
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

Deno.test("createApp() renders a page inside _app and _layout, with middleware state and headers", async () => {
  const res = await get("/");
  equal(res.status, 200);
  equal(res.headers.get("Content-Type"), "text/html; charset=utf-8");
  equal(res.headers.get("X-Fixture"), "yes");
  equal(
    await res.text(),
    '<!DOCTYPE html><html><head><title>from middleware</title></head><body><div class="root-layout"><p>No islands here.</p></div></body></html>',
  );
});

Deno.test("a page without islands ships no script", async () => {
  const html = await (await get("/")).text();
  ok(!html.includes("<script"));
  ok(!html.includes("modulepreload"));
});

Deno.test("parameter routes get decoded params and page(data, init)", async () => {
  const res = await get("/x%20y");
  equal(res.headers.get("X-Param"), "x%20y");
  ok((await res.text()).includes("<p>Hello x y</p>"));
});

Deno.test("a folder's _layout wraps its pages inside the top layout", async () => {
  const html = await (await get("/blog/first")).text();
  ok(
    html.includes(
      '<div class="root-layout"><article class="blog-layout"><h1>Post first</h1></article></div>',
    ),
  );
  ok((await (await get("/blog/")).text()).includes("<h1>All posts</h1>"));
});

Deno.test("an unknown path gets the _404 page with status 404, through the middleware", async () => {
  const res = await get("/no/such/page");
  equal(res.status, 404);
  equal(res.headers.get("X-Fixture"), "yes");
  ok((await res.text()).includes("<h1>Nothing at /no/such/page</h1>"));
});

Deno.test("a method the route does not handle gets 405 with Allow", async () => {
  const page = await get("/counter", { method: "POST" });
  equal(page.status, 405);
  equal(page.headers.get("Allow"), "GET, HEAD");
  ok((await page.text()).includes("Error 405: Method Not Allowed"));
  const api = await get("/api", { method: "DELETE" });
  equal(api.status, 405);
  equal(api.headers.get("Allow"), "GET, HEAD, POST");
  await api.body?.cancel();
});

Deno.test("HEAD answers like GET without a body", async () => {
  const res = await get("/", { method: "HEAD" });
  equal(res.status, 200);
  equal(res.body, null);
});

Deno.test("handlers answer per method with a Response", async () => {
  deepEqual(await (await get("/api")).json(), { ok: true });
  const posted = await get("/api", { method: "POST", body: "hello" });
  equal(posted.status, 201);
  equal(await posted.text(), "HELLO");
});

Deno.test("an HttpError thrown by a handler gets its status and the _error page with its message", async () => {
  const teapot = await get("/teapot");
  equal(teapot.status, 418);
  ok((await teapot.text()).includes("Error 418: I am a teapot"));
  const long = await get("/api", {
    method: "POST",
    body: "far too long a body",
  });
  equal(long.status, 413);
  ok((await long.text()).includes("Body too long: at most 10 characters"));
});

Deno.test("any other error is a 500 that does not leak its message", async () => {
  const [res, logged] = await quietly(() => get("/crash"));
  equal(res.status, 500);
  const html = await res.text();
  ok(html.includes("Error 500: Internal Server Error"));
  ok(!html.includes("secret internal detail"));
  ok(logged.includes("secret internal detail"));
});

Deno.test("props that are not JSON data fail the render with a clear message", async () => {
  const [res, logged] = await quietly(() => get("/bad-props"));
  equal(res.status, 500);
  await res.body?.cancel();
  ok(
    logged.includes(
      "Cannot serialise island props: props of island Counter.label is a function",
    ),
  );
});

Deno.test("a page with islands gets markers, JSON props and a nonce'd boot module", async () => {
  const res = await get("/counter");
  const html = await res.text();
  const nonce = res.headers.get("X-Nonce")!;
  ok(nonce.length >= 16);
  // Outermost islands only: Total's inner Counter is part of Total.
  deepEqual(
    [...html.matchAll(/<fresh-island data-island="(\w+)" data-props="(\d)">/g)]
      .map((m) => `${m[1]} ${m[2]}`),
    ["Counter 0", "Counter 1", "Total 2"],
  );
  ok(html.includes("&lt;/script>&lt;b>: 1")); // the label, escaped in HTML
  const state =
    /<script type="application\/json" id="__FRESH_STATE__">(.*?)<\/script>/
      .exec(html)![1];
  deepEqual(JSON.parse(state), [
    { start: 1, label: "</script><b>" },
    { start: 2, label: "two" },
    { items: [1, 2, 3] },
  ]);
  const boot = new RegExp(
    `<script type="module" nonce="${
      nonce.replace(/[+/=]/g, "\\$&")
    }">(.*?)</script>`,
  ).exec(html)![1];
  equal(
    boot,
    `import { boot } from "${app.bundle.boot.url}";import I0 from "${
      app.bundle.islands.get("Counter")!.url
    }";` +
      `import I1 from "${
        app.bundle.islands.get("Total")!.url
      }";boot({ "Counter": I0, "Total": I1 });`,
  );
  equal(html.match(/<script/g)!.length, 2);
});

Deno.test("each request gets its own nonce", async () => {
  const a = (await get("/")).headers.get("X-Nonce");
  const b = (await get("/")).headers.get("X-Nonce");
  ok(a && b && a !== b);
});

Deno.test("bundling makes one chunk per island, a shared chunk and a lazy chunk per dynamic import", () => {
  const { files, islands, boot } = app.bundle;
  deepEqual([...islands.keys()], ["Counter", "Lazy", "Total"]);
  const urls = [boot.url, ...[...islands.values()].map((e) => e.url)];
  equal(new Set(urls).size, 4);
  for (const url of urls) {
    ok(/^\/_fresh\/js\/\w+-[A-Z0-9]{8}\.js$/.test(url), url);
  }
  // Counter and Total share the chunk holding the signal they both import.
  const counter = islands.get("Counter")!.imports;
  const shared = islands.get("Total")!.imports.filter((u) =>
    counter.includes(u)
  );
  ok(shared.length > 0);
  // One copy of Preact in the whole bundle: one file has its SVG namespace.
  const preact = [...files.values()].filter((f) =>
    text(f.contents).includes("http://www.w3.org/2000/svg")
  );
  equal(preact.length, 1);
  // The dynamically imported module is in a chunk of its own, not loaded up front.
  const lazy = [...files.values()].filter((f) =>
    text(f.contents).includes("HEAVY_MODULE_MARKER")
  );
  equal(lazy.length, 1);
  const upFront = [
    islands.get("Lazy")!.url,
    ...islands.get("Lazy")!.imports,
    boot.url,
    ...boot.imports,
  ];
  ok(!upFront.includes(lazy[0].url));
});

Deno.test("bundles are served with immutable caching and ETags", async () => {
  const url = app.bundle.islands.get("Counter")!.url;
  const res = await get(url);
  equal(res.status, 200);
  equal(res.headers.get("Content-Type"), "text/javascript; charset=utf-8");
  equal(
    res.headers.get("Cache-Control"),
    "public, max-age=31536000, immutable",
  );
  const etag = res.headers.get("ETag")!;
  ok((await res.text()).length > 0);
  const again = await get(url, { headers: { "If-None-Match": etag } });
  equal(again.status, 304);
  equal(again.body, null);
});

Deno.test("static files are served with ETags and 304 on If-None-Match", async () => {
  const res = await get("/hello.txt");
  equal(res.status, 200);
  equal(res.headers.get("Content-Type"), "text/plain; charset=utf-8");
  equal(res.headers.get("Cache-Control"), "public, max-age=0, must-revalidate");
  equal(await res.text(), "hello, static\n");
  const etag = res.headers.get("ETag")!;
  ok(/^"[\w-]{43}"$/.test(etag));
  equal(
    (await get("/hello.txt", { headers: { "If-None-Match": etag } })).status,
    304,
  );
  equal(
    (await get("/hello.txt", { headers: { "If-None-Match": `W/${etag}` } }))
      .status,
    304,
  );
  const changed = await get("/hello.txt", {
    headers: { "If-None-Match": '"other"' },
  });
  equal(changed.status, 200);
  await changed.body?.cancel();
  const css = await get("/sub/site.css");
  equal(css.headers.get("Content-Type"), "text/css; charset=utf-8");
  await css.body?.cancel();
});

Deno.test("no path reaches outside static/", async () => {
  // Paths that would reach these files if joined naively onto static/.
  const secrets = [
    "nodeModulesDir",
    "A tiny app",
    "root:x:0",
    "No islands here",
  ];
  const paths = [
    "/../deno.json",
    "/%2e%2e/deno.json",
    "/%2E%2E/%2E%2E/deno.json",
    "/sub/..%2f..%2fREADME.md",
    "/sub/%2e%2e%2f%2e%2e%2fREADME.md",
    "/..%5c..%5cREADME.md",
    "//etc/passwd",
    "/%2fetc%2fpasswd",
    "/static/hello.txt",
    "/routes/index.tsx",
    "/hello.txt%00.css",
  ];
  for (const path of paths) {
    const res = await get(path);
    const body = await res.text();
    // Either no page, or the [name] route's greeting: never a file.
    ok(res.status === 404 || body.includes("<p>Hello "), path);
    equal(res.headers.get("ETag"), null, path);
    for (const secret of secrets) {
      ok(!body.includes(secret), `${path}: ${secret}`);
    }
  }
});

// The security headers, as the fixture's top middleware sets them or, when
// that middleware itself throws, as the layer locks an error page down.
function assertSecure(res: Response, csp: RegExp): void {
  match(res.headers.get("Content-Security-Policy") ?? "", csp);
  equal(res.headers.get("X-Frame-Options"), "DENY");
  equal(res.headers.get("X-Content-Type-Options"), "nosniff");
}
const FIXTURE_CSP = /^default-src 'self'; script-src 'self' 'nonce-[^']+'$/;
const LOCKED_CSP = /^default-src 'none';.* frame-ancestors 'none'$/;

Deno.test("a handler's HttpError keeps the security headers", async () => {
  const res = await get("/teapot");
  equal(res.status, 418);
  assertSecure(res, FIXTURE_CSP);
  ok((await res.text()).includes("Error 418: I am a teapot"));
});

Deno.test("a handler's crash keeps the security headers", async () => {
  const [res] = await quietly(() => get("/crash"));
  equal(res.status, 500);
  assertSecure(res, FIXTURE_CSP);
  ok((await res.text()).includes("Error 500: Internal Server Error"));
});

Deno.test("a failed render keeps the security headers", async () => {
  const [res] = await quietly(() => get("/bad-props"));
  equal(res.status, 500);
  assertSecure(res, FIXTURE_CSP);
  await res.body?.cancel();
});

Deno.test("an unknown path and an unhandled method keep the security headers", async () => {
  const missing = await get("/no/such/page");
  equal(missing.status, 404);
  assertSecure(missing, FIXTURE_CSP);
  await missing.body?.cancel();
  const wrong = await get("/counter", { method: "POST" });
  equal(wrong.status, 405);
  assertSecure(wrong, FIXTURE_CSP);
  await wrong.body?.cancel();
});

Deno.test("a nested middleware's HttpError gets its error page inside the top middleware", async () => {
  const ok200 = await get("/guarded");
  equal(ok200.status, 200);
  ok((await ok200.text()).includes("<h1>Members' page</h1>"));
  const res = await get("/guarded?fail=forbidden");
  equal(res.status, 403);
  assertSecure(res, FIXTURE_CSP);
  // The top middleware ran around it: its state titles the page.
  equal(res.headers.get("X-Fixture"), "yes");
  const html = await res.text();
  ok(html.includes("<title>from middleware</title>"));
  ok(html.includes("Error 403: Members only"));
});

Deno.test("a nested middleware's crash is a 500 inside the top middleware", async () => {
  const [res, logged] = await quietly(() => get("/guarded?fail=crash"));
  equal(res.status, 500);
  assertSecure(res, FIXTURE_CSP);
  const html = await res.text();
  ok(html.includes("Error 500: Internal Server Error"));
  ok(!html.includes("the nested middleware broke"));
  ok(logged.includes("the nested middleware broke"));
});

Deno.test("the top middleware throwing before ctx.next() gets a locked-down 500", async () => {
  const [res, logged] = await quietly(() => get("/?top=before"));
  equal(res.status, 500);
  assertSecure(res, LOCKED_CSP);
  equal(res.headers.get("X-Fixture"), null);
  ok((await res.text()).includes("Error 500: Internal Server Error"));
  ok(logged.includes("the top middleware broke"));
});

Deno.test("the top middleware throwing after ctx.next() gets its status, locked down", async () => {
  const res = await get("/counter?top=after");
  equal(res.status, 403);
  assertSecure(res, LOCKED_CSP);
  ok((await res.text()).includes("Error 403: Refused on the way out"));
});

Deno.test("an error page that fails to render falls back to text with the security headers", async () => {
  const [res, logged] = await quietly(() => get("/crash?broken-error-page"));
  equal(res.status, 500);
  assertSecure(res, FIXTURE_CSP);
  equal(res.headers.get("Content-Type"), "text/plain; charset=utf-8");
  equal(await res.text(), "500 Internal Server Error");
  ok(logged.includes("the error page broke"));
});
