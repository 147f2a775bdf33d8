/**
 * The lecture's neuron with tanh written out: o = (e - 1) / (e + 1) with
 * e = exp(2n). The graph is longer; the gradients at the leaves are those of
 * `examples/neuron.ts`.
 *
 *     deno run examples/decomposed_tanh.ts
 *     deno run --allow-write examples/decomposed_tanh.ts --svg decomposed.svg
 *
 * @module
 */
import { Value } from "../mod.ts";
import { printTable, svgFile, writeSvg } from "./_cli.ts";

const file = svgFile("decomposed_tanh.ts");

const x1 = new Value(2.0, { label: "x1" });
const x2 = new Value(0.0, { label: "x2" });
const w1 = new Value(-3.0, { label: "w1" });
const w2 = new Value(1.0, { label: "w2" });
const b = new Value(6.8813735870195432, { label: "b" });
const x1w1 = x1.mul(w1);
x1w1.label = "x1*w1";
const x2w2 = x2.mul(w2);
x2w2.label = "x2*w2";
const x1w1x2w2 = x1w1.add(x2w2);
x1w1x2w2.label = "x1*w1 + x2*w2";
const n = x1w1x2w2.add(b);
n.label = "n";
// ----
const e = n.mul(2).exp();
e.label = "e";
const o = e.sub(1).div(e.add(1));
// ----
o.label = "o";
console.log(
  `n = ${n.data.toFixed(4)}, e = exp(2n) = ${
    e.data.toFixed(4)
  }, o = (e - 1) / (e + 1) = ${o.data.toFixed(4)}`,
);

o.backward();
console.log("after o.backward():");
printTable([x1, w1, x2, w2, b, x1w1, x2w2, x1w1x2w2, n, e, o]);
await writeSvg(o, file);
