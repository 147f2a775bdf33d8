// The engine against PyTorch (float64): tests/reference/make_torch.py
// evaluates tests/reference/torch_cases.json into torch_reference.json.
import { equal, ok } from "node:assert/strict";
import { Value } from "../mod.ts";
import cases from "./reference/torch_cases.json" with { type: "json" };
import reference from "./reference/torch_reference.json" with { type: "json" };

type Expr = string | number | [string, ...Expr[]];

function build(e: Expr, leaves: Record<string, Value>): Value {
  if (typeof e === "string") return leaves[e];
  if (typeof e === "number") return new Value(e);
  const [op, x, y] = e;
  const a = build(x, leaves);
  switch (op) {
    case "pow":
      return a.pow(y as number);
    case "add":
    case "sub":
    case "mul":
    case "div":
      return a[op](build(y, leaves));
    case "neg":
    case "exp":
    case "log":
    case "tanh":
    case "relu":
    case "sigmoid":
      return a[op]();
  }
  throw new Error(`unknown op ${op}`);
}

function agree(actual: number, expected: number | string, what: string) {
  const want = typeof expected === "string" ? Number(expected) : expected;
  if (Number.isNaN(want)) return ok(Number.isNaN(actual), what);
  const scale = Math.max(1, Math.abs(want));
  ok(
    Math.abs(actual - want) <= 1e-12 * scale,
    `${what}: gradviz ${actual}, PyTorch ${want}`,
  );
}

for (const [i, c] of cases.entries()) {
  Deno.test(`values and gradients match PyTorch: ${c.name}`, () => {
    const want = reference.results[i];
    equal(want.name, c.name);
    const leaves = Object.fromEntries(
      Object.entries(c.leaves).map(([k, v]) => [k, new Value(v)]),
    );
    const root = build(c.expr as Expr, leaves);
    root.backward();
    agree(root.data, want.data, "data");
    for (const [k, g] of Object.entries(want.grads)) {
      agree(leaves[k].grad, g as number | string, `grad of ${k}`);
    }
  });
}
