/**
 * Shows a `Value` as its graph in a Deno Jupyter notebook. Deno's kernel
 * displays a cell's result through its `Symbol.for("Jupyter.display")`
 * method; this module gives `Value` that method, so the engine itself knows
 * nothing of drawing. `mod.ts` imports it, so `import { Value } from
 * "@gradviz/gradviz"` is enough for a notebook. Viz.js is loaded on the
 * first display only.
 *
 * A graph too large to lay out (see `renderSvg`'s `maxNodes`) shows as text
 * that says so.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { Value } from "@gradviz/gradviz";
 *
 * const a = new Value(2, { label: "a" });
 * // Deno's Jupyter kernel calls this method to show `a`.
 * const shown = await Reflect.get(a, Symbol.for("Jupyter.display")).call(a);
 * ok(shown["image/svg+xml"].includes("data 2.0000"));
 * ```
 *
 * @module
 */
import { Value } from "../engine/value.ts";

async function display(this: Value): Promise<Record<string, string>> {
  const { renderSvg } = await import("./render.ts");
  try {
    return {
      "text/plain": String(this),
      "image/svg+xml": await renderSvg(this),
    };
  } catch (e) {
    // Too many nodes to lay out: show the value and say why there is no graph.
    if (!(e instanceof RangeError)) throw e;
    return { "text/plain": `${this}\n${e.message}` };
  }
}

Object.defineProperty(Value.prototype, Symbol.for("Jupyter.display"), {
  value: display,
  writable: true,
  configurable: true,
});
