import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { Value } from "../mod.ts";
import { lectureL, lectureNeuron } from "./_lecture.ts";

function close(actual: number, expected: number, tolerance = 1e-12) {
  ok(
    Math.abs(actual - expected) <= tolerance,
    `expected ${expected}, got ${actual}`,
  );
}

Deno.test("backward() gives the lecture's gradients for L = (a*b + c)*f", () => {
  const { a, b, c, d, e, f, L } = lectureL();
  L.backward();
  equal(String(L), "Value(data=-8)");
  deepEqual(
    [L, a, b, c, d, e, f].map((v) => v.grad),
    [1, 6, -4, -2, -2, -2, 4],
  );
});

Deno.test("one nudge of every leaf by 0.01 * grad gives L = -7.286496", () => {
  const { a, b, c, f, L } = lectureL();
  L.backward();
  for (const leaf of [a, b, c, f]) leaf.data += 0.01 * leaf.grad;
  const L2 = a.mul(b).add(c).mul(f);
  close(L2.data, -7.286496, 1e-12);
});

Deno.test("backward() gives the lecture's tanh neuron gradients", () => {
  const { x1, x2, w1, w2, b, o } = lectureNeuron();
  o.backward();
  close(o.data, 0.7071067811865476);
  close(x1.grad, -1.5);
  close(w1.grad, 1);
  close(x2.grad, 0.5);
  equal(w2.grad, 0);
  close(b.grad, 0.5);
});

Deno.test("the decomposed tanh (e - 1)/(e + 1) gives the same gradients", () => {
  const { x1, x2, w1, w2, b, o } = lectureNeuron(true);
  o.backward();
  close(o.data, 0.7071067811865476);
  close(x1.grad, -1.5);
  close(w1.grad, 1);
  close(x2.grad, 0.5);
  equal(w2.grad, 0);
  close(b.grad, 0.5);
  // The lecture's graph shape: e - 1 adds a -1 leaf, the division a **-1 node.
  const [numerator, inverse] = o.children;
  equal(numerator.children[1].data, -1);
  equal(inverse.op, "**-1");
});

Deno.test("backward() accumulates into a value used more than once", () => {
  const a = new Value(3.0);
  const b = a.add(a);
  b.backward();
  equal(a.grad, 2);

  const x = new Value(-2.0), y = new Value(3.0);
  const f = x.mul(y).mul(x.add(y));
  f.backward();
  equal(x.grad, -3);
  equal(y.grad, -8);
});

Deno.test("backward() twice accumulates and zeroGrad() resets the graph", () => {
  const x = new Value(-2.0), y = new Value(3.0);
  const f = x.mul(y).mul(x.add(y));
  const xy = f.children[0];
  f.backward();
  f.backward();
  deepEqual([x.grad, y.grad], [-6, -16]); // leaves accumulate, as in PyTorch
  deepEqual([f.grad, xy.grad], [1, 1]); // inner nodes show d(f)/d(node)
  f.zeroGrad();
  deepEqual([x.grad, y.grad, f.grad], [0, 0, 0]);
  f.backward();
  deepEqual([x.grad, y.grad], [-3, -8]);
});

Deno.test("micrograd's README expression gives its numbers", () => {
  const a = new Value(-4.0);
  const b = new Value(2.0);
  let c = a.add(b);
  let d = a.mul(b).add(b.pow(3));
  c = c.add(c.add(1));
  c = c.add(c.add(1).add(a.neg()));
  d = d.add(d.mul(2).add(b.add(a).relu()));
  d = d.add(d.mul(3).add(b.sub(a).relu()));
  const e = c.sub(d);
  const f = e.pow(2);
  let g = f.div(2.0);
  g = g.add(new Value(10.0).div(f));
  g.backward();
  close(g.data, 24.70408163265306, 1e-12);
  close(a.grad, 138.83381924198252, 1e-10);
  close(b.grad, 645.5772594752186, 1e-10);
});

Deno.test("micrograd's sanity check gives y = -20 and x.grad = 46", () => {
  const x = new Value(-4.0);
  const z = x.mul(2).add(2).add(x);
  const q = z.relu().add(z.mul(x));
  const h = z.mul(z).relu();
  const y = h.add(q).add(q.mul(x));
  y.backward();
  equal(y.data, -20);
  equal(x.grad, 46);
});

Deno.test("operations build micrograd's graph shapes", () => {
  const a = new Value(2), b = new Value(4);
  const neg = a.neg();
  deepEqual([neg.op, neg.children[0], neg.children[1].data], ["*", a, -1]);
  const sub = a.sub(b);
  equal(sub.op, "+");
  equal(sub.children[1].op, "*");
  equal(a.sub(1).children[1].data, -1);
  const div = a.div(b);
  deepEqual([div.op, div.children[1].op, div.data], ["*", "**-1", 0.5]);
  equal(a.div(4).children[1].data, 0.25);
  deepEqual(
    [a.exp().op, a.log().op, a.tanh().op, a.relu().op, a.sigmoid().op],
    ["exp", "log", "tanh", "ReLU", "sigmoid"],
  );
  deepEqual(a.children, []);
  equal(a.op, "");
});

Deno.test("relu() has gradient 0 at 0, as micrograd and PyTorch", () => {
  const x = new Value(0);
  const y = x.relu();
  y.backward();
  deepEqual([y.data, x.grad], [0, 0]);
});

Deno.test("tanh() and sigmoid() stay finite for large inputs", () => {
  for (const big of [1000, -1000, 1e308]) {
    const x = new Value(big);
    const t = x.tanh();
    const s = x.sigmoid();
    t.backward();
    s.backward();
    equal(t.data, Math.sign(big));
    equal(s.data, big > 0 ? 1 : 0);
    equal(x.grad, 0);
  }
});

Deno.test("NaN and Infinity flow through as in PyTorch", () => {
  const l = new Value(-1).log();
  ok(Number.isNaN(l.data));
  equal(new Value(0).log().data, -Infinity);
  equal(new Value(1000).exp().data, Infinity);
  const x = new Value(0);
  const y = x.pow(-1);
  equal(y.data, Infinity);
});

Deno.test("a 1,000,000-step chain back-propagates without recursion", () => {
  const x0 = new Value(1);
  let x = x0;
  for (let i = 0; i < 1_000_000; i++) x = x.mul(1.0001).add(0.1);
  x.backward();
  // dx_n/dx_0 = 1.0001 ** n, accumulated one multiplication at a time.
  close(x0.grad / 1.0001 ** 1_000_000, 1, 1e-9);
});

Deno.test("bad operands are a TypeError that says what was expected", () => {
  const a = new Value(1);
  throws(
    // @ts-expect-error: testing a wrong type
    () => new Value("2"),
    new TypeError(
      'Cannot create Value: data must be a number, got the string "2"',
    ),
  );
  throws(
    // @ts-expect-error: testing a wrong type
    () => a.add("x"),
    new TypeError(
      'Cannot add: operand must be a Value or a number, got the string "x"',
    ),
  );
  throws(
    // @ts-expect-error: testing a wrong type
    () => a.mul({}),
    new TypeError(
      "Cannot multiply: operand must be a Value or a number, got an object",
    ),
  );
  throws(
    // @ts-expect-error: testing a wrong type
    () => a.pow(new Value(2)),
    new TypeError(
      "Cannot raise value to a power: exponent must be a number, got a Value",
    ),
  );
  throws(
    // @ts-expect-error: testing a wrong type
    () => a.sub(null),
    /Cannot subtract: operand must be a Value or a number, got null/,
  );
  throws(
    // @ts-expect-error: testing a wrong type
    () => new Value(1, { label: 5 }),
    /label must be a string, got number/,
  );
});

Deno.test("localGrads are the factors backward() multiplies by", () => {
  const a = new Value(2), b = new Value(-3);
  deepEqual(a.mul(b).localGrads, [-3, 2]);
  deepEqual(a.add(b).localGrads, [1, 1]);
  deepEqual(a.pow(3).localGrads, [12]);
  deepEqual(a.localGrads, []);
});

Deno.test("a Value displays in Jupyter as its graph, or says why it cannot", async () => {
  const display = (v: Value) =>
    Reflect.get(v, Symbol.for("Jupyter.display")).call(v);
  const a = new Value(2, { label: "a" });
  const small = await display(a.mul(3));
  equal(small["text/plain"], "Value(data=6)");
  ok(small["image/svg+xml"].includes("data 2.0000"));
  let big = a;
  for (let i = 0; i < 600; i++) big = big.add(1);
  const shown = await display(big);
  equal(shown["image/svg+xml"], undefined);
  ok(shown["text/plain"].startsWith("Value(data=602)\n"));
  ok(shown["text/plain"].includes("maxNodes"), shown["text/plain"]);
});
