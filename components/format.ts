/**
 * How numbers are shown next to graphs: four decimals, as in the graph's
 * records, with a true minus sign.
 *
 * @module
 */

/**
 * `x` with `digits` decimals (4 by default) and a minus sign (−) that is as
 * wide as a digit in tabular figures.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { fixed } from "./format.ts";
 *
 * equal(fixed(-7.286496, 6), "−7.286496");
 * equal(fixed(6), "6.0000");
 * ```
 */
export function fixed(x: number, digits = 4): string {
  return x.toFixed(digits).replace("-", "−");
}
