// compile() replays a neuron's weighted sum b + w1*x1 + … + wk*xk, and its
// activation, as one step, keeping the running sum and its gradient in
// registers. These tests hold it to the Value engine bit for bit wherever
// that fusing happens, and wherever it must not (a sum or product used twice).
import { deepEqual, equal, ok } from "node:assert/strict";
import fc from "fast-check";
import {
  compile,
  type CompiledGraph,
  MLP,
  seededRandom,
  topologicalOrder,
  Value,
} from "../mod.ts";
import { moonsLoss, moonsModel, moonsStep } from "./_moons.ts";
import { assertReplaysRebuilt, assertSameAsEngine } from "./_compiled.ts";

// The same through the arrays, by slot.
function assertArraysSameAsEngine(g: CompiledGraph): void {
  g.nodes.forEach((node, i) => {
    ok(Object.is(g.values[i], node.data), `data at slot ${i} (${node.op})`);
    ok(Object.is(g.grads[i], node.grad), `grad at slot ${i} (${node.op})`);
  });
}

Deno.test("compile() fused: every node of micrograd's moons loss, and 5 SGD steps, as the engine", () => {
  const model = moonsModel();
  const { loss } = moonsLoss(model);
  const g = compile(loss);
  g.backward();
  assertSameAsEngine(g, loss);
  assertArraysSameAsEngine(g);
  // Five steps of the demo, compiled and on the engine.
  const params = model.parameters();
  const slots = g.slots(params);
  const engine = moonsModel();
  for (let k = 0; k < 5; k++) {
    g.forward();
    g.backward();
    const { loss: want } = moonsStep(engine, k);
    ok(Object.is(g.values[g.rootSlot], want));
    const lr = 1.0 - 0.9 * k / 100;
    for (const s of slots) g.values[s] -= lr * g.grads[s];
  }
  deepEqual(
    [...slots].map((s) => g.values[s]),
    engine.parameters().map((p) => p.data),
  );
});

Deno.test("compile() fused: neurons of 1 to 5 inputs, with each activation", () => {
  for (const activation of ["tanh", "relu", "sigmoid", "linear"] as const) {
    for (let nin = 1; nin <= 5; nin++) {
      const model = new MLP(nin, [3, 2], {
        activation,
        random: seededRandom(nin),
      });
      const x = Array.from({ length: nin }, (_, i) => new Value(i - 1.5));
      const out = model.forward(x);
      const root = out[0].mul(out[1]).add(out[0]);
      const g = compile(root);
      g.backward();
      assertSameAsEngine(g, root);
      assertArraysSameAsEngine(g);
    }
  }
});

Deno.test("compile() fused: partial sums, products and sums used twice stay exact", () => {
  const [b, w1, x1, w2, x2, w3, x3] = [0.3, -1.1, 0.7, 2.3, -0.4, 0.9, 1.7]
    .map((d) => new Value(d));
  const graphs: (() => Value)[] = [
    // A partial sum used again after the run.
    () => {
      const s1 = b.add(w1.mul(x1));
      const s3 = s1.add(w2.mul(x2)).add(w3.mul(x3));
      return s3.tanh().add(s1);
    },
    // A partial sum used by the next product of its own run.
    () => {
      const s1 = b.add(w1.mul(x1));
      return s1.add(s1.mul(x2)).add(w3.mul(x3)).relu();
    },
    // A product used twice.
    () => {
      const p = w2.mul(x2);
      return b.add(w1.mul(x1)).add(p).add(w3.mul(x3)).sigmoid().mul(p);
    },
    // The sum before the activation used twice.
    () => {
      const s = b.add(w1.mul(x1)).add(w2.mul(x2));
      return s.tanh().add(s);
    },
    // Activations of activations, and a run's output feeding another run.
    () => {
      const h = b.add(w1.mul(x1)).add(w2.mul(x2)).tanh().tanh();
      return h.add(w3.mul(h)).add(x3.mul(h)).relu();
    },
    // `p + b` rather than `b + p`, and runs of one pair.
    () => w1.mul(x1).add(b).mul(w2).add(x2).mul(w3.mul(x3).add(b)),
    // The first operand, a weight and an input all one node, in three pairs.
    () => w1.add(w1.mul(x1)).add(w1.mul(w1)).add(x2.mul(w1)).tanh(),
    // A run that is the root, with a subtraction (x + (-y)) inside.
    () => b.add(w1.mul(x1)).sub(w2.mul(x2)).add(w3.mul(x3)),
  ];
  for (const build of graphs) {
    for (const v of [b, w1, x1, w2, x2, w3, x3]) v.grad = 0;
    const root = build();
    const g = compile(root);
    g.backward();
    assertSameAsEngine(g, root);
    assertArraysSameAsEngine(g);
  }
});

// Random graphs of neurons: each step either builds a weighted sum of pairs
// of earlier nodes (in either order of `+`, with any activation, maybe also
// sharing one of its partial sums or products), or applies a plain op.
type Step = {
  kind: number;
  pairs: [number, number][];
  bias: number;
  act: number;
  swap: boolean;
  share: number;
};
const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.nat(5),
  pairs: fc.array(fc.tuple(fc.nat(), fc.nat()), {
    minLength: 1,
    maxLength: 6,
  }),
  bias: fc.nat(),
  act: fc.nat(3),
  swap: fc.boolean(),
  share: fc.integer({ min: -1, max: 12 }),
});
const leafArb = fc.array(
  fc.oneof(
    fc.double({ min: -2, max: 2, noNaN: true }),
    fc.constantFrom(0, 1, -1, 0.5),
  ),
  { minLength: 1, maxLength: 6 },
);

function buildNeurons(
  values: number[],
  program: Step[],
): { leaves: Value[]; root: Value } {
  const leaves = values.map((x) => new Value(x));
  const pool: Value[] = [...leaves];
  const pick = (i: number) => pool[i % pool.length];
  for (const { kind, pairs, bias, act, swap, share } of program) {
    if (kind <= 3) {
      let sum = pick(bias);
      const inner: Value[] = [];
      pairs.forEach(([i, j], k) => {
        const p = pick(i).mul(pick(j));
        sum = swap && k === 0 ? p.add(sum) : sum.add(p);
        inner.push(p, sum);
      });
      const out = [(s: Value) => s.tanh(), (s: Value) => s.relu(), (
        s: Value,
      ) => s.sigmoid(), (s: Value) => s][act](sum);
      if (share >= 0 && share < inner.length) pool.push(inner[share]);
      pool.push(out);
    } else if (kind === 4) pool.push(pick(bias).add(pick(share + 13)));
    else pool.push(pick(bias).mul(pick(share + 13)));
  }
  const root = pool.slice(-3).reduce((s, v) => s.add(v));
  return { leaves, root };
}

Deno.test("compile() fused: random graphs of neurons, shared sums and products, as the engine", () => {
  fc.assert(
    fc.property(
      leafArb,
      fc.array(stepArb, { minLength: 1, maxLength: 12 }),
      (values, program) => {
        const { root } = buildNeurons(values, program);
        const g = compile(root);
        g.backward();
        assertSameAsEngine(g, root);
      },
    ),
    { numRuns: 400 },
  );
});

Deno.test("compile() fused: set() leaves, then forward and backward, as a rebuilt engine graph", () => {
  fc.assert(
    fc.property(
      leafArb,
      leafArb,
      fc.array(stepArb, { minLength: 1, maxLength: 10 }),
      (first, second, program) => {
        const next = first.map((x, i) => second[i % second.length] ?? x);
        assertReplaysRebuilt(buildNeurons, first, next, program);
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("compile() fused: an MLP on new inputs, through set(), as the engine on a rebuilt graph", () => {
  const random = seededRandom(7);
  const model = new MLP(3, [8, 8, 1], { activation: "relu", random });
  const inputs = [0, 1, 2].map(() => new Value(0));
  const root = model.forward(inputs)[0].tanh();
  const g = compile(root);
  for (let k = 0; k < 20; k++) {
    const x = [0, 1, 2].map(() => random() * 4 - 2);
    inputs.forEach((leaf, i) => g.set(leaf, x[i]));
    g.forward();
    g.backward();
    const rebuilt = model.forward(x)[0].tanh();
    model.zeroGrad();
    rebuilt.backward();
    ok(Object.is(g.data(root), rebuilt.data));
    model.parameters().forEach((p) => ok(Object.is(g.grad(p), p.grad)));
  }
});

Deno.test("compile() fused: backward() twice, sync() and grads before any backward()", () => {
  const b = new Value(0.5), w = new Value(-2), x = new Value(3);
  const s = b.add(w.mul(x)).add(x.mul(x));
  const root = s.tanh();
  const g = compile(root);
  deepEqual([...g.grads], new Array(g.nodes.length).fill(0));
  g.backward();
  const once = [...g.grads];
  g.backward();
  deepEqual([...g.grads], once);
  g.sync();
  const synced = g.nodes.map((n) => [n.data, n.grad]);
  for (const n of g.nodes) n.grad = 0;
  root.backward();
  deepEqual(synced, g.nodes.map((n) => [n.data, n.grad]));
});

Deno.test("compile() fused: data() and grad() of inner sums are the last passes', whatever set() changed since, before and after the arrays are read", () => {
  for (const read of ["", "values", "grads"]) {
    const model = new MLP(2, [4, 1], {
      activation: "tanh",
      random: seededRandom(3),
    });
    const inputs = [new Value(0.5), new Value(-1.5)];
    const root = model.forward(inputs)[0].sigmoid();
    const g = compile(root);
    const params = model.parameters();
    const engineAt = (x: number[], ps: number[]) => {
      const m = new MLP(2, [4, 1], {
        activation: "tanh",
        random: seededRandom(3),
      });
      m.parameters().forEach((p, i) => p.data = ps[i]);
      const r = m.forward(x.map((d) => new Value(d)))[0].sigmoid();
      r.backward();
      return topologicalOrder(r);
    };
    for (let step = 0; step < 3; step++) {
      g.forward();
      g.backward();
      const x = inputs.map((v) => g.data(v));
      const ps = params.map((p) => g.data(p));
      // Change every leaf: the inner nodes keep the last passes' numbers.
      inputs.forEach((v, i) => g.set(v, x[i] + 0.25));
      params.forEach((p) => g.set(p, g.data(p) - 0.1 * g.grad(p)));
      if (read !== "" && step === 1) ok(g[read as "values"].length > 0);
      const want = engineAt(x, ps);
      const got = topologicalOrder(root);
      got.forEach((node, i) => {
        if (node.children.length === 0) return;
        ok(Object.is(g.data(node), want[i].data), `data of ${node.op}`);
        ok(Object.is(g.grad(node), want[i].grad), `grad of ${node.op}`);
      });
    }
    if (read !== "") {
      // An array held across passes shows every node of the latest ones.
      const array = g[read as "values"];
      const x = inputs.map((v) => g.data(v)), ps = params.map((p) => g.data(p));
      g.forward();
      g.backward();
      const want = engineAt(x, ps);
      topologicalOrder(root).forEach((node, i) => {
        const engine = read === "values" ? want[i].data : want[i].grad;
        ok(Object.is(array[g.slot(node)], engine), `${read} of ${node.op}`);
      });
    }
  }
});

Deno.test("compile() slot() finds every node, asked for in any order, again and again", () => {
  const model = new MLP(2, [3, 1], { random: seededRandom(5) });
  const root = model.forward([new Value(1), new Value(-1)])[0];
  const g = compile(root);
  const nodes = [...g.nodes];
  fc.assert(
    fc.property(
      fc.array(fc.nat(nodes.length - 1), { maxLength: 60 }),
      (picks) => {
        for (let round = 0; round < 3; round++) {
          for (const i of picks) equal(g.slot(nodes[i]), i);
        }
      },
    ),
    { numRuns: 200 },
  );
  equal(g.slot(model.parameters()[0]), nodes.indexOf(model.parameters()[0]));
});
