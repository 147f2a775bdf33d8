// micrograd's demo (demo.ipynb) on the Value engine, shared by tests and benchmarks.
import type { MLP, Value } from "../mod.ts";
import moons from "../data/moons.json" with { type: "json" };
import { moonsModel as demoModel } from "../src/demo/moons.ts";

/** A fresh MLP(2,[16,16,1]) micrograd-style, with the demo's initial weights. */
export function moonsModel(): MLP {
  return demoModel(moons.params);
}

/** The demo's loss: mean SVM max-margin loss plus 1e-4 L2, and accuracy. */
export function moonsLoss(model: MLP): { loss: Value; accuracy: number } {
  const scores = moons.X.map((x) => model.forward(x)[0]);
  const losses = scores.map((s, i) => s.mul(-moons.y[i]).add(1).relu());
  let sum = losses[0];
  for (let i = 1; i < losses.length; i++) sum = sum.add(losses[i]);
  const dataLoss = sum.mul(1 / losses.length);
  const params = model.parameters();
  let reg = params[0].mul(params[0]);
  for (let i = 1; i < params.length; i++) {
    reg = reg.add(params[i].mul(params[i]));
  }
  const loss = dataLoss.add(reg.mul(1e-4));
  const correct = scores.filter((s, i) => (moons.y[i] > 0) === (s.data > 0));
  return { loss, accuracy: correct.length / scores.length };
}

/** One SGD step at iteration k; returns the loss and accuracy before the update. */
export function moonsStep(
  model: MLP,
  k: number,
): { loss: number; accuracy: number } {
  const { loss, accuracy } = moonsLoss(model);
  model.zeroGrad();
  loss.backward();
  const lr = 1.0 - 0.9 * k / 100;
  for (const p of model.parameters()) p.data -= lr * p.grad;
  return { loss: loss.data, accuracy };
}
