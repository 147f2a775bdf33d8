// The engine's workloads from the engine issue: W1 the lecture graphs, W2 one
// step of micrograd's moons demo, W3 a 1,000,000-step chain. Registered with
// `deno bench` by engine_bench.ts and timed for medians by medians.ts.
import { Value } from "../mod.ts";
import { moonsModel, moonsStep } from "../tests/_moons.ts";

/** A named piece of work and how many times to time it. */
export interface Workload {
  name: string;
  runs: number;
  fn: () => void;
}

const model = moonsModel();
let k = 0;

export const workloads: Workload[] = [
  {
    name: "W1 build + backward: L = (a*b + c)*f",
    runs: 200_000,
    fn() {
      const a = new Value(2.0, { label: "a" });
      const b = new Value(-3.0, { label: "b" });
      const c = new Value(10.0, { label: "c" });
      const f = new Value(-2.0, { label: "f" });
      a.mul(b).add(c).mul(f).backward();
    },
  },
  {
    name: "W1 build + backward: the tanh neuron",
    runs: 200_000,
    fn() {
      const x1 = new Value(2.0), x2 = new Value(0.0);
      const w1 = new Value(-3.0), w2 = new Value(1.0);
      const b = new Value(6.8813735870195432);
      x1.mul(w1).add(x2.mul(w2)).add(b).tanh().backward();
    },
  },
  {
    name: "W2 moons demo step: MLP(2,[16,16,1]), 100 points",
    runs: 200,
    fn() {
      moonsStep(model, k++ % 100);
    },
  },
  {
    name: "W3 1,000,000-step chain x = x*1.0001 + 0.1",
    runs: 7,
    fn() {
      let x = new Value(1);
      for (let i = 0; i < 1_000_000; i++) x = x.mul(1.0001).add(0.1);
      x.backward();
    },
  },
];
