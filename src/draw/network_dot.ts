/**
 * {@linkcode networkToDot}: an {@linkcode MLP} drawn neuron by neuron, for
 * networks whose full computation graph is too big to read.
 *
 * @module
 */
import { MLP } from "../engine/nn.ts";
import { Value } from "../engine/value.ts";
import { GRAPH_FONT, numberText } from "./dot.ts";

/** Options for {@linkcode networkToDot}. */
export interface NetworkToDotOptions {
  /**
   * An input to run through the network. Each input and neuron then also
   * shows its `data` for that input and its `grad`: the derivative of the
   * network's output (the sum of the outputs, if there are several) with
   * respect to it. The model's own `grad`s are left as they were.
   */
  x?: readonly (number | Value)[];
  /** Layout direction: left to right (default), or top to bottom. */
  rankdir?: "LR" | "TB";
}

// Edge colours by the weight's sign; the class (`pos`, `neg`) lets a page's
// stylesheet recolour them, for example in dark mode.
const POSITIVE = "#1f77b4";
const NEGATIVE = "#d62728";

const fixed = numberText;

/**
 * Graphviz DOT for an MLP with one node per input and one per neuron, in
 * `toDot`'s style (record nodes, left to right by default). A neuron's
 * record shows its activation and bias; each edge is one weight, blue when
 * positive and red when negative (SVG class `pos` or `neg`), thicker the larger it is, with the
 * weight and its `grad` as its tooltip. Ids are stable: inputs `x0`, `x1`,
 * …; neurons `l0n0` (layer 0, neuron 0), …; edges `l0n0_w1` (the weight
 * `w[1]` of neuron `l0n0`). Each id becomes the `id` of its SVG group.
 *
 * @example The lecture's neuron as a one-neuron MLP
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { MLP, networkToDot } from "@gradviz/gradviz";
 *
 * const model = new MLP(2, [1]);
 * const [w1, w2, b] = model.parameters();
 * [w1.data, w2.data, b.data] = [-3, 1, 6.8813735870195432];
 * const dot = networkToDot(model, { x: [2, 0] });
 * ok(dot.includes("{ x0 | data 2.0000 | grad −1.5000 }"));
 * ok(dot.includes("{ l0n0 | tanh | b 6.8814 | data 0.7071 | grad 1.0000 }"));
 * ok(dot.includes('x0 -> l0n0 [id="l0n0_w0", class="neg", color="#d62728"'));
 * ```
 *
 * @param model The network to draw.
 * @param options An input to show the forward pass of, and the layout direction.
 * @throws {TypeError} If `model` is not an `MLP`.
 * @throws {RangeError} If `x` has the wrong length or `rankdir` is not `"LR"` or `"TB"`.
 */
export function networkToDot(
  model: MLP,
  options: NetworkToDotOptions = {},
): string {
  if (!(model instanceof MLP)) {
    throw new TypeError("Cannot draw network: model must be an MLP");
  }
  const rankdir = options.rankdir ?? "LR";
  if (rankdir !== "LR" && rankdir !== "TB") {
    throw new RangeError(
      `Cannot draw network: rankdir must be "LR" or "TB", got ${
        JSON.stringify(rankdir)
      }`,
    );
  }
  const nin = model.layers[0].neurons[0].w.length;
  const values = options.x === undefined
    ? undefined
    : forward(model, options.x);

  const lines = [
    "digraph {",
    `  graph [rankdir=${rankdir}, ranksep=1.5, splines=line]`,
    `  node [shape=record, fontname="${GRAPH_FONT}"]`,
    // Edges leave and enter records at their ends, not through their text.
    `  edge [fontname="${GRAPH_FONT}", arrowsize=0.6, ${
      rankdir === "LR" ? "tailport=e, headport=w" : "tailport=s, headport=n"
    }]`,
  ];
  const field = (v: Value | undefined) =>
    v ? ` | data ${fixed(v.data)} | grad ${fixed(v.grad)}` : "";
  for (let i = 0; i < nin; i++) {
    lines.push(
      `  x${i} [id="x${i}", label="{ x${i}${field(values?.[0][i])} }"]`,
    );
  }
  column(lines, Array.from({ length: nin }, (_, i) => `x${i}`));
  let widest = 0; // the largest |w|, drawn 3 points wide
  for (const layer of model.layers) {
    for (const neuron of layer.neurons) {
      for (const w of neuron.w) widest = Math.max(widest, Math.abs(w.data));
    }
  }
  model.layers.forEach((layer, l) => {
    column(lines, layer.neurons.map((_, n) => `l${l}n${n}`));
    const from = (i: number) => l === 0 ? `x${i}` : `l${l - 1}n${i}`;
    layer.neurons.forEach((neuron, n) => {
      const id = `l${l}n${n}`;
      lines.push(
        `  ${id} [id="${id}", label="{ ${id} | ${neuron.activation} | b ${
          fixed(neuron.b.data)
        }${field(values?.[l + 1][n])} }"]`,
      );
      neuron.w.forEach((w, i) => {
        const width = widest > 0 ? 0.5 + 2.5 * Math.abs(w.data) / widest : 1;
        lines.push(
          `  ${from(i)} -> ${id} [id="${id}_w${i}", class="${
            w.data < 0 ? "neg" : "pos"
          }", color="${w.data < 0 ? NEGATIVE : POSITIVE}", penwidth=${
            width.toFixed(2)
          }, tooltip="w ${fixed(w.data)} grad ${fixed(w.grad)}"]`,
        );
      });
    });
  });
  lines.push("}", "");
  return lines.join("\n");
}

// Keeps a layer's nodes in one rank, in order, chained by invisible edges.
function column(lines: string[], ids: string[]): void {
  if (ids.length > 1) {
    lines.push(`  { rank=same; ${ids.join(" -> ")} [style=invis] }`);
  }
}

// Every layer's values for input x (inputs first), with grads from a backward
// pass over fresh nodes; the parameters' grads are restored afterwards.
function forward(model: MLP, x: readonly (number | Value)[]): Value[][] {
  const nin = model.layers[0].neurons[0].w.length;
  if (x.length !== nin) {
    throw new RangeError(
      `Cannot draw network: expected ${nin} inputs, got ${x.length}`,
    );
  }
  const params = model.parameters();
  const saved = params.map((p) => p.grad);
  const values = [x.map((v) => new Value(v instanceof Value ? v.data : v))];
  for (const layer of model.layers) {
    values.push(layer.forward(values[values.length - 1]));
  }
  const outputs = values[values.length - 1];
  outputs.reduce((sum, out) => sum.add(out)).backward();
  params.forEach((p, i) => p.grad = saved[i]);
  return values;
}
