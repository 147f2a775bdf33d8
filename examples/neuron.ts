/**
 * The lecture's neuron, step by step: o = tanh(x1*w1 + x2*w2 + b), its
 * forward pass and its gradients.
 *
 *     deno run examples/neuron.ts
 *     deno run --allow-write examples/neuron.ts --svg neuron.svg
 *
 * @module
 */
import { Value } from "../mod.ts";
import { printTable, svgFile, writeSvg } from "./_cli.ts";

const file = svgFile("neuron.ts");

// inputs x1,x2
const x1 = new Value(2.0, { label: "x1" });
const x2 = new Value(0.0, { label: "x2" });
// weights w1,w2
const w1 = new Value(-3.0, { label: "w1" });
const w2 = new Value(1.0, { label: "w2" });
// bias of the neuron, chosen so that the numbers come out nice
const b = new Value(6.8813735870195432, { label: "b" });
// x1*w1 + x2*w2 + b
const x1w1 = x1.mul(w1);
x1w1.label = "x1*w1";
const x2w2 = x2.mul(w2);
x2w2.label = "x2*w2";
const x1w1x2w2 = x1w1.add(x2w2);
x1w1x2w2.label = "x1*w1 + x2*w2";
const n = x1w1x2w2.add(b);
n.label = "n";
const o = n.tanh();
o.label = "o";
console.log(`n = ${n.data.toFixed(4)}, o = tanh(n) = ${o.data.toFixed(4)}`);

o.backward();
console.log("after o.backward():");
printTable([x1, w1, x2, w2, b, x1w1, x2w2, x1w1x2w2, n, o]);
await writeSvg(o, file);
