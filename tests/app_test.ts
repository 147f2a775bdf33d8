// The gradviz app's pages through its handler, with Request objects.
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { createApp } from "../main.ts";

const app = await createApp();

async function get(path: string, init?: RequestInit) {
  const res = await app.handler(new Request(`http://localhost${path}`, init));
  return { res, html: await res.text() };
}

// The text of the SVG <text> elements, entities decoded: what a reader sees.
function svgTexts(html: string): string[] {
  return [...html.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1].replaceAll("&#45;", "-")
  );
}

async function gzipSize(bytes: Uint8Array): Promise<number> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream()
    .pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

const PAGES = ["/", "/expression", "/neuron"];

Deno.test("every page answers 200 with the security headers and a CSP nonce matching its boot script", async () => {
  for (const path of PAGES) {
    const { res, html } = await get(path);
    equal(res.status, 200, path);
    equal(res.headers.get("Content-Type"), "text/html; charset=utf-8");
    const csp = res.headers.get("Content-Security-Policy")!;
    for (
      const directive of [
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "'wasm-unsafe-eval'",
      ]
    ) ok(csp.includes(directive), `${path}: ${directive}`);
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)![1];
    ok(html.includes(`<script type="module" nonce="${nonce}">`), path);
    equal(res.headers.get("X-Content-Type-Options"), "nosniff");
    equal(res.headers.get("Referrer-Policy"), "no-referrer");
    equal(res.headers.get("X-Frame-Options"), "DENY");
    // No inline event handlers, no inline styles.
    ok(!/\son[a-z]+=/i.test(html), path);
    ok(!/\sstyle=/i.test(html), path);
  }
});

Deno.test("every page links all six pages", async () => {
  for (const path of PAGES) {
    const { html } = await get(path);
    for (
      const href of [
        "/",
        "/expression",
        "/neuron",
        "/mlp",
        "/playground",
        "/moons",
      ]
    ) {
      ok(html.includes(`<a href="${href}"`), `${path} links ${href}`);
    }
  }
});

Deno.test("/expression draws the lecture's graph on the server with the lecture's numbers", async () => {
  const { html } = await get("/expression");
  const texts = svgTexts(html);
  // a, b, c, f, and e = a*b, d = e + c, L = d*f, after backward().
  for (
    const [label, data, grad] of [
      ["a", "2.0000", "6.0000"],
      ["b", "−3.0000", "−4.0000"],
      ["c", "10.0000", "−2.0000"],
      ["e", "−6.0000", "−2.0000"],
      ["d", "4.0000", "−2.0000"],
      ["f", "−2.0000", "4.0000"],
      ["L", "−8.0000", "1.0000"],
    ]
  ) {
    const i = texts.indexOf(label);
    ok(i >= 0, label);
    deepEqual(texts.slice(i, i + 3), [label, `data ${data}`, `grad ${grad}`]);
  }
  ok(html.includes('<output id="L-value">−8.000000</output>'));
  // The numeric check, rendered on the server: (f(x+h) − f(x))/h for a is 6.
  match(
    html,
    /<tr data-leaf="a" data-node="n0"><th scope="row">a<\/th><td>2\.0000<\/td><td class="grad">6\.0000<\/td><td class="numeric">6\.0000<\/td><\/tr>/,
  );
});

Deno.test("/expression takes leaf values from the query", async () => {
  const { html } = await get("/expression?a=3&f=-1");
  const texts = svgTexts(html);
  // L = (3*-3 + 10) * -1 = -1; b's grad is a*f = -3; a's is b*f = 3.
  ok(texts.includes("data −1.0000"));
  const a = texts.indexOf("a");
  deepEqual(texts.slice(a, a + 3), ["a", "data 3.0000", "grad 3.0000"]);
  const b = texts.indexOf("b");
  deepEqual(texts.slice(b, b + 3), ["b", "data −3.0000", "grad −3.0000"]);
});

Deno.test("/neuron draws both neurons with the lecture's numbers and the same leaf grads", async () => {
  const { html } = await get("/neuron");
  const svgs = html.split("<svg ").slice(1);
  equal(svgs.length, 2);
  for (const svg of svgs) {
    const texts = svgTexts(svg);
    // x1 grad −1.5, w1 grad 1, x2 grad 0.5, w2 grad 0; o = 0.7071.
    for (
      const [label, grad] of [
        ["x1", "−1.5000"],
        ["w1", "1.0000"],
        ["x2", "0.5000"],
        ["w2", "0.0000"],
        ["b", "0.5000"],
      ]
    ) {
      const i = texts.indexOf(label);
      ok(i >= 0, label);
      equal(texts[i + 2], `grad ${grad}`, label);
    }
    const o = texts.indexOf("o");
    deepEqual(texts.slice(o, o + 3), ["o", "data 0.7071", "grad 1.0000"]);
  }
  ok(svgTexts(svgs[0]).includes("tanh"));
  ok(svgTexts(svgs[1]).includes("exp"));
  ok(!svgTexts(svgs[1]).includes("tanh"));
});

Deno.test("/ shows the lessons and a small live graph", async () => {
  const { html } = await get("/");
  ok(html.includes("<h1>Backpropagation you can see</h1>"));
  ok(html.includes('data-island="TinyGraph"'));
  const texts = svgTexts(html);
  const a = texts.indexOf("a");
  deepEqual(texts.slice(a, a + 3), ["a", "data 2.0000", "grad −3.0000"]);
});

Deno.test("bad query input gets 400 with a message saying what is wrong", async () => {
  const cases: [string, string][] = [
    [
      "/expression?a=abc",
      "Invalid query parameter a: &quot;abc&quot; is not a number",
    ],
    [
      "/expression?b=1e9",
      "Invalid query parameter b: 1e9 is out of range (from -10 to 10)",
    ],
    [
      "/expression?c=NaN",
      "Invalid query parameter c: &quot;NaN&quot; is not a number",
    ],
    [
      "/expression?f=Infinity",
      "Invalid query parameter f: &quot;Infinity&quot; is not a number",
    ],
    [
      "/expression?a=",
      "Invalid query parameter a: &quot;&quot; is not a number",
    ],
    [
      "/expression?a=0x10",
      "Invalid query parameter a: &quot;0x10&quot; is not a number",
    ],
    ["/expression?a=1&a=2", "Invalid query parameter a: given more than once"],
    [
      `/expression?a=${"1".repeat(40)}`,
      "Invalid query parameter a: longer than 32 characters",
    ],
    [
      "/neuron?w2=-6",
      "Invalid query parameter w2: -6 is out of range (from -5 to 5)",
    ],
    [
      "/neuron?x1=%3Cscript%3E",
      "Invalid query parameter x1: &quot;&lt;script>&quot; is not a number",
    ],
  ];
  for (const [path, message] of cases) {
    const { res, html } = await get(path);
    equal(res.status, 400, path);
    ok(html.includes(message), `${path}: ${message}`);
    ok(res.headers.get("Content-Security-Policy"), path);
  }
});

Deno.test("an unknown route gets the 404 page", async () => {
  const { res, html } = await get("/no-such-lesson");
  equal(res.status, 404);
  ok(html.includes("<h1>Page not found</h1>"));
  ok(html.includes("<code>/no-such-lesson</code>"));
  ok(res.headers.get("Content-Security-Policy"));
});

Deno.test("a wrong method gets 405 with Allow", async () => {
  for (const path of PAGES) {
    const { res, html } = await get(path, { method: "POST", body: "x" });
    equal(res.status, 405, path);
    equal(res.headers.get("Allow"), "GET, HEAD");
    ok(html.includes("Error 405"));
  }
});

// The app's security headers: CSP with the request's nonce, no framing, no sniffing.
function assertSecure(res: Response, what: string): void {
  const csp = res.headers.get("Content-Security-Policy") ?? "";
  match(csp, /script-src 'self' 'nonce-[^']+' 'wasm-unsafe-eval'/, what);
  ok(csp.includes("frame-ancestors 'none'"), what);
  equal(res.headers.get("X-Frame-Options"), "DENY", what);
  equal(res.headers.get("X-Content-Type-Options"), "nosniff", what);
}

Deno.test("error answers keep the security headers: 400, 404 and 405", async () => {
  const cases: [string, RequestInit | undefined, number][] = [
    ["/expression?a=abc", undefined, 400],
    ["/playground?program=L%20%3D%20z", undefined, 400],
    ["/no-such-lesson", undefined, 404],
    ["/../../etc/passwd", undefined, 404],
    ["/neuron", { method: "DELETE" }, 405],
  ];
  for (const [path, init, status] of cases) {
    const { res } = await get(path, init);
    equal(res.status, status, path);
    assertSecure(res, path);
  }
});

Deno.test("the header middleware dresses a response whose headers are immutable", async () => {
  const { handler } = await import("../routes/_middleware.ts");
  const res = await handler({
    req: new Request("http://localhost/"),
    url: new URL("http://localhost/"),
    params: {},
    state: {},
    nonce: "abc",
    next: () => Promise.resolve(Response.redirect("http://localhost/x", 302)),
  });
  equal(res.status, 302);
  equal(res.headers.get("Location"), "http://localhost/x");
  assertSecure(res, "redirect");
});

Deno.test("the stylesheet is served with an ETag", async () => {
  const { res, html } = await get("/styles.css");
  equal(res.status, 200);
  equal(res.headers.get("Content-Type"), "text/css; charset=utf-8");
  ok(html.includes("font-variant-numeric: tabular-nums"));
  const again = await app.handler(
    new Request("http://localhost/styles.css", {
      headers: { "If-None-Match": res.headers.get("ETag")! },
    }),
  );
  equal(again.status, 304);
});

Deno.test("a lesson page's initial JavaScript is under 40 KB gzip, and Viz.js is a lazy chunk", async () => {
  for (const path of PAGES) {
    const { html } = await get(path);
    const urls = [
      ...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g),
    ].map((m) => m[1]);
    ok(urls.length > 0);
    let total = 0;
    for (const url of urls) {
      const file = app.bundle.files.get(url)!;
      ok(file.contents.byteLength < 200_000, `${url} is not Viz.js`);
      total += await gzipSize(file.contents);
    }
    ok(total < 40_000, `${path}: ${total} bytes gzip`);
  }
  // Viz.js (its WebAssembly inlined) is in the bundle, in a chunk no page preloads.
  const big = [...app.bundle.files.values()].filter((f) =>
    f.contents.byteLength > 1_000_000
  );
  equal(big.length, 1);
});
