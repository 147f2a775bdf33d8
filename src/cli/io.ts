/**
 * What the CLI's commands share: where they read and write
 * ({@linkcode CliIo}), their shape ({@linkcode Command}) and the error that
 * means the user's input was wrong ({@linkcode InputError}, exit status 2).
 *
 * @module
 */

/** Where a CLI command reads and writes; {@linkcode denoIo} is the real terminal. */
export interface CliIo {
  /** Writes text and a newline to standard output. */
  print(text: string): void;
  /** Writes text and a newline to standard error. */
  error(text: string): void;
  /** Standard input: `Deno.stdin`, or anything of its shape. */
  stdin: {
    /** The bytes piped in (or typed). */
    readonly readable: ReadableStream<Uint8Array>;
    /** Whether a person is typing rather than a pipe or file feeding it. */
    isTerminal(): boolean;
  };
}

/** A subcommand of the CLI, such as `draw`. */
export interface Command {
  /** One line for the list of commands in `--help`. */
  summary: string;
  /** Runs the command; throws {@linkcode InputError} when the input is wrong. */
  run(args: string[], io: CliIo): Promise<void>;
}

/**
 * The user's input is wrong (bad usage or a bad program): the CLI prints the
 * message without a stack trace and exits with status 2.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { InputError } from "./io.ts";
 *
 * equal(new InputError("1:5: expected an expression").name, "InputError");
 * ```
 */
export class InputError extends Error {
  /** Always `"InputError"`. */
  override name = "InputError";
}

/**
 * The real terminal: `console.log`, `console.error` and `Deno.stdin`.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { denoIo } from "./io.ts";
 *
 * equal(denoIo().stdin, Deno.stdin);
 * ```
 */
export function denoIo(): CliIo {
  return {
    print: (text) => console.log(text),
    error: (text) => console.error(text),
    stdin: Deno.stdin,
  };
}

/** The most input {@linkcode readText} reads: far beyond any program the parser accepts. */
export const MAX_INPUT_BYTES = 1 << 20;

/**
 * Reads a stream as UTF-8 text, stopping soon after `maxBytes`, so endless
 * input (`/dev/zero`, a runaway pipe) cannot exhaust memory; the parser's
 * length limit then rejects the text.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { readText } from "./io.ts";
 *
 * const bytes = new TextEncoder().encode("L = 2 * 3");
 * equal(await readText(ReadableStream.from([bytes])), "L = 2 * 3");
 * ```
 */
export async function readText(
  stream: ReadableStream<Uint8Array>,
  maxBytes: number = MAX_INPUT_BYTES,
): Promise<string> {
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  let text = "";
  let size = 0;
  try {
    while (size <= maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel(); // closes a file that was not read to its end
  }
  return text + decoder.decode();
}
