/**
 * The CLI's `train` command: trains a setup of the training playground
 * (`/train`; micrograd's demo by default) with a compiled graph, shows the
 * progress on standard error and can plot the decision boundary as SVG.
 *
 * @module
 */
import { parseArgs } from "node:util";
import {
  parseSetup,
  Probe,
  Run,
  type RunStep,
  type Setup,
} from "../demo/setup.ts";
import { decisionBoundarySvg } from "../draw/boundary.ts";
import { type CliIo, type Command, InputError } from "./io.ts";

const HELP =
  `Usage: gradviz train [moons|circles|xor|spiral|gauss|yinyang] [options]

Trains a setup of the training playground (/train takes the same options as
URL parameters) on a compiled graph, by SGD. The default is micrograd's demo:
MLP(2, [16, 16, 1]) with ReLU hidden layers and a linear output, from the
demo's initial weights, on its 100 two-moons points (data/moons.json),
full batch, mean max-margin loss plus 1e-4 * sum(p*p), learning rate
1 - 0.9 * k / steps at step k. Progress (step, loss, accuracy, test loss
and accuracy when points are held out, steps/s) goes to standard error: a
bar on a terminal, lines otherwise. The final numbers go to standard output.

  --points N        points, train and test together, 10-1000 (default 100)
  --noise X         noise on each coordinate, 0-1 (default 0.1)
  --seed N          seeds the data and the initial weights (default 1337)
  --test P          percent of the points held out, 0-90 (default 0)
  --features LIST   inputs among x,y,x2,y2,xy,sinx,siny (default x,y)
  --layers LIST     hidden layer sizes 1-16, up to 6, '' for none (default 16,16)
  --activation A    relu, tanh, sigmoid or linear (default relu)
  --loss L          svm (max-margin) or mse (default svm)
  --rate X          learning rate (default 1)
  --decay on|off    micrograd's schedule rate * (1 - 0.9 * k / steps) (default on)
  --reg R           none, l1 or l2 (default l2)
  --lambda X        the penalty's strength (default 0.0001)
  --batch N         examples per step, 0 for all (default 0)
  --steps N         how many steps (default 100)
  --plot FILE       write the decision boundary to FILE as SVG
  -h, --help        show this help

micrograd's data and weights are used for moons with 100 points, noise 0.1
and seed 1337, and a 16,16 ReLU network on x,y with seed 1337; any other
setup is drawn from the seed (the page's figures for the same options).

Exit status: 0 on success, 2 for bad usage, 1 when something else fails
(such as writing FILE).

Examples:
  deno task train moons --steps 100 --plot moons.svg
  deno task train spiral --noise 0 --test 20 --points 200 --reg none --steps 1000`;

// The setup's options, named as its URL parameters.
const SETUP_OPTIONS = [
  "points",
  "noise",
  "seed",
  "test",
  "features",
  "layers",
  "activation",
  "loss",
  "rate",
  "decay",
  "reg",
  "lambda",
  "batch",
  "steps",
] as const;

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        ...Object.fromEntries(
          SETUP_OPTIONS.map((name) => [name, { type: "string" as const }]),
        ),
        plot: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    throw new InputError((e as Error).message);
  }
}

const percent = (accuracy: number) => `${(accuracy * 100).toFixed(1)}%`;

// ", test loss L accuracy A%" when points are held out.
const testText = ({ testLoss, testAccuracy }: RunStep) =>
  testLoss === null
    ? ""
    : `, test loss ${testLoss} accuracy ${percent(testAccuracy!)}`;

// Progress on standard error: a bar redrawn at most every 50 ms on a
// terminal, else one line per step (per 1% of the steps when there are more
// than 100).
function progress(steps: number, io: CliIo): (info: RunStep) => void {
  const start = performance.now();
  const rate = (done: number) =>
    Math.round(done / ((performance.now() - start) / 1000 || 1e-9));
  if (!Deno.stderr.isTerminal()) {
    const every = Math.ceil(steps / 100);
    return (info) => {
      const { step, loss, accuracy } = info;
      if (step % every === 0 || step === steps - 1) {
        io.error(
          `step ${step}/${steps} loss ${loss} accuracy ${percent(accuracy)}${
            testText(info)
          } (${rate(step + 1)} steps/s)`,
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
  const query = new URLSearchParams();
  if (positionals[0] !== undefined) query.set("data", positionals[0]);
  for (const name of SETUP_OPTIONS) {
    const value = (values as Record<string, unknown>)[name];
    if (typeof value === "string") query.set(name, value);
  }
  let setup: Setup;
  try {
    setup = parseSetup(query);
  } catch (e) {
    const message = (e as Error).message.replace(/^Cannot read setup: /, "");
    throw new InputError(
      message.startsWith("data ")
        ? `Unknown data set '${positionals[0]}': ${
          message.replace(/, got .*/, "").replace(/^data must be/, "expected")
        }`
        : `--${message}`,
    );
  }

  const run = new Run(setup);
  const { steps } = setup;
  const show = progress(steps, io);
  let info!: RunStep;
  for (let k = 0; k < steps; k++) {
    info = run.step();
    show(info);
  }
  run.sync();
  const net = `MLP(${setup.features.length}, [${
    [...setup.layers, 1].join(", ")
  }])`;
  io.print(
    `loss ${info.loss} accuracy ${percent(info.accuracy)} at step ${info.step}${
      testText(info)
    } (${net}, ${run.data.train.points.length} points)`,
  );

  if (values.plot !== undefined) {
    const probe = new Probe(run.model, setup.features);
    const { train } = run.data;
    const svg = decisionBoundarySvg({
      points: train.points,
      labels: train.labels,
      score: (x, y) => probe.at(x, y),
      title: `${setup.data} after ${steps} steps: accuracy ${
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
 * `gradviz train`: trains a setup of the training playground, by default
 * micrograd's demo on its two moons (see `--help`).
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
  summary:
    "train a network on a 2-D data set (micrograd's demo by default), with a plot",
  run,
};
