/**
 * gradviz: a scalar autograd engine in the style of micrograd, with its
 * graphs drawn.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { Value } from "@gradviz/gradviz";
 *
 * const a = new Value(2, { label: "a" });
 * const b = new Value(-3, { label: "b" });
 * const L = a.mul(b);
 * L.backward();
 * deepEqual([L.data, a.grad, b.grad], [-6, -3, 2]);
 * ```
 *
 * @module
 */
export { topologicalOrder, Value, type ValueOptions } from "./src/value.ts";
export * from "./src/graph.ts";
export * from "./src/random.ts";
export * from "./src/nn.ts";
export * from "./src/compile.ts";
export * from "./src/train.ts";
export * from "./src/network_dot.ts";
export * from "./src/expr.ts";
