import { deepEqual, equal, ok, throws } from "node:assert/strict";
import fc from "fast-check";
import { compile, Value } from "../mod.ts";
import { lectureL, lectureNeuron } from "./_lecture.ts";
import { assertReplaysRebuilt, assertSameAsEngine } from "./_compiled.ts";

Deno.test("compile() replays the lecture's L graph with the lecture's numbers", () => {
  const { a, b, c, d, e, f, L } = lectureL();
  const g = compile(L);
  g.forward();
  g.backward();
  deepEqual(
    [a, b, c, d, e, f, L].map((v) => [g.data(v), g.grad(v)]),
    [[2, 6], [-3, -4], [10, -2], [4, -2], [-6, -2], [-2, 4], [-8, 1]],
  );
  assertSameAsEngine(g, L);
});

Deno.test("compile() replays the lecture's neuron, with tanh and decomposed", () => {
  for (const decomposed of [false, true]) {
    const { x1, x2, w1, w2, b, o } = lectureNeuron(decomposed);
    const g = compile(o);
    g.backward();
    ok(Math.abs(g.data(o) - 0.7071067811865476) < 1e-12);
    const grads = [x1, w1, x2, w2, b].map((v) => g.grad(v));
    [-1.5, 1, 0.5, 0, 0.5].forEach((want, i) =>
      ok(Math.abs(grads[i] - want) < 1e-12, `${grads[i]}`)
    );
    assertSameAsEngine(g, o);
  }
});

Deno.test("compile() nudging the L graph's leaves by 0.01 * grad gives -7.286496", () => {
  const { a, b, c, f, L } = lectureL();
  const g = compile(L);
  g.backward();
  for (const leaf of [a, b, c, f]) {
    g.set(leaf, g.data(leaf) + 0.01 * g.grad(leaf));
  }
  g.forward();
  ok(Math.abs(g.data(L) - -7.286496) < 1e-12);
});

// Random expressions: a list of steps, each an op applied to earlier nodes
// (so nodes are shared, as in real graphs), over every op of the engine.
type Step = [op: number, i: number, j: number, k: number];
const OPS = [
  "add",
  "mul",
  "sub",
  "div",
  "neg",
  "pow",
  "exp",
  "log",
  "tanh",
  "relu",
  "sigmoid",
  "addn",
  "muln",
];
const EXPONENTS = [2, 3, -1, 0.5, -2, 0, 1.5];
const leafValues = fc.array(
  fc.oneof(
    fc.double({ min: -3, max: 3, noNaN: true }),
    fc.constantFrom(0, -0, 1, -1, 0.5, 2),
  ),
  { minLength: 1, maxLength: 5 },
);
const steps = fc.array(
  fc.tuple(
    fc.nat(OPS.length - 1),
    fc.nat(),
    fc.nat(),
    fc.nat(EXPONENTS.length - 1),
  ),
  { minLength: 1, maxLength: 30 },
);

function build(
  values: number[],
  program: Step[],
): { leaves: Value[]; root: Value } {
  const leaves = values.map((x, i) => new Value(x, { label: `x${i}` }));
  const nodes = [...leaves];
  for (const [op, i, j, k] of program) {
    const x = nodes[i % nodes.length], y = nodes[j % nodes.length];
    const e = EXPONENTS[k];
    const out = [
      () => x.add(y),
      () => x.mul(y),
      () => x.sub(y),
      () => x.div(y),
      () => x.neg(),
      () => x.pow(e),
      () => x.exp(),
      () => x.log(),
      () => x.tanh(),
      () => x.relu(),
      () => x.sigmoid(),
      () => x.add(e),
      () => x.mul(e),
    ][op]();
    nodes.push(out);
  }
  // The root uses the last few nodes, so that most of the graph matters.
  const root = nodes.slice(-3).reduce((s, v) => s.add(v));
  return { leaves, root };
}

Deno.test("compile() equals the Value engine bit for bit on random expressions over every op", () => {
  fc.assert(
    fc.property(leafValues, steps, (values, program) => {
      const { root } = build(values, program);
      const g = compile(root);
      g.backward();
      assertSameAsEngine(g, root);
    }),
    { numRuns: 500 },
  );
});

Deno.test("compile() sums each grad's terms in the order the Value engine does", () => {
  // Floating-point sums depend on their order: in this graph (found by a
  // search) summing x's five terms in reverse depth-first order instead of
  // backward()'s order changes x.grad in its last bit.
  const program: Step[] = [
    [0, 0, 0, 0],
    [1, 0, 0, 0],
    [1, 0, 2, 0],
    [0, 1, 1, 0],
    [0, 3, 4, 0],
    [1, 0, 0, 0],
  ];
  const { root } = build([-0.4114658981561661], program);
  const g = compile(root);
  g.backward();
  assertSameAsEngine(g, root);
  // And on random sums and products of a few heavily shared nodes.
  const shared = fc.array(
    fc.tuple(fc.nat(1), fc.nat(), fc.nat(), fc.constant(0)),
    {
      minLength: 1,
      maxLength: 20,
    },
  );
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -2, max: 2, noNaN: true }), {
        minLength: 1,
        maxLength: 2,
      }),
      shared,
      (values, program) => {
        const { root } = build(values, program);
        const g = compile(root);
        g.backward();
        assertSameAsEngine(g, root);
      },
    ),
    { numRuns: 1000 },
  );
});

Deno.test("compile() with changed leaves replays what rebuilding the graph computes", () => {
  fc.assert(
    fc.property(leafValues, leafValues, steps, (first, second, program) => {
      const next = first.map((x, i) => second[i % second.length] ?? x);
      assertReplaysRebuilt(build, first, next, program);
    }),
    { numRuns: 300 },
  );
});

Deno.test("compile() trains the lecture's neuron like the Value engine does, step after step", () => {
  const { x1, x2, w1, w2, b, o } = lectureNeuron(false);
  const g = compile(o.sub(0.5).pow(2));
  for (let step = 0; step < 20; step++) {
    g.forward();
    g.backward();
    for (const p of [w1, w2, b]) g.set(p, g.data(p) - 0.1 * g.grad(p));
  }
  // The same 20 steps on Value graphs rebuilt each time.
  const ps = [-3.0, 1.0, 6.8813735870195432].map((x) => new Value(x));
  for (let step = 0; step < 20; step++) {
    const loss = x1.mul(ps[0]).add(x2.mul(ps[1])).add(ps[2]).tanh().sub(0.5)
      .pow(2);
    ps.forEach((p) => p.grad = 0);
    loss.backward();
    ps.forEach((p) => p.data -= 0.1 * p.grad);
  }
  deepEqual([w1, w2, b].map((p) => g.data(p)), ps.map((p) => p.data));
});

Deno.test("compile() leaves the Values alone until sync() writes data and grads back", () => {
  const { a, b, e, L } = lectureL();
  a.grad = 123;
  const g = compile(L);
  equal(a.grad, 123);
  g.set(a, 3);
  g.forward();
  g.backward();
  deepEqual([a.data, e.data, L.data], [2, -6, -8]);
  g.sync();
  deepEqual([a.data, a.grad, b.grad, e.data, L.data, L.grad], [
    3,
    6,
    -6,
    -9,
    -2,
    1,
  ]);
});

Deno.test("compile() backward() twice gives the same grads, not doubled", () => {
  const a = new Value(3);
  const g = compile(a.mul(a).add(a));
  g.backward();
  g.backward();
  equal(g.grad(a), 7);
});

Deno.test("compile() takes a lone leaf and a 100,000-step chain", () => {
  const a = new Value(5);
  const single = compile(a);
  single.backward();
  deepEqual(
    [single.data(a), single.grad(a), single.leafCount, single.rootSlot],
    [5, 1, 1, 0],
  );

  const x0 = new Value(1);
  let x = x0;
  for (let i = 0; i < 100_000; i++) x = x.mul(1.0001).add(0.1);
  const g = compile(x);
  g.backward();
  x.backward();
  ok(Object.is(g.data(x), x.data));
  ok(Object.is(g.grad(x0), x0.grad));
});

// A Value whose op the compiler cannot know (the engine makes none of these).
class Odd extends Value {
  #op: string;
  constructor(op: string, label: string) {
    super(1, { label });
    this.#op = op;
  }
  override get op(): string {
    return this.#op;
  }
}

Deno.test("compile() refuses an unknown op, naming it and the node's label", () => {
  const x = new Value(2, { label: "x" });
  x.grad = 7;
  const odd = new Odd("sin", "s");
  odd.grad = 8;
  throws(() => compile(x.mul(odd)), {
    name: "RangeError",
    message: 'Cannot compile graph: unknown op "sin" at node "s"',
  });
  deepEqual([x.grad, odd.grad], [7, 8]); // compiling leaves the Values alone
  throws(() => compile(new Odd("**", "p")), {
    message: /unknown op "\*\*" at node "p"/,
  });
  throws(() => compile(new Odd("**two", "")), {
    message: /unknown op "\*\*two" at an unlabelled node/,
  });
  throws(() => compile(new Odd("+", "q")), {
    name: "RangeError",
    message: 'Cannot compile graph: op "+" needs 2 operands, node "q" has 0',
  });
  throws(() => compile(2 as unknown as Value), { name: "TypeError" });
});

Deno.test("compile() refuses nodes from elsewhere, inner nodes as leaves and non-numbers", () => {
  const { a, e, L } = lectureL();
  const g = compile(L);
  const stranger = new Value(1, { label: "z" });
  throws(() => g.set(stranger, 1), {
    name: "RangeError",
    message: 'Cannot find node in compiled graph: node "z" is not part of it',
  });
  throws(() => g.data(stranger), { name: "RangeError" });
  throws(() => g.grad(stranger), { name: "RangeError" });
  e.label = "e";
  throws(() => g.set(e, 1), {
    name: "RangeError",
    message:
      'Cannot set node in compiled graph: node "e" is the result of "*", not a leaf',
  });
  throws(() => g.set(a, "3" as unknown as number), { name: "TypeError" });
});
