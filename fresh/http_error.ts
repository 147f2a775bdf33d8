/**
 * {@linkcode HttpError}: thrown from a handler or middleware, it becomes an
 * error page with its status.
 *
 * @module
 */

/**
 * An error that carries an HTTP status. Throw it from a handler (for
 * example `throw new HttpError(400, "Invalid query parameter a: …")`) and the
 * app answers with that status and its error page (`_404.tsx` for 404,
 * `_error.tsx` otherwise), which receives the error and can show its message.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { HttpError } from "./http_error.ts";
 *
 * const error = new HttpError(400, "Invalid query parameter a: not a number");
 * equal(error.status, 400);
 * equal(error.message, "Invalid query parameter a: not a number");
 * ```
 */
export class HttpError extends Error {
  /** The HTTP status the response gets, 400 to 599. */
  readonly status: number;

  /**
   * Creates an error with an HTTP status and a message.
   *
   * @example
   * ```ts
   * import { equal } from "node:assert/strict";
   * import { HttpError } from "./http_error.ts";
   *
   * equal(new HttpError(404).message, "Not Found");
   * ```
   *
   * @param status An HTTP error status, 400 to 599.
   * @param message Shown on the error page; defaults to the status text.
   * @throws {RangeError} If `status` is not an integer from 400 to 599.
   */
  constructor(status: number, message?: string, options?: ErrorOptions) {
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new RangeError(
        `Cannot create HttpError: status must be an integer from 400 to 599, got ${status}`,
      );
    }
    super(message ?? STATUS_TEXT[status] ?? `HTTP error ${status}`, options);
    this.name = "HttpError";
    this.status = status;
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  413: "Content Too Large",
  500: "Internal Server Error",
};
