/**
 * Patching a drawn graph's numbers in place. `toDot` gives each value node
 * the id `n0`, `n1`, … (trace order), which becomes the `id` of its SVG
 * `<g>`, and writes its record as `{ label | data 2.0000 | grad 6.0000 }`:
 * one `<text>` per field. When only values change, the layout stays right,
 * so rewriting the `data …` and `grad …` texts is enough: no Graphviz run.
 *
 * A patch never writes text wider than the field Graphviz laid out for it:
 * drawings are set in Arial (`GRAPH_FONT`), whose widths
 * {@linkcode textWidth} knows, so each new text is measured by arithmetic
 * against its field's width ({@linkcode fieldRoom}). A text that does not
 * fit is squeezed into its field (`textLength`) and {@linkcode overflowing}
 * says so; the caller then lays the graph out again with the new numbers
 * ({@linkcode withValues}).
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
  /** Sets an attribute (a real SVG element has it; used to squeeze a text into its field). */
  setAttribute?(name: string, value: string): void;
  /** Removes an attribute. */
  removeAttribute?(name: string): void;
  /** Reads an attribute (`x`, `y`, `font-size`, `points`). */
  getAttribute?(name: string): string | null;
}

/** The part of a DOM element {@linkcode indexRecords} uses. */
export interface ElementLike {
  /** The element's id. */
  id: string;
  /** Its descendants matching a CSS selector (`"text"`, `"g.node"`, `"polygon"`, `"polyline"` are asked for). */
  querySelectorAll(selector: string): Iterable<ElementLike & TextLike>;
}

/** One node's patchable texts, and the width of their fields where known. */
export interface RecordFields {
  /** The `data …` text. */
  data?: TextLike;
  /** The `grad …` text. */
  grad?: TextLike;
  /** The width available to each text in SVG units (its field, less a margin). */
  room?: { data?: number; grad?: number };
  /** The texts' font size in SVG units. */
  fontSize?: number;
}

/** The `data` and `grad` text elements of each node, by node id. */
export type RecordIndex = Map<string, RecordFields>;

// Arial's advance widths in 1/1000 em (Arimo's are the same), for every
// character a number field can hold. Anything else counts as a full em.
const ARIAL: Record<string, number> = {
  " ": 278,
  "\u2007": 556, // figure space
  ".": 278,
  "-": 333,
  "\u2212": 584, // minus sign
  "+": 584,
  a: 556,
  d: 556,
  e: 556,
  f: 278,
  g: 556,
  i: 222,
  n: 556,
  r: 333,
  t: 278,
  y: 500,
  I: 278,
  N: 722,
};
for (let digit = 0; digit <= 9; digit++) ARIAL[digit] = 556;

/**
 * The width of `text` set in Arial at `fontSize`: what Graphviz reserves for
 * it and what the browser draws with Arimo.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { textWidth } from "./svg_patch.ts";
 *
 * equal(textWidth("data 2.0000", 1000), 5282);
 * equal(textWidth("−", 14), 8.176);
 * ```
 */
export function textWidth(text: string, fontSize: number): number {
  let units = 0;
  for (const ch of text) units += ARIAL[ch] ?? 1000;
  return units * fontSize / 1000;
}

// A field's text may come this close (SVG units) to its borders.
const MARGIN = 2;

function numbers(list: string | null | undefined): number[] {
  return (list ?? "").trim().split(/[\s,]+/).filter(Boolean).map(Number);
}

/**
 * The width of the field a record's text sits in: between the nearest
 * vertical separators (`<polyline>`s) left and right of the text's centre
 * that span its height, or else the record's outline (`<polygon>`), less a
 * margin each side. Points are SVG `points` attributes ("x,y x,y …").
 *
 * @example Three fields side by side, 0–20, 20–80 and 80–100
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { fieldRoom } from "./svg_patch.ts";
 *
 * const outline = "0,0 0,-30 100,-30 100,0 0,0";
 * const separators = ["20,0 20,-30", "80,0 80,-30"];
 * equal(fieldRoom({ x: 50, y: -10 }, outline, separators), 56);
 * ```
 */
export function fieldRoom(
  at: { x: number; y: number },
  outline: string,
  separators: readonly string[],
): number {
  const xs = numbers(outline).filter((_, i) => i % 2 === 0);
  let left = Math.min(...xs);
  let right = Math.max(...xs);
  for (const line of separators) {
    const [x1, y1, x2, y2] = numbers(line);
    if (Math.abs(x1 - x2) > 0.01) continue; // not vertical
    if (at.y < Math.min(y1, y2) || at.y > Math.max(y1, y2)) continue;
    if (x1 <= at.x) left = Math.max(left, x1);
    else right = Math.min(right, x1);
  }
  return right - left - 2 * MARGIN;
}

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
    const fields: RecordFields = {};
    for (const text of group.querySelectorAll("text")) {
      const s = text.textContent ?? "";
      if (s.startsWith("data ")) fields.data = text;
      else if (s.startsWith("grad ")) fields.grad = text;
    }
    if (!fields.data && !fields.grad) continue;
    measureFields(group, fields);
    index.set(group.id, fields);
  }
  return index;
}

// The rooms of a real drawing's fields; a stand-in without attributes has none.
function measureFields(group: ElementLike, fields: RecordFields): void {
  const [outline] = group.querySelectorAll("polygon");
  if (!outline?.getAttribute) return;
  const separators = [...group.querySelectorAll("polyline")].map((line) =>
    line.getAttribute?.("points") ?? ""
  );
  fields.room = {};
  for (const field of ["data", "grad"] as const) {
    const text = fields[field];
    if (!text?.getAttribute) continue;
    const fontSize = Number(text.getAttribute("font-size") ?? 14);
    fields.fontSize = fontSize;
    // The middle of the text's line: its baseline less a third of the size.
    const at = {
      x: Number(text.getAttribute("x")),
      y: Number(text.getAttribute("y")) - fontSize / 3,
    };
    fields.room[field] = fieldRoom(
      at,
      outline.getAttribute("points") ?? "",
      separators,
    );
  }
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
      changed += setText(fields, "data", fieldText("data", data));
    }
    if (grad !== undefined && fields.grad) {
      changed += setText(fields, "grad", fieldText("grad", grad));
    }
  }
  return changed;
}

// The texts squeezed into their fields, to let go when they fit again.
const squeezed = new WeakSet<TextLike>();

function setText(
  fields: RecordFields,
  field: "data" | "grad",
  text: string,
): number {
  const node = fields[field]!;
  if (node.textContent === text) return 0;
  node.textContent = text;
  const room = fields.room?.[field];
  if (room !== undefined && fields.fontSize !== undefined) {
    // Never wider than the field: squeeze until the graph is laid out anew.
    if (textWidth(text, fields.fontSize) > room) {
      node.setAttribute?.("textLength", room.toFixed(2));
      node.setAttribute?.("lengthAdjust", "spacingAndGlyphs");
      squeezed.add(node);
    } else if (squeezed.delete(node)) {
      node.removeAttribute?.("textLength");
      node.removeAttribute?.("lengthAdjust");
    }
  }
  return 1;
}

/**
 * The ids of the nodes whose `data` or `grad` text is wider than its field
 * (and so squeezed): the drawing needs a new layout for its numbers.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { overflowing, type RecordIndex } from "./svg_patch.ts";
 *
 * const index: RecordIndex = new Map([
 *   ["n0", { grad: { textContent: "grad −16.9400" }, room: { grad: 80 }, fontSize: 14 }],
 *   ["n1", { grad: { textContent: "grad 6.0000" }, room: { grad: 80 }, fontSize: 14 }],
 * ]);
 * deepEqual(overflowing(index), ["n0"]);
 * ```
 */
export function overflowing(index: RecordIndex): string[] {
  const ids: string[] = [];
  for (const [id, fields] of index) {
    if (fields.fontSize === undefined) continue;
    for (const field of ["data", "grad"] as const) {
      const room = fields.room?.[field];
      const text = fields[field]?.textContent;
      if (room === undefined || !text) continue;
      if (textWidth(text, fields.fontSize) > room) {
        ids.push(id);
        break;
      }
    }
  }
  return ids;
}

// A record node's line as toDot and networkToDot write it.
const RECORD_LINE = /^(\s*\S+ \[id="([^"]+)", label="\{ .*)$/;

/**
 * `dot` (from `toDot` or `networkToDot`) with the `data` and `grad` fields
 * of the nodes in `values` rewritten: the DOT of the same graph with new
 * numbers, for a layout whose fields fit them. Each rewritten number gets
 * one figure space of room to grow, so a value that creeps up by a digit
 * needs no new layout.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { withValues } from "./svg_patch.ts";
 *
 * const dot = '  n0 [id="n0", label="{ a | data 2.0000 | grad 0.0000 }"]';
 * equal(
 *   withValues(dot, { n0: { grad: -16.94 } }),
 *   '  n0 [id="n0", label="{ a | data 2.0000 | grad −16.9400\u2007 }"]',
 * );
 * ```
 */
export function withValues(dot: string, values: GraphValues): string {
  return dot.split("\n").map((line) => {
    const m = RECORD_LINE.exec(line);
    const value = m && values[m[2]];
    if (!value) return line;
    let out = line;
    if (value.data !== undefined) {
      out = out.replace(
        / \| data [^|}]+ (?=[|}])/,
        ` | ${fieldText("data", value.data)}\u2007 `,
      );
    }
    if (value.grad !== undefined) {
      out = out.replace(
        / \| grad [^|}]+ (?=[|}])/,
        ` | ${fieldText("grad", value.grad)}\u2007 `,
      );
    }
    return out;
  }).join("\n");
}
