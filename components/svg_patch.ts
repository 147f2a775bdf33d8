/**
 * Patching a drawn graph's numbers in place. `toDot` gives each value node
 * the id `n0`, `n1`, … (trace order), which becomes the `id` of its SVG
 * `<g>`, and writes its record as `{ label | data 2.0000 | grad 6.0000 }`:
 * one `<text>` per field. When only values change, the layout stays right,
 * so rewriting the `data …` and `grad …` texts is enough: no Graphviz run.
 *
 * {@linkcode indexRecords} and {@linkcode patchRecords} work on any object
 * shaped like the DOM, so they run in tests without a browser.
 *
 * @module
 */
import { fieldText } from "@gradviz/gradviz";
import type { GraphValues } from "../lessons/evaluate.ts";

export type { GraphValues };

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
