import { deepEqual, equal, ok, throws } from "node:assert/strict";
import {
  MLP,
  seededRandom,
  train,
  Trainer,
  type TrainStep,
  type Value,
} from "../mod.ts";
import { moonsModel, moonsStep } from "./_moons.ts";
import moons from "../data/moons.json" with { type: "json" };

const MOONS = { inputs: moons.X, targets: moons.y };
const demoRate = (k: number) => 1.0 - 0.9 * k / 100;

Deno.test("train() runs micrograd's moons demo to its notebook's numbers, as the Value engine does", () => {
  const model = moonsModel();
  const steps: TrainStep[] = [];
  const last = train(model, MOONS, {
    steps: 100,
    loss: "svm",
    l2: 1e-4,
    learningRate: demoRate,
    onStep: (info) => steps.push(info),
  });
  // micrograd's demo.ipynb prints these.
  deepEqual([steps[0].loss, steps[0].accuracy], [0.8958441028683222, 0.5]);
  deepEqual([last.step, last.loss, last.accuracy], [
    99,
    0.010978370135492717,
    1,
  ]);
  equal(steps.length, 100);

  // The Value engine's loop, rebuilding the graph every step: the same
  // losses, accuracies and trained parameters, bit for bit.
  const reference = moonsModel();
  for (let k = 0; k < 100; k++) {
    const { loss, accuracy } = moonsStep(reference, k);
    ok(
      Math.abs(steps[k].loss - loss) <= 1e-12,
      `step ${k}: ${steps[k].loss} vs ${loss}`,
    );
    equal(steps[k].loss, loss);
    equal(steps[k].accuracy, accuracy);
    equal(steps[k].learningRate, demoRate(k));
  }
  deepEqual(
    model.parameters().map((p) => p.data),
    reference.parameters().map((p) => p.data),
  );
});

// The lecture's training loop on Value graphs rebuilt each step, with the
// loss options of train(): mse or svm, mean or sum, and an L2 term.
function engineLoop(
  model: MLP,
  inputs: number[][],
  targets: number[],
  options: {
    loss: "mse" | "svm";
    reduction: "mean" | "sum";
    l2: number;
    rate: number;
    steps: number;
  },
): number[] {
  const losses: number[] = [];
  for (let k = 0; k < options.steps; k++) {
    const ypred = inputs.map((x) => model.forward(x)[0]);
    const terms = ypred.map((y, i) =>
      options.loss === "mse"
        ? y.sub(targets[i]).pow(2)
        : y.mul(-targets[i]).add(1).relu()
    );
    let loss: Value = terms.reduce((s, t) => s.add(t));
    if (options.reduction === "mean") loss = loss.mul(1 / terms.length);
    if (options.l2 !== 0) {
      const reg = model.parameters().map((p) => p.mul(p)).reduce((s, t) =>
        s.add(t)
      );
      loss = loss.add(reg.mul(options.l2));
    }
    model.zeroGrad();
    loss.backward();
    for (const p of model.parameters()) p.data += -options.rate * p.grad;
    losses.push(loss.data);
  }
  return losses;
}

Deno.test("train() matches the Value engine on the lecture's MLP(3, [4, 4, 1]) and its four examples", () => {
  const inputs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [
    1.0,
    1.0,
    -1.0,
  ]];
  const targets = [1.0, -1.0, -1.0, 1.0];
  const cases = [
    { loss: "mse", reduction: "sum", l2: 0 }, // the lecture's loss
    { loss: "mse", reduction: "mean", l2: 0 },
    { loss: "svm", reduction: "mean", l2: 1e-3 },
  ] as const;
  for (const c of cases) {
    const model = new MLP(3, [4, 4, 1], { random: seededRandom(7) });
    const reference = new MLP(3, [4, 4, 1], { random: seededRandom(7) });
    const losses: number[] = [];
    const last = train(model, { inputs, targets }, {
      ...c,
      steps: 50,
      learningRate: 0.05,
      onStep: ({ loss }) => losses.push(loss),
    });
    const want = engineLoop(reference, inputs, targets, {
      ...c,
      rate: 0.05,
      steps: 50,
    });
    losses.forEach((loss, k) =>
      ok(
        Math.abs(loss - want[k]) <= 1e-12,
        `${c.loss} ${c.reduction} step ${k}`,
      )
    );
    deepEqual(losses, want);
    deepEqual(
      model.parameters().map((p) => p.data),
      reference.parameters().map((p) => p.data),
    );
    ok(last.loss < losses[0]);
  }
});

Deno.test("train() on the lecture's examples reaches 100% accuracy", () => {
  const model = new MLP(3, [4, 4, 1], { random: seededRandom(42) });
  const data = {
    inputs: [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [
      1.0,
      1.0,
      -1.0,
    ]],
    targets: [1.0, -1.0, -1.0, 1.0],
  };
  const last = train(model, data, {
    steps: 100,
    loss: "mse",
    reduction: "sum",
    learningRate: 0.05,
  });
  equal(last.accuracy, 1);
  ok(last.loss < 0.05, `${last.loss}`);
  // The model holds the trained parameters: its predictions have the targets' signs.
  data.inputs.forEach((x, i) =>
    equal(Math.sign(model.forward(x)[0].data), data.targets[i])
  );
});

Deno.test("Trainer steps one at a time exactly as train() does", () => {
  const trainer = new Trainer(moonsModel(), MOONS, {
    loss: "svm",
    l2: 1e-4,
    learningRate: demoRate,
  });
  const losses = Array.from({ length: 5 }, () => trainer.step().loss);
  const model = moonsModel();
  const reference: number[] = [];
  train(model, MOONS, {
    steps: 5,
    loss: "svm",
    l2: 1e-4,
    learningRate: demoRate,
    onStep: ({ loss }) => reference.push(loss),
  });
  deepEqual(losses, reference);
  equal(trainer.steps, 5);
  trainer.sync();
  deepEqual(
    trainer.parameters.map((p) => p.data),
    model.parameters().map((p) => p.data),
  );
});

Deno.test("train() refuses bad data and options clearly", () => {
  const model = new MLP(2, [3, 1], { random: seededRandom(1) });
  const data = { inputs: [[1, 2], [3, 4]], targets: [1, -1] };
  const options = { steps: 1, loss: "svm", learningRate: 0.1 } as const;
  throws(() => train(model, data, { ...options, steps: 0 }), {
    name: "RangeError",
    message: "Cannot train model: steps must be a positive integer, got 0",
  });
  throws(() => train(model, { inputs: data.inputs, targets: [1] }, options), {
    name: "RangeError",
    message: /expected as many targets as inputs/,
  });
  throws(() => train(model, { inputs: [], targets: [] }, options), {
    name: "RangeError",
  });
  throws(() => train(model, data, { ...options, loss: "hinge" as "svm" }), {
    message: 'Cannot train model: loss must be "mse" or "svm", got "hinge"',
  });
  throws(() => train(model, data, { ...options, reduction: "max" as "sum" }), {
    name: "RangeError",
  });
  throws(
    () =>
      train(model, data, {
        ...options,
        learningRate: "fast" as unknown as number,
      }),
    {
      name: "TypeError",
    },
  );
  throws(() => train(new MLP(2, [3, 2]), data, options), {
    message: "Cannot train model: the model must have one output, it has 2",
  });
  throws(() => train(model, { inputs: [[1, 2, 3]], targets: [1] }, options), {
    name: "RangeError",
  });
});
