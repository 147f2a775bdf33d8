/**
 * Neural networks from {@linkcode Value}s, as in the lecture and micrograd's
 * `nn.py`: {@linkcode Neuron}, {@linkcode Layer} and {@linkcode MLP}.
 *
 * @module
 */
import { Value } from "./value.ts";

/** A neuron's nonlinearity: `tanh` (the lecture), `relu` (micrograd's demo), `sigmoid` or none. */
export type Activation = "tanh" | "relu" | "sigmoid" | "linear";

/** Options for {@linkcode Neuron}. */
export interface NeuronOptions {
  /** The nonlinearity applied to `b + w·x`; default `"tanh"`. */
  activation?: Activation;
  /** How the bias starts: a uniform(-1, 1) draw (the lecture, default) or 0 (micrograd). */
  bias?: "random" | "zero";
  /** The source of uniform draws in [0, 1); default `Math.random`. Use `seededRandom` for repeatable networks. */
  random?: () => number;
}

/** Options for {@linkcode Layer}: the same as for its neurons. */
export type LayerOptions = NeuronOptions;

/** Options for {@linkcode MLP}. */
export interface MLPOptions extends NeuronOptions {
  /** The last layer's nonlinearity; default: the same as `activation`. */
  outputActivation?: Activation;
}

function checkCount(n: unknown, what: string, where: string): void {
  if (!Number.isInteger(n) || (n as number) < 1) {
    throw new RangeError(
      `Cannot create ${where}: ${what} must be a positive integer, got ${n}`,
    );
  }
}

function checkActivation(a: unknown, where: string): Activation {
  if (a !== "tanh" && a !== "relu" && a !== "sigmoid" && a !== "linear") {
    throw new RangeError(
      `Cannot create ${where}: activation must be "tanh", "relu", "sigmoid" or "linear", got ${
        JSON.stringify(a)
      }`,
    );
  }
  return a;
}

/**
 * Anything with trainable parameters.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { MLP, seededRandom } from "@gradviz/gradviz";
 *
 * const model = new MLP(2, [3, 1], { random: seededRandom(1) });
 * model.parameters()[0].grad = 5;
 * model.zeroGrad();
 * deepEqual(model.parameters().map((p) => p.grad), new Array(13).fill(0));
 * ```
 */
export abstract class Module {
  /** The trainable values, in a fixed order. */
  abstract parameters(): Value[];

  /** Sets every parameter's `grad` to 0, before the next `backward()`. */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = 0;
  }
}

/**
 * One neuron: `act(b + w1*x1 + w2*x2 + …)`, summed in that order.
 *
 * @example The lecture's neuron shape
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { Neuron, seededRandom } from "@gradviz/gradviz";
 *
 * const n = new Neuron(2, { random: seededRandom(42) });
 * equal(n.w.length, 2);
 * equal(n.w[0].data, -0.32182955741882324); // first uniform(-1, 1) draw
 * const out = n.forward([2, 0]);
 * equal(out.op, "tanh");
 * ```
 */
export class Neuron extends Module {
  /** The weights, one per input. */
  readonly w: Value[];
  /** The bias. */
  readonly b: Value;
  /** The nonlinearity. */
  readonly activation: Activation;

  /**
   * Draws the weights, then the bias, from uniform(-1, 1).
   *
   * @param nin The number of inputs.
   * @param options Activation, bias initialisation and random source.
   */
  constructor(nin: number, options: NeuronOptions = {}) {
    super();
    checkCount(nin, "nin", "Neuron");
    this.activation = checkActivation(options.activation ?? "tanh", "Neuron");
    const random = options.random ?? Math.random;
    const uniform = () => random() * 2 - 1;
    this.w = Array.from({ length: nin }, () => new Value(uniform()));
    this.b = new Value(options.bias === "zero" ? 0 : uniform());
  }

  /**
   * The neuron's output for inputs `x` (numbers or values).
   *
   * @throws {RangeError} If `x` has the wrong length.
   */
  forward(x: readonly (number | Value)[]): Value {
    if (x.length !== this.w.length) {
      throw new RangeError(
        `Cannot run Neuron: expected ${this.w.length} inputs, got ${x.length}`,
      );
    }
    let act = this.b;
    for (let i = 0; i < x.length; i++) act = act.add(this.w[i].mul(x[i]));
    switch (this.activation) {
      case "tanh":
        return act.tanh();
      case "relu":
        return act.relu();
      case "sigmoid":
        return act.sigmoid();
      default:
        return act;
    }
  }

  /** The weights, then the bias. */
  parameters(): Value[] {
    return [...this.w, this.b];
  }
}

/**
 * A layer of `nout` neurons that all see the same inputs.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { Layer, seededRandom } from "@gradviz/gradviz";
 *
 * const layer = new Layer(3, 4, { random: seededRandom(7) });
 * equal(layer.forward([1, 2, 3]).length, 4);
 * equal(layer.parameters().length, 16);
 * ```
 */
export class Layer extends Module {
  /** The neurons, in order. */
  readonly neurons: Neuron[];

  /**
   * Creates `nout` neurons with `nin` inputs each.
   *
   * @param nin The number of inputs.
   * @param nout The number of neurons (outputs).
   * @param options As for each {@linkcode Neuron}.
   */
  constructor(nin: number, nout: number, options: LayerOptions = {}) {
    super();
    checkCount(nout, "nout", "Layer");
    this.neurons = Array.from({ length: nout }, () => new Neuron(nin, options));
  }

  /** Every neuron's output for inputs `x`. */
  forward(x: readonly (number | Value)[]): Value[] {
    return this.neurons.map((n) => n.forward(x));
  }

  /** Every neuron's parameters, neuron by neuron. */
  parameters(): Value[] {
    return this.neurons.flatMap((n) => n.parameters());
  }
}

/**
 * A multi-layer perceptron. By default the lecture's network: tanh on every
 * layer, each neuron drawing its weights then its bias from uniform(-1, 1).
 * micrograd's demo network is `{ activation: "relu", outputActivation:
 * "linear", bias: "zero" }`. Parameters are ordered layer → neuron →
 * weights, bias.
 *
 * @example The lecture's MLP(3, [4, 4, 1])
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { MLP, seededRandom } from "@gradviz/gradviz";
 *
 * const model = new MLP(3, [4, 4, 1], { random: seededRandom(42) });
 * equal(model.parameters().length, 41);
 * const [out] = model.forward([2.0, 3.0, -1.0]);
 * equal(out.op, "tanh");
 * ```
 */
export class MLP extends Module {
  /** The layers, input side first. */
  readonly layers: Layer[];

  /**
   * Creates the layers `nin → nouts[0] → nouts[1] → …`.
   *
   * @param nin The number of inputs.
   * @param nouts The size of each layer, the last one being the output.
   * @param options Activations, bias initialisation and random source.
   */
  constructor(nin: number, nouts: readonly number[], options: MLPOptions = {}) {
    super();
    if (!Array.isArray(nouts) || nouts.length === 0) {
      throw new RangeError(
        "Cannot create MLP: nouts must be a non-empty array of layer sizes",
      );
    }
    checkCount(nin, "nin", "MLP");
    const hidden = options.activation ?? "tanh";
    const output = options.outputActivation ?? hidden;
    const sizes = [nin, ...nouts];
    this.layers = nouts.map((nout, i) =>
      new Layer(sizes[i], nout, {
        ...options,
        activation: i === nouts.length - 1 ? output : hidden,
      })
    );
  }

  /** The network's outputs for inputs `x`. */
  forward(x: readonly (number | Value)[]): Value[] {
    let out: readonly (number | Value)[] = x;
    for (const layer of this.layers) out = layer.forward(out);
    return out as Value[];
  }

  /** Every layer's parameters, layer by layer. */
  parameters(): Value[] {
    return this.layers.flatMap((l) => l.parameters());
  }
}
