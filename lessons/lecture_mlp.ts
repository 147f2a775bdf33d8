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
