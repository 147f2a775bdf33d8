/**
 * How numbers are shown next to graphs: four decimals, as in the graph's
 * records, with a true minus sign.
 *
 * @module
 */

/**
 * `x` with `digits` decimals (4 by default) and a minus sign (−, U+2212, the
 * one the graphs use) that is as wide as a digit in tabular figures. A number
 * that rounds to zero shows no sign: `−0.0000` says nothing `0.0000` does not.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { fixed } from "./format.ts";
 *
 * equal(fixed(-7.286496, 6), "−7.286496");
 * equal(fixed(6), "6.0000");
 * equal(fixed(-0.00001), "0.0000");
 * equal(fixed(-0), "0.0000");
 * ```
 */
export function fixed(x: number, digits = 4): string {
  const text = x.toFixed(digits);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text.replace("-", "−");
}

/**
 * A number as a control or a range shows it: no floating-point noise, and
 * the true minus sign.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { signed } from "./format.ts";
 *
 * equal(signed(-10), "−10");
 * equal(signed(0.1 + 0.2), "0.3");
 * ```
 */
export function signed(x: number): string {
  return String(Number(x.toPrecision(12))).replace("-", "−");
}
