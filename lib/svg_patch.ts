/**
 * Patching a drawn graph's numbers in place. `toDot` gives each value node
 * the id `n0`, `n1`, … (trace order), which becomes the `id` of its SVG
 * `<g>`, and writes its record as `{ label | data 2.0000 | grad 6.0000 }`:
 * one `<text>` per field. When only values change, the layout stays right,
 * so rewriting the `data …` and `grad …` texts is enough: no Graphviz run.
 *
 * The DOM half ({@linkcode indexRecords}, {@linkcode patchRecords}) works on
 * any object shaped like the DOM (so it runs in tests without a browser); the
 * string half ({@linkcode patchSvgText}) patches SVG markup.
 *
 * @module
 */
import { topologicalOrder, type Value } from "@gradviz/gradviz";

/** New numbers for one node; a field left out is not touched. */
export interface NodeValues {
  /** The node's `data`. */
  data?: number;
  /** The node's `grad`. */
  grad?: number;
}

/** New numbers by node id (`n0`, `n1`, …). */
export type GraphValues = Record<string, NodeValues>;

/**
 * A record field's text exactly as `toDot` writes it: `data 2.0000`.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { fieldText } from "./svg_patch.ts";
 *
 * equal(fieldText("grad", 6), "grad 6.0000");
 * equal(fieldText("data", -7.286496), "data -7.2865");
 * ```
 */
export function fieldText(field: "data" | "grad", x: number): string {
  return `${field} ${x.toFixed(4)}`;
}

/**
 * The numbers of every node of `root`'s graph by the ids `toDot` gives them:
 * what {@linkcode patchRecords} needs after a forward and backward pass.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { Value } from "@gradviz/gradviz";
 * import { graphValues } from "./svg_patch.ts";
 *
 * const a = new Value(2, { label: "a" });
 * const b = a.mul(3);
 * b.backward();
 * deepEqual(graphValues(b), { n0: { data: 2, grad: 3 }, n1: { data: 3, grad: 2 }, n2: { data: 6, grad: 1 } });
 * ```
 */
export function graphValues(root: Value): GraphValues {
  const values: GraphValues = {};
  topologicalOrder(root).forEach((node, i) => {
    values[`n${i}`] = { data: node.data, grad: node.grad };
  });
  return values;
}

/** The part of a DOM text node {@linkcode patchRecords} uses. */
export interface TextLike {
  /** The text. */
  textContent: string | null;
}

/** The part of a DOM element {@linkcode indexRecords} uses. */
export interface ElementLike {
  /** The element's id. */
  id: string;
  /** Its descendants matching a CSS selector (only `"text"` and `"g.node"` are asked for). */
  querySelectorAll(selector: string): Iterable<ElementLike & TextLike>;
}

/** The `data` and `grad` text elements of each node, by node id. */
export type RecordIndex = Map<string, { data?: TextLike; grad?: TextLike }>;

/**
 * Finds the `data …` and `grad …` texts of every node group (`g.node`) in
 * a drawn graph. Index once per SVG, patch many times.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { indexRecords } from "./svg_patch.ts";
 *
 * const texts = [{ textContent: "a" }, { textContent: "data 2.0000" }, { textContent: "grad 0.0000" }];
 * const node = { id: "n0", querySelectorAll: () => texts };
 * const svg = { id: "", querySelectorAll: () => [node] };
 * // deno-lint-ignore no-explicit-any
 * const index = indexRecords(svg as any);
 * equal(index.get("n0")?.grad, texts[2]);
 * ```
 */
export function indexRecords(svg: ElementLike): RecordIndex {
  const index: RecordIndex = new Map();
  for (const group of svg.querySelectorAll("g.node")) {
    const fields: { data?: TextLike; grad?: TextLike } = {};
    for (const text of group.querySelectorAll("text")) {
      const s = text.textContent ?? "";
      if (s.startsWith("data ")) fields.data = text;
      else if (s.startsWith("grad ")) fields.grad = text;
    }
    if (fields.data || fields.grad) index.set(group.id, fields);
  }
  return index;
}

/**
 * Writes new numbers into the indexed texts, touching only those whose text
 * changes. Returns how many texts changed. Ids missing from the drawing are
 * ignored.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { patchRecords } from "./svg_patch.ts";
 *
 * const grad = { textContent: "grad 0.0000" };
 * const index = new Map([["n0", { grad }]]);
 * equal(patchRecords(index, { n0: { grad: 6 } }), 1);
 * equal(grad.textContent, "grad 6.0000");
 * equal(patchRecords(index, { n0: { grad: 6 } }), 0);
 * ```
 */
export function patchRecords(index: RecordIndex, values: GraphValues): number {
  let changed = 0;
  for (const id in values) {
    const fields = index.get(id);
    if (!fields) continue;
    const { data, grad } = values[id];
    if (data !== undefined && fields.data) {
      changed += setText(fields.data, fieldText("data", data));
    }
    if (grad !== undefined && fields.grad) {
      changed += setText(fields.grad, fieldText("grad", grad));
    }
  }
  return changed;
}

function setText(node: TextLike, text: string): number {
  if (node.textContent === text) return 0;
  node.textContent = text;
  return 1;
}

// A node's group in Viz.js output: <g id="n3" class="node"> … </g> (groups do not nest).
const NODE_GROUP = /<g id="([^"]+)" class="node">([\s\S]*?)<\/g>/g;
const FIELD = /(<text\b[^>]*>)(data|grad) [^<]*(<\/text>)/g;

/**
 * Patches SVG markup as drawn by `renderSvg` (Viz.js): the string
 * counterpart of {@linkcode patchRecords}, for the server or for SVG not yet
 * in a document.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { Value } from "@gradviz/gradviz";
 * import { renderSvg } from "@gradviz/gradviz/render";
 * import { patchSvgText } from "./svg_patch.ts";
 *
 * const svg = await renderSvg(new Value(2, { label: "a" }));
 * ok(patchSvgText(svg, { n0: { data: 5, grad: -1 } }).includes("grad &#45;1.0000"));
 * ```
 */
export function patchSvgText(svg: string, values: GraphValues): string {
  return svg.replace(NODE_GROUP, (group, id: string) => {
    const node = values[id];
    if (!node) return group;
    return group.replace(FIELD, (text, open, field: "data" | "grad", close) => {
      const x = node[field];
      if (x === undefined) return text;
      return open + fieldText(field, x).replaceAll("-", "&#45;") + close;
    });
  });
}
