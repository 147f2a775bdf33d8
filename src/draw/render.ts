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
import { toDot, type ToDotOptions } from "./dot.ts";
import { trace } from "../engine/graph.ts";
import { Value } from "../engine/value.ts";

/**
 * The most nodes {@linkcode renderSvg} draws for a `Value` unless told
 * otherwise. Nodes are counted as drawn: one per value plus one per
 * operation. The lecture's largest graph (an MLP(3, [4, 4, 1]) loss over
 * four samples) has 702; a full MLP(2, [16, 16, 1]) graph for one input has
 * 1,621 and takes ~0.4 s to lay out, where the neuron-level `networkToDot`
 * drawing of the same network takes ~15 ms.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { DEFAULT_MAX_NODES } from "@gradviz/gradviz/render";
 *
 * equal(DEFAULT_MAX_NODES, 1000);
 * ```
 */
export const DEFAULT_MAX_NODES = 1000;

/** Options for {@linkcode renderSvg}: those of `toDot`, and a node limit. */
export interface RenderOptions extends ToDotOptions {
  /**
   * The most nodes (values plus operations) a `Value`'s graph may have;
   * default {@linkcode DEFAULT_MAX_NODES}. Pass `Infinity` to draw any
   * size. DOT text is drawn as given.
   */
  maxNodes?: number;
}

// One Viz instance (~40 ms to create), made on first use and then shared.
let viz: Promise<Viz> | undefined;

function getViz(): Promise<Viz> {
  viz ??= instance().catch((error) => {
    viz = undefined; // let the next call try again
    throw error;
  });
  return viz;
}

function checkSize(root: Value, maxNodes: number): void {
  if (typeof maxNodes !== "number") {
    throw new TypeError(
      `Cannot render graph: maxNodes must be a number, got ${typeof maxNodes}`,
    );
  }
  if (!(maxNodes >= 0)) {
    throw new RangeError(
      `Cannot render graph: maxNodes must be a non-negative number, got ${maxNodes}`,
    );
  }
  const { nodes } = trace(root);
  let count = nodes.length;
  for (const node of nodes) if (node.op) count++;
  if (count > maxNodes) {
    throw new RangeError(
      `Cannot render graph: it has ${count} nodes, more than maxNodes (${maxNodes}); ` +
        "draw a network neuron by neuron with networkToDot() or raise maxNodes",
    );
  }
}

/**
 * Renders a `Value`'s graph (through `toDot`) or DOT text as an SVG string
 * without XML prolog or DOCTYPE, ready to inline in HTML. One Viz.js instance
 * is created on first use and reused.
 *
 * A `Value` whose graph has more than `maxNodes` nodes (default
 * {@linkcode DEFAULT_MAX_NODES}) is refused: such a drawing is unreadable and
 * slow to lay out. Draw a network with `networkToDot` instead, or raise the
 * limit.
 *
 * @example
 * ```ts
 * import { ok, rejects } from "node:assert/strict";
 * import { Value } from "@gradviz/gradviz";
 * import { renderSvg } from "@gradviz/gradviz/render";
 *
 * ok((await renderSvg("digraph { x -> y }")).includes("<title>x</title>"));
 * await rejects(renderSvg("digraph { x -> }"), /syntax error in line 1/);
 *
 * let sum = new Value(0);
 * for (let i = 0; i < 10; i++) sum = sum.add(i); // 31 nodes
 * await rejects(renderSvg(sum, { maxNodes: 20 }), RangeError);
 * ok(await renderSvg(sum, { maxNodes: 31 }));
 * ```
 *
 * @param graph A `Value` (its graph is drawn) or DOT text.
 * @param options Layout direction and node limit for a `Value`.
 * @throws {TypeError} If `graph` is neither a `Value` nor a string, or `maxNodes` not a number.
 * @throws {RangeError} If a `Value`'s graph has more than `maxNodes` nodes, or an option is out of range.
 * @throws {Error} With Graphviz's own message, if Graphviz rejects the DOT.
 */
export async function renderSvg(
  graph: Value | string,
  options: RenderOptions = {},
): Promise<string> {
  let dot: string;
  if (graph instanceof Value) {
    checkSize(graph, options.maxNodes ?? DEFAULT_MAX_NODES);
    dot = toDot(graph, options);
  } else if (typeof graph === "string") {
    dot = graph;
  } else {
    throw new TypeError(
      "Cannot render graph: expected a Value or DOT text",
    );
  }
  const result = (await getViz()).render(dot, { format: "svg" });
  if (result.status !== "success") {
    const messages = result.errors.map((e) => e.message.trim()).join("; ");
    throw new Error(
      `Cannot render graph: Graphviz says: ${
        messages || "no output (is the DOT text empty?)"
      }`,
    );
  }
  // Drop the XML prolog, DOCTYPE and comments before the root element (the
  // graph's name in them is escaped, so the first "<svg" is the element).
  return result.output.slice(result.output.indexOf("<svg"));
}

export {
  decisionBoundarySvg,
  type Grid,
  gridAround,
  type PlotData,
} from "./boundary.ts";
