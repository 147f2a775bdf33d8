// How long Viz.js takes to lay out and draw graphs of different sizes: the
// figures behind renderSvg's default node limit (see the README).
//
//     deno bench --allow-read bench/render_bench.ts
import { MLP, networkToDot, seededRandom, Value } from "../mod.ts";
import { renderSvg } from "../src/draw/render.ts";
import { lectureL, lectureNeuron } from "../tests/_lecture.ts";

// The full graph of one forward and backward pass, and the model.
function mlp(nouts: number[]): { model: MLP; out: Value } {
  const model = new MLP(2, nouts, { random: seededRandom(1) });
  const [out] = model.forward([new Value(2), new Value(-1)]);
  out.backward();
  return { model, out };
}

// The lecture's MLP(3, [4, 4, 1]) loss over its four samples.
function lectureLoss(): Value {
  const model = new MLP(3, [4, 4, 1], { random: seededRandom(1) });
  const xs = [[2, 3, -1], [3, -1, 0.5], [0.5, 1, 1], [1, 1, -1]];
  const ys = [1, -1, -1, 1];
  let loss = new Value(0);
  xs.forEach((x, i) => {
    loss = loss.add(model.forward(x)[0].sub(ys[i]).pow(2));
  });
  loss.backward();
  return loss;
}

await renderSvg("digraph { a -> b }"); // create the Viz instance first

const { L } = lectureL();
const { o: tanhNeuron } = lectureNeuron();
const { o: decomposedNeuron } = lectureNeuron(true);
for (const root of [L, tanhNeuron, decomposedNeuron]) root.backward();
const loss = lectureLoss();
const small = mlp([4, 4, 1]);
const medium = mlp([12, 12, 1]);
const big = mlp([16, 16, 1]);
const bigger = mlp([17, 17, 1]);
const all = { maxNodes: Infinity };

interface Workload {
  name: string;
  group: "lecture" | "mlp";
  fn: () => Promise<string>;
}

const workloads: Workload[] = [
  {
    name: "lecture L graph (10 nodes)",
    group: "lecture",
    fn: () => renderSvg(L),
  },
  {
    name: "lecture tanh neuron (15 nodes)",
    group: "lecture",
    fn: () => renderSvg(tanhNeuron),
  },
  {
    name: "lecture decomposed tanh neuron (28 nodes)",
    group: "lecture",
    fn: () => renderSvg(decomposedNeuron),
  },
  {
    name: "lecture MLP(3, [4, 4, 1]) loss, 4 samples (702 nodes)",
    group: "lecture",
    fn: () => renderSvg(loss),
  },
  {
    name: "MLP(2, [4, 4, 1]) full graph (169 nodes)",
    group: "mlp",
    fn: () => renderSvg(small.out, all),
  },
  {
    name: "MLP(2, [12, 12, 1]) full graph (977 nodes)",
    group: "mlp",
    fn: () => renderSvg(medium.out, all),
  },
  {
    name: "MLP(2, [16, 16, 1]) full graph (1,621 nodes)",
    group: "mlp",
    fn: () => renderSvg(big.out, all),
  },
  {
    name: "MLP(2, [17, 17, 1]) full graph (1,807 nodes)",
    group: "mlp",
    fn: () => renderSvg(bigger.out, all),
  },
  {
    name: "MLP(2, [16, 16, 1]) neuron level (35 nodes)",
    group: "mlp",
    fn: () => renderSvg(networkToDot(big.model, { x: [2, -1] })),
  },
];

for (const { name, group, fn } of workloads) {
  Deno.bench(name, { group }, async () => {
    await fn();
  });
}

// `deno run bench/render_bench.ts --medians`: medians of 21 runs each, as
// quoted in the README (deno bench reports means and percentiles).
if (Deno.args.includes("--medians")) {
  for (const { name, fn } of workloads) {
    for (let i = 0; i < 3; i++) await fn(); // warm up
    const times: number[] = [];
    for (let i = 0; i < 21; i++) {
      const t = performance.now();
      await fn();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`${name.padEnd(54)} median ${times[10].toFixed(1)} ms`);
  }
}
