// Checks shared by the compiled-replay tests: a compiled graph against the
// Value engine, bit for bit.
import { equal, ok } from "node:assert/strict";
import {
  compile,
  type CompiledGraph,
  topologicalOrder,
  type Value,
} from "../mod.ts";

/**
 * Every node of the compiled graph has the data and grad that the Value
 * engine gives it, bit for bit (Object.is: NaN equals NaN, 0 is not -0).
 */
export function assertSameAsEngine(g: CompiledGraph, root: Value): void {
  root.backward();
  const nodes = topologicalOrder(root);
  equal(g.nodes.length, nodes.length);
  for (const node of nodes) {
    ok(
      Object.is(g.data(node), node.data),
      `data ${g.data(node)} vs ${node.data} (${node.op})`,
    );
    ok(
      Object.is(g.grad(node), node.grad),
      `grad ${g.grad(node)} vs ${node.grad} (${node.op})`,
    );
  }
}

/**
 * Compiles the graph `build` makes from the leaf values `first`, sets its
 * leaves to `next`, replays forward and backward, and checks every node
 * against the engine on the graph built from `next` directly.
 */
export function assertReplaysRebuilt<P>(
  build: (values: number[], program: P) => { leaves: Value[]; root: Value },
  first: number[],
  next: number[],
  program: P,
): void {
  const compiled = build(first, program);
  const g = compile(compiled.root);
  const used = new Set(topologicalOrder(compiled.root));
  compiled.leaves.forEach((leaf, i) => used.has(leaf) && g.set(leaf, next[i]));
  g.forward();
  g.backward();
  const rebuilt = build(next, program);
  rebuilt.root.backward();
  const want = topologicalOrder(rebuilt.root);
  const got = topologicalOrder(compiled.root);
  equal(got.length, want.length);
  got.forEach((node, i) => {
    ok(Object.is(g.data(node), want[i].data));
    ok(Object.is(g.grad(node), want[i].grad));
  });
}
