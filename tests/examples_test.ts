// Runs each script in examples/ as `deno run` does and checks what it prints
// against the lecture's numbers.
import { deepEqual, equal, ok } from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { nodeByLabel, svgNodes } from "./_svg.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

// `deno run [--allow-write=DIR] examples/SCRIPT ARGS…` from the repository.
async function run(
  script: string,
  args: string[] = [],
  writeDir?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const allow = writeDir ? [`--allow-write=${writeDir}`] : [];
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...allow, `examples/${script}`, ...args],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code, stdout: decode(stdout), stderr: decode(stderr) };
}

// The printed table as label -> [data, grad].
function table(stdout: string): Map<string, [number, number]> {
  const rows = new Map<string, [number, number]>();
  for (const line of stdout.split("\n")) {
    const m = line.match(/^ {2}(.+?) +(-?\d+\.\d{4}) +(-?\d+\.\d{4})$/);
    if (m) rows.set(m[1], [Number(m[2]), Number(m[3])]);
  }
  return rows;
}

// The lecture's neuron: n = 2*-3 + 0*1 + 6.8813735870195432, o = tanh(n),
// do/dn = 1 - o² (0.5), then the chain rule down to the leaves.
const n = 2 * -3 + 0 * 1 + 6.8813735870195432;
const o = Math.tanh(n);
const dn = 1 - o * o;
const round = (x: number) => Number(x.toFixed(4));
const neuronRows: [string, number, number][] = [
  ["x1", 2, -3 * dn],
  ["w1", -3, 2 * dn],
  ["x2", 0, 1 * dn],
  ["w2", 1, 0 * dn],
  ["b", 6.8813735870195432, dn],
  ["x1*w1", -6, dn],
  ["x2*w2", 0, dn],
  ["x1*w1 + x2*w2", -6, dn],
  ["n", n, dn],
];

function checkNeuronTable(rows: Map<string, [number, number]>): void {
  for (const [label, data, grad] of neuronRows) {
    deepEqual(rows.get(label), [round(data), round(grad)], label);
  }
  deepEqual(rows.get("o"), [0.7071, 1]);
  deepEqual(rows.get("x1"), [2, -1.5]);
}

Deno.test("examples/expression.ts prints the lecture's L, its grads and the step", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const { code, stdout } = await run("expression.ts", [
      "--svg",
      `${dir}/L.svg`,
    ], dir);
    equal(code, 0);
    ok(stdout.includes("L = (a*b + c) * f = -8\n"));
    const rows = table(stdout);
    // dL/da = f * b = 6, dL/db = f * a = -4, dL/dc = dL/de = dL/dd = f = -2, dL/df = d = 4
    deepEqual(Object.fromEntries(rows), {
      a: [2, 6],
      b: [-3, -4],
      c: [10, -2],
      e: [-6, -2],
      d: [4, -2],
      f: [-2, 4],
      L: [-8, 1],
    });
    // (2.06 * -3.04 + 9.98) * -1.96, printed as the lecture prints it
    ok(stdout.includes(`L = ${(2.06 * -3.04 + 9.98) * -1.96}\n`));
    ok(stdout.includes("L = -7.286496\n"));
    const svg = await Deno.readTextFile(`${dir}/L.svg`);
    deepEqual(nodeByLabel(svgNodes(svg), "a"), [
      "a",
      "data 2.0000",
      "grad 6.0000",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("examples/neuron.ts prints the tanh neuron's data and grads", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const { code, stdout } = await run(
      "neuron.ts",
      ["-o", `${dir}/neuron.svg`],
      dir,
    );
    equal(code, 0);
    ok(stdout.includes("n = 0.8814, o = tanh(n) = 0.7071\n"));
    checkNeuronTable(table(stdout));
    const nodes = svgNodes(await Deno.readTextFile(`${dir}/neuron.svg`));
    deepEqual(nodeByLabel(nodes, "o"), ["o", "data 0.7071", "grad 1.0000"]);
    deepEqual(nodeByLabel(nodes, "w1"), ["w1", "data −3.0000", "grad 1.0000"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("examples/decomposed_tanh.ts gives the same grads through exp and division", async () => {
  const { code, stdout } = await run("decomposed_tanh.ts");
  equal(code, 0);
  const e = Math.exp(2 * n);
  ok(
    stdout.includes(
      `e = exp(2n) = ${e.toFixed(4)}, o = (e - 1) / (e + 1) = 0.7071\n`,
    ),
  );
  const rows = table(stdout);
  checkNeuronTable(rows);
  // do/de = d/de (e - 1)/(e + 1) = 2 / (e + 1)²
  deepEqual(rows.get("e"), [round(e), round(2 / (e + 1) ** 2)]);
});

Deno.test("examples exit with status 2 and the usage on an unknown argument", async () => {
  const { code, stdout, stderr } = await run("neuron.ts", ["--bogus"]);
  equal(code, 2);
  equal(stdout, "");
  ok(stderr.includes("Unknown option '--bogus'"));
  ok(
    stderr.includes(
      "Usage: deno run --allow-write examples/neuron.ts [--svg FILE | -o FILE]",
    ),
  );
});
