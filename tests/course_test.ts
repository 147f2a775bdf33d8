// The course at /learn, the embed page and /embed.js, through the app's
// handler with Request objects: status, headers and the lecture's numbers
// in the server-rendered HTML.
import { deepEqual, equal, ok } from "node:assert/strict";
import { createApp } from "../main.ts";
import { CHAPTERS, slope } from "../lessons/course.ts";
import { nudge } from "../lessons/evaluate.ts";
import { expression, lectureValues } from "../lessons/lessons.ts";
import {
  LECTURE_DATA,
  lectureLoss,
  lectureModel,
} from "../lessons/lecture_mlp.ts";
import { runProgram } from "../lessons/program.ts";
import { fixed } from "../components/format.ts";
import { torchLecture } from "./reference/make_torch_lecture.ts";
import reference from "./reference/torch_reference.json" with { type: "json" };

const app = await createApp();

async function get(path: string, init?: RequestInit) {
  const res = await app.handler(new Request(`http://localhost${path}`, init));
  return { res, html: await res.text() };
}

// Each drawn value's [data, grad] texts by label, in the `n`-th graph.
function records(html: string, n = 0): Record<string, [string, string]> {
  let at = 0;
  for (let i = 0; i < n; i++) at = html.indexOf("</svg>", at) + 1;
  const svg = html.slice(html.indexOf("<svg", at), html.indexOf("</svg>", at));
  const out: Record<string, [string, string]> = {};
  for (const m of svg.matchAll(/<g id="n\d+" class="node">([\s\S]*?)<\/g>/g)) {
    const t = [...m[1].matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((t) =>
      t[1].replaceAll("&#45;", "-")
    );
    if (t.length === 3) out[t[0]] = [t[1], t[2]];
  }
  return out;
}

const text = (html: string) => html.replaceAll(/<[^>]+>/g, "");

Deno.test("every chapter answers 200 with the security headers, its number, prev/next links and a playground link", async () => {
  for (const [i, chapter] of CHAPTERS.entries()) {
    const path = `/learn/${chapter.slug}`;
    const { res, html } = await get(path);
    equal(res.status, 200, path);
    equal(res.headers.get("X-Frame-Options"), "DENY", path);
    ok(
      res.headers.get("Content-Security-Policy")!.includes(
        "frame-ancestors 'none'",
      ),
    );
    ok(!/\son[a-z]+=/i.test(html), `${path}: no inline handlers`);
    ok(!/\sstyle=/i.test(html), `${path}: no inline styles`);
    ok(html.includes(`chapter ${i + 1} of 8`), path);
    ok(html.includes(`<title>${i + 1}. `), path);
    const prev = CHAPTERS[i - 1];
    const next = CHAPTERS[i + 1];
    if (prev) {
      ok(html.includes(`<a href="/learn/${prev.slug}" rel="prev">`), path);
    } else ok(!html.includes('rel="prev"'), path);
    if (next) {
      ok(html.includes(`<a href="/learn/${next.slug}" rel="next">`), path);
    } else ok(!html.includes('rel="next"'), path);
    const program = encodeURIComponent(chapter.program).replaceAll(
      "&",
      "&amp;",
    );
    ok(html.includes(`href="/playground?program=${program}"`), path);
    ok(html.includes('<a href="/learn" aria-current="page">Course</a>'), path);
  }
});

Deno.test("every chapter's playground program runs, and chapter 8's is the first neuron of the seeded MLP", () => {
  for (const chapter of CHAPTERS) {
    ok(!("error" in runProgram(chapter.program)), chapter.slug);
  }
  const run = runProgram(CHAPTERS[7].program);
  if ("error" in run) throw new Error(run.error.message);
  const neuron = lectureModel(42).layers[0].neurons[0];
  equal(run.root.data, neuron.forward(LECTURE_DATA.inputs[0]).data);
});

Deno.test("an unknown chapter is a 404", async () => {
  equal((await get("/learn/nope")).res.status, 404);
});

Deno.test("the course's contents list the eight chapters in the lecture's order", async () => {
  const { res, html } = await get("/learn");
  equal(res.status, 200);
  const links = [...html.matchAll(/<li[^>]*><a href="\/learn\/([a-z]+)"/g)]
    .map((m) => m[1]);
  deepEqual(links, CHAPTERS.map((c) => c.slug));
  ok(html.includes("Start with chapter 1"));
});

Deno.test("chapter 1 shows the slope of 3x² − 4x + 5 at x = 3 as h shrinks, and reads x and h from the query", async () => {
  let { html } = await get("/learn/derivative");
  ok(html.includes("(f(x + h) − f(x))/h = 14.003000"));
  ok(html.includes('<output id="fx">20.000000</output>'));
  ok(html.includes(`<td>${slope(3, 1e-8)}</td>`)); // 14.00000009…, not exactly 14
  ({ html } = await get("/learn/derivative?x=1&h=0.1"));
  ok(
    html.includes(
      `(f(x + h) − f(x))/h = ${
        fixed((3 * 1.1 ** 2 - 4 * 1.1 + 5 - 4) / 0.1, 6)
      }`,
    ),
  );
  const bad = await get("/learn/derivative?h=0.5");
  equal(bad.res.status, 400);
  ok(
    bad.html.includes(
      "Invalid query parameter h: expected one of 1, 0.1, 0.01, 0.001, 0.0001, 1e-8, 1e-15, got 0.5",
    ),
  );
});

Deno.test("chapter 2 prints L as Value(data=-8) and draws it before backward(), every grad 0", async () => {
  let { html } = await get("/learn/value");
  ok(html.includes('<output id="root-value">L = Value(data=-8)</output>'));
  deepEqual(records(html), {
    a: ["data 2.0000", "grad 0.0000"],
    b: ["data −3.0000", "grad 0.0000"],
    c: ["data 10.0000", "grad 0.0000"],
    e: ["data −6.0000", "grad 0.0000"],
    d: ["data 4.0000", "grad 0.0000"],
    f: ["data −2.0000", "grad 0.0000"],
    L: ["data −8.0000", "grad 0.0000"],
  });
  ({ html } = await get("/learn/value?a=3"));
  ok(html.includes("L = Value(data=-2)"));
  equal((await get("/learn/value?a=abc")).res.status, 400);
});

Deno.test("chapter 3 asks for each grad from L down, and with ?backward=1 shows the lecture's grads and ticks", async () => {
  let { html } = await get("/learn/backprop");
  const asked = [...html.matchAll(/<label for="grad-(\w+)">/g)].map((m) =>
    m[1]
  );
  deepEqual(asked, ["L", "f", "d", "c", "e", "b", "a"]);
  ok(Object.values(records(html)).every(([, grad]) => grad === "grad 0.0000"));
  ({ html } = await get("/learn/backprop?backward=1"));
  const grads = Object.fromEntries(
    Object.entries(records(html)).map(([k, [, g]]) => [k, g]),
  );
  deepEqual(grads, {
    a: "grad 6.0000",
    b: "grad −4.0000",
    c: "grad −2.0000",
    d: "grad −2.0000",
    e: "grad −2.0000",
    f: "grad 4.0000",
    L: "grad 1.0000",
  });
  ok(html.includes("d.grad = −2 ✓"));
  ok(html.includes("a.grad = 6 ✓"));
  ok(html.includes('<output id="L-value">L = −8.000000</output>'));
  equal((await get("/learn/backprop?backward=yes")).res.status, 400);
});

Deno.test("chapter 3 keeps the reader's answers in the address: right ones ticked and drawn, wrong ones explained", async () => {
  const { res, html } = await get(
    "/learn/backprop?L.grad=1&d.grad=-2&e.grad=3",
  );
  equal(res.status, 200);
  ok(html.includes("L.grad = 1 ✓"));
  ok(html.includes("d.grad = −2 ✓"));
  ok(html.includes("✗ not 3: e.grad = ∂d/∂e × d.grad"));
  const drawn = records(html);
  deepEqual([drawn.L[1], drawn.d[1], drawn.e[1], drawn.f[1]], [
    "grad 1.0000",
    "grad −2.0000",
    "grad 0.0000",
    "grad 0.0000",
  ]);
  const long = await get(`/learn/backprop?a.grad=${"9".repeat(33)}`);
  equal(long.res.status, 400);
  ok(
    long.html.includes(
      "Invalid query parameter a.grad: longer than 32 characters",
    ),
  );
});

Deno.test("chapter 3 after the lecture's nudge (leaf += 0.01 * grad) shows L = −7.286496", async () => {
  const values = nudge(expression, lectureValues(expression));
  const query = new URLSearchParams(
    Object.entries(values).map(([k, v]) => [k, String(v)]),
  );
  const { res, html } = await get(`/learn/backprop?${query}&backward=1`);
  equal(res.status, 200);
  ok(html.includes('<output id="L-value">L = −7.286496</output>'));
});

Deno.test("chapter 4 gives o = 0.6044 for the seed's b = 6.7, then 0.7071 and the lecture's grads for b = 6.8813735870195432", async () => {
  let { html } = await get("/learn/neuron");
  ok(html.includes('<output id="root-value">o = 0.6044</output>'));
  ok(html.includes("Value(data=0.6043677771171636)"));
  deepEqual(records(html).o, ["data 0.6044", "grad 0.0000"]);
  ({ html } = await get("/learn/neuron?b=6.8813735870195432&backward=1"));
  ok(html.includes('<output id="root-value">o = 0.7071</output>'));
  const grads = Object.fromEntries(
    [...html.matchAll(
      /<tr data-leaf="(\w+)">.*?<td class="grad">([^<]+)<\/td>/g,
    )]
      .map((m) => [m[1], m[2]]),
  );
  deepEqual(grads, {
    x1: "−1.5000",
    x2: "0.5000",
    w1: "1.0000",
    w2: "0.0000",
    b: "0.5000",
  });
  deepEqual(records(html).n, ["data 0.8814", "grad 0.5000"]);
  ({ html } = await get("/learn/neuron?cell=1"));
  ok(html.includes('<output id="root-value">x1*w1 = −6.0000</output>'));
  deepEqual(Object.keys(records(html)).sort(), ["w1", "x1", "x1*w1"]);
  ({ html } = await get("/learn/neuron?cell=4"));
  ok(html.includes('<output id="root-value">n = 0.7000</output>'));
  equal((await get("/learn/neuron?cell=6")).res.status, 400);
});

Deno.test("chapter 5 shows a + a with grad 1 when grads are set and 2 when they add up", async () => {
  let { html } = await get("/learn/accumulate");
  ok(html.includes('<output id="grad-set">a.grad = 1.0000</output>'));
  ok(html.includes('<output id="grad-add">a.grad = 2.0000</output>'));
  ok(html.includes('<output id="b-value">b = 6.0000</output>'));
  ({ html } = await get("/learn/accumulate?a=-1.5"));
  ok(html.includes('<output id="b-value">b = −3.0000</output>'));
  ok(html.includes('<output id="grad-add">a.grad = 2.0000</output>'));
});

Deno.test("chapter 6 draws tanh and tanh from exp with the same o and leaf grads", async () => {
  const { html } = await get("/learn/tanh");
  ok(html.includes('<output id="o-value">0.7071</output>'));
  ok(html.includes('<output id="o-exp-value">0.7071</output>'));
  const rows = [
    ...html.matchAll(
      /<tr data-leaf="(\w+)">.*?<td class="grad">([^<]+)<\/td><td class="grad-exp">([^<]+)<\/td>/g,
    ),
  ];
  equal(rows.length, 5);
  for (const [, , tanh, exp] of rows) equal(tanh, exp);
  deepEqual(records(html, 0).x1, ["data 2.0000", "grad −1.5000"]);
  deepEqual(records(html, 1).x1, ["data 2.0000", "grad −1.5000"]);
});

Deno.test("data/torch_lecture.json is what make_torch_lecture.ts makes from the committed PyTorch reference", async () => {
  equal(
    await Deno.readTextFile(
      new URL("../data/torch_lecture.json", import.meta.url),
    ),
    torchLecture(),
  );
});

Deno.test("the video's PyTorch printout is the neuron with b rounded to float32", () => {
  const data = JSON.parse(torchLecture());
  const b = Math.fround(6.8813735870195432);
  const o = Math.tanh(2 * -3 + 0 * 1 + b);
  const local = 1 - o ** 2;
  deepEqual(data.video, {
    o,
    "x2.grad": local * 1,
    "w2.grad": local * 0,
    "x1.grad": local * -3,
    "w1.grad": local * 2,
  });
});

Deno.test("chapter 7 puts PyTorch's numbers next to ours, and they agree to 15 significant digits", async () => {
  const { html } = await get("/learn/pytorch");
  const rows = [...html.matchAll(
    /<tr data-quantity="([\w.]+)"><th scope="row">[^<]+<\/th><td class="torch-value">([^<]+)<\/td><td class="ours">([^<]+)<\/td>/g,
  )].map((m) => [m[1], Number(m[2]), Number(m[3])] as const);
  equal(rows.length, 11); // o and 5 grads, L and 4 grads
  const torch = ["tanh neuron", "lecture L = (a*b + c)*f"].flatMap((name) => {
    const r = reference.results.find((r) => r.name === name)!;
    return [r.data, ...Object.values(r.grads)];
  });
  deepEqual(rows.map(([, t]) => t), torch);
  for (const [quantity, t, ours] of rows) {
    ok(
      Math.abs(t - ours) <= 1e-15 * Math.max(1, Math.abs(t)),
      `${quantity}: ${t} vs ${ours}`,
    );
  }
  ok(html.includes("0.7071066904050358")); // the video's o
});

Deno.test("chapter 8 shows the four examples, the untrained loss of seed 42, and the trainer", async () => {
  let { html } = await get("/learn/mlp");
  const loss = lectureLoss(lectureModel(42)).loss;
  ok(html.includes(`<output id="initial-loss">${fixed(loss)}</output>`));
  ok(text(html).includes("[2, 3, -1]1"));
  ok(text(html).includes("[3, -1, 0.5]-1"));
  ok(html.includes('data-island="MlpTrainer"'));
  ({ html } = await get("/learn/mlp?seed=7"));
  ok(html.includes(fixed(lectureLoss(lectureModel(7)).loss)));
  equal((await get("/learn/mlp?seed=-1")).res.status, 400);
});

Deno.test("?embed drops the site's header and footer, keeps ?embed in the course's links, and lets any site frame the page", async () => {
  const { res, html } = await get("/learn/backprop?embed");
  equal(res.status, 200);
  ok(!html.includes('<header class="site">'));
  ok(!html.includes('<footer class="site">'));
  ok(html.includes('<main class="embedded">'));
  ok(html.includes('<a href="/learn/neuron?embed=" rel="next">'));
  equal(res.headers.get("X-Frame-Options"), null);
  ok(res.headers.get("Content-Security-Policy")!.includes("frame-ancestors *"));
  const plain = await get("/learn/backprop");
  ok(plain.html.includes('<header class="site">'));
  equal(plain.res.headers.get("X-Frame-Options"), "DENY");
});

Deno.test("/embed shows the snippet with this host's address and the element", async () => {
  const { res, html } = await get("/embed");
  equal(res.status, 200);
  ok(html.includes(
    "&lt;script type=&quot;module&quot; src=&quot;http://localhost/embed.js&quot;>&lt;/script>",
  ));
  ok(
    html.includes('<gradviz-graph program="a = 2; b = -3; L = a*b" controls>'),
  );
  ok(html.includes('<script type="module" src="/embed.js"></script>'));
});

Deno.test("/embed.js is a module for any site, with Viz.js in a chunk it imports only when drawing", async () => {
  const { res, html: js } = await get("/embed.js");
  equal(res.status, 200);
  equal(res.headers.get("Content-Type"), "text/javascript; charset=utf-8");
  equal(res.headers.get("Access-Control-Allow-Origin"), "*");
  equal(res.headers.get("Cross-Origin-Resource-Policy"), "cross-origin");
  ok(js.includes('customElements.define("gradviz-graph"'));
  const lazy = [...js.matchAll(/import\("\.(\/embed\/[^"]+\.js)"\)/g)].map((
    m,
  ) => m[1]);
  equal(new Set(lazy).size, 1);
  ok(js.length < 60_000, `the entry is ${js.length} bytes`);
  const viz = await get(lazy[0]);
  equal(viz.res.status, 200);
  equal(
    viz.res.headers.get("Cache-Control"),
    "public, max-age=31536000, immutable",
  );
  equal(viz.res.headers.get("Access-Control-Allow-Origin"), "*");
  ok(
    viz.html.length > 1_000_000,
    "the lazy chunk holds Graphviz's WebAssembly",
  );
  const again = await get("/embed.js", {
    headers: { "If-None-Match": res.headers.get("ETag")! },
  });
  equal(again.res.status, 304);
  equal((await get("/embed/nope.js")).res.status, 404);
});
