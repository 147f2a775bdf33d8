/**
 * `backward()` one node at a time: {@linkcode backwardSteps} lists, in the
 * order `backward()` finishes them (reverse topological order), each node's
 * grad as the chain rule makes it: a sum over the node's uses of local
 * derivative × upstream grad.
 *
 * @module
 */
import { nodeId, topologicalOrder, type Value } from "@gradviz/gradviz";

/** One use of a node: a parent that has it as an operand. */
export interface ChainTerm {
  /** The parent's label (its id if it has none). */
  parent: string;
  /** The parent's id in the drawing: the gradient flows along the edge from the node to `${parentId}_op`. */
  parentId: string;
  /** d(parent)/d(node): the local derivative. */
  local: number;
  /** d(root)/d(parent): the upstream grad. */
  upstream: number;
}

/** One step of the backward pass. */
export interface BackwardStep {
  /** The node's id in the drawing (`n3`). */
  id: string;
  /** Its label (its id if it has none). */
  label: string;
  /** Its grad: 1 for the root, else the sum of local × upstream over `terms`. */
  grad: number;
  /** The chain rule's terms, one per use of the node (none for the root). */
  terms: ChainTerm[];
}

/**
 * The steps of `root.backward()`, root first, for a graph already
 * back-propagated: at each step every parent of the node is done, so its
 * grad is final.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { Value } from "@gradviz/gradviz";
 * import { backwardSteps } from "./backward_steps.ts";
 *
 * const a = new Value(2, { label: "a" });
 * const b = new Value(-3, { label: "b" });
 * const c = a.mul(b);
 * c.label = "c";
 * c.backward();
 * deepEqual(backwardSteps(c), [
 *   { id: "n2", label: "c", grad: 1, terms: [] },
 *   { id: "n1", label: "b", grad: 2, terms: [{ parent: "c", parentId: "n2", local: 2, upstream: 1 }] },
 *   { id: "n0", label: "a", grad: -3, terms: [{ parent: "c", parentId: "n2", local: -3, upstream: 1 }] },
 * ]);
 * ```
 */
export function backwardSteps(root: Value): BackwardStep[] {
  const nodes = topologicalOrder(root);
  const ids = new Map(nodes.map((node, i) => [node, nodeId(i)]));
  const name = (node: Value) => node.label || ids.get(node)!;
  const terms = new Map<Value, ChainTerm[]>(nodes.map((n) => [n, []]));
  for (const parent of nodes) {
    const locals = parent.localGrads;
    parent.children.forEach((child, i) => {
      terms.get(child)!.push({
        parent: name(parent),
        parentId: ids.get(parent)!,
        local: locals[i],
        upstream: parent.grad,
      });
    });
  }
  return nodes.toReversed().map((node) => ({
    id: ids.get(node)!,
    label: name(node),
    grad: node.grad,
    terms: terms.get(node)!,
  }));
}
