/**
 * The CLI's `draw` command (its default): runs a program in the expression
 * language, prints every named node's data and grad, and writes the graph as
 * SVG, DOT or JSON.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { type CliIo, type Command, InputError, readText } from "./io.ts";
import { parseProgram, type Program } from "../lang/expr.ts";
import { nodeId, toDot } from "../draw/dot.ts";
import { trace } from "../engine/graph.ts";
import type { Value } from "../engine/value.ts";

const HELP = `Usage: gradviz [draw] [options] [PROGRAM | -]

Evaluates a program in gradviz's expression language, calls backward() on
its last statement and prints every named node's data and grad.

  PROGRAM              the program, e.g. "a = 2; b = -3; L = a*b"
  -                    read the program from standard input (also what
                       happens when no program is given and input is piped)
  -f, --file FILE      read the program from FILE
  -o, --output FILE    write the graph to FILE: .svg, .dot or .json
      --format FORMAT  svg, dot or json, whatever FILE's extension
      --rankdir DIR    LR (left to right, the default) or TB (top to bottom)
      --no-backward    skip backward(): print data only
  -h, --help           show this help

Program: statements separated by new lines or ';', each 'name = expression',
with numbers, names, + - * /, ** with a number exponent, unary minus,
parentheses and tanh exp log relu sigmoid. '#' starts a comment.

Exit status: 0 on success, 2 for a bad program or bad usage, 1 when
something else fails (such as writing FILE).

Examples:
  deno task draw "a = 2; b = -3; c = 10; f = -2; L = (a*b + c)*f"
  deno task draw -f lecture.txt -o lecture.svg --rankdir TB
  echo "x = 0.5; y = tanh(x)" | deno task draw -o y.json`;

const FORMATS = ["svg", "dot", "json"] as const;
type Format = typeof FORMATS[number];

interface DrawOptions {
  source: string;
  output?: { path: string; format: Format };
  rankdir: "LR" | "TB";
  backward: boolean;
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        file: { type: "string", short: "f" },
        output: { type: "string", short: "o" },
        format: { type: "string" },
        rankdir: { type: "string" },
        "no-backward": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new InputError((e as Error).message);
  }
}

function formatOf(path: string, format: string | undefined): Format {
  const name = format ?? path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  if ((FORMATS as readonly string[]).includes(name)) return name as Format;
  throw new InputError(
    format === undefined
      ? `Cannot tell the format of '${path}': name it .svg, .dot or .json, or use --format`
      : `Unknown format '${format}': use svg, dot or json`,
  );
}

async function readSource(
  file: string | undefined,
  positionals: string[],
  io: CliIo,
): Promise<string> {
  if (file !== undefined && positionals.length > 0) {
    throw new InputError(
      "Give the program as an argument or with -f, not both",
    );
  }
  if (positionals.length > 1) {
    throw new InputError(
      `Expected one program argument, got ${positionals.length}: quote the program`,
    );
  }
  const path = file ?? positionals[0];
  if (path === "-" || (path === undefined && !io.stdin.isTerminal())) {
    return await readText(io.stdin.readable);
  }
  if (path === undefined) {
    throw new InputError(
      "No program: give it as an argument, with -f FILE or on standard input (see --help)",
    );
  }
  if (file === undefined) return path; // the argument is the program itself
  try {
    return await readText((await Deno.open(file)).readable);
  } catch (e) {
    throw new Error(`Cannot read ${file}: ${(e as Error).message}`);
  }
}

// Checks the usage before reading the program, so that mistakes show at once.
async function drawOptions(
  args: string[],
  io: CliIo,
): Promise<DrawOptions | null> {
  const { values, positionals } = parse(args);
  if (values.help) return null;
  const rankdir = (values.rankdir ?? "LR").toUpperCase();
  if (rankdir !== "LR" && rankdir !== "TB") {
    throw new InputError(`Unknown rankdir '${values.rankdir}': use LR or TB`);
  }
  const path = values.output;
  if (values.format !== undefined && path === undefined) {
    throw new InputError("--format needs -o FILE");
  }
  const output = path === undefined
    ? undefined
    : { path, format: formatOf(path, values.format) };
  const source = await readSource(values.file, positionals, io);
  return { source, output, rankdir, backward: !values["no-backward"] };
}

/** Every named node's data (and grad), in aligned columns of 4 decimals as in the graphs. */
function table({ root, names }: Program, grads: boolean): string {
  const rows: [string, Value][] = [...names];
  if (root.label === "") rows.push(["(root)", root]);
  const cells = [
    ["name", "data", "grad"],
    ...rows.map(([name, v]) => [name, v.data.toFixed(4), v.grad.toFixed(4)]),
  ].map((row) => grads ? row : row.slice(0, 2));
  const widths = cells[0].map((_, i) =>
    Math.max(...cells.map((row) => row[i].length))
  );
  return cells.map((row) =>
    row.map((cell, i) =>
      i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])
    ).join("  ")
  ).join("\n");
}

/**
 * The graph as JSON: `{ root, nodes }`, each node `{ id, label, op, data,
 * grad, children }` with the ids `toDot` uses (`n0`, `n1`, … children first);
 * non-finite numbers become `null`.
 */
function toJson(root: Value): string {
  const { nodes } = trace(root);
  const ids = new Map(nodes.map((node, i) => [node, nodeId(i)]));
  const json = {
    root: ids.get(root),
    nodes: nodes.map((node) => ({
      id: ids.get(node),
      label: node.label,
      op: node.op,
      data: node.data,
      grad: node.grad,
      children: node.children.map((child) => ids.get(child)),
    })),
  };
  return JSON.stringify(json, null, 2) + "\n";
}

async function graphText(
  root: Value,
  format: Format,
  rankdir: "LR" | "TB",
): Promise<string> {
  if (format === "dot") return toDot(root, { rankdir });
  if (format === "json") return toJson(root);
  // Viz.js is large: load it only when an SVG is asked for.
  const { renderSvg } = await import("../draw/render.ts");
  return await renderSvg(root, { rankdir }) + "\n";
}

/**
 * The `draw` command: `gradviz [draw] [options] [PROGRAM | -]`; see
 * `--help`. It throws an `InputError` for a bad program or bad usage.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { draw } from "./draw.ts";
 *
 * const lines: string[] = [];
 * const io = { print: (t: string) => lines.push(t), error() {}, stdin: Deno.stdin };
 * await draw.run(["a = 2; b = -3; L = a*b"], io);
 * equal(lines[0], [
 *   "name     data     grad",
 *   "a      2.0000  -3.0000",
 *   "b     -3.0000   2.0000",
 *   "L     -6.0000   1.0000",
 * ].join("\n"));
 * ```
 */
export const draw: Command = {
  summary: "run a program, print its named nodes, write its graph (default)",
  async run(args: string[], io: CliIo): Promise<void> {
    const options = await drawOptions(args, io);
    if (options === null) {
      io.print(HELP);
      return;
    }
    let program: Program;
    try {
      program = parseProgram(options.source);
    } catch (e) {
      if (e instanceof SyntaxError || e instanceof RangeError) {
        throw new InputError(e.message);
      }
      throw e;
    }
    if (options.backward) program.root.backward();
    io.print(table(program, options.backward));
    if (options.output) {
      const { path, format } = options.output;
      const text = await graphText(program.root, format, options.rankdir);
      try {
        await Deno.writeTextFile(path, text);
      } catch (e) {
        throw new Error(`Cannot write ${path}: ${(e as Error).message}`);
      }
    }
  },
};
