/**
 * Training setups, shared by the training playground (`/train`) and the
 * CLI's `train`: a {@linkcode Setup} names a data set, its split, the input
 * features, the network and the training options. {@linkcode parseSetup}
 * reads one from a URL query (the page's address, the server's check and
 * the CLI's options are the same parameters), {@linkcode setupQuery} writes
 * it back, and a {@linkcode Run} trains it on a compiled graph step by step.
 * {@linkcode MICROGRAD_SETUP}, the default, is micrograd's demo bit for bit.
 *
 * @example micrograd's demo, as the default setup
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { parseSetup, Run } from "@gradviz/gradviz/train";
 *
 * const run = new Run(parseSetup(new URLSearchParams("")));
 * equal(run.step().loss, 0.8958441028683222); // micrograd's step 0
 * ```
 *
 * @module
 */
import moons from "../../data/moons.json" with { type: "json" };
import { type Activation, MLP } from "../engine/nn.ts";
import { seededRandom } from "../engine/random.ts";
import { Value } from "../engine/value.ts";
import { compile, type CompiledGraph } from "../replay/compile.ts";
import { Trainer, type TrainerOptions } from "../replay/train.ts";
import {
  type Dataset,
  type DatasetName,
  DATASETS,
  makeDataset,
} from "./datasets.ts";

export {
  type Dataset,
  DATASET_TITLES,
  type DatasetName,
  type DatasetOptions,
  DATASETS,
  makeDataset,
  MICROGRAD_MOONS,
} from "./datasets.ts";
export type { Activation } from "../engine/nn.ts";

/** An input feature computed from a point `(x, y)`: `x2` is x², `sinx` is sin x, and so on. */
export type Feature = "x" | "y" | "x2" | "y2" | "xy" | "sinx" | "siny";

/**
 * Every input feature, in the order the network sees them.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { FEATURES } from "@gradviz/gradviz/train";
 *
 * equal(FEATURES.join(" "), "x y x2 y2 xy sinx siny");
 * ```
 */
export const FEATURES: readonly Feature[] = [
  "x",
  "y",
  "x2",
  "y2",
  "xy",
  "sinx",
  "siny",
];

/**
 * Each feature as it is written for a reader.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { FEATURE_NAMES } from "@gradviz/gradviz/train";
 *
 * equal(FEATURE_NAMES.x2, "x²");
 * ```
 */
export const FEATURE_NAMES: Readonly<Record<Feature, string>> = {
  x: "x",
  y: "y",
  x2: "x²",
  y2: "y²",
  xy: "xy",
  sinx: "sin x",
  siny: "sin y",
};

/**
 * The values of `features` at the point `(x, y)`, in the given order.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { featurize } from "@gradviz/gradviz/train";
 *
 * deepEqual(featurize(["x", "y", "xy", "x2"], 2, 3), [2, 3, 6, 4]);
 * ```
 */
export function featurize(
  features: readonly Feature[],
  x: number,
  y: number,
): number[] {
  return features.map((f) => {
    switch (f) {
      case "x":
        return x;
      case "y":
        return y;
      case "x2":
        return x * x;
      case "y2":
        return y * y;
      case "xy":
        return x * y;
      case "sinx":
        return Math.sin(x);
      default:
        return Math.sin(y);
    }
  });
}

/** Everything that defines a training run, as the playground's controls and the URL hold it. */
export interface Setup {
  /** The data set. */
  data: DatasetName;
  /** How many points, train and test together (10–1000). */
  points: number;
  /** The deviation of the noise on each coordinate (0–1). */
  noise: number;
  /** Seeds the data set and the network's initial weights. */
  seed: number;
  /** The share of points held out for testing, in percent (0–90); the first points train. */
  test: number;
  /** The network's inputs. */
  features: Feature[];
  /** The hidden layers' sizes (0–6 layers of 1–16 neurons); the output is one linear neuron. */
  layers: number[];
  /** The hidden neurons' nonlinearity. */
  activation: Activation;
  /** `"svm"`: micrograd's max-margin `relu(1 − y·score)`; `"mse"`: `(score − y)²`. Both averaged. */
  loss: "svm" | "mse";
  /** The learning rate (at step 0, with `decay`). */
  rate: number;
  /** micrograd's schedule: step k uses `rate · (1 − 0.9·k/steps)`. */
  decay: boolean;
  /** The penalty on the parameters: none, `lambda·Σ|p|` or `lambda·Σp²`. */
  reg: "none" | "l1" | "l2";
  /** The penalty's strength (0–1). */
  lambda: number;
  /** Examples per step; 0 (or as many as the training points) is the full batch, micrograd's. */
  batch: number;
  /** How many steps a run takes (1–100000); `decay` spans them. */
  steps: number;
  /** Steps per animation frame in the playground (1–100); the CLI ignores it. */
  speed: number;
}

/**
 * micrograd's demo as a setup: its 100 moons, MLP(2, [16, 16, 1]) with ReLU
 * from its initial weights, SVM loss, L2 1e-4, full batch, learning rate
 * `1 − 0.9·k/100` for 100 steps. Every parameter the URL leaves out takes
 * its value from here.
 *
 * @example
 * ```ts
 * import { deepEqual, equal } from "node:assert/strict";
 * import { MICROGRAD_SETUP } from "@gradviz/gradviz/train";
 *
 * deepEqual(MICROGRAD_SETUP.layers, [16, 16]);
 * equal(MICROGRAD_SETUP.lambda, 1e-4);
 * ```
 */
export const MICROGRAD_SETUP: Readonly<Setup> = Object.freeze({
  data: "moons",
  points: 100,
  noise: 0.1,
  seed: 1337,
  test: 0,
  features: ["x", "y"],
  layers: [16, 16],
  activation: "relu",
  loss: "svm",
  rate: 1,
  decay: true,
  reg: "l2",
  lambda: 1e-4,
  batch: 0,
  steps: 100,
  speed: 1,
}) as Setup;

/**
 * A configuration for each data set that trains it to at least 90%
 * training accuracy (the browser tests check it), as URL queries: the
 * playground's presets. Two moons is micrograd's demo, the empty query.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { parseSetup, PRESETS } from "@gradviz/gradviz/train";
 *
 * equal(PRESETS.moons, "");
 * equal(parseSetup(new URLSearchParams(PRESETS.spiral)).steps, 1000);
 * ```
 */
export const PRESETS: Readonly<Record<DatasetName, string>> = {
  moons: "",
  circles:
    "data=circles&points=200&test=20&layers=8&activation=tanh&rate=0.5&steps=200",
  xor:
    "data=xor&points=200&test=20&layers=8&activation=tanh&rate=0.5&steps=200",
  spiral:
    "data=spiral&points=200&noise=0&test=20&layers=16,16&reg=none&steps=1000",
  gauss: "data=gauss&points=200&test=20&layers=4&rate=0.3",
  yinyang: "data=yinyang&points=200&test=20&layers=16,16&reg=none&steps=1000",
};

const ACTIVATIONS: readonly Activation[] = [
  "relu",
  "tanh",
  "sigmoid",
  "linear",
];

function fail(message: string): never {
  throw new RangeError(`Cannot read setup: ${message}`);
}

function choice<T extends string>(
  name: string,
  text: string,
  options: readonly T[],
): T {
  if (!options.includes(text as T)) {
    fail(
      `${name} must be one of ${options.join(", ")}, got ${
        JSON.stringify(text)
      }`,
    );
  }
  return text as T;
}

function numeric(
  name: string,
  text: string,
  min: number,
  max: number,
  integer: boolean,
): number {
  const x = text.trim() === "" ? NaN : Number(text);
  if (
    !Number.isFinite(x) || (integer && !Number.isInteger(x)) || x < min ||
    x > max
  ) {
    fail(
      `${name} must be ${
        integer ? "an integer" : "a number"
      } from ${min} to ${max}, got ${JSON.stringify(text)}`,
    );
  }
  return x;
}

/** The query parameters {@linkcode parseSetup} reads: the keys of {@linkcode Setup}. */
const KEYS = Object.keys(MICROGRAD_SETUP) as (keyof Setup)[];

/**
 * Reads a setup from URL query parameters named as {@linkcode Setup}'s
 * fields (`data=xor&layers=4,4&activation=tanh&features=x,y,xy`); what is
 * missing is {@linkcode MICROGRAD_SETUP}'s. Lists are comma-separated;
 * `layers=` (empty) is no hidden layer; `decay` is `on` or `off`.
 *
 * @example
 * ```ts
 * import { deepEqual, equal, throws } from "node:assert/strict";
 * import { parseSetup } from "@gradviz/gradviz/train";
 *
 * const setup = parseSetup(new URLSearchParams("data=circles&layers=4,2&features=x2,y2"));
 * equal(setup.data, "circles");
 * deepEqual(setup.layers, [4, 2]);
 * deepEqual(setup.features, ["x2", "y2"]);
 * throws(
 *   () => parseSetup(new URLSearchParams("layers=4,40")),
 *   new RangeError('Cannot read setup: layers must be up to 6 sizes from 1 to 16, got "4,40"'),
 * );
 * ```
 *
 * @throws {RangeError} Naming the parameter, for an unknown parameter or a value out of range.
 */
export function parseSetup(query: URLSearchParams): Setup {
  const setup: Setup = {
    ...MICROGRAD_SETUP,
    features: [...MICROGRAD_SETUP.features],
    layers: [...MICROGRAD_SETUP.layers],
  };
  for (const key of new Set(query.keys())) {
    if (!KEYS.includes(key as keyof Setup)) {
      fail(
        `unknown parameter ${JSON.stringify(key)}, expected one of ${
          KEYS.join(", ")
        }`,
      );
    }
    const all = query.getAll(key);
    if (all.length > 1) fail(`${key} is given ${all.length} times`);
  }
  const get = (key: keyof Setup) => query.get(key);
  let t: string | null;
  if ((t = get("data")) !== null) setup.data = choice("data", t, DATASETS);
  if ((t = get("points")) !== null) {
    setup.points = numeric("points", t, 10, 1000, true);
  }
  if ((t = get("noise")) !== null) {
    setup.noise = numeric("noise", t, 0, 1, false);
  }
  if ((t = get("seed")) !== null) {
    setup.seed = numeric("seed", t, 0, 2 ** 32, true);
  }
  if ((t = get("test")) !== null) setup.test = numeric("test", t, 0, 90, true);
  if ((t = get("features")) !== null) {
    const list = t.split(",");
    list.forEach((f) => choice("features", f, FEATURES));
    if (new Set(list).size !== list.length) {
      fail(`features must not repeat, got ${JSON.stringify(t)}`);
    }
    setup.features = FEATURES.filter((f) => list.includes(f));
  }
  if ((t = get("layers")) !== null) {
    const sizes = t === "" ? [] : t.split(",").map(Number);
    if (
      sizes.length > 6 ||
      sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 16)
    ) {
      fail(
        `layers must be up to 6 sizes from 1 to 16, got ${JSON.stringify(t)}`,
      );
    }
    setup.layers = sizes;
  }
  if ((t = get("activation")) !== null) {
    setup.activation = choice("activation", t, ACTIVATIONS);
  }
  if ((t = get("loss")) !== null) {
    setup.loss = choice("loss", t, ["svm", "mse"]);
  }
  if ((t = get("rate")) !== null) {
    setup.rate = numeric("rate", t, 0, 10, false);
    if (setup.rate === 0) fail(`rate must be greater than 0, got "${t}"`);
  }
  if ((t = get("decay")) !== null) {
    setup.decay = choice("decay", t, ["on", "off"]) === "on";
  }
  if ((t = get("reg")) !== null) {
    setup.reg = choice("reg", t, ["none", "l1", "l2"]);
  }
  if ((t = get("lambda")) !== null) {
    setup.lambda = numeric("lambda", t, 0, 1, false);
  }
  if ((t = get("batch")) !== null) {
    setup.batch = numeric("batch", t, 0, 1000, true);
  }
  if ((t = get("steps")) !== null) {
    setup.steps = numeric("steps", t, 1, 100000, true);
  }
  if ((t = get("speed")) !== null) {
    setup.speed = numeric("speed", t, 1, 100, true);
  }
  if (setup.features.length === 0) {
    fail("features must name at least one feature");
  }
  return setup;
}

/**
 * The query that {@linkcode parseSetup} reads back as `setup`: only the
 * parameters that differ from {@linkcode MICROGRAD_SETUP}, in a fixed
 * order (micrograd's demo is the empty query).
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { MICROGRAD_SETUP, parseSetup, setupQuery } from "@gradviz/gradviz/train";
 *
 * equal(setupQuery(MICROGRAD_SETUP), "");
 * const query = setupQuery({ ...MICROGRAD_SETUP, data: "xor", layers: [8], decay: false });
 * equal(query, "data=xor&layers=8&decay=off");
 * equal(setupQuery(parseSetup(new URLSearchParams(query))), query);
 * ```
 */
export function setupQuery(setup: Setup): string {
  const out = new URLSearchParams();
  for (const key of KEYS) {
    const text = (s: Setup) => {
      const v = s[key];
      return Array.isArray(v)
        ? v.join(",")
        : typeof v === "boolean"
        ? (v ? "on" : "off")
        : String(v);
    };
    const value = text(setup);
    if (value !== text(MICROGRAD_SETUP)) out.set(key, value);
  }
  return out.toString().replaceAll("%2C", ",");
}

/** A setup's data: the training points first, then the test points. */
export interface SetupData {
  /** The points trained on. */
  train: Dataset;
  /** The points held out. */
  test: Dataset;
}

/**
 * The setup's points, split: the first `100 − test` percent (rounded) train.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { MICROGRAD_SETUP, setupData } from "@gradviz/gradviz/train";
 *
 * const { train, test } = setupData({ ...MICROGRAD_SETUP, data: "spiral", points: 200, test: 25 });
 * equal(train.points.length, 150);
 * equal(test.labels.length, 50);
 * ```
 */
export function setupData(setup: Setup): SetupData {
  const all = makeDataset(setup.data, setup);
  const cut = Math.round(setup.points * (100 - setup.test) / 100);
  return {
    train: {
      points: all.points.slice(0, cut),
      labels: all.labels.slice(0, cut),
    },
    test: { points: all.points.slice(cut), labels: all.labels.slice(cut) },
  };
}

/** Whether the network is micrograd's demo network: then it starts from the demo's weights. */
function isMicrogradNetwork(setup: Setup): boolean {
  return setup.layers.join() === "16,16" && setup.activation === "relu" &&
    setup.features.join() === "x,y" && setup.seed === MICROGRAD_SETUP.seed;
}

/**
 * The setup's network: `MLP(features, [...layers, 1])` with the hidden
 * activation, a linear output and zero biases (micrograd's), its weights
 * drawn from uniform(−1, 1) by `seededRandom(seed)`. micrograd's network
 * (16, 16, ReLU, inputs x and y, seed 1337) starts from the demo's weights
 * instead (`data/moons.json`).
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { MICROGRAD_SETUP, setupModel } from "@gradviz/gradviz/train";
 *
 * equal(setupModel(MICROGRAD_SETUP).parameters().length, 337);
 * equal(setupModel({ ...MICROGRAD_SETUP, layers: [4], features: ["x", "y", "xy"] }).parameters().length, 21);
 * ```
 */
export function setupModel(setup: Setup): MLP {
  const model = new MLP(setup.features.length, [...setup.layers, 1], {
    activation: setup.activation,
    outputActivation: "linear",
    bias: "zero",
    random: seededRandom(setup.seed),
  });
  if (isMicrogradNetwork(setup)) {
    model.parameters().forEach((p, i) => p.data = moons.params[i]);
  }
  return model;
}

/**
 * The setup's {@linkcode TrainerOptions}: mean loss, the penalty, the batch
 * (drawn by `seededRandom(seed)`) and the learning rate, decaying as
 * micrograd's `1 − 0.9·k/steps` when `decay` is on.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { MICROGRAD_SETUP, setupTraining } from "@gradviz/gradviz/train";
 *
 * const options = setupTraining(MICROGRAD_SETUP);
 * equal(options.l2, 1e-4);
 * equal((options.learningRate as (k: number) => number)(50), 0.55);
 * ```
 */
export function setupTraining(setup: Setup): TrainerOptions {
  const { rate, steps } = setup;
  return {
    loss: setup.loss,
    reduction: "mean",
    l2: setup.reg === "l2" ? setup.lambda : 0,
    l1: setup.reg === "l1" ? setup.lambda : 0,
    batchSize: setup.batch === 0 ? undefined : setup.batch,
    random: seededRandom(setup.seed),
    learningRate: setup.decay ? (k) => rate * (1.0 - 0.9 * k / steps) : rate,
  };
}

/** One step of a {@linkcode Run}, measured before its update. */
export interface RunStep {
  /** The step number, from 0. */
  step: number;
  /** The loss on the training points (the mean loss plus the penalty, as trained). */
  loss: number;
  /** The share of training points classified right. */
  accuracy: number;
  /** The same loss on the test points, or null without test points. */
  testLoss: number | null;
  /** The share of test points classified right, or null without test points. */
  testAccuracy: number | null;
  /** The learning rate of the step. */
  learningRate: number;
}

/**
 * One forward pass of a model on a point, compiled: the output and every
 * hidden neuron's value at any `(x, y)`, for the decision boundary and the
 * neurons' heat maps. Load new parameters with {@linkcode Probe.load}.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { MICROGRAD_SETUP, Probe, setupModel } from "@gradviz/gradviz/train";
 *
 * const setup = { ...MICROGRAD_SETUP, layers: [2], features: ["x", "y"] as const };
 * const model = setupModel({ ...setup, features: ["x", "y"] });
 * const probe = new Probe(model, ["x", "y"]);
 * equal(probe.neurons, 2);
 * const w = model.parameters().map((p) => p.data);
 * const h0 = Math.max(0, w[0] * 1 + w[1] * 2); // bias 0
 * equal(probe.at(1, 2), 0 + w[6] * h0 + w[7] * Math.max(0, w[3] * 1 + w[4] * 2));
 * equal(probe.hidden(0), h0);
 * ```
 */
export class Probe {
  #graph: CompiledGraph;
  #inputs: Int32Array;
  #hidden: Int32Array;
  #params: Int32Array;
  #features: readonly Feature[];

  /**
   * Compiles one forward pass of `model`, whose inputs are `features`.
   *
   * @param model The network; its last layer has one neuron.
   * @param features The network's inputs, computed from `(x, y)`.
   */
  constructor(model: MLP, features: readonly Feature[]) {
    this.#features = features;
    const inputs = features.map(() => new Value(0));
    const outs: Value[][] = [];
    let x: Value[] = inputs;
    for (const layer of model.layers) outs.push(x = layer.forward(x));
    this.#graph = compile(x[0]);
    this.#inputs = this.#graph.slots(inputs);
    this.#hidden = this.#graph.slots(outs.slice(0, -1).flat());
    this.#params = this.#graph.slots(model.parameters());
  }

  /** How many hidden neurons there are. */
  get neurons(): number {
    return this.#hidden.length;
  }

  /** Sets the parameters (in `parameters()` order). */
  load(params: ArrayLike<number>): void {
    const v = this.#graph.values, slots = this.#params;
    for (let i = 0; i < slots.length; i++) v[slots[i]] = params[i];
  }

  /** The model's output (its score) at `(x, y)`; afterwards {@linkcode Probe.hidden} reads the hidden neurons there. */
  at(x: number, y: number): number {
    const g = this.#graph, v = g.values, slots = this.#inputs;
    const f = featurize(this.#features, x, y);
    for (let i = 0; i < slots.length; i++) v[slots[i]] = f[i];
    g.forward();
    return v[g.rootSlot];
  }

  /** Hidden neuron `i`'s output (layer by layer, neuron by neuron) at the last point of {@linkcode Probe.at}. */
  hidden(i: number): number {
    return this.#graph.values[this.#hidden[i]];
  }
}

/**
 * A square view of the plane around the points, for the plots: the points'
 * range plus a margin of 0.5, centred.
 */
export interface View {
  /** The left edge. */
  x0: number;
  /** The bottom edge. */
  y0: number;
  /** The side. */
  size: number;
}

/**
 * The square view around `points` with a margin of 0.5 on every side.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { viewAround } from "@gradviz/gradviz/train";
 *
 * deepEqual(viewAround([[0, 0], [2, 1]]), { x0: -0.5, y0: -1, size: 3 });
 * ```
 */
export function viewAround(points: readonly (readonly number[])[]): View {
  const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
  const [xl, xh, yl, yh] = [
    Math.min(...xs),
    Math.max(...xs),
    Math.min(...ys),
    Math.max(...ys),
  ];
  const size = Math.max(xh - xl, yh - yl) + 1;
  return { x0: (xl + xh - size) / 2, y0: (yl + yh - size) / 2, size };
}

/**
 * Samples a probe over a view on an `n × n` grid of cell centres, rows from
 * the top: the output first, then each hidden neuron, `n * n` numbers each
 * (what the playground paints).
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { MICROGRAD_SETUP, Probe, sampleView, setupModel } from "@gradviz/gradviz/train";
 *
 * const probe = new Probe(setupModel(MICROGRAD_SETUP), ["x", "y"]);
 * const field = sampleView(probe, { x0: 0, y0: 0, size: 2 }, 4);
 * equal(field.length, 33 * 16);
 * equal(field[12], Math.fround(probe.at(0.25, 0.25))); // bottom-left cell
 * ```
 */
export function sampleView(probe: Probe, view: View, n: number): Float32Array {
  const cells = n * n, h = probe.neurons;
  const out = new Float32Array((1 + h) * cells);
  const step = view.size / n;
  for (let r = 0; r < n; r++) {
    const y = view.y0 + view.size - (r + 0.5) * step;
    for (let c = 0; c < n; c++) {
      const i = r * n + c;
      out[i] = probe.at(view.x0 + (c + 0.5) * step, y);
      for (let k = 0; k < h; k++) out[(k + 1) * cells + i] = probe.hidden(k);
    }
  }
  return out;
}

// The setup's loss of one example with score s and label t, as the Trainer's graph computes it.
function exampleLoss(loss: Setup["loss"], s: number, t: number): number {
  if (loss === "svm") {
    const m = s * -t + 1;
    return m > 0 ? m : 0;
  }
  return (s + -t) ** 2;
}

/**
 * A setup being trained: its data, its model and a {@linkcode Trainer} on
 * a compiled graph. Each {@linkcode Run.step} is one SGD step and reports
 * the loss and accuracy on the training points (for mini-batches measured
 * on all of them, not only the batch) and on the test points, before the
 * update.
 *
 * @example A setup's first steps
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { MICROGRAD_SETUP, Run } from "@gradviz/gradviz/train";
 *
 * const run = new Run({ ...MICROGRAD_SETUP, data: "xor", points: 200, test: 50, layers: [8], activation: "tanh", rate: 0.5 });
 * const first = run.step();
 * for (let i = 0; i < 30; i++) run.step();
 * ok(run.step().loss < first.loss);
 * ok(first.testLoss !== null);
 * ```
 */
export class Run {
  /** The setup. */
  readonly setup: Setup;
  /** The points, split. */
  readonly data: SetupData;
  /** The network; its parameters are those of the start until {@linkcode Run.sync}. */
  readonly model: MLP;
  /** The trainer. */
  readonly trainer: Trainer;
  #probe: Probe;
  #params: Int32Array;
  #penalty: (params: Float64Array) => number;

  /** Builds the data, the model and the compiled loss graph. */
  constructor(setup: Setup) {
    this.setup = setup;
    this.data = setupData(setup);
    this.model = setupModel(setup);
    const { train } = this.data;
    if (train.points.length === 0) {
      throw new RangeError("Cannot train setup: no training points");
    }
    this.trainer = new Trainer(
      this.model,
      {
        inputs: train.points.map(([x, y]) => featurize(setup.features, x, y)),
        targets: train.labels,
      },
      setupTraining(setup),
    );
    this.#probe = new Probe(this.model, setup.features);
    this.#params = this.trainer.graph.slots(this.trainer.parameters);
    const { l1 = 0, l2 = 0 } = setupTraining(setup);
    // The penalty as the graph sums it: p0*p0 + p1*p1 + …, times l2.
    this.#penalty = (p) => {
      let total = 0;
      if (l2 !== 0) {
        let reg = p[0] * p[0];
        for (let i = 1; i < p.length; i++) reg = reg + p[i] * p[i];
        total = reg * l2;
      }
      if (l1 !== 0) {
        const abs = (x: number) => (x > 0 ? x : 0) + (-x > 0 ? -x : 0);
        let reg = abs(p[0]);
        for (let i = 1; i < p.length; i++) reg = reg + abs(p[i]);
        total = reg * l1;
      }
      return total;
    };
  }

  /** The parameters' current values, in `parameters()` order. */
  params(): Float64Array {
    const v = this.trainer.graph.values;
    return Float64Array.from(this.#params, (s) => v[s]);
  }

  /** The loss and accuracy of the current parameters on `set`, as {@linkcode Run.step} reports them. */
  evaluate(set: Dataset): { loss: number; accuracy: number } {
    const params = this.params();
    this.#probe.load(params);
    let total = 0, correct = 0;
    set.points.forEach(([x, y], i) => {
      const s = this.#probe.at(x, y), t = set.labels[i];
      const l = exampleLoss(this.setup.loss, s, t);
      total = i === 0 ? l : total + l;
      if ((s > 0) === (t > 0)) correct++;
    });
    const n = set.points.length;
    const mean = total * (1 / n);
    const penalty = this.setup.reg === "none" ? 0 : this.#penalty(params);
    return {
      loss: this.setup.reg === "none" ? mean : mean + penalty,
      accuracy: correct / n,
    };
  }

  /** One SGD step. */
  step(): RunStep {
    const full = this.setup.batch === 0 ||
      this.setup.batch >= this.data.train.points.length;
    const before = full ? null : this.evaluate(this.data.train);
    const test = this.data.test.points.length
      ? this.evaluate(this.data.test)
      : null;
    const info = this.trainer.step();
    return {
      step: info.step,
      loss: before?.loss ?? info.loss,
      accuracy: before?.accuracy ?? info.accuracy,
      testLoss: test?.loss ?? null,
      testAccuracy: test?.accuracy ?? null,
      learningRate: info.learningRate,
    };
  }

  /** Writes the current parameters back to {@linkcode Run.model}. */
  sync(): void {
    this.trainer.sync();
  }
}
