/**
 * micrograd's demo for `/moons`: its network, its training options, and
 * {@linkcode BoundaryPainter}, which evaluates the model over a grid to draw
 * the decision boundary.
 *
 * @module
 */
import {
  compile,
  type CompiledGraph,
  MLP,
  type TrainerOptions,
  Value,
} from "@gradviz/gradviz";

/**
 * The demo's number of SGD steps.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { MOONS_STEPS } from "./moons.ts";
 *
 * equal(MOONS_STEPS, 100);
 * ```
 */
export const MOONS_STEPS = 100;

/**
 * The demo's loss and schedule: mean SVM max-margin loss
 * `relu(1 - y*score)` plus `1e-4 * sum(p*p)`, learning rate
 * `1 - 0.9*k/100` at step k.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { MOONS_TRAINING } from "./moons.ts";
 *
 * const schedule = MOONS_TRAINING.learningRate as (k: number) => number;
 * equal(schedule(0), 1);
 * equal(schedule(50), 0.55);
 * ```
 */
export const MOONS_TRAINING: TrainerOptions = {
  loss: "svm",
  reduction: "mean",
  l2: 1e-4,
  learningRate: (k) => 1.0 - 0.9 * k / 100,
};

/**
 * micrograd's demo network, MLP(2, [16, 16, 1]) with ReLU hidden layers and
 * a linear output, holding the parameters `params` (in `parameters()` order).
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { moonsModel } from "./moons.ts";
 *
 * const model = moonsModel(new Array(337).fill(0.5));
 * equal(model.forward([1, 1])[0].data, 0.5 + 16 * 0.5 * (0.5 + 16 * 0.5 * (0.5 + 2 * 0.5)));
 * ```
 *
 * @throws {RangeError} If `params` does not hold 337 numbers.
 */
export function moonsModel(params: readonly number[]): MLP {
  const model = new MLP(2, [16, 16, 1], {
    activation: "relu",
    outputActivation: "linear",
    bias: "zero",
  });
  const ps = model.parameters();
  if (params.length !== ps.length) {
    throw new RangeError(
      `Cannot load moons model: expected ${ps.length} parameters, got ${params.length}`,
    );
  }
  ps.forEach((p, i) => p.data = params[i]);
  return model;
}

/** A grid of square cells over the plane: cell (i, j) is centred at `(x0 + (i + 0.5) * size, y0 + (j + 0.5) * size)`. */
export interface Grid {
  /** The left edge. */
  x0: number;
  /** The bottom edge. */
  y0: number;
  /** The side of a cell. */
  size: number;
  /** Cells per row. */
  cols: number;
  /** Rows of cells. */
  rows: number;
}

/**
 * A grid over the points with a margin of 1 on each side, as micrograd's
 * notebook plots it, in cells of side `size`.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { gridAround } from "./moons.ts";
 *
 * deepEqual(gridAround([[0, 0], [1, 0.5]], 0.5), { x0: -1, y0: -1, size: 0.5, cols: 6, rows: 5 });
 * ```
 */
export function gridAround(
  points: readonly (readonly number[])[],
  size = 0.1,
): Grid {
  const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
  const x0 = Math.min(...xs) - 1, y0 = Math.min(...ys) - 1;
  return {
    x0,
    y0,
    size,
    cols: Math.ceil((Math.max(...xs) + 1 - x0) / size),
    rows: Math.ceil((Math.max(...ys) + 1 - y0) / size),
  };
}

/**
 * Evaluates micrograd's demo network over a {@linkcode Grid}, on a compiled
 * graph of one forward pass whose inputs and parameters are set for each
 * cell: the sign of the score in every cell, which is what the decision
 * boundary plot shows.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { BoundaryPainter } from "./moons.ts";
 *
 * const painter = new BoundaryPainter({ x0: -1, y0: -1, size: 1, cols: 2, rows: 2 });
 * const params = new Array(337).fill(0);
 * params[336] = -1; // the output bias: every score is -1
 * equal(painter.signs(params), "----");
 * params[336] = 1;
 * equal(painter.signs(params), "++++");
 * ```
 */
export class BoundaryPainter {
  /** The grid evaluated. */
  readonly grid: Grid;
  #graph: CompiledGraph;
  #inputs: Int32Array;
  #params: Int32Array;

  /** Compiles one forward pass of the demo network. */
  constructor(grid: Grid) {
    this.grid = grid;
    const model = moonsModel(new Array(337).fill(0));
    const x = [new Value(0), new Value(0)];
    this.#graph = compile(model.forward(x)[0]);
    this.#inputs = this.#graph.slots(x);
    this.#params = this.#graph.slots(model.parameters());
  }

  /**
   * The sign of the score in each cell, `+` (class 1) or `-` (class -1), row
   * by row from the bottom row, for the parameters `params`.
   */
  signs(params: ArrayLike<number>): string {
    const g = this.#graph,
      v = g.values,
      { x0, y0, size, cols, rows } = this.grid;
    for (let i = 0; i < params.length; i++) v[this.#params[i]] = params[i];
    const [sx, sy] = this.#inputs;
    let out = "";
    for (let j = 0; j < rows; j++) {
      v[sy] = y0 + (j + 0.5) * size;
      for (let i = 0; i < cols; i++) {
        v[sx] = x0 + (i + 0.5) * size;
        g.forward();
        out += v[g.rootSlot] > 0 ? "+" : "-";
      }
    }
    return out;
  }
}
