/**
 * micrograd's demo, defined once for the CLI (`gradviz train moons`) and the
 * web app (`/moons`): its 100 two-moons points and initial weights
 * (`data/moons.json`), its network, its loss and schedule, and a
 * {@linkcode Scorer} that evaluates a model over the plane on a compiled
 * graph, for the decision-boundary plot.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { MOONS, moonsModel, moonsTraining, Trainer } from "@gradviz/gradviz/moons";
 *
 * const trainer = new Trainer(moonsModel(), { inputs: MOONS.points, targets: MOONS.labels }, moonsTraining());
 * equal(trainer.step().loss, 0.8958441028683222); // micrograd's step 0
 * ```
 *
 * @module
 */
import moons from "../../data/moons.json" with { type: "json" };
import type { Grid } from "../draw/boundary.ts";
import { MLP } from "../engine/nn.ts";
import { Value } from "../engine/value.ts";
import { compile, type CompiledGraph } from "../replay/compile.ts";
import type { TrainerOptions } from "../replay/train.ts";

export { Trainer } from "../replay/train.ts";

/** micrograd's demo data: what `data/moons.json` holds. */
export interface MoonsData {
  /** The 100 points, `[x, y]`. */
  readonly points: readonly (readonly number[])[];
  /** Their labels, `1` or `-1`. */
  readonly labels: readonly number[];
  /** The demo network's 337 initial parameters, in `parameters()` order. */
  readonly params: readonly number[];
}

/**
 * micrograd's 100 points, their labels and the demo network's initial
 * weights, as its notebook draws them (`make_moons(n_samples=100,
 * noise=0.1)`, labels mapped to ±1, `random.seed(1337)`).
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { MOONS } from "@gradviz/gradviz/moons";
 *
 * equal(MOONS.points.length, 100);
 * equal(MOONS.params.length, 337);
 * ```
 */
export const MOONS: MoonsData = {
  points: moons.X,
  labels: moons.y,
  params: moons.params,
};

/**
 * The demo's number of SGD steps.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { MOONS_STEPS } from "@gradviz/gradviz/moons";
 *
 * equal(MOONS_STEPS, 100);
 * ```
 */
export const MOONS_STEPS = 100;

/**
 * The demo's loss and schedule for a run of `steps` steps: mean SVM
 * max-margin loss `relu(1 - y*score)` plus `1e-4 * sum(p*p)`, learning rate
 * `1 - 0.9*k/steps` at step k (micrograd's, for its 100 steps).
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { moonsTraining } from "@gradviz/gradviz/moons";
 *
 * const schedule = moonsTraining().learningRate as (k: number) => number;
 * equal(schedule(0), 1);
 * equal(schedule(50), 0.55);
 * ```
 */
export function moonsTraining(steps: number = MOONS_STEPS): TrainerOptions {
  return {
    loss: "svm",
    reduction: "mean",
    l2: 1e-4,
    learningRate: (k) => 1.0 - 0.9 * k / steps,
  };
}

/**
 * micrograd's demo network, MLP(2, [16, 16, 1]) with ReLU hidden layers and
 * a linear output, holding `params` (in `parameters()` order; by default the
 * demo's initial weights).
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { moonsModel } from "@gradviz/gradviz/moons";
 *
 * const model = moonsModel(new Array(337).fill(0.5));
 * equal(model.forward([1, 1])[0].data, 0.5 + 16 * 0.5 * (0.5 + 16 * 0.5 * (0.5 + 2 * 0.5)));
 * ```
 *
 * @throws {RangeError} If `params` does not hold 337 numbers.
 */
export function moonsModel(params: readonly number[] = MOONS.params): MLP {
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

/**
 * A 2-input model's score over the plane, on a compiled graph of one
 * forward pass: {@linkcode Scorer.score} at a point, {@linkcode Scorer.signs}
 * over a grid (what the decision-boundary plot shows). Load other
 * parameters with {@linkcode Scorer.load} while training goes on.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { moonsModel, Scorer } from "@gradviz/gradviz/moons";
 *
 * const params = new Array(337).fill(0);
 * params[336] = -1; // the output bias: every score is -1
 * const scorer = new Scorer(moonsModel(params));
 * equal(scorer.score(0.5, 0.5), -1);
 * equal(scorer.signs({ x0: -1, y0: -1, size: 1, cols: 2, rows: 2 }), "----");
 * params[336] = 1;
 * scorer.load(params);
 * equal(scorer.signs({ x0: -1, y0: -1, size: 1, cols: 2, rows: 2 }), "++++");
 * ```
 */
export class Scorer {
  #graph: CompiledGraph;
  #x: number;
  #y: number;
  #params: Int32Array;

  /** Compiles one forward pass of `model`, which must take two inputs. */
  constructor(model: MLP) {
    const x = new Value(0), y = new Value(0);
    this.#graph = compile(model.forward([x, y])[0]);
    [this.#x, this.#y] = this.#graph.slots([x, y]);
    this.#params = this.#graph.slots(model.parameters());
  }

  /** Sets the model's parameters (in `parameters()` order) in the compiled graph. */
  load(params: ArrayLike<number>): void {
    const v = this.#graph.values;
    for (let i = 0; i < params.length; i++) v[this.#params[i]] = params[i];
  }

  /** The model's score at `(x, y)`. */
  score(x: number, y: number): number {
    const g = this.#graph;
    g.values[this.#x] = x;
    g.values[this.#y] = y;
    g.forward();
    return g.values[g.rootSlot];
  }

  /**
   * The sign of the score at the centre of each cell of `grid`, `+` or `-`,
   * row by row from the bottom row.
   */
  signs(grid: Grid): string {
    const { x0, y0, size, cols, rows } = grid;
    let out = "";
    for (let j = 0; j < rows; j++) {
      const y = y0 + (j + 0.5) * size;
      for (let i = 0; i < cols; i++) {
        out += this.score(x0 + (i + 0.5) * size, y) > 0 ? "+" : "-";
      }
    }
    return out;
  }
}
