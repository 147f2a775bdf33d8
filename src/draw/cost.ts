/**
 * How hard a graph is for Graphviz to lay out, before asking it:
 * {@linkcode layoutCost} and the limit both the CLI and the web app keep to,
 * {@linkcode MAX_LAYOUT_COST}.
 *
 * @module
 */
import { topologicalOrder, type Value } from "../engine/value.ts";

/**
 * The most layout work gradviz asks of Graphviz unless told otherwise, as
 * counted by {@linkcode layoutCost}. Graphviz's time grows much faster than
 * the node count when a value is used far from where it was made
 * (`y = x + x + … + x` with 149 terms takes minutes), so the playground does
 * not draw bigger graphs and the CLI refuses them without `--force` or
 * `--max-cost`.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { layoutCost, MAX_LAYOUT_COST, parseProgram } from "@gradviz/gradviz";
 *
 * const { root } = parseProgram("x = 1\ny = " + Array(149).fill("x").join(" + "));
 * ok(layoutCost(root) > MAX_LAYOUT_COST);
 * ```
 */
export const MAX_LAYOUT_COST = 3000;

/**
 * An estimate of the work of laying out `root`'s drawing with Graphviz's
 * `dot`: its nodes (values and operations) plus the virtual nodes that
 * route edges across ranks. Graphviz ranks nodes to keep edges short, so
 * this takes the better of two rankings: by longest path from the leaves
 * (every node as early as it can be) and by longest path from the root
 * (every node as late as it can be, so a constant sits beside its one use).
 * A chain or a tree costs its node count; a value used far from where it
 * was made costs the ranks its edges cross.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { layoutCost, Value } from "@gradviz/gradviz";
 *
 * const x = new Value(1);
 * equal(layoutCost(x.mul(x)), 3); // x, the product and its op node
 * let y = x.add(x);
 * for (let i = 0; i < 9; i++) y = y.add(x); // x feeds ranks 1, 3, 5, …
 * equal(layoutCost(y), 111); // 10 values + 10 ops + 1 leaf, and 2 + 4 + … + 18 virtual nodes
 * let z = x;
 * for (let i = 0; i < 10; i++) z = z.mul(2).add(1); // a chain: each constant beside its use
 * equal(layoutCost(z), 61); // 21 values + 20 ops + 20 constants, no virtual nodes
 * ```
 */
export function layoutCost(root: Value): number {
  const nodes = topologicalOrder(root);
  const operands = new Map(nodes.map((n) => [n, [...new Set(n.children)]]));
  let drawn = 0;
  for (const node of nodes) drawn += node.op === "" ? 1 : 2;
  // Each edge runs from an operand to its user's op node, one rank below the user.
  const crossed = (rank: Map<Value, number>) => {
    let virtual = 0;
    for (const node of nodes) {
      for (const c of operands.get(node)!) {
        virtual += rank.get(node)! - 1 - rank.get(c)! - 1;
      }
    }
    return virtual;
  };
  const early = new Map<Value, number>();
  for (const node of nodes) {
    const from = operands.get(node)!.map((c) => early.get(c)!);
    early.set(node, from.length === 0 ? 0 : 2 + Math.max(...from));
  }
  // Ranks counted down from the root, made comparable by negating them.
  const late = new Map<Value, number>([[root, 0]]);
  for (const node of nodes.toReversed()) {
    const op = late.get(node)! - 1;
    for (const c of operands.get(node)!) {
      late.set(c, Math.min(late.get(c) ?? op - 1, op - 1));
    }
  }
  return drawn + Math.min(crossed(early), crossed(late));
}
