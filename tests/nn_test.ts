import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { Layer, MLP, Neuron, seededRandom, Value } from "../mod.ts";
import moons from "../data/moons.json" with { type: "json" };
import { moonsModel, moonsStep } from "./_moons.ts";

Deno.test("seededRandom(42) gives the EurekaLabs micrograd draws", () => {
  const random = seededRandom(42);
  deepEqual(
    [0, 1, 2, 3].map(() => random() * 2 - 1),
    [
      -0.32182955741882324,
      0.5645116567611694,
      0.5802739858627319,
      0.8880852460861206,
    ],
  );
  throws(() => seededRandom(-1), RangeError);
  throws(() => seededRandom(1.5), RangeError);
});

Deno.test("Neuron draws its weights, then its bias, from uniform(-1, 1)", () => {
  const draws = seededRandom(42);
  const expected = [0, 1, 2].map(() => draws() * 2 - 1);
  const n = new Neuron(2, { random: seededRandom(42) });
  deepEqual(n.parameters().map((p) => p.data), expected);
  const zero = new Neuron(2, { random: seededRandom(42), bias: "zero" });
  equal(zero.b.data, 0);
});

Deno.test("Neuron sums b + w1*x1 + w2*x2 in that order, then tanh", () => {
  const n = new Neuron(2, { random: seededRandom(3) });
  const [w1, w2] = n.w;
  const out = n.forward([2, -1]);
  equal(out.op, "tanh");
  const act = out.children[0];
  const [first, w2x2] = act.children;
  equal(first.children[0], n.b);
  equal(w2x2.children[0], w2);
  equal(first.children[1].children[0], w1);
  equal(
    out.data,
    Math.tanh(n.b.data + w1.data * 2 + w2.data * -1),
  );
});

Deno.test("MLP orders parameters layer, neuron, weights, bias", () => {
  const model = new MLP(3, [4, 4, 1], { random: seededRandom(42) });
  const draws = seededRandom(42);
  const expected = Array.from({ length: 41 }, () => draws() * 2 - 1);
  deepEqual(model.parameters().map((p) => p.data), expected);
  equal(model.layers[1].neurons[2].b, model.parameters()[4 * 4 + 2 * 5 + 4]);
});

Deno.test("MLP builds micrograd's demo network: ReLU hidden, linear output", () => {
  const model = new MLP(2, [16, 16, 1], {
    activation: "relu",
    outputActivation: "linear",
    bias: "zero",
  });
  equal(model.parameters().length, 337);
  deepEqual(model.layers.map((l) => l.neurons[0].activation), [
    "relu",
    "relu",
    "linear",
  ]);
  ok(model.layers.every((l) => l.neurons.every((n) => n.b.data === 0)));
  const [out] = model.forward([0.5, -0.5]);
  equal(out.op, "+");
});

Deno.test("training the lecture's MLP on its four examples lowers the loss", () => {
  const xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [
    1.0,
    1.0,
    -1.0,
  ]];
  const ys = [1.0, -1.0, -1.0, 1.0];
  const model = new MLP(3, [4, 4, 1], { random: seededRandom(42) });
  const losses: number[] = [];
  for (let k = 0; k < 20; k++) {
    const preds = xs.map((x) => model.forward(x)[0]);
    let loss = new Value(0);
    preds.forEach((p, i) => loss = loss.add(p.sub(ys[i]).pow(2)));
    model.zeroGrad();
    loss.backward();
    for (const p of model.parameters()) p.data -= 0.05 * p.grad;
    losses.push(loss.data);
  }
  ok(losses[19] < losses[0] / 4, `losses ${losses[0]} -> ${losses[19]}`);
});

Deno.test("micrograd's moons demo gives its notebook's numbers", () => {
  const model = moonsModel();
  const steps = Array.from({ length: 100 }, (_, k) => moonsStep(model, k));
  equal(steps[0].loss, 0.8958441028683222);
  equal(steps[0].accuracy, 0.5);
  equal(steps[99].loss, 0.010978370135492717);
  equal(steps[99].accuracy, 1);
  equal(moons.X.length, 100);
});

Deno.test("networks refuse bad sizes and inputs", () => {
  throws(() => new MLP(2, []), /nouts must be a non-empty array/);
  throws(() => new Layer(2, 0), /nout must be a positive integer, got 0/);
  throws(() => new Neuron(1.5), /nin must be a positive integer, got 1.5/);
  throws(
    // @ts-expect-error: testing a wrong value
    () => new Neuron(2, { activation: "softmax" }),
    /activation must be "tanh", "relu", "sigmoid" or "linear", got "softmax"/,
  );
  throws(
    () => new MLP(3, [2]).forward([1, 2]),
    new RangeError("Cannot run Neuron: expected 3 inputs, got 2"),
  );
});
