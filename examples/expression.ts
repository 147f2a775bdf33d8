/**
 * The lecture's first expression, step by step: L = (a*b + c) * f, its
 * gradients, and one small step against them.
 *
 *     deno run examples/expression.ts
 *     deno run --allow-write examples/expression.ts --svg L.svg
 *
 * @module
 */
import { Value } from "../mod.ts";
import { printTable, svgFile, writeSvg } from "./_cli.ts";

const file = svgFile("expression.ts");

const a = new Value(2.0, { label: "a" });
const b = new Value(-3.0, { label: "b" });
const c = new Value(10.0, { label: "c" });
const e = a.mul(b);
e.label = "e";
const d = e.add(c);
d.label = "d";
const f = new Value(-2.0, { label: "f" });
const L = d.mul(f);
L.label = "L";
console.log(`L = (a*b + c) * f = ${L.data}`);

L.backward();
console.log("after L.backward():");
printTable([a, b, c, e, d, f, L]);
await writeSvg(L, file);

// Nudge each leaf a little along its gradient: L goes up, from -8 towards 0.
for (const leaf of [a, b, c, f]) leaf.data += 0.01 * leaf.grad;
const L2 = a.mul(b).add(c).mul(f);
console.log(`after one step of 0.01 along the gradient: L = ${L2.data}`);
