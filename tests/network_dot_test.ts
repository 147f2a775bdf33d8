import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { MLP, networkToDot, numberText, seededRandom, Value } from "../mod.ts";
import { renderSvg } from "../src/draw/render.ts";
import { svgNodes, unescapeXml } from "./_svg.ts";

interface Edge {
  id: string;
  from: string;
  to: string;
  tooltip: string;
  color: string;
  width: number;
}

function svgEdges(svg: string): Edge[] {
  const edge =
    /<g id="([^"]*)" class="edge (?:pos|neg)">\s*<title>([^<]*)<\/title>\s*<g id="[^"]*"><a xlink:title="([^"]*)">\s*<path fill="none" stroke="([^"]*)"(?: stroke-width="([^"]*)")?/g;
  return [...svg.matchAll(edge)].map(([, id, title, tooltip, color, width]) => {
    const [from, to] = unescapeXml(title).split("->").map((end) =>
      end.replace(/:[ewns]$/, "")
    );
    return {
      id,
      from,
      to,
      tooltip: unescapeXml(tooltip),
      color,
      width: Number(width ?? 1), // Graphviz omits the default width
    };
  });
}

const fixed = numberText;

// The lecture's neuron (x1 = 2, x2 = 0, w1 = -3, w2 = 1, b = 6.88…) as an MLP(2, [1]).
function lectureNeuron(): MLP {
  const model = new MLP(2, [1]);
  const [w1, w2, b] = model.parameters();
  [w1.data, w2.data, b.data] = [-3, 1, 6.8813735870195432];
  return model;
}

Deno.test("networkToDot() draws one node per input and per neuron, with stable ids", async () => {
  const model = new MLP(3, [4, 4, 1], { random: seededRandom(1) });
  const svg = await renderSvg(networkToDot(model));
  const nodes = svgNodes(svg);
  deepEqual(
    [...nodes.keys()].sort(),
    [
      "x0",
      "x1",
      "x2",
      "l0n0",
      "l0n1",
      "l0n2",
      "l0n3",
      "l1n0",
      "l1n1",
      "l1n2",
      "l1n3",
      "l2n0",
    ].sort(),
  );
  const neuron = model.layers[1].neurons[2];
  deepEqual(nodes.get("l1n2"), ["l1n2", "tanh", `b ${fixed(neuron.b.data)}`]);
  deepEqual(nodes.get("x1"), ["x1"]);
  // One edge per weight: 3 * 4 + 4 * 4 + 4 * 1.
  const edges = svgEdges(svg);
  equal(edges.length, 32);
  const w = edges.find((e) => e.id === "l1n2_w3")!;
  deepEqual([w.from, w.to], ["l0n3", "l1n2"]);
  equal(w.tooltip, `w ${fixed(neuron.w[3].data)} grad 0.0000`);
  equal(networkToDot(model), networkToDot(model));
});

Deno.test("networkToDot() colours each weight by its sign and widens it by its size", async () => {
  const model = new MLP(3, [4, 4, 1], { random: seededRandom(2) });
  const weights = new Map<string, number>();
  model.layers.forEach((layer, l) =>
    layer.neurons.forEach((neuron, n) =>
      neuron.w.forEach((w, i) => weights.set(`l${l}n${n}_w${i}`, w.data))
    )
  );
  const widest = Math.max(...[...weights.values()].map(Math.abs));
  for (const edge of svgEdges(await renderSvg(networkToDot(model)))) {
    const w = weights.get(edge.id)!;
    equal(edge.color, w < 0 ? "#d62728" : "#1f77b4");
    ok(Math.abs(edge.width - (0.5 + 2.5 * Math.abs(w) / widest)) < 0.01);
  }
});

Deno.test("networkToDot() shows the lecture neuron's data and grads for an input", async () => {
  const model = lectureNeuron();
  model.parameters()[0].grad = 7; // left as it was
  const nodes = svgNodes(
    await renderSvg(networkToDot(model, { x: [2, new Value(0)] })),
  );
  // o = tanh(0.8813…) = 0.7071; do/dn = 1 - o**2 = 0.5, so
  // do/dx1 = w1 * 0.5 = -1.5 and do/dx2 = w2 * 0.5 = 0.5.
  deepEqual(nodes.get("l0n0"), [
    "l0n0",
    "tanh",
    "b 6.8814",
    "data 0.7071",
    "grad 1.0000",
  ]);
  deepEqual(nodes.get("x0"), ["x0", "data 2.0000", "grad −1.5000"]);
  deepEqual(nodes.get("x1"), ["x1", "data 0.0000", "grad 0.5000"]);
  deepEqual(model.parameters().map((p) => p.grad), [7, 0, 0]);
});

Deno.test("networkToDot() gives each hidden neuron its output and d(output)/d(neuron)", () => {
  const model = new MLP(2, [3, 1], { random: seededRandom(3) });
  const x = [0.5, -1.5];
  const dot = networkToDot(model, { x });
  // By hand: h = tanh(b + w·x) per hidden neuron, out = tanh(b + v·h).
  const act = (b: Value, w: Value[], inputs: number[]) =>
    Math.tanh(b.data + w.reduce((s, wi, i) => s + wi.data * inputs[i], 0));
  const hidden = model.layers[0].neurons.map((n) => act(n.b, n.w, x));
  const top = model.layers[1].neurons[0];
  const out = act(top.b, top.w, hidden);
  const dOut = 1 - out * out;
  hidden.forEach((h, j) => {
    const grad = dOut * top.w[j].data;
    ok(
      dot.includes(`data ${fixed(h)} | grad ${fixed(grad)} }`),
      `l0n${j}: data ${fixed(h)} grad ${fixed(grad)}`,
    );
  });
  x.forEach((xi, i) => {
    const grad = hidden.reduce(
      (s, h, j) =>
        s + dOut * top.w[j].data * (1 - h * h) *
          model.layers[0].neurons[j].w[i].data,
      0,
    );
    ok(dot.includes(`{ x${i} | data ${fixed(xi)} | grad ${fixed(grad)} }`));
  });
  ok(dot.includes(`data ${fixed(out)} | grad 1.0000 }`));
});

Deno.test("networkToDot() sums the outputs of a network with several", () => {
  const model = new MLP(1, [2], { activation: "linear" });
  const [w0, b0, w1, b1] = model.parameters();
  [w0.data, b0.data, w1.data, b1.data] = [2, 0, -5, 1];
  // d(2x + (-5x + 1))/dx = -3
  ok(
    networkToDot(model, { x: [1] }).includes(
      "{ x0 | data 1.0000 | grad −3.0000 }",
    ),
  );
});

Deno.test("networkToDot() draws MLP(2, [16, 16, 1]) in 35 nodes and 304 edges", async () => {
  const model = new MLP(2, [16, 16, 1], { random: seededRandom(1) });
  const svg = await renderSvg(networkToDot(model, { x: [2, -1] }));
  equal(svgNodes(svg).size, 2 + 16 + 16 + 1);
  equal(svgEdges(svg).length, 2 * 16 + 16 * 16 + 16);
});

Deno.test("networkToDot() lays out top to bottom with rankdir TB", () => {
  const dot = networkToDot(lectureNeuron(), { rankdir: "TB" });
  ok(dot.includes("rankdir=TB"));
  ok(dot.includes("tailport=s, headport=n"));
});

Deno.test("networkToDot() rejects a model that is not an MLP, a wrong input or rankdir", () => {
  throws(
    // @ts-expect-error: not an MLP
    () => networkToDot({ layers: [] }),
    { name: "TypeError", message: "Cannot draw network: model must be an MLP" },
  );
  throws(() => networkToDot(lectureNeuron(), { x: [1, 2, 3] }), {
    name: "RangeError",
    message: "Cannot draw network: expected 2 inputs, got 3",
  });
  // @ts-expect-error: rankdir is "LR" or "TB"
  throws(() => networkToDot(lectureNeuron(), { rankdir: "BT" }), RangeError);
});
