import { deepEqual, equal, ok, rejects } from "node:assert/strict";
import { MLP, seededRandom, Value } from "../mod.ts";
import { DEFAULT_MAX_NODES, renderSvg } from "../src/draw/render.ts";
import { nodeByLabel, svgNodes, unescapeXml } from "./_svg.ts";
import { lectureL } from "./_lecture.ts";

// The lecture's first graph, after L.backward().
function backPropagatedL(): Value {
  const { L } = lectureL();
  L.backward();
  return L;
}

Deno.test("renderSvg() draws the lecture's L graph with its data and grads", async () => {
  const svg = await renderSvg(backPropagatedL());
  const nodes = svgNodes(svg);
  // The lecture's numbers: a.grad = -2 * -3 = 6, b.grad = -2 * 2 = -4, ...
  deepEqual(nodeByLabel(nodes, "a"), ["a", "data 2.0000", "grad 6.0000"]);
  deepEqual(nodeByLabel(nodes, "b"), ["b", "data −3.0000", "grad −4.0000"]);
  deepEqual(nodeByLabel(nodes, "c"), ["c", "data 10.0000", "grad −2.0000"]);
  deepEqual(nodeByLabel(nodes, "e"), ["e", "data −6.0000", "grad −2.0000"]);
  deepEqual(nodeByLabel(nodes, "d"), ["d", "data 4.0000", "grad −2.0000"]);
  deepEqual(nodeByLabel(nodes, "f"), ["f", "data −2.0000", "grad 4.0000"]);
  deepEqual(nodeByLabel(nodes, "L"), ["L", "data −8.0000", "grad 1.0000"]);
  // Seven values and three operations, with toDot's ids in trace order
  // (a, b, e, c, d, f, L: children first), so e, d and L have op nodes.
  deepEqual(
    [...nodes.keys()].sort(),
    ["n0", "n1", "n2", "n3", "n4", "n5", "n6", "n2_op", "n4_op", "n6_op"]
      .sort(),
  );
  deepEqual(nodes.get("n2"), nodeByLabel(nodes, "e"));
  ok(svg.includes('<g id="n0" class="node">'));
  deepEqual(nodes.get("n6_op"), ["*"]);
});

Deno.test("renderSvg() returns an inlinable SVG element without prolog or DOCTYPE", async () => {
  const svg = await renderSvg(backPropagatedL());
  ok(svg.startsWith("<svg "), svg.slice(0, 40));
  equal(svg.trimEnd().endsWith("</svg>"), true);
  ok(!svg.includes("<?xml"));
  ok(!svg.includes("<!DOCTYPE"));
});

Deno.test("renderSvg() draws DOT text as given", async () => {
  const svg = await renderSvg('digraph { a [id="a"]; b [id="b"]; a -> b }');
  deepEqual([...svgNodes(svg).entries()], [["a", ["a"]], ["b", ["b"]]]);
});

Deno.test("renderSvg() rejects DOT that Graphviz cannot parse with Graphviz's message", async () => {
  await rejects(renderSvg("digraph { a -> }"), (error: Error) => {
    equal(error.constructor, Error);
    equal(
      error.message,
      "Cannot render graph: Graphviz says: syntax error in line 1 near '}'",
    );
    return true;
  });
  await rejects(
    renderSvg("graph { a -> b }"),
    /syntax error in line 1 near '->'/,
  );
  await rejects(renderSvg(""), /^Error: Cannot render graph: Graphviz says: /);
});

Deno.test("renderSvg() draws hostile labels as text, without extra nodes", async () => {
  const labels = [
    '}"|<x>\\',
    "first line\nsecond line",
    "\\N \\G \\l",
    "<script>alert(1)</script>",
    '"]; evil [label="x", shape=box]; n0 -> evil [label="',
    "{ a | b }",
  ];
  const leaves = labels.map((label, i) => new Value(i, { label }));
  let root = leaves[0];
  for (const leaf of leaves.slice(1)) root = root.add(leaf);
  root.label = "root";
  root.backward();
  const svg = await renderSvg(root);
  ok(!svg.includes("<script"));
  const nodes = svgNodes(svg);
  // Six leaves, five sums and their five "+" operations: nothing more.
  equal(nodes.size, 16);
  for (const [i, label] of labels.entries()) {
    // Control characters such as newlines become spaces.
    deepEqual(nodeByLabel(nodes, label.replace("\n", " ")), [
      label.replace("\n", " "),
      `data ${i}.0000`,
      "grad 1.0000",
    ]);
  }
  // The raw text too: the label is one XML-escaped <text>, never markup.
  ok(svg.includes(">}&quot;|&lt;x&gt;\\</text>"));
  equal(unescapeXml("&lt;script&gt;"), "<script>");
});

Deno.test("renderSvg() refuses a graph over maxNodes, saying how big it is", async () => {
  const model = new MLP(2, [16, 16, 1], { random: seededRandom(1) });
  const x = [new Value(2), new Value(-1)];
  const [out] = model.forward(x);
  // Values: 2 inputs; per first-layer neuron 2 w, b, 2 products, 2 sums and
  // tanh (8); per second-layer neuron 16 w, b, 16 products, 16 sums and tanh
  // (50); the output neuron the same (50). Each non-leaf adds an op node.
  const values = 2 + 16 * 8 + 16 * 50 + 50;
  const ops = 16 * 5 + 16 * 33 + 33;
  equal(values + ops, 1621);
  await rejects(renderSvg(out), (error: Error) => {
    ok(error instanceof RangeError);
    equal(
      error.message,
      `Cannot render graph: it has 1621 nodes, more than maxNodes (${DEFAULT_MAX_NODES}); ` +
        "draw a network neuron by neuron with networkToDot() or raise maxNodes",
    );
    return true;
  });
});

Deno.test("renderSvg() draws a graph up to maxNodes, which can be raised", async () => {
  const model = new MLP(2, [4, 4, 1], { random: seededRandom(1) });
  const [out] = model.forward([new Value(2), new Value(-1)]);
  // 2 + 4 * 8 + 4 * 14 + 14 values and 4 * 5 + 4 * 9 + 9 ops
  const count = 104 + 65;
  ok(count <= DEFAULT_MAX_NODES);
  await renderSvg(out);
  await rejects(renderSvg(out, { maxNodes: count - 1 }), /has 169 nodes/);
  equal(svgNodes(await renderSvg(out, { maxNodes: count })).size, count);
});

Deno.test("renderSvg() rejects inputs of the wrong type or out of range", async () => {
  // @ts-expect-error: a number is neither a Value nor DOT text
  await rejects(renderSvg(42), TypeError);
  // @ts-expect-error: maxNodes is a number
  await rejects(renderSvg(new Value(1), { maxNodes: "10" }), TypeError);
  await rejects(renderSvg(new Value(1), { maxNodes: -1 }), RangeError);
  await rejects(renderSvg(new Value(1), { maxNodes: NaN }), RangeError);
  // @ts-expect-error: rankdir is "LR" or "TB"
  await rejects(renderSvg(new Value(1), { rankdir: "RL" }), RangeError);
});

Deno.test("renderSvg() lays a graph out top to bottom with rankdir TB", async () => {
  const a = new Value(1, { label: "a" });
  const b = a.tanh();
  const lr = await renderSvg(b);
  const tb = await renderSvg(b, { rankdir: "TB" });
  const size = (svg: string) =>
    svg.match(/width="(\d+)pt" height="(\d+)pt"/)!.slice(1).map(Number);
  const [lrWidth, lrHeight] = size(lr);
  const [tbWidth, tbHeight] = size(tb);
  ok(lrWidth > lrHeight && tbHeight > lrHeight && tbWidth < lrWidth);
});
