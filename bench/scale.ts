// Speed and memory at scale (issue 12): one SGD step of micrograd's moons demo
// for MLP(2, [n, n, 1]), n = 16, 32, 64, 128, on its 100 points, by the Value
// engine, by compiled replay, and by a flat typed-array tape in the same run.
//   deno task scale          (prints a markdown table; medians)
// Every step starts from the same parameters, so all engines time the same step.
import { getHeapStatistics } from "node:v8";
import { compile, MLP, seededRandom, Value } from "../mod.ts";
import { moonsLoss, moonsModel } from "../tests/_moons.ts";
import moons from "../data/moons.json" with { type: "json" };
import { TapeStep } from "./_tape.ts";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("Run with --v8-flags=--expose-gc (deno task scale)");

function heap(): number {
  gc!();
  gc!();
  return getHeapStatistics().used_heap_size;
}

// Memory outside V8's heap (typed arrays' storage), after the same GCs.
function external(): number {
  gc!();
  gc!();
  return Deno.memoryUsage().external;
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// The fastest of each timed call, by what it timed: on a loaded machine the
// median carries the load and the minimum is the closest to a quiet one.
const fastest = new Map<string, number>();
// Every timed call's ms, and the first (warm-up) call's, by what it timed.
const samples = new Map<string, number[]>();
const firsts = new Map<string, number>();

// Median ms of `runs` calls after `warm` untimed ones (the first of which is
// timed alone: the first step of a size pays for its new code and memory).
function time(
  what: string,
  fn: () => void,
  runs: number,
  warm: number,
): number {
  for (let i = 0; i < warm; i++) {
    const t = performance.now();
    fn();
    if (i === 0) firsts.set(what, performance.now() - t);
  }
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  fastest.set(what, Math.min(...ms));
  samples.set(what, ms);
  return median(ms);
}

function model(n: number): MLP {
  if (n === 16) return moonsModel(); // the demo's own initial weights
  return new MLP(2, [n, n, 1], {
    activation: "relu",
    outputActivation: "linear",
    bias: "zero",
    random: seededRandom(1),
  });
}

// Bytes per node of a 1,000,000-node chain built by `next`, GC forced around it.
function bytesPerNode(
  start: () => Value,
  next: (x: Value) => Value,
): number {
  const N = 1_000_000;
  let x: Value | null = start();
  const before = heap();
  for (let i = 0; i < N; i++) x = next(x!);
  const after = heap();
  if (x!.children.length === 0) throw new Error("the chain is gone");
  x = null; // the chain was alive until here
  return (after - before) / N;
}

const lr = 1.0; // the demo's first step
// `deno task scale 16 32` runs only those sizes.
// `deno task scale w1` runs only the lecture's graphs.
const sizes = Deno.args.length > 0
  ? Deno.args.filter((a) => a !== "w1").map(Number)
  : [16, 32, 64, 128];
const runs: Record<number, [number, number, number]> = {
  16: [30, 300, 20],
  32: [20, 60, 8],
  64: [5, 15, 4],
  128: [3, 5, 2],
};

interface Row {
  n: number;
  nodes: number;
  tapeRecord: number;
  tapeReplay: number;
  value: number;
  compiled: number;
  compileMs: number;
  valueBytes: number;
  compiledBytes: number;
  valueExternal: number;
  compiledExternal: number;
}
const rows: Row[] = [];

for (const n of sizes) {
  const [valueRuns, replayRuns, compileRuns] = runs[n];
  const net = model(n);
  const params = net.parameters();
  const init = params.map((p) => p.data);
  const restore = () => params.forEach((p, i) => p.data = init[i]);

  // The Value engine: build the loss graph, zero the grads, backward, update.
  const valueStep = () => {
    restore();
    const { loss } = moonsLoss(net);
    net.zeroGrad();
    loss.backward();
    for (const p of params) p.data -= lr * p.grad;
  };
  const value = time(`value ${n}`, valueStep, valueRuns, n >= 64 ? 1 : 2);

  // Memory of one step's graph, and of its compiled form.
  restore();
  let h = heap(), e = external();
  let { loss }: { loss: Value | null } = moonsLoss(net);
  const valueBytesTotal = heap() - h;
  const valueExternalTotal = external() - e;
  h = heap();
  e = external();
  let g: ReturnType<typeof compile> | null = compile(loss!);
  const compiledBytesTotal = heap() - h;
  const compiledExternalTotal = external() - e;
  const nodes = g.nodes.length;

  // compile() alone, of the same graph.
  const compileMs = time(
    `compile ${n}`,
    () => void compile(loss!),
    compileRuns,
    1,
  );

  // Compiled replay through the public API: forward, backward, then
  // g.set(p, g.data(p) - lr * g.grad(p)) for every parameter.
  const graph = g;
  const replayStep = () => {
    for (let i = 0; i < params.length; i++) graph.set(params[i], init[i]);
    graph.forward();
    graph.backward();
    for (const p of params) graph.set(p, graph.data(p) - lr * graph.grad(p));
  };
  const compiled = time(`compiled ${n}`, replayStep, replayRuns, 3);
  g = null;
  loss = null;

  // The flat tape: recorded afresh each step, and replayed.
  const tape = new TapeStep(init, [2, n, n, 1], moons.X, moons.y);
  const tapeRecord = time(
    `record ${n}`,
    () => {
      tape.params.set(init);
      tape.step(lr);
    },
    replayRuns,
    3,
  );
  tape.params.set(init);
  const tapeNodes = tape.record();
  const tapeLoss = tape.tape.val[tapeNodes - 1];
  restore();
  const engineLoss = moonsLoss(net).loss.data;
  if (tapeLoss !== engineLoss) {
    throw new Error(
      `The tape's loss ${tapeLoss} is not the engine's ${engineLoss}`,
    );
  }
  const tapeReplay = time(
    `replay ${n}`,
    () => {
      tape.tape.val.set(init);
      tape.replay(lr);
    },
    replayRuns,
    3,
  );

  rows.push({
    n,
    nodes,
    tapeRecord,
    tapeReplay,
    value,
    compiled,
    compileMs,
    valueBytes: valueBytesTotal / nodes,
    compiledBytes: compiledBytesTotal / nodes,
    valueExternal: valueExternalTotal / nodes,
    compiledExternal: compiledExternalTotal / nodes,
  });
}

const f = (ms: number) =>
  ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
const ns = (ms: number, nodes: number) => (ms * 1e6 / nodes).toFixed(0);
// The sizes' tables (none for `deno task scale w1`).
if (rows.length > 0) {
  console.log(
    "| n | nodes | tape record ms | tape replay ms | Value ms/step (× tape record, ns/node) | Value fastest ms (× tape record's fastest) | compiled ms/step (× tape replay, ns/node) | compile ms (ns/node) | Value bytes/node | compiled bytes/node |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  for (const r of rows) {
    const min = (what: string) => fastest.get(`${what} ${r.n}`)!;
    console.log(
      `| ${r.n} | ${r.nodes.toLocaleString("en")} | ${f(r.tapeRecord)} | ${
        f(r.tapeReplay)
      } | ${f(r.value)} (${(r.value / r.tapeRecord).toFixed(2)}×, ${
        ns(r.value, r.nodes)
      }) | ${f(min("value"))} (${
        (min("value") / min("record")).toFixed(2)
      }×) | ${f(r.compiled)} (${(r.compiled / r.tapeReplay).toFixed(2)}×, ${
        ns(r.compiled, r.nodes)
      }) | ${f(r.compileMs)} (${ns(r.compileMs, r.nodes)}) | ${
        r.valueBytes.toFixed(0)
      } | ${r.compiledBytes.toFixed(0)} |`,
    );
  }
  console.log(
    "\nBytes/node outside V8's heap (typed arrays' storage, Deno.memoryUsage().external):",
  );
  for (const r of rows) {
    console.log(
      `n=${r.n}: Value ${r.valueExternal.toFixed(1)}, compiled ${
        r.compiledExternal.toFixed(1)
      }`,
    );
  }
  // Past the first few steps (new code, the young generation growing), the
  // median of the rest: the steady state a training loop sees.
  const WARM = 5;
  console.log(
    `\nWarm median (Value steps after the first ${WARM} timed), × the tape record median:`,
  );
  for (const r of rows.filter((r) => r.n <= 32)) {
    const warm = median(samples.get(`value ${r.n}`)!.slice(WARM));
    console.log(
      `n=${r.n}: Value ${f(warm)} ms (${(warm / r.tapeRecord).toFixed(2)}×, ${
        ns(warm, r.nodes)
      } ns/node)`,
    );
  }
  console.log(
    "\nFirst Value step of each size (build + zeroGrad + backward + update, untimed warm-up):",
  );
  for (const r of rows) {
    console.log(`n=${r.n}: ${f(firsts.get(`value ${r.n}`)!)} ms`);
  }
  console.log(
    "\nFastest step (the least loaded), ratios to the tape's fastest:",
  );
  for (const { n, nodes } of rows) {
    const min = (what: string) => fastest.get(`${what} ${n}`)!;
    console.log(
      `n=${n}: tape record ${f(min("record"))} ms, replay ${
        f(min("replay"))
      } ms; Value ${f(min("value"))} ms (${
        (min("value") / min("record")).toFixed(2)
      }×, ${ns(min("value"), nodes)} ns/node); compiled ${
        f(min("compiled"))
      } ms (${(min("compiled") / min("replay")).toFixed(2)}×, ${
        ns(min("compiled"), nodes)
      } ns/node); compile ${f(min("compile"))} ms (${
        ns(min("compile"), nodes)
      } ns/node)`,
    );
  }
  const first = rows[0], last = rows[rows.length - 1];
  const per = (ms: number, nodes: number) => ms / nodes;
  console.log(
    `\nns/node, n=${last.n} over n=${first.n}: Value ${
      (per(last.value, last.nodes) / per(first.value, first.nodes)).toFixed(2)
    }×, compiled ${
      (per(last.compiled, last.nodes) / per(first.compiled, first.nodes))
        .toFixed(2)
    }×`,
  );
}

// W1, the lecture's graphs built and back-propagated, against the same on a
// tape recorded afresh: ns per graph, medians of batches of 1,000.
function perGraph(fn: () => void): number {
  const ns: number[] = [];
  for (let r = 0; r < 300; r++) {
    const t = performance.now();
    for (let i = 0; i < 1000; i++) fn();
    ns.push((performance.now() - t) * 1000);
  }
  return median(ns.slice(50));
}
const w1 = new TapeStep([], [], [], []).tape;
w1.ensure(64);
const lectureL = [
  () => {
    const a = new Value(2.0, { label: "a" });
    const b = new Value(-3.0, { label: "b" });
    const c = new Value(10.0, { label: "c" });
    const f = new Value(-2.0, { label: "f" });
    a.mul(b).add(c).mul(f).backward();
  },
  () => {
    w1.n = 0;
    const a = w1.leaf(2.0), b = w1.leaf(-3.0), c = w1.leaf(10.0);
    const f = w1.leaf(-2.0);
    w1.mul(w1.add(w1.mul(a, b), c), f);
    w1.backward();
  },
];
const neuron = [
  () => {
    const x1 = new Value(2.0), x2 = new Value(0.0);
    const w1 = new Value(-3.0), w2 = new Value(1.0);
    const b = new Value(6.8813735870195432);
    x1.mul(w1).add(x2.mul(w2)).add(b).tanh().backward();
  },
  () => {
    w1.n = 0;
    const x1 = w1.leaf(2.0), x2 = w1.leaf(0.0), a = w1.leaf(-3.0);
    const c = w1.leaf(1.0), b = w1.leaf(6.8813735870195432);
    w1.tanh(w1.add(w1.add(w1.mul(x1, a), w1.mul(x2, c)), b));
    w1.backward();
  },
];
for (
  const [name, [value, tape]] of [["L", lectureL], [
    "tanh neuron",
    neuron,
  ]] as const
) {
  const v = perGraph(value), t = perGraph(tape);
  console.log(
    `W1 ${name}: Value ${v.toFixed(0)} ns, tape ${t.toFixed(0)} ns (${
      (v / t).toFixed(2)
    }×)`,
  );
}

// Memory per node of single ops, GC forced before and after a million of them.
const b = new Value(1.5);
console.log(
  `bytes/node over 1,000,000 nodes: add of two Values ${
    bytesPerNode(() => b, (x) => x.add(b)).toFixed(0)
  }, mul of two Values ${
    bytesPerNode(() => b, (x) => x.mul(b)).toFixed(0)
  }, x.mul(2) with its constant leaf ${
    bytesPerNode(() => b, (x) => x.mul(2)).toFixed(0)
  }; the tape 28 (3 int32 + 2 float64)`,
);

// Why 64 bytes/node is out of reach for an object: V8's size of plain
// objects in this Deno (no pointer compression: 8-byte fields, a 24-byte
// header of map, properties and elements; a field that holds fractions
// points to a 16-byte box of its own, so that it can change in place).
// Fields are `declare`d, as in Value: a TypeScript field declaration would
// first define them as undefined, and such fields box no number.
class Bare {
  declare a: Bare | null;
  declare b: Bare | null;
  declare c: number;
  constructor(a: Bare | null) {
    this.a = a;
    this.b = null;
    this.c = 0;
  }
}
class TwoDoubles {
  declare a: TwoDoubles | null;
  declare b: TwoDoubles | null;
  declare c: number;
  declare x: number;
  declare y: number;
  constructor(a: TwoDoubles | null, x: number, y: number) {
    this.a = a;
    this.b = null;
    this.c = 0;
    this.x = x;
    this.y = y;
  }
}
const settled = new TwoDoubles(null, 0.5, 0.5);
settled.x += 0.25;
settled.y += 0.25;
function objectBytes<T>(make: (prev: T | null) => T): number {
  const N = 1_000_000;
  let x: T | null = make(null);
  const before = heap();
  for (let i = 0; i < N; i++) x = make(x);
  const after = heap();
  if (x === null) throw new Error("the chain is gone");
  x = null;
  return (after - before) / N;
}
let k = 0;
console.log(
  `V8 object sizes (bytes, 1,000,000 of each): 3 fields ${
    objectBytes((p: Bare | null) => new Bare(p)).toFixed(0)
  }; 5 fields of which 2 hold fractions, a Value's shape, ${
    objectBytes((p: TwoDoubles | null) => new TwoDoubles(p, ++k / 3, k / 7))
      .toFixed(0)
  }`,
);
