// The lecture's graphs, labelled as in the video and not yet
// back-propagated, shared by tests and benchmarks.
import { Value } from "../mod.ts";
import { LECTURE_DATA, lectureModel } from "../lessons/lecture_mlp.ts";

/** `L = (a*b + c)*f` with `e = a*b` and `d = e + c`: L is -8. */
export function lectureL(): Record<
  "a" | "b" | "c" | "d" | "e" | "f" | "L",
  Value
> {
  const a = new Value(2.0, { label: "a" });
  const b = new Value(-3.0, { label: "b" });
  const c = new Value(10.0, { label: "c" });
  const e = a.mul(b);
  e.label = "e";
  const d = e.add(c);
  d.label = "d";
  const f = new Value(-2.0, { label: "f" });
  const L = d.mul(f);
  L.label = "L";
  return { a, b, c, d, e, f, L };
}

/**
 * The tanh neuron `o = tanh(x1*w1 + x2*w2 + b)`, o = 0.7071; `decomposed`
 * writes tanh as `(e - 1)/(e + 1)` with `e = (2n).exp()`, as the lecture does.
 */
export function lectureNeuron(
  decomposed = false,
): Record<"x1" | "x2" | "w1" | "w2" | "b" | "n" | "o", Value> {
  const x1 = new Value(2.0, { label: "x1" });
  const x2 = new Value(0.0, { label: "x2" });
  const w1 = new Value(-3.0, { label: "w1" });
  const w2 = new Value(1.0, { label: "w2" });
  const b = new Value(6.8813735870195432, { label: "b" });
  const n = x1.mul(w1).add(x2.mul(w2)).add(b);
  n.label = "n";
  let o: Value;
  if (decomposed) {
    const e = n.mul(2).exp();
    o = e.sub(1).div(e.add(1));
  } else o = n.tanh();
  o.label = "o";
  return { x1, x2, w1, w2, b, n, o };
}

/**
 * The lecture's MLP(3,[4,4,1]) trained on its four examples with the Value
 * engine, rebuilding the graph each step: the loss before each of `steps` steps.
 */
export function valueEngineLosses(
  seed: number,
  steps: number,
  lr: number,
): number[] {
  const model = lectureModel(seed);
  const losses = [];
  for (let k = 0; k < steps; k++) {
    const scores = LECTURE_DATA.inputs.map((x) => model.forward(x)[0]);
    let loss = scores[0].sub(LECTURE_DATA.targets[0]).pow(2);
    for (let i = 1; i < scores.length; i++) {
      loss = loss.add(scores[i].sub(LECTURE_DATA.targets[i]).pow(2));
    }
    model.zeroGrad();
    loss.backward();
    for (const p of model.parameters()) p.data -= lr * p.grad;
    losses.push(loss.data);
  }
  return losses;
}
