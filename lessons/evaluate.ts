/**
 * Running a lesson: {@linkcode evaluate} builds its graph for some leaf
 * values and back-propagates; {@linkcode numericGrad} checks a leaf's grad by
 * finite differences, and {@linkcode nudge} takes the lecture's step.
 *
 * @module
 */
import {
  compile,
  nodeId,
  topologicalOrder,
  type Value,
} from "@gradviz/gradviz";
import { type LeafValues, lectureValues, type Lesson } from "./lessons.ts";

/** New numbers for one node; a field left out is not touched. */
export interface NodeValues {
  /** The node's `data`. */
  data?: number;
  /** The node's `grad`. */
  grad?: number;
}

/** New numbers by node id (`n0`, `n1`, …). */
export type GraphValues = Record<string, NodeValues>;

/**
 * The numbers of every node of `root`'s graph by the ids `toDot` gives them:
 * what `patchRecords` (components/svg_patch.ts) needs after a forward and backward pass.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { Value } from "@gradviz/gradviz";
 * import { graphValues } from "./evaluate.ts";
 *
 * const a = new Value(2, { label: "a" });
 * const b = a.mul(3);
 * b.backward();
 * deepEqual(graphValues(b), { n0: { data: 2, grad: 3 }, n1: { data: 3, grad: 2 }, n2: { data: 6, grad: 1 } });
 * ```
 */
export function graphValues(root: Value): GraphValues {
  const values: GraphValues = {};
  topologicalOrder(root).forEach((node, i) => {
    values[nodeId(i)] = { data: node.data, grad: node.grad };
  });
  return values;
}

/** A leaf after {@linkcode evaluate}. */
export interface LeafResult {
  /** The leaf's name. */
  name: string;
  /** Its node id in the drawing. */
  id: string;
  /** Its value. */
  data: number;
  /** d(root)/d(leaf). */
  grad: number;
}

/** A lesson's graph after a forward and a backward pass. */
export interface Evaluation {
  /** The root, back-propagated. */
  root: Value;
  /** Every node's numbers, by node id, for `GraphView`. */
  graph: GraphValues;
  /** The lesson's leaves, in the lesson's order. */
  leaves: LeafResult[];
}

/**
 * Builds the lesson's graph once and compiles it (`compile`), returning a
 * function that runs it for new leaf values: forward, backward, and the
 * numbers written back to the graph's `Value`s (the same `root` every call),
 * bit for bit what rebuilding the graph and calling `backward()` gives.
 * Islands keep one per lesson and call it at every input.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { liveLesson } from "./evaluate.ts";
 * import { expression } from "./lessons.ts";
 *
 * const run = liveLesson(expression);
 * deepEqual(run({ a: 2, b: -3, c: 10, f: -2 }).root.data, -8);
 * const { root, leaves } = run({ a: 3, b: -3, c: 10, f: -2 });
 * deepEqual(root.data, -2);
 * deepEqual(leaves.map((l) => [l.name, l.grad]), [["a", 6], ["b", -6], ["c", -2], ["f", 1]]);
 * ```
 */
export function liveLesson(lesson: Lesson): (values: LeafValues) => Evaluation {
  const root = lesson.build(lectureValues(lesson));
  const graph = compile(root);
  const nodes = topologicalOrder(root);
  const leaves = lesson.leaves.map(({ name }) => {
    const i = nodes.findIndex((n) => n.op === "" && n.label === name);
    return { name, id: nodeId(i), node: nodes[i] };
  });
  return (values) => {
    for (const { name, node } of leaves) graph.set(node, values[name]);
    graph.forward();
    graph.backward();
    graph.sync();
    return {
      root,
      graph: graphValues(root),
      leaves: leaves.map(({ name, id, node }) => ({
        name,
        id,
        data: node.data,
        grad: node.grad,
      })),
    };
  };
}

/**
 * Builds the lesson's graph for `values`, runs it forward and backward and
 * collects the numbers: once, as the server does per request.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { evaluate } from "./evaluate.ts";
 * import { expression, lectureValues } from "./lessons.ts";
 *
 * const { root, leaves } = evaluate(expression, lectureValues(expression));
 * deepEqual(root.data, -8);
 * deepEqual(leaves.map((l) => [l.name, l.grad]), [["a", 6], ["b", -4], ["c", -2], ["f", 4]]);
 * ```
 */
export function evaluate(lesson: Lesson, values: LeafValues): Evaluation {
  return liveLesson(lesson)(values);
}

/**
 * The slope of the root in one leaf by forward differences,
 * `(f(x + h) - f(x)) / h`, as the lecture checks its grads.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { numericGrad } from "./evaluate.ts";
 * import { expression, lectureValues } from "./lessons.ts";
 *
 * equal(numericGrad(expression, lectureValues(expression), "a").toFixed(4), "6.0000");
 * ```
 */
export function numericGrad(
  lesson: Lesson,
  values: LeafValues,
  name: string,
  h = 0.001,
): number {
  const f0 = lesson.build(values).data;
  const f1 = lesson.build({ ...values, [name]: values[name] + h }).data;
  return (f1 - f0) / h;
}

/**
 * The lecture's step: every leaf moves by `step` times its grad
 * (`a.data += 0.01 * a.grad`), so the root grows.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { nudge } from "./evaluate.ts";
 * import { expression, lectureValues } from "./lessons.ts";
 *
 * const values = nudge(expression, lectureValues(expression));
 * equal(expression.build(values).data.toFixed(6), "-7.286496");
 * ```
 */
export function nudge(
  lesson: Lesson,
  values: LeafValues,
  step = 0.01,
): LeafValues {
  const { leaves } = evaluate(lesson, values);
  return Object.fromEntries(
    leaves.map((l) => [l.name, l.data + step * l.grad]),
  );
}
