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
import { layoutCost, MAX_LAYOUT_COST } from "../draw/cost.ts";
import { trace } from "../engine/graph.ts";
import type { Value } from "../engine/value.ts";

/** Seconds a layout may take by default. */
const DEFAULT_TIMEOUT = 60;

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
      --max-cost N     the most layout work an SVG may take (default ${MAX_LAYOUT_COST});
                       bigger graphs are refused before Graphviz starts
      --force          draw an SVG whatever its layout cost
      --timeout SECS   stop a layout that takes longer (default ${DEFAULT_TIMEOUT})
  -h, --help           show this help

Program: statements separated by new lines or ';', each 'name = expression',
with numbers, names, + - * /, ** with a number exponent, unary minus,
parentheses and tanh exp log relu sigmoid. '#' starts a comment.

Layout cost: about one unit per node Graphviz places, counting the extra
nodes an edge needs to reach a value made far away; Graphviz's time grows
much faster than it (y = x + x + ... + x with 149 terms costs 22053 and
takes minutes). DOT and JSON output need no layout.

Exit status: 0 on success, 2 for a bad program, bad usage or a graph over
the layout cost limit, 1 when something else fails (such as writing FILE,
or a layout overrunning --timeout).

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
  /** The most layout cost an SVG may have (Infinity with --force). */
  maxCost: number;
  /** Milliseconds a layout may take. */
  timeout: number;
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
        "max-cost": { type: "string" },
        force: { type: "boolean" },
        timeout: { type: "string" },
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
  if (values.force && values["max-cost"] !== undefined) {
    throw new InputError("Give --force or --max-cost, not both");
  }
  const maxCost = values.force
    ? Infinity
    : number("--max-cost", values["max-cost"], MAX_LAYOUT_COST);
  const timeout = 1000 * number("--timeout", values.timeout, DEFAULT_TIMEOUT);
  const source = await readSource(values.file, positionals, io);
  return {
    source,
    output,
    rankdir,
    backward: !values["no-backward"],
    maxCost,
    timeout,
  };
}

// A positive number option, or its default.
function number(name: string, text: string | undefined, fallback: number) {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(n > 0)) {
    throw new InputError(`Invalid ${name} '${text}': use a positive number`);
  }
  return n;
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
  options: DrawOptions,
): Promise<string> {
  const { rankdir } = options;
  if (format === "dot") return toDot(root, { rankdir });
  if (format === "json") return toJson(root);
  return await layOut(toDot(root, { rankdir }), options.timeout) + "\n";
}

/**
 * Lays out `dot` with Viz.js in a Worker (loaded only when an SVG is asked
 * for), stopped after `timeout` milliseconds.
 */
async function layOut(dot: string, timeout: number): Promise<string> {
  const worker = new Worker(
    new URL("../draw/render_worker.ts", import.meta.url),
    { type: "module" },
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await new Promise<string>((resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `Cannot draw graph: its layout took longer than ${
                timeout / 1000
              } s; raise --timeout or write DOT instead`,
            ),
          ),
        timeout,
      );
      worker.onmessage = (e: MessageEvent<{ svg?: string; error?: string }>) =>
        e.data.svg === undefined
          ? reject(new Error(`Cannot draw graph: ${e.data.error}`))
          : resolve(e.data.svg);
      worker.onerror = (e) => {
        e.preventDefault();
        reject(new Error(`Cannot draw graph: ${e.message}`));
      };
      worker.postMessage(dot);
    });
  } finally {
    clearTimeout(timer);
    worker.terminate();
  }
}

// Refuses, before any output, an SVG whose layout would cost too much.
function checkCost(root: Value, options: DrawOptions): void {
  if (options.output?.format !== "svg") return;
  const cost = layoutCost(root);
  if (cost > options.maxCost) {
    throw new InputError(
      `Cannot draw graph: its layout cost is ${cost}, over the limit of ${options.maxCost} (Graphviz could take minutes); raise it with --max-cost N or draw anyway with --force`,
    );
  }
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
    checkCost(program.root, options);
    if (options.backward) program.root.backward();
    io.print(table(program, options.backward));
    if (options.output) {
      const { path, format } = options.output;
      const text = await graphText(program.root, format, options);
      try {
        await Deno.writeTextFile(path, text);
      } catch (e) {
        throw new Error(`Cannot write ${path}: ${(e as Error).message}`);
      }
    }
  },
};
