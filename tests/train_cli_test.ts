import { deepEqual, equal, match, ok } from "node:assert/strict";
import { parseSetup, Run as SetupRun } from "../src/demo/setup.ts";

const ROOT = new URL("..", import.meta.url);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

// Runs `deno run --allow-read --allow-write cli.ts train ARGS` with its
// standard error a pipe (not a terminal), as `deno task train` does.
async function train(args: string[]): Promise<Run> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", "--allow-write", "cli.ts", "train", ...args],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return { code, stdout: text.decode(stdout), stderr: text.decode(stderr) };
}

Deno.test("cli train moons prints a plain line per step off a terminal, ending at micrograd's numbers", async () => {
  const run = await train(["moons", "--steps", "100"]);
  equal(run.code, 0, run.stderr);
  const lines = run.stderr.trimEnd().split("\n");
  equal(lines.length, 100);
  ok(!run.stderr.includes("\r"), "no redrawing off a terminal");
  match(
    lines[0],
    /^step 0\/100 loss 0\.8958441028683222 accuracy 50\.0% \(\d+ steps\/s\)$/,
  );
  match(
    lines[99],
    /^step 99\/100 loss 0\.010978370135492717 accuracy 100\.0% \(\d+ steps\/s\)$/,
  );
  match(run.stdout, /^loss 0\.010978370135492717 accuracy 100\.0% at step 99 /);
});

Deno.test("cli train prints the same losses as the library's Run for the same setup", async () => {
  const args = [
    "xor",
    "--points",
    "120",
    "--test",
    "25",
    "--seed",
    "4",
    "--features",
    "x,y,xy",
    "--layers",
    "6,3",
    "--activation",
    "tanh",
    "--loss",
    "mse",
    "--rate",
    "0.2",
    "--batch",
    "30",
    "--steps",
    "20",
  ];
  const run = await train(args);
  equal(run.code, 0, run.stderr);
  const query = new URLSearchParams(
    "data=xor&points=120&test=25&seed=4&features=x,y,xy&layers=6,3&activation=tanh&loss=mse&rate=0.2&batch=30&steps=20",
  );
  const lib = new SetupRun(parseSetup(query));
  const expected = Array.from({ length: 20 }, (_, k) => {
    const s = lib.step();
    return `step ${k}/20 loss ${s.loss} accuracy ${
      (s.accuracy * 100).toFixed(1)
    }%, test loss ${s.testLoss} accuracy ${
      (s.testAccuracy! * 100).toFixed(1)
    }%`;
  });
  deepEqual(
    run.stderr.trimEnd().split("\n").map((l) =>
      l.replace(/ \(\d+ steps\/s\)$/, "")
    ),
    expected,
  );
  match(
    run.stdout,
    /at step 19, test loss .* \(MLP\(3, \[6, 3, 1\]\), 90 points\)/,
  );
});

Deno.test("cli train prints about a hundred lines however many steps", async () => {
  const run = await train(["--steps", "250"]);
  equal(run.code, 0, run.stderr);
  const lines = run.stderr.trimEnd().split("\n");
  equal(lines.length, 84); // steps 0, 3, 6, …, 249
  match(lines.at(-1)!, /^step 249\/250 /);
});

Deno.test("cli train --plot writes the decision boundary as SVG", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = `${dir}/moons.svg`;
    const run = await train(["moons", "--steps", "100", "--plot", file]);
    equal(run.code, 0, run.stderr);
    match(run.stdout, /decision boundary written to .*moons\.svg/);
    const svg = await Deno.readTextFile(file);
    match(
      svg,
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 480 \d+/,
    );
    ok(svg.trimEnd().endsWith("</svg>"));
    equal(svg.match(/<circle /g)?.length, 100);
    equal(svg.match(/fill="#2b6cb0"/g)?.length, 50); // the points labelled +1
    ok((svg.match(/<rect /g)?.length ?? 0) > 10, "the positive region");
    ok(svg.length < 50_000, `${svg.length} bytes`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("cli train refuses bad usage with one line and exit status 2", async () => {
  for (
    const [args, message] of [
      [
        ["--steps", "0"],
        '--steps must be an integer from 1 to 100000, got "0"',
      ],
      [
        ["--steps", "many"],
        '--steps must be an integer from 1 to 100000, got "many"',
      ],
      [
        ["swirl"],
        "Unknown data set 'swirl': expected one of moons, circles, xor, spiral, gauss, yinyang",
      ],
      [
        ["--layers", "4,40"],
        '--layers must be up to 6 sizes from 1 to 16, got "4,40"',
      ],
      [
        ["--activation", "gelu"],
        '--activation must be one of relu, tanh, sigmoid, linear, got "gelu"',
      ],
      [["moons", "extra"], "Too many arguments: extra"],
      [["--fast"], "Unknown option '--fast'"],
    ] as const
  ) {
    const run = await train([...args]);
    equal(run.code, 2, `${args}`);
    equal(run.stdout, "");
    match(run.stderr, /^gradviz: [^\n]+\n$/);
    ok(run.stderr.includes(message), run.stderr);
  }
});

Deno.test("cli train exits with 1 when the plot cannot be written", async () => {
  const run = await train([
    "--steps",
    "1",
    "--plot",
    "/nonexistent/dir/plot.svg",
  ]);
  equal(run.code, 1);
  match(run.stderr, /gradviz: Cannot write '\/nonexistent\/dir\/plot\.svg': /);
  ok(!run.stderr.includes("    at "), "no stack trace");
});

Deno.test("cli train --help explains the command", async () => {
  const run = await train(["--help"]);
  equal(run.code, 0);
  match(
    run.stdout,
    /^Usage: gradviz train \[moons\|circles\|xor\|spiral\|gauss\|yinyang\] \[options\]/,
  );
  match(run.stdout, /--layers LIST/);
  match(run.stdout, /--plot FILE/);
});

// util-linux's `script` runs the command on a pseudo-terminal.
const hasScript = (() => {
  try {
    return Deno.statSync("/usr/bin/script").isFile;
  } catch {
    return false;
  }
})();

Deno.test({
  name: "cli train redraws a progress bar when standard error is a terminal",
  ignore: !hasScript,
  async fn() {
    const command =
      `'${Deno.execPath()}' run --allow-read --allow-write cli.ts train --steps 100`;
    const { code, stdout } = await new Deno.Command("/usr/bin/script", {
      args: ["-qec", command, "/dev/null"],
      cwd: ROOT,
      env: { NO_COLOR: "1" },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    equal(code, 0);
    const text = new TextDecoder().decode(stdout);
    ok(text.startsWith("\r\x1b[2K"), JSON.stringify(text.slice(0, 40)));
    match(
      text,
      // deno-lint-ignore no-control-regex
      /\r\x1b\[2K█{24} step 100\/100 {2}loss 0\.010978 {2}accuracy 100\.0% {2}[\d,]+ steps\/s\r?\n/,
    );
    match(text, /loss 0\.010978370135492717 accuracy 100\.0% at step 99/);
  },
});
