import { deepEqual, equal, match, ok } from "node:assert/strict";
import { main } from "../cli.ts";

const ROOT = new URL("..", import.meta.url);
const LECTURE = "a = 2; b = -3; c = 10; f = -2\ne = a*b\nd = e + c\nL = d*f";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

// Runs `deno run --allow-read --allow-write cli.ts ARGS` (or another deno
// subcommand when `deno` is given) with `stdin` piped in, or no input.
async function cli(
  args: string[],
  options: { stdin?: string; deno?: string[] } = {},
): Promise<Run> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      ...(options.deno ?? ["run", "--allow-read", "--allow-write", "cli.ts"]),
      ...args,
    ],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    try {
      await writer.write(new TextEncoder().encode(options.stdin));
      await writer.close();
    } catch {
      // The CLI stops reading past its input limit and exits: a broken pipe.
    }
  }
  const { code, stdout, stderr } = await child.output();
  const text = new TextDecoder();
  return { code, stdout: text.decode(stdout), stderr: text.decode(stderr) };
}

// The printed table as { name: [data, grad] }, checking that it is aligned.
function table(stdout: string): Record<string, number[]> {
  const lines = stdout.trimEnd().split("\n");
  const width = lines[0].length;
  ok(lines.every((line) => line.length === width), `ragged:\n${stdout}`);
  const [header, ...rows] = lines.map((line) => line.trim().split(/\s+/));
  deepEqual(header.slice(0, 2), ["name", "data"]);
  return Object.fromEntries(
    rows.map(([name, ...numbers]) => [name, numbers.map(Number)]),
  );
}

// The stderr of a failed run: one line of message, never a stack trace.
function oneLine(run: Run): string {
  equal(run.stdout, "");
  match(run.stderr, /^gradviz: [^\n]+\n$/);
  return run.stderr.trimEnd();
}

async function withTempDir(body: (dir: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "gradviz_cli_" });
  try {
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("cli.ts prints the lecture's data and grads as an aligned table", async () => {
  const run = await cli([LECTURE]);
  equal(run.code, 0);
  equal(run.stderr, "");
  deepEqual(table(run.stdout), {
    a: [2, 6],
    b: [-3, -4],
    c: [10, -2],
    f: [-2, 4],
    e: [-6, -2],
    d: [4, -2],
    L: [-8, 1],
  });
  match(run.stdout, /^name +data +grad\na +2\.0000 +6\.0000\n/);
});

Deno.test("cli.ts draw is the default command", async () => {
  const explicit = await cli(["draw", LECTURE]);
  equal(explicit.code, 0);
  equal(explicit.stdout, (await cli([LECTURE])).stdout);
});

Deno.test("cli.ts reads the program from a file, '-' or piped input", async () => {
  await withTempDir(async (dir) => {
    const file = `${dir}/lecture.txt`;
    await Deno.writeTextFile(file, `# the lecture\n${LECTURE}\n`);
    for (
      const run of [
        await cli(["-f", file]),
        await cli(["--file", file]),
        await cli(["-"], { stdin: LECTURE }),
        await cli(["-f", "-"], { stdin: LECTURE }),
        await cli([], { stdin: LECTURE }),
      ]
    ) {
      equal(run.code, 0, run.stderr);
      deepEqual(table(run.stdout).L, [-8, 1]);
    }
  });
});

Deno.test("cli.ts --no-backward prints data only", async () => {
  const run = await cli(["x = 0.5; y = tanh(x)", "--no-backward"]);
  equal(run.code, 0);
  match(run.stdout, /^name +data\n/);
  deepEqual(table(run.stdout), { x: [0.5], y: [0.4621] }); // tanh(0.5) = 0.46211…
});

Deno.test("cli.ts shows an unnamed last expression as (root)", async () => {
  const run = await cli(["--", "-2 * 3"]);
  equal(run.code, 0);
  deepEqual(table(run.stdout), { "(root)": [-6, 1] });
});

Deno.test("cli.ts -o writes the graph as SVG", async () => {
  await withTempDir(async (dir) => {
    const run = await cli([LECTURE, "-o", `${dir}/graph.svg`]);
    equal(run.code, 0, run.stderr);
    const svg = await Deno.readTextFile(`${dir}/graph.svg`);
    ok(svg.startsWith("<svg"), svg.slice(0, 80));
    ok(svg.trimEnd().endsWith("</svg>"));
    // Graphviz splits record fields into separate <text> elements.
    for (
      const text of ["a", "data 2.0000", "grad 6.0000", "L", "data −8.0000"]
    ) {
      ok(svg.includes(`>${text}</text>`), text);
    }
    equal(svg.match(/class="node"/g)?.length, 7 + 3); // 7 values, 3 ops
  });
});

Deno.test("cli.ts -o writes DOT, with --rankdir TB", async () => {
  await withTempDir(async (dir) => {
    const run = await cli([
      LECTURE,
      "-o",
      `${dir}/graph.dot`,
      "--rankdir",
      "TB",
    ]);
    equal(run.code, 0, run.stderr);
    const dot = await Deno.readTextFile(`${dir}/graph.dot`);
    ok(dot.startsWith("digraph {"));
    ok(dot.includes("graph [rankdir=TB]"));
    ok(dot.includes('label="{ a | data 2.0000 | grad 6.0000 }"'));
    ok(dot.includes('label="{ L | data −8.0000 | grad 1.0000 }"'));
  });
});

Deno.test("cli.ts -o writes JSON nodes with ids, ops and children", async () => {
  await withTempDir(async (dir) => {
    const run = await cli([LECTURE, "-o", `${dir}/graph.json`]);
    equal(run.code, 0, run.stderr);
    const json = JSON.parse(await Deno.readTextFile(`${dir}/graph.json`));
    const byId = new Map(json.nodes.map((n: { id: string }) => [n.id, n]));
    const byLabel = Object.fromEntries(
      json.nodes.map((n: { label: string }) => [n.label, n]),
    );
    const grads = Object.fromEntries(
      ["a", "b", "c", "f"].map((name) => [name, byLabel[name].grad]),
    );
    deepEqual(grads, { a: 6, b: -4, c: -2, f: 4 });
    const root = byId.get(json.root) as typeof byLabel.L;
    equal(root, byLabel.L);
    deepEqual([root.op, root.data, root.grad], ["*", -8, 1]);
    deepEqual(
      root.children.map((id: string) =>
        (byId.get(id) as { label: string }).label
      ),
      ["d", "f"],
    );
    deepEqual(Object.keys(root), [
      "id",
      "label",
      "op",
      "data",
      "grad",
      "children",
    ]);
  });
});

Deno.test("cli.ts --format overrides the file's extension", async () => {
  await withTempDir(async (dir) => {
    const run = await cli([
      "a = 2",
      "-o",
      `${dir}/graph.txt`,
      "--format",
      "dot",
    ]);
    equal(run.code, 0, run.stderr);
    ok((await Deno.readTextFile(`${dir}/graph.txt`)).startsWith("digraph {"));
  });
});

Deno.test("cli.ts exits 2 with the parser's message for a bad program", async () => {
  const run = await cli(["a = 2\nL = a * z"]);
  equal(run.code, 2);
  equal(oneLine(run), "gradviz: 2:9: unknown name 'z'");
  equal(oneLine(await cli(["L = "])), "gradviz: 1:5: expected an expression");
  equal(oneLine(await cli([], { stdin: "" })), "gradviz: 1:1: empty program");
  const long = await cli(["-"], { stdin: "(".repeat(2_000_000) });
  equal(long.code, 2);
  equal(
    oneLine(long),
    "gradviz: 1:10001: program too long: the limit is 10000 characters",
  );
});

Deno.test("cli.ts exits 2 for usage mistakes", async () => {
  const cases: [string[], RegExp][] = [
    [["--bogus"], /^gradviz: Unknown option '--bogus'/],
    [
      ["a = 2", "--rankdir", "XY"],
      /^gradviz: Unknown rankdir 'XY': use LR or TB$/,
    ],
    [
      ["a = 2", "-o", "graph.png"],
      /^gradviz: Cannot tell the format of 'graph\.png'/,
    ],
    [
      ["a = 2", "-o", "g.svg", "--format", "png"],
      /^gradviz: Unknown format 'png'/,
    ],
    [["a = 2", "--format", "dot"], /^gradviz: --format needs -o FILE$/],
    [["a", "=", "2"], /^gradviz: Expected one program argument, got 3/],
    [
      ["a = 2", "-f", "x.txt"],
      /^gradviz: Give the program as an argument or with -f/,
    ],
    [
      ["a = 2", "--max-cost", "lots"],
      /^gradviz: Invalid --max-cost 'lots': use a positive number$/,
    ],
    [
      ["a = 2", "--timeout", "0"],
      /^gradviz: Invalid --timeout '0': use a positive number$/,
    ],
    [
      ["a = 2", "--force", "--max-cost", "10"],
      /^gradviz: Give --force or --max-cost, not both$/,
    ],
  ];
  for (const [args, message] of cases) {
    const run = await cli(args);
    equal(run.code, 2, args.join(" "));
    match(oneLine(run), message);
  }
});

// x used `n` times along a chain: its layout cost grows as n².
const tangled = (n: number) => `x = 1\ny = ${Array(n).fill("x").join(" + ")}`;

Deno.test("cli.ts refuses an SVG over the layout cost limit with exit 2 and how to override", async () => {
  await withTempDir(async (dir) => {
    const run = await cli([tangled(149), "-o", `${dir}/x.svg`]);
    equal(run.code, 2);
    equal(
      oneLine(run),
      "gradviz: Cannot draw graph: its layout cost is 22053, over the limit of 3000 (Graphviz could take minutes); raise it with --max-cost N or draw anyway with --force",
    );
    // Refused before anything was written.
    await Deno.stat(`${dir}/x.svg`).then(
      () => ok(false, "x.svg was written"),
      (e) => ok(e instanceof Deno.errors.NotFound),
    );
    // DOT needs no layout: written whatever its cost.
    const dot = await cli([tangled(149), "-o", `${dir}/x.dot`]);
    equal(dot.code, 0, dot.stderr);
    ok((await Deno.readTextFile(`${dir}/x.dot`)).startsWith("digraph"));
  });
});

Deno.test("cli.ts uses the server's layout cost: the playground refuses what the CLI refuses", async () => {
  const { runProgram, MAX_LAYOUT_COST } = await import("../lessons/program.ts");
  for (const [n, cost] of [[30, 871], [149, 22053]]) {
    const run = runProgram(tangled(n));
    if ("error" in run) throw new Error(run.error.message);
    equal(run.cost, cost);
    equal(run.cost > MAX_LAYOUT_COST, n === 149);
    // The CLI counts the same cost: one below it is refused.
    const errors: string[] = [];
    const io = {
      print() {},
      error: (t: string) => errors.push(t),
      stdin: Deno.stdin,
    };
    equal(
      await main([tangled(n), "--max-cost", `${cost - 1}`, "-o", "g.svg"], io),
      2,
    );
    deepEqual(errors, [
      `gradviz: Cannot draw graph: its layout cost is ${cost}, over the limit of ${
        cost - 1
      } (Graphviz could take minutes); raise it with --max-cost N or draw anyway with --force`,
    ]);
  }
});

Deno.test("cli.ts draws over the limit with --max-cost N or --force, and stops a layout at --timeout", async () => {
  await withTempDir(async (dir) => {
    const refused = await cli([
      tangled(30),
      "--max-cost",
      "870",
      "-o",
      `${dir}/a.svg`,
    ]);
    equal(refused.code, 2);
    match(oneLine(refused), /layout cost is 871, over the limit of 870/);
    const raised = await cli([
      tangled(30),
      "--max-cost",
      "871",
      "-o",
      `${dir}/a.svg`,
    ]);
    equal(raised.code, 0, raised.stderr);
    ok(
      (await Deno.readTextFile(`${dir}/a.svg`)).includes(
        ">data 30.0000</text>",
      ),
    );
    // --force draws anything, but a layout still has a deadline: 149 uses
    // take Graphviz minutes.
    const forced = await cli([
      tangled(149),
      "--force",
      "--timeout",
      "1",
      "-o",
      `${dir}/b.svg`,
    ]);
    equal(forced.code, 1);
    match(
      forced.stderr,
      /^gradviz: Cannot draw graph: its layout took longer than 1 s; raise --timeout or write DOT instead\n$/m,
    );
    await Deno.stat(`${dir}/b.svg`).then(
      () => ok(false, "b.svg was written"),
      (e) => ok(e instanceof Deno.errors.NotFound),
    );
  });
});

Deno.test("cli.ts exits 1 when a file cannot be read or written", async () => {
  await withTempDir(async (dir) => {
    const missing = await cli(["-f", `${dir}/missing.txt`]);
    equal(missing.code, 1);
    match(oneLine(missing), /^gradviz: Cannot read .*missing\.txt: /);
    // The table is printed before the graph is written.
    const run = await cli(["a = 2", "-o", `${dir}/no/such/dir/g.svg`]);
    equal(run.code, 1);
    match(run.stderr, /^gradviz: Cannot write .*g\.svg: [^\n]+\n$/);
  });
});

Deno.test("cli.ts --help describes the options and exits 0", async () => {
  const run = await cli(["--help"]);
  equal(run.code, 0);
  ok(run.stdout.startsWith("Usage: gradviz [draw] [options] [PROGRAM | -]"));
  for (
    const option of [
      "--file",
      "--output",
      "--format",
      "--rankdir",
      "--no-backward",
    ]
  ) {
    ok(run.stdout.includes(option), option);
  }
  ok(run.stdout.includes("Commands:\n  draw"));
  equal((await cli(["draw", "-h"])).code, 0);
});

Deno.test("deno task draw has the permissions the CLI needs", async () => {
  await withTempDir(async (dir) => {
    const run = await cli([LECTURE, "-o", `${dir}/graph.svg`], {
      deno: ["task", "--quiet", "draw"],
    });
    equal(run.code, 0, run.stderr);
    deepEqual(table(run.stdout).a, [2, 6]);
    ok((await Deno.readTextFile(`${dir}/graph.svg`)).startsWith("<svg"));
  });
});

Deno.test("main() asks for a program when nothing is piped in", async () => {
  const errors: string[] = [];
  const io = {
    print() {},
    error: (text: string) => errors.push(text),
    stdin: { readable: ReadableStream.from([]), isTerminal: () => true },
  };
  equal(await main([], io), 2);
  match(
    errors[0],
    /^gradviz: No program: give it as an argument, with -f FILE/,
  );
});
