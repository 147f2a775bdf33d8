/**
 * The CLI's `train` command: trains micrograd's demo network on its two
 * moons with a compiled graph, shows the progress on standard error and can
 * plot the decision boundary as SVG.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { MOONS, moonsModel, moonsTraining, Scorer } from "../demo/moons.ts";
import { decisionBoundarySvg } from "../draw/boundary.ts";
import { Trainer, type TrainStep } from "../replay/train.ts";
import { type CliIo, type Command, InputError } from "./io.ts";

const HELP = `Usage: gradviz train [moons] [options]

Trains micrograd's demo: MLP(2, [16, 16, 1]) with ReLU hidden layers and a
linear output, from the demo's initial weights, on its 100 two-moons points
(data/moons.json), by full-batch SGD on the mean max-margin loss plus
1e-4 * sum(p*p), learning rate 1 - 0.9 * k / steps at step k (micrograd's
schedule for its 100 steps). Progress (step, loss, accuracy, steps/s) goes to
standard error: a bar on a terminal, lines otherwise. The final loss and
accuracy go to standard output.

  --steps N        how many steps (default 100)
  --plot FILE      write the decision boundary to FILE as SVG
  -h, --help       show this help

Exit status: 0 on success, 2 for bad usage, 1 when something else fails
(such as writing FILE).

Example:
  deno task train moons --steps 100 --plot moons.svg`;

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        steps: { type: "string" },
        plot: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new InputError((e as Error).message);
  }
}

const percent = (accuracy: number) => `${(accuracy * 100).toFixed(1)}%`;

// Progress on standard error: a bar redrawn at most every 50 ms on a
// terminal, else one line per step (per 1% of the steps when there are more
// than 100).
function progress(steps: number, io: CliIo): (info: TrainStep) => void {
  const start = performance.now();
  const rate = (done: number) =>
    Math.round(done / ((performance.now() - start) / 1000 || 1e-9));
  if (!Deno.stderr.isTerminal()) {
    const every = Math.ceil(steps / 100);
    return ({ step, loss, accuracy }) => {
      if (step % every === 0 || step === steps - 1) {
        io.error(
          `step ${step}/${steps} loss ${loss} accuracy ${percent(accuracy)} (${
            rate(step + 1)
          } steps/s)`,
        );
      }
    };
  }
  const encoder = new TextEncoder();
  let shown = -Infinity;
  return ({ step, loss, accuracy }) => {
    const now = performance.now();
    const last = step === steps - 1;
    if (!last && now - shown < 50) return;
    shown = now;
    const width = 24;
    const filled = Math.round((step + 1) / steps * width);
    const bar = "█".repeat(filled) + "░".repeat(width - filled);
    const line = `\r\x1b[2K${bar} step ${step + 1}/${steps}  loss ${
      loss.toFixed(6)
    }  accuracy ${percent(accuracy)}  ${
      rate(step + 1).toLocaleString("en")
    } steps/s`;
    Deno.stderr.writeSync(encoder.encode(last ? line + "\n" : line));
  };
}

async function run(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.print(HELP);
    return;
  }
  if (positionals.length > 1) {
    throw new InputError(
      `Too many arguments: ${positionals.slice(1).join(" ")}`,
    );
  }
  const dataset = positionals[0] ?? "moons";
  if (dataset !== "moons") {
    throw new InputError(
      `Unknown data set '${dataset}': the only one is 'moons'`,
    );
  }
  const steps = values.steps === undefined ? 100 : Number(values.steps);
  if (!Number.isSafeInteger(steps) || steps < 1) {
    throw new InputError(
      `--steps must be a positive integer, got '${values.steps}'`,
    );
  }

  const model = moonsModel();
  const trainer = new Trainer(
    model,
    { inputs: MOONS.points, targets: MOONS.labels },
    moonsTraining(steps),
  );
  const show = progress(steps, io);
  let info!: TrainStep;
  for (let k = 0; k < steps; k++) {
    info = trainer.step();
    show(info);
  }
  trainer.sync();
  io.print(
    `loss ${info.loss} accuracy ${
      percent(info.accuracy)
    } at step ${info.step} (MLP(2, [16, 16, 1]), ${MOONS.points.length} points)`,
  );

  if (values.plot !== undefined) {
    const scorer = new Scorer(model);
    const svg = decisionBoundarySvg({
      points: MOONS.points,
      labels: MOONS.labels,
      score: (x, y) => scorer.score(x, y),
      title: `micrograd's moons after ${steps} steps: accuracy ${
        percent(info.accuracy)
      }`,
    });
    try {
      await Deno.writeTextFile(values.plot, svg);
    } catch (e) {
      throw new Error(`Cannot write '${values.plot}': ${(e as Error).message}`);
    }
    io.print(`decision boundary written to ${values.plot}`);
  }
}

/**
 * `gradviz train`: trains micrograd's demo on its two moons (see `--help`).
 * Usage errors throw `InputError` (exit status 2).
 *
 * @example One step
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { train } from "./train.ts";
 *
 * const out: string[] = [];
 * const io = { print: (t: string) => out.push(t), error() {}, stdin: Deno.stdin };
 * await train.run(["moons", "--steps", "1"], io);
 * equal(out[0].split(" ").slice(0, 4).join(" "), "loss 0.8958441028683222 accuracy 50.0%");
 * ```
 */
export const train: Command = {
  summary: "train micrograd's demo network on the two moons, with a plot",
  run,
};
