/**
 * The lecture's `draw_dot` as text: {@linkcode toDot} writes a graph as
 * Graphviz DOT, one record per value. The two facts every picture of a graph
 * shares are defined here once: a node's id ({@linkcode nodeId}: `n0`, `n1`,
 * … in {@linkcode trace} order, which becomes the `id` of its SVG group) and
 * the text of a record's number fields ({@linkcode fieldText}:
 * `data 2.0000`, with a true minus sign). The CLI's JSON, the web app's SVG
 * patcher, its playground and its step-through all use them. Every drawing
 * is set in {@linkcode GRAPH_FONT}, a face Graphviz measures exactly, so
 * its text fits the boxes laid out for it wherever the SVG is shown.
 *
 * @module
 */
import { trace } from "../engine/graph.ts";
import type { Value } from "../engine/value.ts";

/**
 * The id of the `index`-th node in {@linkcode trace} order: `n0`, `n1`, ….
 * `toDot` names value nodes so (and each operation node `n3_op`), and the
 * ids become the `id`s of the SVG groups.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { nodeId } from "@gradviz/gradviz";
 *
 * equal(nodeId(3), "n3");
 * ```
 */
export function nodeId(index: number): string {
  return `n${index}`;
}

/**
 * The font every graph drawing is set in. Graphviz measures text in Arial
 * with Arial's own widths, so a viewer with Arial or a metric-compatible
 * face (Liberation Sans, Arimo; the web app serves Arimo) shows each label
 * exactly as wide as its box was laid out for.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { GRAPH_FONT, toDot, Value } from "@gradviz/gradviz";
 *
 * ok(toDot(new Value(1)).includes(`fontname="${GRAPH_FONT}"`));
 * ```
 */
export const GRAPH_FONT = "Arial";

/**
 * A number as every drawing shows it: four decimals and a true minus sign
 * (−, as wide as a digit in tabular figures, and as tables print it). A
 * number that rounds to zero has no sign.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { numberText } from "@gradviz/gradviz";
 *
 * equal(numberText(-7.286496), "−7.2865");
 * equal(numberText(-0.00001), "0.0000");
 * equal(numberText(6), "6.0000");
 * ```
 */
export function numberText(x: number): string {
  const s = x.toFixed(4);
  if (/^-0\.0+$/.test(s)) return s.slice(1);
  return s.replace("-", "\u2212");
}

/**
 * A record field's text exactly as {@linkcode toDot} writes it:
 * `data 2.0000`, `grad −3.0000` (see {@linkcode numberText}).
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { fieldText } from "@gradviz/gradviz";
 *
 * equal(fieldText("grad", 6), "grad 6.0000");
 * equal(fieldText("data", -7.286496), "data −7.2865");
 * ```
 */
export function fieldText(field: "data" | "grad", x: number): string {
  return `${field} ${numberText(x)}`;
}

/** Options for {@linkcode toDot}. */
export interface ToDotOptions {
  /** Layout direction: left to right as in the lecture (default), or top to bottom. */
  rankdir?: "LR" | "TB";
}

// Characters that DOT's record labels treat as syntax, plus the quote and
// backslash of DOT strings: each is escaped with a backslash.
const RECORD_SPECIAL = /[{}|<>"\\]/g;
// Control characters (newlines included) would break a line of DOT.
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;

function recordText(s: string): string {
  return s.replace(CONTROL, " ").replace(RECORD_SPECIAL, "\\$&");
}

function quoted(s: string): string {
  return `"${s.replace(CONTROL, " ").replace(/["\\]/g, "\\$&")}"`;
}

/**
 * Graphviz DOT for the graph below `root`, drawn like the lecture's
 * `draw_dot`: one `record` node per value, `{ label | data 2.0000 | grad
 * 6.0000 }`, and one small node per operation, with edges child → op →
 * result. Node ids are `n0`, `n1`, … in {@linkcode trace} order (op nodes
 * `n3_op`), so the same graph always gives the same text; each also becomes
 * the `id` of its SVG group. Labels are escaped, so no label can break out of
 * its record.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { toDot, Value } from "@gradviz/gradviz";
 *
 * const a = new Value(2, { label: "a" });
 * const b = a.tanh();
 * b.label = "b";
 * equal(
 *   toDot(b),
 *   `digraph {
 *   graph [rankdir=LR]
 *   node [shape=record, fontname="Arial"]
 *   edge [fontname="Arial"]
 *   n0 [id="n0", label="{ a | data 2.0000 | grad 0.0000 }"]
 *   n1 [id="n1", label="{ b | data 0.9640 | grad 0.0000 }"]
 *   n1_op [id="n1_op", label="tanh", shape=ellipse]
 *   n1_op -> n1
 *   n0 -> n1_op
 * }
 * `,
 * );
 * ```
 */
export function toDot(root: Value, options: ToDotOptions = {}): string {
  const rankdir = options.rankdir ?? "LR";
  if (rankdir !== "LR" && rankdir !== "TB") {
    throw new RangeError(
      `Cannot write DOT: rankdir must be "LR" or "TB", got ${
        JSON.stringify(rankdir)
      }`,
    );
  }
  const { nodes, edges } = trace(root);
  const ids = new Map<Value, string>();
  nodes.forEach((node, i) => ids.set(node, nodeId(i)));
  const lines = [
    "digraph {",
    `  graph [rankdir=${rankdir}]`,
    `  node [shape=record, fontname="${GRAPH_FONT}"]`,
    `  edge [fontname="${GRAPH_FONT}"]`,
  ];
  for (const node of nodes) {
    const id = ids.get(node)!;
    const label = `{ ${recordText(node.label)} | ${
      fieldText("data", node.data)
    } | ${fieldText("grad", node.grad)} }`;
    // recordText has already escaped the quote and backslash: no second pass.
    lines.push(`  ${id} [id="${id}", label="${label}"]`);
    if (node.op) {
      lines.push(
        `  ${id}_op [id="${id}_op", label=${quoted(node.op)}, shape=ellipse]`,
        `  ${id}_op -> ${id}`,
      );
    }
  }
  for (const [child, parent] of edges) {
    lines.push(`  ${ids.get(child)} -> ${ids.get(parent)}_op`);
  }
  lines.push("}", "");
  return lines.join("\n");
}
