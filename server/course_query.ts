/**
 * The course's own query parameters, validated like the leaves
 * (`server/query.ts`): a flag such as `?backward=1`, a whole number such as
 * `?cell=3`, one of a list of numbers such as `?h=0.001`, and chapter 3's
 * answers such as `?d.grad=-2`.
 *
 * @module
 */
import { HttpError } from "fresh";

function single(url: URL, name: string): string | undefined {
  const given = url.searchParams.getAll(name);
  if (given.length > 1) {
    throw new HttpError(
      400,
      `Invalid query parameter ${name}: given more than once`,
    );
  }
  return given[0];
}

/**
 * Whether a flag is set: absent is false, `1` true, `0` false.
 *
 * @example
 * ```ts
 * import { equal, throws } from "node:assert/strict";
 * import { flagFromQuery } from "./course_query.ts";
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
  throw new HttpError(
    400,
    `Invalid query parameter ${name}: expected 0 or 1, got ${
      JSON.stringify(text.slice(0, 20))
    }`,
  );
}

/**
 * A whole number from `min` to `max`, or `fallback` when absent.
 *
 * @example
 * ```ts
 * import { equal, throws } from "node:assert/strict";
 * import { integerFromQuery } from "./course_query.ts";
 *
 * equal(integerFromQuery(new URL("http://x/?cell=3"), "cell", [1, 5], 5), 3);
 * throws(() => integerFromQuery(new URL("http://x/?cell=9"), "cell", [1, 5], 5), {
 *   message: "Invalid query parameter cell: expected a whole number from 1 to 5, got 9",
 * });
 * ```
 *
 * @throws {HttpError} 400 if the value is not a whole number in range, or given twice.
 */
export function integerFromQuery(
  url: URL,
  name: string,
  [min, max]: readonly [number, number],
  fallback: number,
): number {
  const text = single(url, name);
  if (text === undefined) return fallback;
  const n = Number(text);
  const digits = /^\d{1,16}$/.test(text);
  if (!digits || n < min || n > max) {
    const got = digits ? text : JSON.stringify(text.slice(0, 20));
    throw new HttpError(
      400,
      `Invalid query parameter ${name}: expected a whole number from ${min} to ${max}, got ${got}`,
    );
  }
  return n;
}

/**
 * One of `choices`, or `fallback` when absent.
 *
 * @example
 * ```ts
 * import { equal, throws } from "node:assert/strict";
 * import { choiceFromQuery } from "./course_query.ts";
 *
 * equal(choiceFromQuery(new URL("http://x/?h=0.001"), "h", [0.1, 0.001], 0.1), 0.001);
 * throws(() => choiceFromQuery(new URL("http://x/?h=2"), "h", [0.1, 0.001], 0.1), {
 *   message: "Invalid query parameter h: expected one of 0.1, 0.001, got 2",
 * });
 * ```
 *
 * @throws {HttpError} 400 if the value is not one of `choices`, or given twice.
 */
export function choiceFromQuery(
  url: URL,
  name: string,
  choices: readonly number[],
  fallback: number,
): number {
  const text = single(url, name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (text.trim() === "" || !choices.includes(n)) {
    throw new HttpError(
      400,
      `Invalid query parameter ${name}: expected one of ${
        choices.join(", ")
      }, got ${text.slice(0, 20)}`,
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
 * import { answersFromQuery } from "./course_query.ts";
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
    const name = `${label}.grad`;
    const text = single(url, name);
    if (text === undefined) continue;
    if (text.length > 32) {
      throw new HttpError(
        400,
        `Invalid query parameter ${name}: longer than 32 characters`,
      );
    }
    answers[label] = text;
  }
  return answers;
}
