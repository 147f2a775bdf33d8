/**
 * The course at `/learn`: Karpathy's lecture as eight chapters, in the order
 * of the seed notebook and then the video. This file holds what the server
 * and the chapters' islands share: the chapter list, the lessons the
 * chapters draw (by name, so islands receive only serialisable props), and
 * the small computations of chapters 1 and 5.
 *
 * @module
 */
import { topologicalOrder, Value } from "@gradviz/gradviz";
import { type GraphValues, graphValues } from "./evaluate.ts";
import { expression, type Leaf, type Lesson, neuron } from "./lessons.ts";
import { DEFAULT_SEED, LECTURE_DATA, lectureModel } from "./lecture_mlp.ts";

/** One chapter of the course. */
export interface Chapter {
  /** Its URL segment: `/learn/{slug}`. */
  slug: string;
  /** Its title. */
  title: string;
  /** The chapter's program for the playground (`/playground?program=…`). */
  program: string;
  /** The site's page that takes the chapter further, if any. */
  deeper?: { href: string; what: string };
}

// Chapter 8's program: the first neuron of the lecture's MLP (seed 42, as
// /learn/mlp starts) on the first example, in the playground's language.
function firstNeuronProgram(): string {
  const neuron = lectureModel(DEFAULT_SEED).layers[0].neurons[0];
  const x = LECTURE_DATA.inputs[0];
  const w = neuron.w.map((w, i) => `w${i + 1} = ${w.data}`).join("; ");
  return [
    `# the first neuron of MLP(3, [4, 4, 1]), seed ${DEFAULT_SEED}, on the first example`,
    x.map((v, i) => `x${i + 1} = ${v}`).join("; "),
    `${w}; b = ${neuron.b.data}`,
    "o = tanh(x1*w1 + x2*w2 + x3*w3 + b)",
  ].join("\n");
}

/**
 * The eight chapters, in reading order.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { CHAPTERS } from "./course.ts";
 *
 * deepEqual(CHAPTERS.map((c) => c.slug), [
 *   "derivative", "value", "backprop", "neuron", "accumulate", "tanh", "pytorch", "mlp",
 * ]);
 * ```
 */
export const CHAPTERS: readonly Chapter[] = [
  {
    slug: "derivative",
    title: "A derivative by hand",
    program: "x = 3.0\nf = 3*x**2 - 4*x + 5",
  },
  {
    slug: "value",
    title: "Value, + and *",
    program: "a = 2; b = -3; c = 10\ne = a*b\nd = e + c\nf = -2\nL = d*f",
    deeper: {
      href: "/expression",
      what: "has the same graph, drawable top to bottom",
    },
  },
  {
    slug: "backprop",
    title: "Backpropagation by hand",
    program: "a = 2; b = -3; c = 10\ne = a*b\nd = e + c\nf = -2\nL = d*f",
    deeper: {
      href: "/expression",
      what:
        "steps through backward() node by node and checks each grad numerically",
    },
  },
  {
    slug: "neuron",
    title: "A neuron",
    program:
      "x1 = 2; x2 = 0; w1 = -3; w2 = 1; b = 6.7\nx1w1 = x1*w1\nx2w2 = x2*w2\nx1w1x2w2 = x1w1 + x2w2\nn = x1w1x2w2 + b\no = tanh(n)",
  },
  {
    slug: "accumulate",
    title: "The a + a bug",
    program: "a = 3\nb = a + a",
  },
  {
    slug: "tanh",
    title: "tanh from exp",
    program:
      "x1 = 2; x2 = 0; w1 = -3; w2 = 1; b = 6.8813735870195432\nn = x1*w1 + x2*w2 + b\ne = exp(2*n)\no = (e - 1)/(e + 1)",
    deeper: {
      href: "/neuron",
      what: "has the two neurons with every input editable",
    },
  },
  {
    slug: "pytorch",
    title: "The same numbers from PyTorch",
    program:
      "x1 = 2; x2 = 0; w1 = -3; w2 = 1; b = 6.8813735870195432\nn = x1*w1 + x2*w2 + b\no = tanh(n)",
  },
  {
    slug: "mlp",
    title: "An MLP learns",
    program: firstNeuronProgram(),
  },
];

/**
 * The chapter with this slug and its 0-based index, or undefined.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { chapterIndex } from "./course.ts";
 *
 * equal(chapterIndex("neuron"), 3);
 * equal(chapterIndex("nope"), -1);
 * ```
 */
export function chapterIndex(slug: string): number {
  return CHAPTERS.findIndex((c) => c.slug === slug);
}

/**
 * Chapter 1's function, `f(x) = 3x² − 4x + 5`.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { f } from "./course.ts";
 *
 * equal(f(3), 20);
 * ```
 */
export function f(x: number): number {
  return 3 * x ** 2 - 4 * x + 5;
}

/**
 * The slope of {@linkcode f} at `x` over a step `h`, `(f(x + h) − f(x))/h`,
 * as the lecture's first cells compute it.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { slope } from "./course.ts";
 *
 * equal(slope(3, 0.001).toFixed(6), "14.003000"); // f'(3) = 6·3 − 4 = 14
 * ```
 */
export function slope(x: number, h: number): number {
  return (f(x + h) - f(x)) / h;
}

/**
 * The steps chapter 1 shrinks `h` through, down to where floating point
 * breaks the estimate (at x = 3, h = 1e-15 gives 10.658141036401503, not 14).
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { STEPS } from "./course.ts";
 *
 * equal(STEPS.at(-1), 1e-15);
 * ```
 */
export const STEPS: readonly number[] = [
  1,
  0.1,
  0.01,
  0.001,
  0.0001,
  1e-8,
  1e-15,
];

/**
 * Chapter 1's input: where the slope is taken, in the lecture at x = 3.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { DERIVATIVE_X } from "./course.ts";
 *
 * equal(DERIVATIVE_X.value, 3);
 * ```
 */
export const DERIVATIVE_X: Leaf = { name: "x", value: 3, min: -5, max: 5 };

/**
 * Chapter 1 as a lesson: its one leaf `x` and `f(x)` built from it, so the
 * query is read and checked as for the other chapters.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { DERIVATIVE } from "./course.ts";
 *
 * equal(DERIVATIVE.build({ x: 3 }).data, 20);
 * ```
 */
export const DERIVATIVE: Lesson = {
  leaves: [DERIVATIVE_X],
  build: (v) => {
    const x = new Value(v.x, { label: "x" });
    return named(x.pow(2).mul(3).sub(x.mul(4)).add(5), "f");
  },
  program: (v) => `x = ${v.x}\nf = x**2*3 - x*4 + 5`,
};

function named(value: Value, label: string): Value {
  value.label = label;
  return value;
}

const leaf = (values: Readonly<Record<string, number>>, name: string) =>
  new Value(values[name], { label: name });

/** The seed notebook's neuron leaves: b = 6.7 as the seed first sets it. */
const SEED_LEAVES: readonly Leaf[] = [
  { name: "x1", value: 2, min: -5, max: 5 },
  { name: "x2", value: 0, min: -5, max: 5 },
  { name: "w1", value: -3, min: -5, max: 5 },
  { name: "w2", value: 1, min: -5, max: 5 },
  { name: "b", value: 6.7, min: -10, max: 10 },
];

/**
 * The seed's neuron built one notebook cell at a time: cell 1 is `x1*w1`,
 * 2 `x2*w2`, 3 `x1*w1 + x2*w2`, 4 `n` (adds b), 5 `o = n.tanh()`. Each
 * lesson has only the leaves its graph uses.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { lectureValues } from "./lessons.ts";
 * import { NEURON_CELLS } from "./course.ts";
 *
 * const o = NEURON_CELLS[4];
 * equal(o.build(lectureValues(o)).data, 0.6043677771171636);
 * ```
 */
export const NEURON_CELLS: readonly Lesson[] = (() => {
  const pick = (...names: string[]) =>
    SEED_LEAVES.filter((l) => names.includes(l.name));
  const x1w1 = (v: Readonly<Record<string, number>>) =>
    named(leaf(v, "x1").mul(leaf(v, "w1")), "x1*w1");
  const x2w2 = (v: Readonly<Record<string, number>>) =>
    named(leaf(v, "x2").mul(leaf(v, "w2")), "x2*w2");
  const sum = (v: Readonly<Record<string, number>>) =>
    named(x1w1(v).add(x2w2(v)), "x1*w1 + x2*w2");
  const n = (v: Readonly<Record<string, number>>) =>
    named(sum(v).add(leaf(v, "b")), "n");
  // The cells as playground programs: the same graphs, with names for labels.
  const given = (v: Readonly<Record<string, number>>, names: string[]) =>
    names.map((name) => `${name} = ${v[name]}`).join("; ");
  const lines = [
    "x1w1 = x1*w1",
    "x2w2 = x2*w2",
    "x1w1x2w2 = x1w1 + x2w2",
    "n = x1w1x2w2 + b",
    "o = tanh(n)",
  ];
  // Cells 1 and 2 stand alone; from cell 3 on each builds on all before it.
  const program =
    (cell: number, names: string[]) => (v: Readonly<Record<string, number>>) =>
      [given(v, names), ...lines.slice(cell < 2 ? cell : 0, cell + 1)].join(
        "\n",
      );
  const all = ["x1", "x2", "w1", "w2", "b"];
  return [
    {
      leaves: pick("x1", "w1"),
      build: x1w1,
      program: program(0, ["x1", "w1"]),
    },
    {
      leaves: pick("x2", "w2"),
      build: x2w2,
      program: program(1, ["x2", "w2"]),
    },
    {
      leaves: pick("x1", "x2", "w1", "w2"),
      build: sum,
      program: program(2, ["x1", "x2", "w1", "w2"]),
    },
    { leaves: SEED_LEAVES, build: n, program: program(3, all) },
    {
      leaves: SEED_LEAVES,
      build: (v) => named(n(v).tanh(), "o"),
      program: program(4, all),
    },
  ];
})();

/**
 * The notebook's code of each of {@linkcode NEURON_CELLS}.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { NEURON_CELL_CODE } from "./course.ts";
 *
 * equal(NEURON_CELL_CODE[4], "o = n.tanh(); o.label = 'o'");
 * ```
 */
export const NEURON_CELL_CODE: readonly string[] = [
  "x1w1 = x1*w1; x1w1.label = 'x1*w1'",
  "x2w2 = x2*w2; x2w2.label = 'x2*w2'",
  "x1w1x2w2 = x1w1 + x2w2; x1w1x2w2.label = 'x1*w1 + x2*w2'",
  "n = x1w1x2w2 + b; n.label = 'n'",
  "o = n.tanh(); o.label = 'o'",
];

/**
 * The lecture's value of b that makes o = 0.7071 (tanh(n) = 1/√2), for
 * chapter 4's second half.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { LECTURE_B } from "./course.ts";
 *
 * equal(Math.tanh(2 * -3 + LECTURE_B).toFixed(4), "0.7071");
 * ```
 */
export const LECTURE_B = 6.8813735870195432;

/**
 * Chapter 5's graph, `b = a + a`: one leaf used twice, so its grad must
 * add up the two uses (2), which `=` in place of `+=` loses (1).
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { lectureValues } from "./lessons.ts";
 * import { doubled } from "./course.ts";
 *
 * equal(doubled.build(lectureValues(doubled)).data, 6);
 * ```
 */
export const doubled: Lesson = {
  leaves: [{ name: "a", value: 3, min: -5, max: 5 }],
  build: (v) => {
    const a = leaf(v, "a");
    return named(a.add(a), "b");
  },
  program: (v) => `a = ${v.a}\nb = a + a`,
};

/**
 * The backward pass with the lecture's first bug: each node's grad is set
 * (`self.grad = local * out.grad`) instead of added to (`+=`), so a node
 * used twice keeps only its last use. Leaves `root`'s grads as the buggy
 * pass would, and returns them by node id for `GraphView`.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { Value } from "@gradviz/gradviz";
 * import { backwardOverwriting } from "./course.ts";
 *
 * const a = new Value(3, { label: "a" });
 * const b = a.add(a);
 * equal(backwardOverwriting(b).n0.grad, 1); // the right answer is 2
 * ```
 */
export function backwardOverwriting(root: Value): GraphValues {
  const nodes = topologicalOrder(root);
  for (const node of nodes) node.grad = 0;
  root.grad = 1;
  for (const node of nodes.toReversed()) {
    const locals = node.localGrads;
    node.children.forEach((child, i) => {
      child.grad = locals[i] * node.grad;
    });
  }
  return graphValues(root);
}

/**
 * Whether an answer is the engine's grad (to 1e-6, relative above 1).
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { isRight } from "./course.ts";
 *
 * equal(isRight("-2", -2), true);
 * equal(isRight("−2", -2), true); // a true minus sign too
 * equal(isRight("2", -2), false);
 * equal(isRight("", 0), false);
 * ```
 */
export function isRight(answer: string, grad: number): boolean {
  if (answer.trim() === "") return false;
  const x = Number(answer.replace("−", "-"));
  return Math.abs(x - grad) <= 1e-6 * Math.max(1, Math.abs(grad));
}

/**
 * Chapter 3's graph as the reader has it: after `backward()`, the grads of
 * the nodes not yet answered right (`answers` by label) set back to 0, so
 * the drawing shows only what the reader found.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { Value } from "@gradviz/gradviz";
 * import { keepAnswered } from "./course.ts";
 *
 * const a = new Value(2, { label: "a" });
 * const b = a.mul(3);
 * b.label = "b";
 * b.backward();
 * keepAnswered(b, { b: "1", a: "4" }); // a's grad is 3
 * equal(b.grad, 1);
 * equal(a.grad, 0);
 * ```
 */
export function keepAnswered(
  root: Value,
  answers: Readonly<Record<string, string>>,
): void {
  for (const node of topologicalOrder(root)) {
    if (!isRight(answers[node.label] ?? "", node.grad)) node.grad = 0;
  }
}

/**
 * The lessons chapters draw with the generic `CourseGraph` island, by the
 * name the island receives as a prop.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { lectureValues } from "./lessons.ts";
 * import { COURSE_LESSONS } from "./course.ts";
 *
 * const L = COURSE_LESSONS.expression;
 * equal(String(L.build(lectureValues(L))), "Value(data=-8)");
 * ```
 */
export const COURSE_LESSONS: Readonly<Record<CourseLessonName, Lesson>> = {
  expression,
  neuron,
  doubled,
};

/** The names of {@linkcode COURSE_LESSONS}. */
export type CourseLessonName = "expression" | "neuron" | "doubled";

/**
 * A chapter's URL (the course's contents for `""`), keeping `?embed` if
 * the current URL has it.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { chapterHref } from "./course.ts";
 *
 * equal(chapterHref("neuron", new URL("http://x/learn/value?embed")), "/learn/neuron?embed=");
 * equal(chapterHref("neuron", new URL("http://x/learn/value")), "/learn/neuron");
 * equal(chapterHref("", new URL("http://x/learn/value")), "/learn");
 * ```
 */
export function chapterHref(slug: string, current: URL): string {
  const query = current.searchParams.has("embed") ? "?embed=" : "";
  return `/learn${slug ? `/${slug}` : ""}${query}`;
}

/**
 * The playground's URL for a program.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { playgroundHref } from "./course.ts";
 *
 * equal(playgroundHref("a = 2; b = a*a"), "/playground?program=a%20%3D%202%3B%20b%20%3D%20a*a");
 * ```
 */
export function playgroundHref(program: string): string {
  return `/playground?program=${encodeURIComponent(program)}`;
}

/**
 * Writes leaf values (and other state) into the page's query without
 * reloading, so a chapter's address always holds its state. Browser only.
 *
 * @example
 * ```ts ignore
 * rememberInUrl({ a: 2.5 }); // /learn/value?a=2.5
 * ```
 */
export function rememberInUrl(
  params: Readonly<Record<string, number | string | null>>,
): void {
  const url = new URL(location.href);
  for (const [name, value] of Object.entries(params)) {
    if (value === null) url.searchParams.delete(name);
    else url.searchParams.set(name, String(value));
  }
  history.replaceState(history.state, "", url);
}

/**
 * A graph's numbers with every grad 0: how `draw_dot` shows a graph before
 * `backward()` has run.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { beforeBackward } from "./course.ts";
 *
 * deepEqual(beforeBackward({ n0: { data: 2, grad: 6 } }), { n0: { data: 2, grad: 0 } });
 * ```
 */
export function beforeBackward(graph: GraphValues): GraphValues {
  const out: GraphValues = {};
  for (const [id, v] of Object.entries(graph)) out[id] = { ...v, grad: 0 };
  return out;
}
