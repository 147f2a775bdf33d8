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
 * route edges across ranks, with ranks by longest path from the leaves.
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
 * ```
 *
 * @param root The graph's output.
 * @returns The estimate: about one unit per node Graphviz places.
 */
export function layoutCost(root: Value): number {
  const rank = new Map<Value, number>();
  let cost = 0;
  for (const node of topologicalOrder(root)) {
    if (node.op === "") {
      rank.set(node, 0);
      cost += 1;
      continue;
    }
    const operands = [...new Set(node.children)];
    const op = 1 + Math.max(...operands.map((c) => rank.get(c)!));
    rank.set(node, op + 1);
    cost += 2;
    for (const c of operands) cost += op - rank.get(c)! - 1;
  }
  return cost;
}
