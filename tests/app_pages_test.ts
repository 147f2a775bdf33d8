// /playground, /mlp and /moons through the app's handler, with Request
// objects, and the training behind /mlp and /moons held to the Value engine
// and to micrograd's notebook.
import { deepEqual, equal, ok } from "node:assert/strict";
import { type MLP, Trainer } from "@gradviz/gradviz";
import { createApp } from "../main.ts";
import {
  LECTURE_DATA,
  lectureLoss,
  lectureModel,
} from "../lessons/lecture_mlp.ts";
import { valueEngineLosses } from "./_lecture.ts";
import {
  MOONS_STEPS,
  moonsModel,
  moonsTraining,
  Scorer,
} from "../src/demo/moons.ts";
import { gridAround } from "../src/draw/boundary.ts";
import moons from "../data/moons.json" with { type: "json" };

const app = await createApp();

async function get(path: string, init?: RequestInit) {
  const res = await app.handler(new Request(`http://localhost${path}`, init));
  return { res, html: await res.text() };
}

const playground = (text: string) =>
  `/playground?program=${encodeURIComponent(text)}`;

// The drawn value records, [label, data, grad] each, sorted by label.
function records(html: string): string[][] {
  const svg = html.slice(html.indexOf("<svg"), html.indexOf("</svg>"));
  return [...svg.matchAll(/<g id="n\d+" class="node">([\s\S]*?)<\/g>/g)]
    .map((m) =>
      [...m[1].matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((t) =>
        t[1].replaceAll("&#45;", "-")
      )
    )
    .toSorted((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

// The number in the title (full precision) of the element with this id.
function titleOf(html: string, id: string): number {
  const m = new RegExp(`id="${id}" title="([^"]+)"`).exec(html);
  if (!m) throw new Error(`no element ${id} with a title`);
  return Number(m[1]);
}

// The playground's table: each name's [data, grad], full precision.
function tableRows(html: string): Record<string, [number, number]> {
  return Object.fromEntries(
    [...html.matchAll(
      /<tr data-name="(\w+)">.*?title="([^"]+)".*?title="([^"]+)"/g,
    )]
      .map((m) => [m[1], [Number(m[2]), Number(m[3])]]),
  );
}

// The lecture's loss for a model, in plain numbers: tanh neurons, sum of squares.
function plainLoss(model: MLP): number {
  let loss = 0;
  LECTURE_DATA.inputs.forEach((x, k) => {
    let act: number[] = [...x];
    for (const layer of model.layers) {
      act = layer.neurons.map((n) =>
        Math.tanh(n.w.reduce((s, w, i) => s + w.data * act[i], n.b.data))
      );
    }
    loss += (act[0] - LECTURE_DATA.targets[k]) ** 2;
  });
  return loss;
}

const PAGES = ["/playground", "/mlp", "/moons"];

Deno.test("/playground, /mlp and /moons answer 200 with the security headers and no inline styles or handlers", async () => {
  for (const path of PAGES) {
    const { res, html } = await get(path);
    equal(res.status, 200, path);
    equal(res.headers.get("Content-Type"), "text/html; charset=utf-8");
    const csp = res.headers.get("Content-Security-Policy")!;
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)![1];
    ok(html.includes(`<script type="module" nonce="${nonce}">`), path);
    equal(res.headers.get("X-Content-Type-Options"), "nosniff");
    ok(!/\son[a-z]+=/i.test(html), path);
    ok(!/\sstyle=/i.test(html), path);
    ok(html.includes(`<a href="${path}" aria-current="page"`), path);
  }
});

Deno.test("/playground, /mlp and /moons answer POST with 405", async () => {
  for (const path of PAGES) {
    const { res } = await get(path, { method: "POST", body: "x" });
    equal(res.status, 405, path);
    equal(res.headers.get("Allow"), "GET, HEAD");
  }
});

Deno.test("/playground draws the lecture's expression on the server with the lecture's numbers", async () => {
  const { html } = await get("/playground");
  deepEqual(records(html), [
    ["L", "data −8.0000", "grad 1.0000"],
    ["a", "data 2.0000", "grad 6.0000"],
    ["b", "data −3.0000", "grad −4.0000"],
    ["c", "data 10.0000", "grad −2.0000"],
    ["d", "data 4.0000", "grad −2.0000"],
    ["e", "data −6.0000", "grad −2.0000"],
    ["f", "data −2.0000", "grad 4.0000"],
  ]);
  ok(html.includes('data-island="Playground"'));
  deepEqual(tableRows(html), {
    a: [2, 6],
    b: [-3, -4],
    c: [10, -2],
    f: [-2, 4],
    e: [-6, -2],
    d: [4, -2],
    L: [-8, 1],
  });
  ok(html.includes('<output id="program-output">−8.0000</output>'));
});

Deno.test("/playground runs the program in the query: micrograd's README expression gives micrograd's numbers", async () => {
  const { res, html } = await get(playground(`a = -4; b = 2
c1 = a + b
d1 = a*b + b**3
c2 = c1 + (c1 + 1)
c3 = c2 + (1 + c2 + (-a))
d2 = d1 + (d1*2 + relu(b + a))
d3 = d2 + (3*d2 + relu(b - a))
e = c3 - d3
f = e**2
g1 = f / 2.0
g = g1 + 10.0 / f`));
  equal(res.status, 200);
  const rows = tableRows(html);
  // micrograd's README: g = 24.7041, a.grad = 138.8338, b.grad = 645.5773.
  equal(rows.g[0].toFixed(4), "24.7041");
  equal(rows.a[1].toFixed(4), "138.8338");
  equal(rows.b[1].toFixed(4), "645.5773");
  const g = records(html).find((r) => r[0] === "g")!;
  deepEqual(g, ["g", "data 24.7041", "grad 1.0000"]);
});

Deno.test("/playground answers a program that does not parse with 400 and the error at its line and column", async () => {
  const { res, html } = await get(playground("a = 2\nL = a * z"));
  equal(res.status, 400);
  ok(html.includes('data-line="2" data-col="9"'));
  ok(html.includes("Line 2, column 9: unknown name 'z'"));
  ok(html.includes("L = a * z\n        ^</pre>"));
  // The editor keeps the program, so it can be fixed.
  ok(html.includes('aria-invalid="true"'));
  ok(html.includes(">a = 2\nL = a * z</textarea>"));
});

Deno.test("/playground reads bare CR, CRLF and LF line endings alike", async () => {
  for (const end of ["\n", "\r\n", "\r"]) {
    const { res, html } = await get(
      playground(["a = 2", "b = 3", "L = a*b"].join(end)),
    );
    equal(res.status, 200, JSON.stringify(end));
    ok(html.includes('<output id="program-output">6.0000</output>'));
    // The editor shows the program with new lines.
    ok(html.includes(">a = 2\nb = 3\nL = a*b</textarea>"), JSON.stringify(end));
  }
  const { res, html } = await get(playground("a = 2\rL = a * z"));
  equal(res.status, 400);
  ok(html.includes("L = a * z\n        ^</pre>"));
});

Deno.test("/playground refuses hostile programs with a clear message", async () => {
  const cases: [string, number, string][] = [
    [
      `/playground?program=${"x".repeat(2001)}`,
      400,
      "Invalid query parameter program: longer than 2000 characters",
    ],
    [
      "/playground?program=a%3D1&program=b%3D2",
      400,
      "Invalid query parameter program: given more than once",
    ],
    [
      playground("L = " + "(".repeat(60) + "1" + ")".repeat(60)),
      400,
      "Line 1, column 55: nesting too deep: the limit is 50 levels",
    ],
    [
      playground("x = 1\ny = " + Array(400).fill("x").join(" + ")),
      400,
      "too many nodes: the limit is 300",
    ],
    [
      playground("a = 1\n<script>alert(1)</script>"),
      400,
      "Line 2, column 1: unexpected character '&lt;'",
    ],
    [playground("a = 1\0"), 400, "unexpected character U+0000"],
    [playground(""), 400, "Line 1, column 1: empty program"],
  ];
  for (const [path, status, message] of cases) {
    const { res, html } = await get(path);
    equal(res.status, status, path.slice(0, 80));
    ok(html.includes(message), `${path.slice(0, 80)}: ${message}`);
    ok(!html.includes("<script>alert"), path.slice(0, 80));
  }
});

Deno.test("/playground does not ask Graphviz for layouts that would take minutes, and draws mid-sized ones in a worker", async () => {
  // x used 149 times along a chain: Graphviz takes minutes on it.
  const tangled = await get(
    playground("x = 1\ny = " + Array(149).fill("x").join(" + ")),
  );
  equal(tangled.res.status, 200);
  ok(!tangled.html.includes("<svg"));
  ok(
    tangled.html.includes(
      "Too tangled to draw (layout cost 22053, limit 3000)",
    ),
  );
  ok(tangled.html.includes('<output id="program-output">149.0000</output>'));
  // 30 uses: layout cost 871, drawn in a worker.
  const mid = await get(
    playground("x = 1\ny = " + Array(30).fill("x").join(" + ")),
  );
  deepEqual(records(mid.html).filter((r) => r.length === 3 && r[0].trim()), [
    ["x", "data 1.0000", "grad 30.0000"],
    ["y", "data 30.0000", "grad 1.0000"],
  ]);
});

Deno.test("/mlp draws the seeded network neuron by neuron and shows the lecture's loss for it", async () => {
  const { res, html } = await get("/mlp?seed=42");
  equal(res.status, 200);
  ok(html.includes('data-island="MlpTrainer"'));
  const texts = [...html.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]
  );
  for (const t of ["x0", "data 2.0000", "l0n0", "l2n0", "tanh"]) {
    ok(texts.includes(t), t);
  }
  const loss = titleOf(html, "loss");
  ok(Math.abs(loss - plainLoss(lectureModel(42))) < 1e-12, String(loss));
  // Four predictions against the targets 1, -1, -1, 1.
  equal([...html.matchAll(/class="prediction"/g)].length, 4);
  // Another seed, another network.
  const other = await get("/mlp?seed=7");
  ok(
    Math.abs(titleOf(other.html, "loss") - plainLoss(lectureModel(7))) < 1e-12,
  );
});

Deno.test("/mlp?view=full draws every value of one forward pass", async () => {
  const { res, html } = await get("/mlp?view=full");
  equal(res.status, 200);
  const ops = [...html.matchAll(/<text [^>]*>(tanh|\*|\+)<\/text>/g)];
  // 4 neurons of 3 weights, 4 of 4 and 1 of 4: 32 products, 32 sums, 9 tanh.
  equal(ops.length, 32 + 32 + 9);
  ok(html.includes('aria-pressed="true">Every value'));
});

Deno.test("/mlp with a bad seed or view gets 400 with a message", async () => {
  const cases: [string, string][] = [
    [
      "/mlp?seed=-1",
      "Invalid query parameter seed: &quot;-1&quot; is not a non-negative integer",
    ],
    [
      "/mlp?seed=4.5",
      "Invalid query parameter seed: &quot;4.5&quot; is not a non-negative integer",
    ],
    [
      "/mlp?seed=",
      "Invalid query parameter seed: &quot;&quot; is not a non-negative integer",
    ],
    [
      "/mlp?seed=%3Cb%3E",
      "Invalid query parameter seed: &quot;&lt;b>&quot; is not a non-negative integer",
    ],
    [
      "/mlp?seed=9007199254740992",
      "Invalid query parameter seed: 9007199254740992 is larger than 9007199254740991",
    ],
    [
      `/mlp?seed=${"9".repeat(40)}`,
      "Invalid query parameter seed: longer than 16 characters",
    ],
    [
      "/mlp?seed=1&seed=2",
      "Invalid query parameter seed: given more than once",
    ],
    [
      "/mlp?view=graph",
      "Invalid query parameter view: expected &quot;network&quot; or &quot;full&quot;, got &quot;graph&quot;",
    ],
  ];
  for (const [path, message] of cases) {
    const { res, html } = await get(path);
    equal(res.status, 400, path);
    ok(html.includes(message), `${path}: ${message}`);
  }
  equal((await get("/mlp?seed=9007199254740991")).res.status, 200);
});

Deno.test("/mlp's compiled training steps give the Value engine's losses, bit for bit", () => {
  const model = lectureModel(42);
  const trainer = new Trainer(model, LECTURE_DATA, {
    loss: "mse",
    reduction: "sum",
    learningRate: 0.1,
  });
  const compiled = Array.from({ length: 30 }, () => trainer.step().loss);
  const reference = valueEngineLosses(42, 31, 0.1);
  deepEqual(compiled, reference.slice(0, 30));
  ok(compiled[29] < compiled[0] / 10);
  // After the steps, the page's loss of the trained model is the next step's.
  trainer.sync();
  equal(lectureLoss(model).loss, reference[30]);
});

Deno.test("/moons shows micrograd's step-0 numbers, its points and its boundary", async () => {
  const { res, html } = await get("/moons");
  equal(res.status, 200);
  ok(html.includes('data-island="MoonsTrainer"'));
  ok(html.includes("before training (step 0)"));
  ok(html.includes('<output id="moons-loss">0.8958441028683222</output>'));
  ok(html.includes('<span id="moons-accuracy">50%</span>'));
  const plot = html.slice(html.indexOf('<svg class="moons-plot"'));
  equal([...plot.matchAll(/<circle class="point-(pos|neg)"/g)].length, 100);
  // Untrained, the model scores every point (and cell) below 0: accuracy 50%.
  ok(
    plot.includes('class="region-neg"') && !plot.includes('class="region-pos"'),
  );
});

Deno.test("training as /moons does reaches micrograd's step-99 numbers, and its boundary agrees with the Value engine", () => {
  const data = { inputs: moons.X, targets: moons.y };
  const trainer = new Trainer(moonsModel(moons.params), data, moonsTraining());
  let last;
  for (let k = 0; k < MOONS_STEPS; k++) last = trainer.step();
  // micrograd's demo.ipynb: step 99 loss 0.010978370135492717, accuracy 100%.
  deepEqual(last, {
    step: 99,
    loss: 0.010978370135492717,
    accuracy: 1,
    learningRate: 1 - 0.9 * 99 / 100,
  });
  trainer.sync();
  const model = trainer.parameters;
  const grid = gridAround(moons.X, 0.25);
  const scorer = new Scorer(moonsModel());
  scorer.load(model.map((p) => p.data));
  const signs = scorer.signs(grid);
  const reference = moonsModel(model.map((p) => p.data));
  let expected = "";
  for (let j = 0; j < grid.rows; j++) {
    for (let i = 0; i < grid.cols; i++) {
      const x = [
        grid.x0 + (i + 0.5) * grid.size,
        grid.y0 + (j + 0.5) * grid.size,
      ];
      expected += reference.forward(x)[0].data > 0 ? "+" : "-";
    }
  }
  equal(signs, expected);
  ok(signs.includes("+") && signs.includes("-"));
});

Deno.test("/playground, /mlp and /moons ship under 40 KB gzip of initial JavaScript", async () => {
  for (const path of PAGES) {
    const { html } = await get(path);
    const urls = [
      ...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g),
    ]
      .map((m) => m[1]);
    let total = 0;
    for (const url of urls) {
      const file = app.bundle.files.get(url)!;
      ok(file.contents.byteLength < 200_000, `${url} is not Viz.js`);
      const stream = new Blob([file.contents as Uint8Array<ArrayBuffer>])
        .stream()
        .pipeThrough(new CompressionStream("gzip"));
      total += (await new Response(stream).arrayBuffer()).byteLength;
    }
    ok(total > 0 && total < 40_000, `${path}: ${total} bytes gzip`);
  }
});
