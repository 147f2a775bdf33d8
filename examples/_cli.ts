// What every example shares: its command line (`--svg FILE` or `-o FILE`),
// a table of values, and writing a graph as SVG.
import { parseArgs } from "node:util";
import type { Value } from "../mod.ts";
import { renderSvg } from "../src/draw/render.ts";

/**
 * The SVG file asked for on the command line, if any. Prints the usage and
 * exits on `--help` (status 0) or an unknown argument (status 2).
 */
export function svgFile(
  name: string,
  args: string[] = Deno.args,
): string | undefined {
  const usage =
    `Usage: deno run --allow-write examples/${name} [--svg FILE | -o FILE]`;
  try {
    const { values } = parseArgs({
      args,
      options: {
        svg: { type: "string", short: "o" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      console.log(usage);
      Deno.exit(0);
    }
    return values.svg;
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    Deno.exit(2);
  }
}

/** Prints each value's label, data and grad, one per line, to 4 decimals. */
export function printTable(values: Value[]): void {
  const width = Math.max(5, ...values.map((v) => v.label.length));
  console.log(
    `  ${"label".padEnd(width)}  ${"data".padStart(9)}  ${"grad".padStart(9)}`,
  );
  for (const v of values) {
    console.log(
      `  ${v.label.padEnd(width)}  ${v.data.toFixed(4).padStart(9)}  ${
        v.grad.toFixed(4).padStart(9)
      }`,
    );
  }
}

/** Writes the graph of `root` to `file` as SVG, if a file was asked for. */
export async function writeSvg(
  root: Value,
  file: string | undefined,
): Promise<void> {
  if (file === undefined) return;
  await Deno.writeTextFile(file, await renderSvg(root));
  console.log(`wrote ${file}`);
}
