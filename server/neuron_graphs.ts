/**
 * The two drawings of the lecture's neuron that `/neuron` and the course's
 * chapter 6 both show: tanh as one node, and tanh built from `exp`.
 *
 * @module
 */
import { renderSvg } from "@gradviz/gradviz/render";
import { evaluate } from "../lessons/evaluate.ts";
import { type LeafValues, neuron, neuronExp } from "../lessons/lessons.ts";
import { leafValuesFromQuery } from "./query.ts";

/** What {@linkcode neuronGraphs} gives a page. */
export interface NeuronGraphs {
  /** The leaves, from the query or the lecture's. */
  values: LeafValues;
  /** The neuron with tanh as one node. */
  svgTanh: string;
  /** The same neuron with tanh built from exp and division. */
  svgExp: string;
}

// Top to bottom: tall and narrow, so the two fit side by side.
const TB = { rankdir: "TB" } as const;

/**
 * Reads the neuron's leaves from `url`'s query (an `HttpError` 400 if one
 * is invalid) and draws both graphs.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { neuronGraphs } from "./neuron_graphs.ts";
 *
 * const { values, svgExp } = await neuronGraphs(new URL("http://x/?x2=1"));
 * ok(values.x2 === 1 && svgExp.includes("exp"));
 * ```
 */
export async function neuronGraphs(url: URL): Promise<NeuronGraphs> {
  const values = leafValuesFromQuery(url, neuron);
  return {
    values,
    svgTanh: await renderSvg(evaluate(neuron, values).root, TB),
    svgExp: await renderSvg(evaluate(neuronExp, values).root, TB),
  };
}
