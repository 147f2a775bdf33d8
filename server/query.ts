/**
 * Reading a lesson's leaf values from a URL's query, bounded and validated:
 * `/expression?a=3&f=-1`.
 *
 * @module
 */
import { HttpError } from "fresh";
import type { LeafValues, Lesson } from "../lessons/lessons.ts";

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const MAX_LENGTH = 32;

/**
 * The lesson's leaf values: the lecture's, overridden by query parameters
 * named after leaves. Other parameters are ignored.
 *
 * @example
 * ```ts
 * import { deepEqual, throws } from "node:assert/strict";
 * import { expression } from "../lessons/lessons.ts";
 * import { leafValuesFromQuery } from "./query.ts";
 *
 * const values = leafValuesFromQuery(new URL("http://x/expression?a=3&f=-1.5"), expression);
 * deepEqual(values, { a: 3, b: -3, c: 10, f: -1.5 });
 * throws(
 *   () => leafValuesFromQuery(new URL("http://x/expression?a=1e9"), expression),
 *   { status: 400, message: "Invalid query parameter a: 1e9 is out of range (from -10 to 10)" },
 * );
 * ```
 *
 * @throws {HttpError} 400, naming the parameter, if a value is not a plain decimal number, is out of the leaf's range or is given twice.
 */
export function leafValuesFromQuery(url: URL, lesson: Lesson): LeafValues {
  const values: LeafValues = {};
  for (const leaf of lesson.leaves) {
    const given = url.searchParams.getAll(leaf.name);
    if (given.length === 0) {
      values[leaf.name] = leaf.value;
      continue;
    }
    const bad = (why: string) =>
      new HttpError(400, `Invalid query parameter ${leaf.name}: ${why}`);
    if (given.length > 1) throw bad("given more than once");
    const text = given[0];
    if (text.length > MAX_LENGTH) {
      throw bad(`longer than ${MAX_LENGTH} characters`);
    }
    if (!NUMBER.test(text)) {
      throw bad(`${JSON.stringify(text)} is not a number`);
    }
    const x = Number(text);
    if (!(x >= leaf.min && x <= leaf.max)) {
      throw bad(`${text} is out of range (from ${leaf.min} to ${leaf.max})`);
    }
    values[leaf.name] = x;
  }
  return values;
}
