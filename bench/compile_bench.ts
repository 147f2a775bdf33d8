// Compiled graphs (issue 5): one compiled SGD step of micrograd's moons demo,
// compile time, and the lecture graphs (W1) replayed, beside the Value engine.
//   deno bench --allow-read bench/compile_bench.ts   (means, p75, …)
//   deno run --allow-read bench/compile_bench.ts     (medians, as in the README)
import { compile, Trainer, Value } from "../mod.ts";
import { moonsLoss, moonsModel, moonsStep } from "../tests/_moons.ts";
import moons from "../data/moons.json" with { type: "json" };

interface Workload {
  name: string;
  runs: number;
  fn: () => void;
}

// The demo's training, restarted from the initial weights every 100 steps
// so that every timed step is one of the demo's.
const model = moonsModel();
const trainer = new Trainer(model, { inputs: moons.X, targets: moons.y }, {
  loss: "svm",
  l2: 1e-4,
  learningRate: (k) => 1.0 - 0.9 * (k % 100) / 100,
});
const paramSlots = trainer.graph.slots(model.parameters());
function compiledStep(): void {
  if (trainer.steps % 100 === 0) {
    paramSlots.forEach((s, i) => trainer.graph.values[s] = moons.params[i]);
  }
  trainer.step();
}

const engineModel = moonsModel();
let k = 0;

const lossModel = moonsModel();
const params = lossModel.parameters();
const { loss } = moonsLoss(lossModel);

// The same step through the by-Value API (set, data, grad), as bench/scale.ts
// times it: the graph never hands out its arrays, so its passes leave the
// sums and products inside neurons unwritten.
const apiModel = moonsModel();
const apiParams = apiModel.parameters();
const apiGraph = compile(moonsLoss(apiModel).loss);
let apiSteps = 0;
function apiStep(): void {
  const k = apiSteps++ % 100;
  if (k === 0) apiParams.forEach((p, i) => apiGraph.set(p, moons.params[i]));
  apiGraph.forward();
  apiGraph.backward();
  const lr = 1.0 - 0.9 * k / 100;
  for (const p of apiParams) {
    apiGraph.set(p, apiGraph.data(p) - lr * apiGraph.grad(p));
  }
}

// W1: the lecture's L graph and its tanh neuron, compiled once, replayed
// with a leaf changed each time.
const a = new Value(2.0), b = new Value(-3.0), c = new Value(10.0);
const f = new Value(-2.0);
const lGraph = compile(a.mul(b).add(c).mul(f));
const aSlot = lGraph.slot(a);
const x1 = new Value(2.0), x2 = new Value(0.0), w1 = new Value(-3.0);
const w2 = new Value(1.0), bias = new Value(6.8813735870195432);
const neuron = compile(x1.mul(w1).add(x2.mul(w2)).add(bias).tanh());
const x1Slot = neuron.slot(x1);
let t = 0;

const workloads: Workload[] = [
  {
    name:
      `compiled moons step: forward + backward + update (${trainer.graph.nodes.length} nodes)`,
    runs: 2000,
    fn: compiledStep,
  },
  {
    name: "compiled moons step through g.set/g.forward/g.backward/g.grad",
    runs: 2000,
    fn: apiStep,
  },
  {
    name: "Value engine moons step (W2), for comparison",
    runs: 100,
    fn: () => void moonsStep(engineModel, k++ % 100),
  },
  {
    name: "compile the moons loss graph",
    runs: 100,
    fn: () => void compile(loss),
  },
  {
    name: "compile the moons loss graph + slots() of its 337 parameters",
    runs: 100,
    fn: () => void compile(loss).slots(params),
  },
  {
    name: "compile the moons loss graph + first slot() lookup (indexes all)",
    runs: 100,
    fn: () => void compile(loss).slot(loss),
  },
  {
    name: "W1 replay: L = (a*b + c)*f, set a + forward + backward",
    runs: 200_000,
    fn() {
      lGraph.values[aSlot] = 2 + (t++ & 7);
      lGraph.forward();
      lGraph.backward();
    },
  },
  {
    name: "W1 replay: the tanh neuron, set x1 + forward + backward",
    runs: 200_000,
    fn() {
      neuron.values[x1Slot] = 2 + (t++ & 7);
      neuron.forward();
      neuron.backward();
    },
  },
];

for (const { name, fn, runs } of workloads) {
  Deno.bench(name, runs <= 100 ? { n: runs, warmup: 5 } : {}, fn);
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function format(ms: number): string {
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  if (ms >= 0.01) return `${(ms * 1000).toFixed(1)} µs`;
  return `${(ms * 1e6).toFixed(0)} ns`;
}

if (import.meta.main) {
  for (const { name, fn, runs } of workloads) {
    // Tiny workloads are timed in batches, as one call is below the timer's resolution.
    const batch = runs >= 10_000 ? 1000 : 1;
    for (let i = 0; i < Math.min(runs / 10, 50) * batch; i++) fn(); // warm up
    const times: number[] = [];
    for (let r = 0; r < runs / batch; r++) {
      const start = performance.now();
      for (let i = 0; i < batch; i++) fn();
      times.push((performance.now() - start) / batch);
    }
    console.log(`${name.padEnd(72)} median ${format(median(times))}`);
  }
}
