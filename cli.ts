/**
 * The gradviz command line. Its default command, `draw`, runs a program in
 * the expression language (see `parseProgram`), runs `backward()`, prints
 * every named node's data and grad, and with `-o` writes the graph as SVG,
 * DOT or JSON:
 *
 * ```sh
 * deno run --allow-read --allow-write jsr:@gradviz/gradviz/cli \
 *   "a = 2; b = -3; L = a*b" -o graph.svg
 * # name     data     grad
 * # a      2.0000  -3.0000
 * # b     -3.0000   2.0000
 * # L     -6.0000   1.0000
 * ```
 *
 * From a clone of the repository, `deno task draw …` does the same. The
 * program can also come from a file (`-f FILE`) or standard input (`-`, or
 * piped in with no program argument). An SVG is laid out in a Worker with a
 * deadline (`--timeout`, 60 s), and a graph whose `layoutCost` is over
 * `MAX_LAYOUT_COST` (the web app's limit) is refused unless `--max-cost N` or
 * `--force` says otherwise. Exit status: 0 on success, 2 for a bad program,
 * bad usage or a graph over the cost limit (the message, never a stack
 * trace, on standard error), 1 when anything else fails, such as writing the
 * file or a layout overrunning its deadline. `--help` tells the rest.
 *
 * @example Running the CLI from code
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { main } from "@gradviz/gradviz/cli";
 *
 * const errors: string[] = [];
 * const io = { print() {}, error: (t: string) => errors.push(t), stdin: Deno.stdin };
 * equal(await main(["a = 2; L = a * z"], io), 2);
 * equal(errors[0], "gradviz: 1:16: unknown name 'z'");
 * ```
 *
 * @module
 */
import { draw } from "./src/cli/draw.ts";
import { type CliIo, type Command, denoIo, InputError } from "./src/cli/io.ts";
import { train } from "./src/cli/train.ts";

export type { CliIo };

// The subcommands; the first argument names one, else `draw` runs.
const COMMANDS: Record<string, Command> = { draw, train };

/**
 * Runs the CLI with `args` (as in `Deno.args`) and returns the exit status:
 * 0 on success, 2 when the input is wrong, 1 when anything else fails. Errors
 * are printed as one line on `io.error`, never thrown.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { main } from "@gradviz/gradviz/cli";
 *
 * const lines: string[] = [];
 * const io = { print: (t: string) => lines.push(t), error() {}, stdin: Deno.stdin };
 * const lecture = "a = 2; b = -3; c = 10; f = -2; e = a*b; d = e + c; L = d*f";
 * equal(await main(["draw", lecture], io), 0);
 * equal(lines[0].split("\n").at(-1), "L     -8.0000   1.0000");
 * ```
 *
 * @param args The command line arguments, without the script.
 * @param io Where to read and write; the real terminal by default.
 * @returns The exit status.
 */
export async function main(
  args: string[],
  io: CliIo = denoIo(),
): Promise<number> {
  const [first, ...rest] = args;
  try {
    if (first === "-h" || first === "--help") {
      await draw.run(["--help"], io);
      io.print("\nCommands:");
      for (const [name, command] of Object.entries(COMMANDS)) {
        io.print(`  ${name.padEnd(8)}${command.summary}`);
      }
    } else if (Object.hasOwn(COMMANDS, first)) {
      await COMMANDS[first].run(rest, io);
    } else {
      await draw.run(args, io);
    }
    return 0;
  } catch (e) {
    io.error(`gradviz: ${e instanceof Error ? e.message : String(e)}`);
    return e instanceof InputError ? 2 : 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
