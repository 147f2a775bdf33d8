/**
 * The lecture's graphs as lessons: each names its leaves (with the lecture's
 * values and the ranges the page allows) and builds its graph from leaf
 * values. The server draws a lesson's graph and its island rebuilds it in
 * the browser with the same code, so node ids (`n0`, `n1`, …) match.
 *
 * @module
 */
import { Value } from "@gradviz/gradviz";

/** A leaf of a lesson's graph: an input the page lets the reader change. */
export interface Leaf {
  /** Its label in the graph, and its query parameter. */
  name: string;
  /** The lecture's value. */
  value: number;
  /** The smallest value allowed. */
  min: number;
  /** The largest value allowed. */
  max: number;
}

/** A graph built from named leaves. */
export interface Lesson {
  /** The leaves, in the order the page shows them. */
  leaves: readonly Leaf[];
  /** Builds the graph for these leaf values (by name) and returns its root, not yet back-propagated. */
  build(values: Readonly<Record<string, number>>): Value;
  /** The same graph as a program for the playground (`parseProgram`), with these leaf values. */
  program(values: Readonly<Record<string, number>>): string;
}

/** Leaf values by name. */
export type LeafValues = Record<string, number>;

function leaf(values: Readonly<Record<string, number>>, name: string): Value {
  return new Value(values[name], { label: name });
}

function named(value: Value, label: string): Value {
  value.label = label;
  return value;
}

/**
 * The lecture's first graph, `L = (a*b + c)*f` with `e = a*b` and
 * `d = e + c`: L is -8 and the grads of a, b, c, f are 6, -4, -2, 4.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { expression, lectureValues } from "./lessons.ts";
 *
 * const L = expression.build(lectureValues(expression));
 * L.backward();
 * deepEqual(L.data, -8);
 * deepEqual(
 *   expression.program(lectureValues(expression)),
 *   "a = 2; b = -3; c = 10; f = -2\ne = a*b\nd = e + c\nL = d*f",
 * );
 * ```
 */
export const expression: Lesson = {
  leaves: [
    { name: "a", value: 2, min: -10, max: 10 },
    { name: "b", value: -3, min: -10, max: 10 },
    { name: "c", value: 10, min: -20, max: 20 },
    { name: "f", value: -2, min: -10, max: 10 },
  ],
  build(values) {
    const e = named(leaf(values, "a").mul(leaf(values, "b")), "e");
    const d = named(e.add(leaf(values, "c")), "d");
    return named(d.mul(leaf(values, "f")), "L");
  },
  program: (v) =>
    `a = ${v.a}; b = ${v.b}; c = ${v.c}; f = ${v.f}\ne = a*b\nd = e + c\nL = d*f`,
};

const NEURON_LEAVES: readonly Leaf[] = [
  { name: "x1", value: 2, min: -5, max: 5 },
  { name: "x2", value: 0, min: -5, max: 5 },
  { name: "w1", value: -3, min: -5, max: 5 },
  { name: "w2", value: 1, min: -5, max: 5 },
  { name: "b", value: 6.8813735870195432, min: -10, max: 10 },
];

// n = x1*w1 + x2*w2 + b, as the lecture builds it.
function neuronSum(values: Readonly<Record<string, number>>): Value {
  const x1w1 = named(leaf(values, "x1").mul(leaf(values, "w1")), "x1*w1");
  const x2w2 = named(leaf(values, "x2").mul(leaf(values, "w2")), "x2*w2");
  const sum = named(x1w1.add(x2w2), "x1*w1 + x2*w2");
  return named(sum.add(leaf(values, "b")), "n");
}

// The playground's names must be identifiers: x1w1 stands for the lesson's "x1*w1".
function neuronSumProgram(v: Readonly<Record<string, number>>): string {
  return `x1 = ${v.x1}; x2 = ${v.x2}; w1 = ${v.w1}; w2 = ${v.w2}
b = ${v.b}
x1w1 = x1*w1; x2w2 = x2*w2
s = x1w1 + x2w2
n = s + b`;
}

/**
 * The lecture's neuron, `o = tanh(x1*w1 + x2*w2 + b)`: o is 0.7071 and the
 * grads of x1, x2, w1, w2 are -1.5, 0.5, 1, 0.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { lectureValues, neuron } from "./lessons.ts";
 *
 * equal(neuron.build(lectureValues(neuron)).data.toFixed(4), "0.7071");
 * ```
 */
export const neuron: Lesson = {
  leaves: NEURON_LEAVES,
  build: (values) => named(neuronSum(values).tanh(), "o"),
  program: (values) => `${neuronSumProgram(values)}\no = tanh(n)`,
};

/**
 * The same neuron with tanh written out: `e = exp(2n)`,
 * `o = (e - 1) / (e + 1)`. Same o, same leaf grads, a bigger graph.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { lectureValues, neuronExp } from "./lessons.ts";
 *
 * equal(neuronExp.build(lectureValues(neuronExp)).data.toFixed(4), "0.7071");
 * ```
 */
export const neuronExp: Lesson = {
  leaves: NEURON_LEAVES,
  build(values) {
    const e = named(neuronSum(values).mul(2).exp(), "e");
    return named(e.sub(1).div(e.add(1)), "o");
  },
  program: (values) =>
    `${neuronSumProgram(values)}\ne = exp(n*2)\no = (e - 1)/(e + 1)`,
};

/**
 * The home page's small graph: `c = a * b`.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { lectureValues, tiny } from "./lessons.ts";
 *
 * equal(tiny.build(lectureValues(tiny)).data, -6);
 * ```
 */
export const tiny: Lesson = {
  leaves: [
    { name: "a", value: 2, min: -5, max: 5 },
    { name: "b", value: -3, min: -5, max: 5 },
  ],
  build: (values) => named(leaf(values, "a").mul(leaf(values, "b")), "c"),
  program: (v) => `a = ${v.a}; b = ${v.b}\nc = a*b`,
};

/**
 * The lecture's leaf values of a lesson.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { expression, lectureValues } from "./lessons.ts";
 *
 * deepEqual(lectureValues(expression), { a: 2, b: -3, c: 10, f: -2 });
 * ```
 */
export function lectureValues(lesson: Lesson): LeafValues {
  return Object.fromEntries(lesson.leaves.map((l) => [l.name, l.value]));
}
