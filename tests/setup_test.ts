// Training setups (src/demo/setup.ts, datasets.ts) and the Trainer's
// mini-batches and L1 penalty: micrograd's numbers for the default, the
// Value engine's for the rest.
import { deepEqual, equal, notDeepEqual, ok, throws } from "node:assert/strict";
import { MLP, seededRandom, Trainer, Value } from "../mod.ts";
import {
  DATASETS,
  makeDataset,
  MICROGRAD_SETUP,
  parseSetup,
  Probe,
  Run,
  sampleView,
  setupModel,
  setupQuery,
} from "../src/demo/setup.ts";
import moons from "../data/moons.json" with { type: "json" };

Deno.test("the default setup is micrograd's demo: step 0 and step 99 give the notebook's numbers", () => {
  const run = new Run(parseSetup(new URLSearchParams()));
  deepEqual(run.data.train.points, moons.X);
  deepEqual(run.model.parameters().map((p) => p.data), moons.params);
  const steps = Array.from({ length: 100 }, () => run.step());
  equal(steps[0].loss, 0.8958441028683222);
  equal(steps[0].accuracy, 0.5);
  equal(steps[99].loss, 0.010978370135492717);
  equal(steps[99].accuracy, 1);
  equal(steps[99].testLoss, null);
});

Deno.test("Run.evaluate() measures the training loss as the trainer's graph does, bit for bit", () => {
  for (const reg of ["l2", "l1", "none"]) {
    const run = new Run(
      parseSetup(
        new URLSearchParams(
          `data=circles&points=60&layers=5&activation=tanh&loss=mse&reg=${reg}&lambda=0.01`,
        ),
      ),
    );
    for (let k = 0; k < 5; k++) {
      const before = run.evaluate(run.data.train);
      const step = run.step();
      equal(before.loss, step.loss, `${reg}, step ${k}`);
      equal(before.accuracy, step.accuracy);
    }
  }
});

Deno.test("a seed reproduces a data set exactly, and another seed draws another", () => {
  for (const name of DATASETS) {
    const a = makeDataset(name, { points: 40, noise: 0.2, seed: 3 });
    deepEqual(makeDataset(name, { points: 40, noise: 0.2, seed: 3 }), a);
    notDeepEqual(makeDataset(name, { points: 40, noise: 0.2, seed: 4 }), a);
    equal(a.points.length, 40);
    equal(a.labels.filter((l) => l === 1).length, 20, name);
  }
});

Deno.test("data sets have their shapes: circles inside out, xor by quadrant, yin-yang in the unit disc", () => {
  const circles = makeDataset("circles", { points: 200, noise: 0, seed: 1 });
  circles.points.forEach(([x, y], i) => {
    const r = Math.hypot(x, y);
    ok(circles.labels[i] > 0 ? r <= 0.5 : r >= 0.7 && r <= 1);
  });
  const xor = makeDataset("xor", { points: 200, noise: 0, seed: 1 });
  xor.points.forEach(([x, y], i) => equal(xor.labels[i], x * y > 0 ? 1 : -1));
  const yy = makeDataset("yinyang", { points: 200, noise: 0, seed: 1 });
  yy.points.forEach(([x, y]) => ok(Math.hypot(x, y) <= 1));
});

Deno.test("a mini-batch step's loss is the Value engine's mean loss over some batch of the examples", () => {
  const inputs = [[1, 2], [-1, 0.5], [0.3, -2], [2, 2]];
  const targets = [1, -1, -1, 1];
  const make = () =>
    new MLP(2, [3, 1], {
      activation: "tanh",
      outputActivation: "linear",
      random: seededRandom(5),
    });
  const trainer = new Trainer(make(), { inputs, targets }, {
    loss: "svm",
    batchSize: 2,
    random: seededRandom(9),
    learningRate: 0.1,
  });
  const { loss } = trainer.step();
  // Every ordered pair of examples, as the Value engine sums them.
  const model = make();
  const candidates: number[] = [];
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      if (i === j) continue;
      const l = (k: number) =>
        model.forward(inputs[k])[0].mul(-targets[k]).add(1).relu();
      candidates.push(l(i).add(l(j)).mul(1 / 2).data);
    }
  }
  ok(candidates.includes(loss), `${loss} is not in ${candidates}`);
  // Later batches differ: the batch is drawn again each step.
  const losses = Array.from({ length: 6 }, () => trainer.step().loss);
  ok(new Set(losses).size > 1);
});

Deno.test("the L1 penalty adds l1 * sum(|p|) to the loss", () => {
  const model = new MLP(2, [2, 1], { random: seededRandom(2) });
  const data = { inputs: [[1, 0], [0, 1]], targets: [1, -1] };
  const plain = new Trainer(model, data, { loss: "mse", learningRate: 0 });
  const l1 = new Trainer(model, data, {
    loss: "mse",
    l1: 0.5,
    learningRate: 0,
  });
  const abs = model.parameters().reduce((s, p) => s + Math.abs(p.data), 0);
  const diff = l1.step().loss - plain.step().loss;
  ok(Math.abs(diff - 0.5 * abs) < 1e-12, `${diff} vs ${0.5 * abs}`);
  // Its gradient is l1 * sign(p).
  const w = new Value(model.parameters()[0].data);
  ok(w.data !== 0);
  const slot = l1.graph.slot(l1.parameters[0]);
  const slotPlain = plain.graph.slot(plain.parameters[0]);
  const g = l1.graph.grads[slot] - plain.graph.grads[slotPlain];
  ok(Math.abs(g - 0.5 * Math.sign(w.data)) < 1e-12);
});

Deno.test("parseSetup() reads every parameter and setupQuery() writes it back", () => {
  const query =
    "data=spiral&points=300&noise=0.2&seed=7&test=30&features=x,y,sinx&layers=3,16,16&activation=sigmoid&loss=mse&rate=0.03&decay=off&reg=l1&lambda=0.001&batch=10&steps=500&speed=5";
  const setup = parseSetup(new URLSearchParams(query));
  deepEqual(setup, {
    data: "spiral",
    points: 300,
    noise: 0.2,
    seed: 7,
    test: 30,
    features: ["x", "y", "sinx"],
    layers: [3, 16, 16],
    activation: "sigmoid",
    loss: "mse",
    rate: 0.03,
    decay: false,
    reg: "l1",
    lambda: 0.001,
    batch: 10,
    steps: 500,
    speed: 5,
  });
  equal(setupQuery(setup), query);
  deepEqual(parseSetup(new URLSearchParams("layers=")).layers, []);
  equal(setupQuery({ ...MICROGRAD_SETUP, layers: [] }), "layers=");
});

Deno.test("parseSetup() refuses bad parameters, naming them", () => {
  const bad: [string, RegExp][] = [
    ["data=swirl", /data must be one of moons, circles/],
    ["points=5", /points must be an integer from 10 to 1000, got "5"/],
    ["noise=-1", /noise must be a number from 0 to 1/],
    ["features=x,z", /features must be one of x, y, x2/],
    ["features=x,x", /features must not repeat/],
    ["layers=1,2,3,4,5,6,7", /layers must be up to 6 sizes/],
    ["layers=0", /layers must be up to 6 sizes from 1 to 16/],
    ["activation=gelu", /activation must be one of relu, tanh, sigmoid/],
    ["rate=0", /rate must be greater than 0/],
    ["rate=abc", /rate must be a number from 0 to 10, got "abc"/],
    ["decay=yes", /decay must be one of on, off/],
    ["steps=1.5", /steps must be an integer/],
    ["colour=red", /unknown parameter "colour"/],
    ["data=xor&data=moons", /data is given 2 times/],
  ];
  for (const [query, message] of bad) {
    throws(() => parseSetup(new URLSearchParams(query)), message, query);
    throws(() => parseSetup(new URLSearchParams(query)), RangeError);
  }
});

Deno.test("micrograd's initial weights go only to micrograd's network; other networks are drawn by the seed", () => {
  const other = setupModel({ ...MICROGRAD_SETUP, activation: "tanh" });
  notDeepEqual(other.parameters().map((p) => p.data), moons.params);
  const a = setupModel({ ...MICROGRAD_SETUP, layers: [4], seed: 11 });
  const b = setupModel({ ...MICROGRAD_SETUP, layers: [4], seed: 11 });
  deepEqual(
    a.parameters().map((p) => p.data),
    b.parameters().map((p) => p.data),
  );
});

Deno.test("a Probe gives the model's output and hidden neurons, as the Value engine does", () => {
  const setup = {
    ...MICROGRAD_SETUP,
    layers: [3, 2],
    activation: "sigmoid" as const,
    features: ["x", "y", "xy", "siny"] as ("x" | "y" | "xy" | "siny")[],
  };
  const model = setupModel(setup);
  const probe = new Probe(model, setup.features);
  equal(probe.neurons, 5);
  const [x, y] = [0.3, -1.2];
  const input = [x, y, x * y, Math.sin(y)];
  const h1 = model.layers[0].forward(input);
  const h2 = model.layers[1].forward(h1);
  const out = model.layers[2].forward(h2)[0];
  equal(probe.at(x, y), out.data);
  deepEqual(
    [0, 1, 2, 3, 4].map((i) => probe.hidden(i)),
    [...h1, ...h2].map((v) => v.data),
  );
  const field = sampleView(probe, { x0: -1, y0: -1, size: 2 }, 2);
  // Row 0 is the top: cell (0, 0) is centred at (-0.5, 0.5).
  equal(field[0], Math.fround(probe.at(-0.5, 0.5)));
  // Neuron 0's block starts after the output's 4 cells; cell 2 is (-0.5, -0.5).
  probe.at(-0.5, -0.5);
  equal(field[4 + 2], Math.fround(probe.hidden(0)));
});
