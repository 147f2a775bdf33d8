/**
 * Training an {@linkcode MLP} with plain SGD on a compiled graph: the loss
 * graph is built once with the `Value` engine, compiled, and each step
 * replays it. The numbers equal those of rebuilding the graph with `Value`s
 * every step, bit for bit.
 *
 * @module
 */
import { compile, type CompiledGraph } from "./compile.ts";
import type { MLP } from "../engine/nn.ts";
import { Value } from "../engine/value.ts";

/** Examples to train on, the whole set at every step (full batch). */
export interface TrainData {
  /** One input vector per example, each of the model's input size. */
  inputs: readonly (readonly number[])[];
  /** One target per example: ±1 for `"svm"`, any number for `"mse"`. */
  targets: readonly number[];
}

/** How {@linkcode Trainer} builds the loss and updates the parameters. */
export interface TrainerOptions {
  /**
   * `"mse"`: squared error `(score - target)**2`, as in the lecture;
   * `"svm"`: micrograd's max-margin loss `relu(1 - target * score)`.
   */
  loss: "mse" | "svm";
  /**
   * How the per-example losses combine: `"mean"` (default, micrograd's demo:
   * the sum times `1 / n`) or `"sum"` (the lecture's MLP loss is a sum).
   */
  reduction?: "mean" | "sum";
  /** The L2 penalty `l2 * sum(p * p)` over all parameters; default 0 (none). micrograd's demo uses 1e-4. */
  l2?: number;
  /** The L1 penalty `l1 * sum(|p|)` over all parameters, `|p|` as `relu(p) + relu(-p)`; default 0 (none). */
  l1?: number;
  /**
   * Examples per step: each step trains on this many examples drawn without
   * replacement (as micrograd's `loss(batch_size)` does). Default: all of
   * them, in order (full batch, micrograd's demo).
   */
  batchSize?: number;
  /** The source of uniform draws in [0, 1) that picks each batch; default `Math.random`. */
  random?: () => number;
  /** The SGD step size, or a schedule from the step number (0, 1, …). */
  learningRate: number | ((step: number) => number);
}

/** Options for {@linkcode train}: those of {@linkcode Trainer}, the number of steps and a callback. */
export interface TrainOptions extends TrainerOptions {
  /** How many SGD steps to take. */
  steps: number;
  /** Called after every step with its metrics. */
  onStep?: (info: TrainStep) => void;
}

/** One step's metrics, measured before its update (as micrograd's demo prints them). */
export interface TrainStep {
  /** The step number, from 0. */
  step: number;
  /** The loss. */
  loss: number;
  /** The fraction of examples (of the step's batch) whose score has the sign of their target. */
  accuracy: number;
  /** The learning rate the step used. */
  learningRate: number;
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(`Cannot train model: ${message}`);
}

/**
 * A model, its data and its loss, compiled once: each
 * {@linkcode Trainer.prototype.step} is one SGD step (forward, backward,
 * update). The graph is what the `Value` engine builds for the same loss:
 * scores `model.forward(x)[0]`, per-example losses summed left to right
 * (then times `1 / n` for the mean), plus `l2 * sum(p * p)`. Parameters live
 * in the compiled graph until {@linkcode Trainer.prototype.sync} writes them
 * back to the model.
 *
 * @example Stepping the lecture's MLP(3, [4, 4, 1])
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { MLP, seededRandom, Trainer } from "@gradviz/gradviz";
 *
 * const model = new MLP(3, [4, 4, 1], { random: seededRandom(42) });
 * const data = {
 *   inputs: [[2, 3, -1], [3, -1, 0.5], [0.5, 1, 1], [1, 1, -1]],
 *   targets: [1, -1, -1, 1],
 * };
 * const trainer = new Trainer(model, data, { loss: "mse", reduction: "sum", learningRate: 0.05 });
 * const first = trainer.step();
 * for (let i = 0; i < 50; i++) trainer.step();
 * ok(trainer.step().loss < first.loss);
 * trainer.sync(); // the model now holds the trained parameters
 * ```
 */
export class Trainer {
  /** The compiled loss graph. */
  readonly graph: CompiledGraph;
  /** The loss as a `Value` graph (its numbers are those of compile time until `graph.sync()`). */
  readonly loss: Value;
  /** The model's parameters, in `model.parameters()` order. */
  readonly parameters: readonly Value[];
  #steps = 0;
  #params: Int32Array;
  #scores: Int32Array;
  #positive: Uint8Array;
  #learningRate: (step: number) => number;
  // Mini-batches: every example's data, the batch's input and target slots.
  #batch?: {
    inputs: readonly (readonly number[])[];
    targets: readonly number[];
    order: Int32Array;
    x: Int32Array[];
    t: Int32Array;
    random: () => number;
  };

  /**
   * Builds and compiles the loss graph.
   *
   * @param model The network; its last layer must have one neuron.
   * @param data The examples.
   * @param options The loss and the learning rate.
   * @throws {RangeError} If the data or options are out of range.
   * @throws {TypeError} If the learning rate is neither a number nor a function.
   */
  constructor(model: MLP, data: TrainData, options: TrainerOptions) {
    const { inputs, targets } = data;
    const { loss, reduction = "mean", l2 = 0, l1 = 0, learningRate } = options;
    const n = inputs.length;
    const batchSize = options.batchSize ?? n;
    check(
      inputs.length > 0 && inputs.length === targets.length,
      `expected as many targets as inputs (at least one), got ${targets.length} and ${inputs.length}`,
    );
    check(
      loss === "mse" || loss === "svm",
      `loss must be "mse" or "svm", got ${JSON.stringify(loss)}`,
    );
    check(
      reduction === "mean" || reduction === "sum",
      `reduction must be "mean" or "sum", got ${JSON.stringify(reduction)}`,
    );
    check(Number.isFinite(l2), `l2 must be a finite number, got ${l2}`);
    check(Number.isFinite(l1), `l1 must be a finite number, got ${l1}`);
    check(
      Number.isInteger(batchSize) && batchSize > 0,
      `batchSize must be a positive integer, got ${batchSize}`,
    );
    if (typeof learningRate === "number") {
      this.#learningRate = () => learningRate;
    } else if (typeof learningRate === "function") {
      this.#learningRate = learningRate;
    } else {
      throw new TypeError(
        "Cannot train model: learningRate must be a number or a function of the step",
      );
    }

    // A mini-batch's inputs and targets are leaves that each step rewrites;
    // the full batch's are constants, as micrograd's demo builds them.
    const mini = batchSize < n;
    const batchInputs = mini
      ? inputs.slice(0, batchSize).map((x) => x.map((v) => new Value(v)))
      : inputs;
    const batchTargets = targets.slice(0, batchSize).map((t) => new Value(-t));
    const scores = batchInputs.map((x) => {
      const out = model.forward(x);
      check(
        out.length === 1,
        `the model must have one output, it has ${out.length}`,
      );
      return out[0];
    });
    const losses = scores.map((s, i) =>
      mini
        ? loss === "svm"
          ? s.mul(batchTargets[i]).add(1).relu()
          : s.add(batchTargets[i]).pow(2)
        : loss === "svm"
        ? s.mul(-targets[i]).add(1).relu()
        : s.sub(targets[i]).pow(2)
    );
    let total = losses[0];
    for (let i = 1; i < losses.length; i++) total = total.add(losses[i]);
    if (reduction === "mean") total = total.mul(1 / losses.length);
    const params = model.parameters();
    if (l2 !== 0) {
      let reg = params[0].mul(params[0]);
      for (let i = 1; i < params.length; i++) {
        reg = reg.add(params[i].mul(params[i]));
      }
      total = total.add(reg.mul(l2));
    }
    if (l1 !== 0) {
      const abs = (p: Value) => p.relu().add(p.mul(-1).relu());
      let reg = abs(params[0]);
      for (let i = 1; i < params.length; i++) reg = reg.add(abs(params[i]));
      total = total.add(reg.mul(l1));
    }

    this.loss = total;
    this.parameters = params;
    this.graph = compile(total);
    this.#params = this.graph.slots(params);
    this.#scores = this.graph.slots(scores);
    this.#positive = Uint8Array.from(
      targets.slice(0, batchSize),
      (t) => t > 0 ? 1 : 0,
    );
    if (mini) {
      this.#batch = {
        inputs,
        targets,
        order: Int32Array.from({ length: n }, (_, i) => i),
        x: (batchInputs as Value[][]).map((x) => this.graph.slots(x)),
        t: this.graph.slots(batchTargets),
        random: options.random ?? Math.random,
      };
    }
  }

  // Draws the next batch (a partial Fisher-Yates shuffle of the examples)
  // into the input and target leaves.
  #drawBatch(): void {
    const b = this.#batch!, order = b.order, values = this.graph.values;
    for (let i = 0; i < b.t.length; i++) {
      const j = i + Math.floor(b.random() * (order.length - i));
      const k = order[j];
      order[j] = order[i];
      order[i] = k;
      const x = b.inputs[k], slots = b.x[i];
      for (let d = 0; d < slots.length; d++) values[slots[d]] = x[d];
      values[b.t[i]] = -b.targets[k];
      this.#positive[i] = b.targets[k] > 0 ? 1 : 0;
    }
  }

  /** How many steps have been taken: the next step's number. */
  get steps(): number {
    return this.#steps;
  }

  /**
   * One SGD step: forward, backward, then `p -= learningRate * p.grad` for
   * every parameter.
   *
   * @returns The loss and accuracy before the update.
   */
  step(): TrainStep {
    const g = this.graph, values = g.values, grads = g.grads;
    if (this.#batch) this.#drawBatch();
    g.forward();
    g.backward();
    const scores = this.#scores, positive = this.#positive;
    let correct = 0;
    for (let i = 0; i < scores.length; i++) {
      if ((values[scores[i]] > 0 ? 1 : 0) === positive[i]) correct++;
    }
    const step = this.#steps++;
    const learningRate = this.#learningRate(step);
    const params = this.#params;
    for (let i = 0; i < params.length; i++) {
      const s = params[i];
      values[s] -= learningRate * grads[s];
    }
    return {
      step,
      loss: values[g.rootSlot],
      accuracy: correct / scores.length,
      learningRate,
    };
  }

  /** Writes the parameters' current values, and their grads from the last step, back to the model. */
  sync(): void {
    const g = this.graph, params = this.#params;
    for (let i = 0; i < params.length; i++) {
      this.parameters[i].data = g.values[params[i]];
      this.parameters[i].grad = g.grads[params[i]];
    }
  }
}

/**
 * Trains `model` on `data` for `options.steps` SGD steps on a compiled
 * graph (see {@linkcode Trainer}), calling `options.onStep` after each, then
 * writes the trained parameters back to the model.
 *
 * @example micrograd's demo step size, on the lecture's four examples
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { MLP, seededRandom, train } from "@gradviz/gradviz";
 *
 * const model = new MLP(3, [4, 4, 1], { random: seededRandom(1) });
 * const data = {
 *   inputs: [[2, 3, -1], [3, -1, 0.5], [0.5, 1, 1], [1, 1, -1]],
 *   targets: [1, -1, -1, 1],
 * };
 * const losses: number[] = [];
 * const last = train(model, data, {
 *   steps: 100,
 *   loss: "mse",
 *   reduction: "sum", // the lecture's loss: a sum of squares
 *   learningRate: (k) => 0.1 - 0.05 * k / 100,
 *   onStep: ({ loss }) => losses.push(loss),
 * });
 * ok(last.loss < losses[0]);
 * ok(last.accuracy === 1);
 * ```
 *
 * @param model The network, updated in place.
 * @param data The examples.
 * @param options The loss, learning rate, number of steps and callback.
 * @returns The last step's metrics (measured before its update).
 * @throws {RangeError} If `steps` is not a positive integer, or the data or options are out of range.
 */
export function train(
  model: MLP,
  data: TrainData,
  options: TrainOptions,
): TrainStep {
  const { steps, onStep } = options;
  check(
    Number.isInteger(steps) && steps > 0,
    `steps must be a positive integer, got ${steps}`,
  );
  const trainer = new Trainer(model, data, options);
  let info!: TrainStep;
  for (let k = 0; k < steps; k++) {
    info = trainer.step();
    onStep?.(info);
  }
  trainer.sync();
  return info;
}
