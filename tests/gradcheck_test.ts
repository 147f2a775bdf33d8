// Gradients of random expressions over every operation agree with central
// finite differences.
import { ok } from "node:assert/strict";
import fc from "fast-check";
import { topologicalOrder, Value } from "../mod.ts";

type Expr =
  | { leaf: number }
  | { unary: "exp" | "log" | "tanh" | "relu" | "sigmoid" | "neg"; x: Expr }
  | { pow: number; x: Expr }
  | { binary: "add" | "sub" | "mul" | "div"; x: Expr; y: Expr };

const { expr } = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ leaf: fc.integer({ min: 0, max: 2 }) }),
    fc.record({
      unary: fc.constantFrom("exp", "log", "tanh", "relu", "sigmoid", "neg"),
      x: tie("expr"),
    }),
    fc.record({ pow: fc.constantFrom(2, 3, -1, 0.5, -1.5), x: tie("expr") }),
    fc.record({
      binary: fc.constantFrom("add", "sub", "mul", "div"),
      x: tie("expr"),
      y: tie("expr"),
    }),
  ) as fc.Arbitrary<Expr>,
}));

function build(e: Expr, leaves: Value[]): Value {
  if ("leaf" in e) return leaves[e.leaf];
  if ("pow" in e) return build(e.x, leaves).pow(e.pow);
  if ("unary" in e) return build(e.x, leaves)[e.unary]();
  return build(e.x, leaves)[e.binary](build(e.y, leaves));
}

// Finite differences are only meaningful away from kinks, poles and the edge
// of a function's domain.
function smoothAt(root: Value): boolean {
  for (const node of topologicalOrder(root)) {
    if (!Number.isFinite(node.data) || Math.abs(node.data) > 1e4) return false;
    const [x, y] = node.children;
    if (node.op === "ReLU" && Math.abs(x.data) < 1e-3) return false;
    if (node.op === "log" && x.data < 1e-2) return false;
    if (node.op.startsWith("**") && Math.abs(x.data) < 1e-2) return false;
    if (node.op === "**0.5" || node.op === "**-1.5") {
      if (x.data < 1e-2) return false;
    }
    if (y && !Number.isFinite(y.data)) return false;
  }
  return true;
}

Deno.test("gradients of random expressions agree with central differences", () => {
  fc.assert(
    fc.property(
      expr,
      fc.array(fc.double({ min: -3, max: 3, noNaN: true }), {
        minLength: 3,
        maxLength: 3,
      }),
      (e, xs) => {
        const leaves = xs.map((x) => new Value(x));
        const root = build(e, leaves);
        fc.pre(smoothAt(root));
        root.backward();
        const h = 1e-6;
        leaves.forEach((leaf, i) => {
          const at = (dx: number) =>
            build(e, xs.map((x, j) => new Value(j === i ? x + dx : x))).data;
          const numeric = (at(h) - at(-h)) / (2 * h);
          const scale = Math.max(1, Math.abs(numeric), Math.abs(leaf.grad));
          ok(
            Math.abs(numeric - leaf.grad) <= 1e-4 * scale,
            `leaf ${i}: backward ${leaf.grad}, finite difference ${numeric}`,
          );
        });
      },
    ),
    { numRuns: 500, seed: 20261127 },
  );
});
