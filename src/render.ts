/**
 * Draws graphs as SVG with Viz.js (Graphviz compiled to WebAssembly), in Deno
 * and in the browser, with no system Graphviz.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { Value } from "@gradviz/gradviz";
 * import { renderSvg } from "@gradviz/gradviz/render";
 *
 * const a = new Value(2, { label: "a" });
 * const svg = await renderSvg(a.mul(3));
 * ok(svg.startsWith("<svg"));
 * ok(svg.includes("data 2.0000"));
 * ```
 *
 * @module
 */
import { instance, type Viz } from "@viz-js/viz";
import { type ToDotOptions, toDot } from "./graph.ts";
import { Value } from "./value.ts";

let viz: Promise<Viz> | undefined;

/** Options for {@linkcode renderSvg}: those of `toDot` when given a `Value`. */
export type RenderOptions = ToDotOptions;

/**
 * Renders a `Value`'s graph (through `toDot`) or DOT text as an SVG string
 * without XML prolog or DOCTYPE, ready to inline in HTML. One Viz.js instance
 * is created on first use and reused.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { renderSvg } from "@gradviz/gradviz/render";
 *
 * ok((await renderSvg("digraph { x -> y }")).includes("<title>x</title>"));
 * ```
 *
 * @throws {Error} With Graphviz's own message, if Graphviz rejects the DOT.
 */
export async function renderSvg(
  graph: Value | string,
  options: RenderOptions = {},
): Promise<string> {
  let dot: string;
  if (graph instanceof Value) dot = toDot(graph, options);
  else if (typeof graph === "string") dot = graph;
  else {
    throw new TypeError(
      "Cannot render graph: expected a Value or DOT text",
    );
  }
  viz ??= instance();
  const result = (await viz).render(dot, { format: "svg" });
  if (result.status !== "success") {
    const messages = result.errors.map((e) => e.message.trim()).join("; ");
    throw new Error(`Cannot render graph: Graphviz says: ${messages}`);
  }
  return result.output.slice(result.output.indexOf("<svg"));
}
