/**
 * The playground's program runner: {@linkcode runProgram} parses a program
 * in the expression language with the playground's limits, back-propagates
 * and collects what the page shows. The server and the island run the same
 * code, so node ids (`n0`, `n1`, …) match.
 *
 * @module
 */
import {
  layoutCost,
  MAX_LAYOUT_COST,
  nodeId,
  parseProgram,
  toDot,
  topologicalOrder,
  type Value,
} from "@gradviz/gradviz";
import { type GraphValues, graphValues } from "./evaluate.ts";

/**
 * The program the playground opens with: the lecture's first graph.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { parseProgram } from "@gradviz/gradviz";
 * import { DEFAULT_PROGRAM } from "./program.ts";
 *
 * equal(parseProgram(DEFAULT_PROGRAM).root.data, -8);
 * ```
 */
export const DEFAULT_PROGRAM = `# The lecture's first graph
a = 2; b = -3; c = 10; f = -2
e = a*b
d = e + c
L = d*f`;

/**
 * The playground's limits, tighter than the language's defaults: at most
 * 300 values (600 drawn nodes with their operations), so a graph stays
 * readable and quick to lay out.
 *
 * @example
 * ```ts
 * import { throws } from "node:assert/strict";
 * import { parseProgram } from "@gradviz/gradviz";
 * import { PLAYGROUND_LIMITS } from "./program.ts";
 *
 * throws(() => parseProgram("x = 1\ny = " + Array(400).fill("x").join(" + "), PLAYGROUND_LIMITS), {
 *   name: "RangeError",
 *   message: "2:1203: too many nodes: the limit is 300",
 * });
 * ```
 */
export const PLAYGROUND_LIMITS = {
  maxLength: 2000,
  maxStatements: 200,
  maxNodes: 300,
  maxDepth: 50,
} as const;

/**
 * The most layout work the playground asks of Graphviz: the library's
 * limit, shared with the CLI (see `layoutCost`).
 *
 * @example
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { MAX_LAYOUT_COST, runProgram } from "./program.ts";
 *
 * const run = runProgram("x = 1\ny = " + Array(149).fill("x").join(" + "));
 * ok("cost" in run && run.cost > MAX_LAYOUT_COST);
 * ```
 */
export { MAX_LAYOUT_COST };

// Graphviz attributes bounding its optimisation passes (network simplex,
// crossing minimisation): no change on small graphs, 3-5 times faster on tangled ones.
const LAYOUT_LIMITS = "  graph [nslimit=1, nslimit1=1, mclimit=0.2]\n";

/** One row of the value/grad table: a named node, or the unnamed root. */
export interface ProgramRow {
  /** The node's name (`(result)` for an unnamed root). */
  name: string;
  /** Its id in the drawing, or `""` if the root does not depend on it (then it is not drawn). */
  id: string;
  /** Its value. */
  data: number;
  /** d(root)/d(node). */
  grad: number;
}

/** Where and why a program was refused. */
export interface ProgramError {
  /** The reason, without the position. */
  message: string;
  /** 1-based line, or 0 when the error has no position. */
  line: number;
  /** 1-based column, or 0 when the error has no position. */
  col: number;
}

/** A program that ran: its graph and its numbers. */
export interface ProgramRun {
  /** The root, back-propagated. */
  root: Value;
  /** The table's rows, in the order the names were assigned, the root last. */
  rows: ProgramRow[];
  /** The graph as DOT, with attributes that bound Graphviz's work. */
  dot: string;
  /** Its `layoutCost`. */
  cost: number;
  /** The DOT without its numbers: equal for two runs exactly when their drawings have the same layout. */
  structure: string;
  /** Every node's numbers by id, to patch a drawing. */
  values: GraphValues;
}

const POSITION = /^(\d+):(\d+): ([\s\S]*)$/;
// A record's numbers as toDot writes them: `| data 2.0000 | grad 6.0000 }`.
const NUMBERS = / \| data \S+ \| grad \S+ \}/g;

/**
 * Runs `source` with {@linkcode PLAYGROUND_LIMITS}: the graph and table, or
 * the error with its line and column.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { DEFAULT_PROGRAM, runProgram } from "./program.ts";
 *
 * const run = runProgram(DEFAULT_PROGRAM);
 * if ("error" in run) throw new Error(run.error.message);
 * deepEqual(run.rows.map((r) => [r.name, r.grad]), [
 *   ["a", 6], ["b", -4], ["c", -2], ["f", 4], ["e", -2], ["d", -2], ["L", 1],
 * ]);
 * deepEqual(runProgram("a = 2\nL = a * z"), {
 *   error: { message: "unknown name 'z'", line: 2, col: 9 },
 * });
 * ```
 */
export function runProgram(
  source: string,
): ProgramRun | { error: ProgramError } {
  let program;
  try {
    program = parseProgram(source, PLAYGROUND_LIMITS);
  } catch (e) {
    if (!(e instanceof SyntaxError || e instanceof RangeError)) throw e;
    const m = POSITION.exec(e.message);
    return {
      error: m
        ? { message: m[3], line: Number(m[1]), col: Number(m[2]) }
        : { message: e.message, line: 0, col: 0 },
    };
  }
  const { root, names } = program;
  root.backward();
  const ids = new Map<Value, string>();
  topologicalOrder(root).forEach((node, i) => ids.set(node, nodeId(i)));
  const row = (name: string, node: Value): ProgramRow => ({
    name,
    id: ids.get(node) ?? "",
    data: node.data,
    grad: node.grad,
  });
  const rows = [...names].map(([name, node]) => row(name, node));
  if (root.label === "") rows.push(row("(result)", root));
  const dot = toDot(root).replace("\n", `\n${LAYOUT_LIMITS}`);
  return {
    root,
    rows,
    dot,
    cost: layoutCost(root),
    structure: dot.replace(NUMBERS, " }"),
    values: graphValues(root),
  };
}
