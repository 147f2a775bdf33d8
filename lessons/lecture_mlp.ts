/**
 * The lecture's MLP(3, [4, 4, 1]) and its four examples, for `/mlp`: the
 * seeded network, its loss (a sum of squared errors, as in the lecture),
 * its drawings.
 *
 * @module
 */
import {
  MLP,
  networkToDot,
  seededRandom,
  toDot,
  type TrainData,
  Trainer,
  type Value,
} from "@gradviz/gradviz";

/**
 * The lecture's four examples and their targets.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { LECTURE_DATA } from "./lecture_mlp.ts";
 *
 * deepEqual(LECTURE_DATA.targets, [1, -1, -1, 1]);
 * ```
 */
export const LECTURE_DATA: TrainData = {
  inputs: [[2, 3, -1], [3, -1, 0.5], [0.5, 1, 1], [1, 1, -1]],
  targets: [1, -1, -1, 1],
};

/**
 * The learning rates the page accepts, and the one it starts with.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { LEARNING_RATE } from "./lecture_mlp.ts";
 *
 * equal(LEARNING_RATE.initial, 0.1);
 * ```
 */
export const LEARNING_RATE = { min: 0.001, max: 1, initial: 0.1 } as const;

/**
 * The seed used when the URL gives none.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { DEFAULT_SEED } from "./lecture_mlp.ts";
 *
 * equal(DEFAULT_SEED, 42);
 * ```
 */
export const DEFAULT_SEED = 42;

/** The two drawings of the network: neuron by neuron, or every `Value` of one forward pass. */
export type MlpView = "network" | "full";

/**
 * The lecture's network, its weights and biases drawn from
 * `seededRandom(seed)`.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { lectureModel } from "./lecture_mlp.ts";
 *
 * equal(lectureModel(42).parameters().length, 41);
 * ```
 */
export function lectureModel(seed: number): MLP {
  return new MLP(3, [4, 4, 1], { random: seededRandom(seed) });
}

/**
 * The model's predictions for the four examples and the lecture's loss,
 * `sum((ypred - y)**2)`, computed with the `Value` engine in the order the
 * compiled `Trainer` uses, so the numbers agree bit for bit.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { lectureLoss, lectureModel } from "./lecture_mlp.ts";
 *
 * const { loss, predictions } = lectureLoss(lectureModel(42));
 * const targets = [1, -1, -1, 1];
 * equal(loss, predictions.reduce((sum, p, i) => sum + (p - targets[i]) ** 2, 0));
 * ```
 */
export function lectureLoss(
  model: MLP,
): { loss: number; predictions: number[] } {
  const { inputs, targets } = LECTURE_DATA;
  const scores = inputs.map((x) => model.forward(x)[0]);
  const losses = scores.map((s, i) => s.sub(targets[i]).pow(2));
  let total = losses[0];
  for (let i = 1; i < losses.length; i++) total = total.add(losses[i]);
  return { loss: total.data, predictions: scores.map((s) => s.data) };
}

/**
 * DOT for one forward pass of the model on example `example`: neuron by
 * neuron (`networkToDot`), or every `Value` of it (`toDot`), with grads
 * d(output)/d(node). The model's own grads are left as they were.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { forwardDot, lectureModel } from "./lecture_mlp.ts";
 *
 * const model = lectureModel(42);
 * ok(forwardDot(model, "network", 0).includes("{ x0 | data 2.0000"));
 * ok(forwardDot(model, "full", 0).includes('label="tanh"'));
 * ```
 */
export function forwardDot(model: MLP, view: MlpView, example: number): string {
  const x = LECTURE_DATA.inputs[example];
  if (view === "network") return networkToDot(model, { x });
  const params = model.parameters();
  const saved = params.map((p) => p.grad);
  model.zeroGrad();
  const out: Value = model.forward(x)[0];
  out.backward();
  const dot = toDot(out);
  params.forEach((p, i) => p.grad = saved[i]);
  return dot;
}

/**
 * The most steps a page trains the lecture's network for.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { MAX_STEPS } from "./lecture_mlp.ts";
 *
 * equal(MAX_STEPS, 10_000);
 * ```
 */
export const MAX_STEPS = 10_000;

/** A run of training steps at one learning rate: `/mlp?train=20@0.1` is 20 steps at 0.1. */
export interface TrainingSegment {
  /** How many steps. */
  steps: number;
  /** Their learning rate. */
  rate: number;
}

/** The lecture's network in training: the model, its compiled trainer and what it has done. */
export interface LectureRun {
  /** The network, its weights up to date. */
  model: MLP;
  /** The compiled trainer, stepping at `rate.current`. */
  trainer: Trainer;
  /** The learning rate of the next steps: set it before {@linkcode trainLecture}. */
  rate: { current: number };
  /** The loss at steps 0, 1, 2, … */
  losses: number[];
  /** The predictions for the four examples now. */
  predictions: number[];
  /** The training so far, one segment per run of steps at one rate. */
  history: TrainingSegment[];
}

/**
 * The network of `seed` trained as `history` says: the same numbers for
 * the server, which draws it, and the island, which goes on training it.
 *
 * @example
 * ```ts
 * import { equal, ok } from "node:assert/strict";
 * import { lectureRun } from "./lecture_mlp.ts";
 *
 * const run = lectureRun(42, [{ steps: 20, rate: 0.1 }]);
 * equal(run.losses.length, 21);
 * equal(run.trainer.steps, 20);
 * ok(run.losses[20] < run.losses[0]);
 * ```
 */
export function lectureRun(
  seed: number,
  history: readonly TrainingSegment[] = [],
): LectureRun {
  const model = lectureModel(seed);
  const rate: { current: number } = { current: LEARNING_RATE.initial };
  const trainer = new Trainer(model, LECTURE_DATA, {
    loss: "mse",
    reduction: "sum",
    learningRate: () => rate.current,
  });
  const { loss, predictions } = lectureLoss(model);
  const run: LectureRun = {
    model,
    trainer,
    rate,
    losses: [loss],
    predictions,
    history: [],
  };
  for (const { steps, rate } of history) {
    run.rate.current = rate;
    trainLecture(run, steps);
  }
  return run;
}

/**
 * `steps` more SGD steps at `run.rate.current` (no more than
 * {@linkcode MAX_STEPS} in all): the losses, predictions and history grow.
 *
 * @example
 * ```ts
 * import { deepEqual, equal } from "node:assert/strict";
 * import { lectureRun, trainLecture } from "./lecture_mlp.ts";
 *
 * const run = lectureRun(42);
 * trainLecture(run, 5);
 * run.rate.current = 0.05;
 * trainLecture(run, 5);
 * deepEqual(run.history, [{ steps: 5, rate: 0.1 }, { steps: 5, rate: 0.05 }]);
 * equal(run.losses.at(-1), lectureRun(42, run.history).losses.at(-1));
 * ```
 */
export function trainLecture(run: LectureRun, steps: number): void {
  const { trainer, model, losses, history } = run;
  const stop = Math.min(steps, MAX_STEPS - trainer.steps);
  if (stop <= 0) return;
  for (let i = 0; i < stop; i++) {
    const { step, loss } = trainer.step();
    losses[step] = loss;
  }
  trainer.sync();
  const now = lectureLoss(model);
  losses[trainer.steps] = now.loss;
  run.predictions = now.predictions;
  const last = history.at(-1);
  if (last && last.rate === run.rate.current) last.steps += stop;
  else history.push({ steps: stop, rate: run.rate.current });
}

/**
 * Whether the network is stuck with its output neuron saturated: every
 * prediction within 0.01 of ±1, where tanh's slope 1 − t² is below 0.02, so
 * the grads that would correct it have all but vanished, while some
 * prediction is still on the wrong side of its target.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { saturated } from "./lecture_mlp.ts";
 *
 * equal(saturated([0.999, -1, -0.9999, -0.995], [1, -1, -1, 1]), true);
 * equal(saturated([0.999, -1, -0.9999, 0.995], [1, -1, -1, 1]), false);
 * equal(saturated([0.9, -0.8, -0.7, 0.5], [1, -1, -1, 1]), false);
 * ```
 */
export function saturated(
  predictions: readonly number[],
  targets: readonly number[],
): boolean {
  return predictions.every((p) => Math.abs(p) > 0.99) &&
    predictions.some((p, i) => Math.abs(p - targets[i]) > 1);
}
