/**
 * The shape of a computation graph: {@linkcode trace} lists it and
 * {@linkcode toDot} writes it as Graphviz DOT in the lecture's `draw_dot`
 * style.
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

/** Options for {@linkcode toDot}. */
export interface ToDotOptions {
  /** Layout direction: left to right as in the lecture (default), or top to bottom. */
  rankdir?: "LR" | "TB";
}

// Characters that DOT's record labels treat as syntax, plus the quote and
// backslash of DOT strings: each is escaped with a backslash.
const RECORD_SPECIAL = /[{}|<>"\\]/g;
// Control characters (newlines included) would break a line of DOT.
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

function recordText(s: string): string {
  return s.replace(CONTROL, " ").replace(RECORD_SPECIAL, "\\$&");
}

function quoted(s: string): string {
  return `"${s.replace(CONTROL, " ").replace(/["\\]/g, "\\$&")}"`;
}

/**
 * Graphviz DOT for the graph below `root`, drawn like the lecture's
 * `draw_dot`: one `record` node per value, `{ label | data 2.0000 | grad
 * 6.0000 }`, and one small node per operation, with edges child → op →
 * result. Node ids are `n0`, `n1`, … in {@linkcode trace} order (op nodes
 * `n3_op`), so the same graph always gives the same text; each also becomes
 * the `id` of its SVG group. Labels are escaped, so no label can break out of
 * its record.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { toDot, Value } from "@gradviz/gradviz";
 *
 * const a = new Value(2, { label: "a" });
 * const b = a.tanh();
 * b.label = "b";
 * equal(
 *   toDot(b),
 *   `digraph {
 *   graph [rankdir=LR]
 *   node [shape=record]
 *   n0 [id="n0", label="{ a | data 2.0000 | grad 0.0000 }"]
 *   n1 [id="n1", label="{ b | data 0.9640 | grad 0.0000 }"]
 *   n1_op [id="n1_op", label="tanh", shape=ellipse]
 *   n1_op -> n1
 *   n0 -> n1_op
 * }
 * `,
 * );
 * ```
 */
export function toDot(root: Value, options: ToDotOptions = {}): string {
  const rankdir = options.rankdir ?? "LR";
  if (rankdir !== "LR" && rankdir !== "TB") {
    throw new RangeError(
      `Cannot write DOT: rankdir must be "LR" or "TB", got ${
        JSON.stringify(rankdir)
      }`,
    );
  }
  const { nodes, edges } = trace(root);
  const ids = new Map<Value, string>();
  nodes.forEach((node, i) => ids.set(node, `n${i}`));
  const lines = [
    "digraph {",
    `  graph [rankdir=${rankdir}]`,
    "  node [shape=record]",
  ];
  for (const node of nodes) {
    const id = ids.get(node)!;
    const label = `{ ${recordText(node.label)} | data ${
      node.data.toFixed(4)
    } | grad ${node.grad.toFixed(4)} }`;
    // recordText has already escaped the quote and backslash: no second pass.
    lines.push(`  ${id} [id="${id}", label="${label}"]`);
    if (node.op) {
      lines.push(
        `  ${id}_op [id="${id}_op", label=${quoted(node.op)}, shape=ellipse]`,
        `  ${id}_op -> ${id}`,
      );
    }
  }
  for (const [child, parent] of edges) {
    lines.push(`  ${ids.get(child)} -> ${ids.get(parent)}_op`);
  }
  lines.push("}", "");
  return lines.join("\n");
}
