/**
 * Reading a page's state from a URL's query, bounded and validated, so that
 * a link gives back a moment of a lesson: leaf values
 * (`/expression?a=3&f=-1`), choices (`rankdir=TB`, `view=full`), whole
 * numbers (`step=3`, `seed=42`), decimals (`lr=0.1`), a training history
 * (`train=20@0.1,5@0.5`), and the course's flags (`backward=1`), steps
 * (`h=0.001`) and typed answers (`d.grad=-2`). Bad input is an `HttpError` 400 naming the
 * parameter and what is wrong with it.
 *
 * @module
 */
import { HttpError } from "fresh";
import type { LeafValues, Lesson } from "../lessons/lessons.ts";
import type { TrainingSegment } from "../lessons/lecture_mlp.ts";

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

// The one value of a query parameter, or undefined; twice is an error.
function single(
  url: URL,
  name: string,
  maxLength = MAX_LENGTH * 8,
): string | undefined {
  const given = url.searchParams.getAll(name);
  if (given.length > 1) throw bad(name, "given more than once");
  if (given[0] !== undefined && given[0].length > maxLength) {
    throw bad(name, `longer than ${maxLength} characters`);
  }
  return given[0];
}

function bad(name: string, why: string): HttpError {
  return new HttpError(400, `Invalid query parameter ${name}: ${why}`);
}

/**
 * Query parameter `name`, one of `choices`; `fallback` when absent.
 *
 * @example
 * ```ts
 * import { equal, throws } from "node:assert/strict";
 * import { choiceFromQuery } from "./query.ts";
 *
 * const url = new URL("http://x/expression?rankdir=TB");
 * equal(choiceFromQuery(url, "rankdir", ["LR", "TB"], "LR"), "TB");
 * throws(() => choiceFromQuery(new URL("http://x/?rankdir=up"), "rankdir", ["LR", "TB"], "LR"), {
 *   status: 400,
 *   message: 'Invalid query parameter rankdir: expected "LR" or "TB", got "up"',
 * });
 * ```
 *
 * @throws {HttpError} 400 if the value is not one of `choices` or is given twice.
 */
export function choiceFromQuery<T extends string>(
  url: URL,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const text = single(url, name);
  if (text === undefined) return fallback;
  if ((choices as readonly string[]).includes(text)) return text as T;
  const expected = choices.map((c) => JSON.stringify(c));
  throw bad(
    name,
    `expected ${expected.slice(0, -1).join(", ")} or ${expected.at(-1)}, got ${
      JSON.stringify(text.slice(0, 20))
    }`,
  );
}

/**
 * Query parameter `name`, a whole number from `min` to `max`; `fallback`
 * when absent.
 *
 * @example
 * ```ts
 * import { equal, throws } from "node:assert/strict";
 * import { integerFromQuery } from "./query.ts";
 *
 * const step = { min: 1, max: 7, fallback: 0 };
 * equal(integerFromQuery(new URL("http://x/?step=3"), "step", step), 3);
 * equal(integerFromQuery(new URL("http://x/"), "step", step), 0);
 * throws(() => integerFromQuery(new URL("http://x/?step=8"), "step", step), {
 *   status: 400,
 *   message: "Invalid query parameter step: 8 is out of range (from 1 to 7)",
 * });
 * ```
 *
 * @throws {HttpError} 400 if the value is not a whole number in range, is longer than 16 characters or is given twice.
 */
export function integerFromQuery(
  url: URL,
  name: string,
  range: { min: number; max: number; fallback: number },
): number {
  const text = single(url, name);
  if (text === undefined) return range.fallback;
  if (text.length > 16) throw bad(name, "longer than 16 characters");
  if (!/^\d+$/.test(text)) {
    throw bad(name, `${JSON.stringify(text)} is not a non-negative integer`);
  }
  const x = Number(text);
  if (x > range.max && range.max === Number.MAX_SAFE_INTEGER) {
    throw bad(name, `${text} is larger than ${Number.MAX_SAFE_INTEGER}`);
  }
  if (x < range.min || x > range.max) {
    throw bad(
      name,
      `${text} is out of range (from ${range.min} to ${range.max})`,
    );
  }
  return x;
}

/**
 * Query parameter `name`, a plain decimal number from `min` to `max`;
 * `fallback` when absent.
 *
 * @example
 * ```ts
 * import { equal, throws } from "node:assert/strict";
 * import { numberFromQuery } from "./query.ts";
 *
 * const lr = { min: 0.001, max: 1, fallback: 0.1 };
 * equal(numberFromQuery(new URL("http://x/?lr=0.05"), "lr", lr), 0.05);
 * throws(() => numberFromQuery(new URL("http://x/?lr=2"), "lr", lr), {
 *   status: 400,
 *   message: "Invalid query parameter lr: 2 is out of range (from 0.001 to 1)",
 * });
 * ```
 *
 * @throws {HttpError} 400 if the value is not a plain decimal number in range, is longer than 32 characters or is given twice.
 */
export function numberFromQuery(
  url: URL,
  name: string,
  range: { min: number; max: number; fallback: number },
): number {
  const text = single(url, name);
  if (text === undefined) return range.fallback;
  return decimal(name, text, range);
}

function decimal(
  name: string,
  text: string,
  range: { min: number; max: number },
): number {
  if (text.length > MAX_LENGTH) {
    throw bad(name, `longer than ${MAX_LENGTH} characters`);
  }
  if (!NUMBER.test(text)) {
    throw bad(name, `${JSON.stringify(text)} is not a number`);
  }
  const x = Number(text);
  if (!(x >= range.min && x <= range.max)) {
    throw bad(
      name,
      `${text} is out of range (from ${range.min} to ${range.max})`,
    );
  }
  return x;
}

/**
 * Query parameter `name` as a training history, `20@0.1,5@0.5`: 20 steps at
 * learning rate 0.1, then 5 at 0.5. Empty when absent. At most 100 runs,
 * `maxSteps` steps in all, each rate from `min` to `max`.
 *
 * @example
 * ```ts
 * import { deepEqual, throws } from "node:assert/strict";
 * import { scheduleFromQuery } from "./query.ts";
 *
 * const limits = { min: 0.001, max: 1, maxSteps: 10000 };
 * deepEqual(scheduleFromQuery(new URL("http://x/?train=20@0.1,5@0.5"), "train", limits), [
 *   { steps: 20, rate: 0.1 },
 *   { steps: 5, rate: 0.5 },
 * ]);
 * throws(() => scheduleFromQuery(new URL("http://x/?train=20"), "train", limits), {
 *   status: 400,
 *   message: 'Invalid query parameter train: "20" is not a list of steps@rate such as 20@0.1,5@0.5',
 * });
 * ```
 *
 * @throws {HttpError} 400 naming the parameter if the history is malformed, too long, or has a rate out of range.
 */
export function scheduleFromQuery(
  url: URL,
  name: string,
  limits: { min: number; max: number; maxSteps: number },
): TrainingSegment[] {
  const text = single(url, name, 4000);
  if (text === undefined || text === "") return [];
  const parts = text.split(",");
  if (parts.length > 100) throw bad(name, "more than 100 runs");
  let total = 0;
  return parts.map((part) => {
    const m = /^(\d{1,5})@([^@]+)$/.exec(part);
    if (!m || Number(m[1]) === 0) {
      throw bad(
        name,
        `${
          JSON.stringify(text.slice(0, 40))
        } is not a list of steps@rate such as 20@0.1,5@0.5`,
      );
    }
    const steps = Number(m[1]);
    total += steps;
    if (total > limits.maxSteps) {
      throw bad(name, `more than ${limits.maxSteps} steps in all`);
    }
    return { steps, rate: decimal(name, m[2], limits) };
  });
}

/**
 * Whether a flag is set: absent is false, `1` true, `0` false.
 *
 * @example
 * ```ts
 * import { equal, throws } from "node:assert/strict";
 * import { flagFromQuery } from "./query.ts";
 *
 * equal(flagFromQuery(new URL("http://x/?backward=1"), "backward"), true);
 * equal(flagFromQuery(new URL("http://x/"), "backward"), false);
 * throws(() => flagFromQuery(new URL("http://x/?backward=yes"), "backward"), {
 *   message: 'Invalid query parameter backward: expected 0 or 1, got "yes"',
 * });
 * ```
 *
 * @throws {HttpError} 400 if the flag is anything but `0` or `1`, or given twice.
 */
export function flagFromQuery(url: URL, name: string): boolean {
  const text = single(url, name);
  if (text === undefined || text === "0") return false;
  if (text === "1") return true;
  throw bad(name, `expected 0 or 1, got ${JSON.stringify(text.slice(0, 20))}`);
}

/**
 * Query parameter `name`, one of the numbers `choices`; `fallback` when
 * absent.
 *
 * @example
 * ```ts
 * import { equal, throws } from "node:assert/strict";
 * import { numberChoiceFromQuery } from "./query.ts";
 *
 * equal(numberChoiceFromQuery(new URL("http://x/?h=0.001"), "h", [0.1, 0.001], 0.1), 0.001);
 * throws(() => numberChoiceFromQuery(new URL("http://x/?h=2"), "h", [0.1, 0.001], 0.1), {
 *   message: "Invalid query parameter h: expected one of 0.1, 0.001, got 2",
 * });
 * ```
 *
 * @throws {HttpError} 400 if the value is not one of `choices`, or given twice.
 */
export function numberChoiceFromQuery(
  url: URL,
  name: string,
  choices: readonly number[],
  fallback: number,
): number {
  const text = single(url, name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === "" || !choices.includes(n)) {
    throw bad(
      name,
      `expected one of ${choices.join(", ")}, got ${text.slice(0, 20)}`,
    );
  }
  return n;
}

/**
 * Chapter 3's answers: `?d.grad=-2` for each node label given, as typed
 * (the page checks them).
 *
 * @example
 * ```ts
 * import { deepEqual, throws } from "node:assert/strict";
 * import { answersFromQuery } from "./query.ts";
 *
 * deepEqual(answersFromQuery(new URL("http://x/?d.grad=-2&e.grad=3"), ["d", "e", "L"]), { d: "-2", e: "3" });
 * throws(() => answersFromQuery(new URL("http://x/?d.grad=" + "1".repeat(40)), ["d"]), {
 *   message: "Invalid query parameter d.grad: longer than 32 characters",
 * });
 * ```
 *
 * @throws {HttpError} 400 if an answer is longer than 32 characters, or given twice.
 */
export function answersFromQuery(
  url: URL,
  labels: readonly string[],
): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const label of labels) {
    const text = single(url, `${label}.grad`, MAX_LENGTH);
    if (text !== undefined) answers[label] = text;
  }
  return answers;
}
