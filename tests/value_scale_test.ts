import { deepEqual, equal, ok } from "node:assert/strict";
import { Value } from "../mod.ts";
import { firstGraph, gradsText } from "./_first_backward.ts";

Deno.test("the first backward() of a fresh process gives the same bits as later ones", async () => {
  const script = new URL("./_first_backward.ts", import.meta.url);
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", script.href],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  equal(out.code, 0);
  const first: string[] = JSON.parse(new TextDecoder().decode(out.stdout));
  // Here, long after this process's first backward(): twice, fresh graphs.
  for (let run = 0; run < 2; run++) {
    const { root, leaves } = firstGraph();
    root.backward();
    deepEqual(gradsText(leaves), first);
  }
  // And the grads are real: some fractions, some not zero.
  ok(first.some((g) => !Number.isInteger(Number(g))));
  ok(first.filter((g) => Number(g) !== 0).length > 40);
});

Deno.test("a graph's first fractions leave earlier whole-number nodes exact", () => {
  // Whole numbers first (data and grads), then a fraction through the same
  // nodes: every grad matches the chain rule done by hand.
  const x = new Value(3), y = new Value(-2);
  const s = x.mul(y).add(x); // -6 + 3 = -3
  s.backward();
  deepEqual([x.grad, y.grad], [-1, 3]); // d/dx = y + 1, d/dy = x
  const t = s.mul(0.5).tanh();
  t.backward();
  // The chain rule in backward()'s order: s = xy + x passes gs to xy and x,
  // then xy passes y * gs to x and x * gs to y, onto the grads from before.
  const gs = 0.5 * ((1 - t.data * t.data) * 1);
  ok(Object.is(t.data, Math.tanh(-1.5)));
  ok(Object.is(x.grad, -1 + 1 * gs + -2 * gs));
  ok(Object.is(y.grad, 3 + 3 * gs));
  // Against a central difference of t(x) = tanh(0.5 * (x * y + x)).
  const h = 1e-6, f = (x: number) => Math.tanh(0.5 * (x * -2 + x));
  ok(Math.abs(x.grad - (-1 + (f(3 + h) - f(3 - h)) / (2 * h))) < 1e-8);
});
