/**
 * The shape of a computation graph: {@linkcode trace} lists its nodes and
 * edges. Drawing it is `src/draw/`'s business (`toDot`).
 *
 * @module
 */
import { topologicalOrder, type Value } from "./value.ts";

/** A graph's nodes and its (child, parent) edges, as {@linkcode trace} returns them. */
export interface Graph {
  /** Every node once, children before parents. */
  nodes: Value[];
  /** Every (child, parent) edge once, in the order of `nodes` then operands. */
  edges: [Value, Value][];
}

/**
 * Every node and every (child, parent) edge below `root`, each once, in a
 * deterministic order: nodes children first (the order `backward()` reverses),
 * edges by parent in that order, then by operand.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { trace, Value } from "@gradviz/gradviz";
 *
 * const a = new Value(3, { label: "a" });
 * const b = a.add(a);
 * const { nodes, edges } = trace(b);
 * deepEqual(nodes, [a, b]);
 * deepEqual(edges, [[a, b]]); // a + a: one edge
 * ```
 */
export function trace(root: Value): Graph {
  const nodes = topologicalOrder(root);
  const edges: [Value, Value][] = [];
  for (const node of nodes) {
    const [x, y] = node.children;
    if (x) edges.push([x, node]);
    if (y && y !== x) edges.push([y, node]);
  }
  return { nodes, edges };
}
