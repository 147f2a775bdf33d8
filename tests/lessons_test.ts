// The lessons the pages teach, held to the lecture's numbers and to calculus.
import { deepEqual, equal, ok } from "node:assert/strict";
import { topologicalOrder, Value } from "@gradviz/gradviz";
import { backwardSteps } from "../lessons/backward_steps.ts";
import { evaluate, nudge, numericGrad } from "../lessons/evaluate.ts";
import {
  expression,
  lectureValues,
  neuron,
  neuronExp,
  tiny,
} from "../lessons/lessons.ts";

const grads = (lesson: typeof expression, values = lectureValues(lesson)) =>
  Object.fromEntries(
    evaluate(lesson, values).leaves.map((l) => [l.name, l.grad]),
  );

Deno.test("the expression lesson has the lecture's L and grads", () => {
  const { root } = evaluate(expression, lectureValues(expression));
  equal(root.data, -8);
  deepEqual(grads(expression), { a: 6, b: -4, c: -2, f: 4 });
  deepEqual(
    topologicalOrder(root).map((n) => [n.label, n.grad]),
    [["a", 6], ["b", -4], ["e", -2], ["c", -2], ["d", -2], ["f", 4], ["L", 1]],
  );
});

Deno.test("nudge() takes the lecture's step: L goes from -8 to -7.286496", () => {
  const values = nudge(expression, lectureValues(expression));
  deepEqual(values, { a: 2.06, b: -3.04, c: 9.98, f: -1.96 });
  ok(Math.abs(evaluate(expression, values).root.data - -7.286496) < 1e-12);
});

Deno.test("the neuron lessons have the lecture's o and the same leaf grads", () => {
  for (const lesson of [neuron, neuronExp]) {
    const { root } = evaluate(lesson, lectureValues(lesson));
    equal(root.data.toFixed(4), "0.7071");
    const g = grads(lesson);
    for (
      const [name, want] of Object.entries({
        x1: -1.5,
        x2: 0.5,
        w1: 1,
        w2: 0,
        b: 0.5,
      })
    ) {
      ok(Math.abs(g[name] - want) < 1e-6, `${name}: ${g[name]}`);
    }
  }
  // Anywhere, not only at the lecture's point.
  const values = { x1: -1.2, x2: 3.3, w1: 0.7, w2: -0.4, b: 0.1 };
  const a = grads(neuron, values);
  const b = grads(neuronExp, values);
  for (const name of Object.keys(a)) {
    ok(Math.abs(a[name] - b[name]) < 1e-12, name);
  }
  // …though the graphs differ: exp and division make more nodes.
  ok(
    topologicalOrder(evaluate(neuronExp, values).root).length >
      topologicalOrder(evaluate(neuron, values).root).length,
  );
});

Deno.test("numericGrad() agrees with backward() for every leaf of every lesson", () => {
  for (const lesson of [expression, neuron, neuronExp, tiny]) {
    const values = lectureValues(lesson);
    for (const leaf of evaluate(lesson, values).leaves) {
      const estimate = numericGrad(lesson, values, leaf.name, 1e-6);
      ok(
        Math.abs(estimate - leaf.grad) < 1e-4,
        `${leaf.name}: ${estimate} vs ${leaf.grad}`,
      );
    }
  }
});

Deno.test("backwardSteps() goes root first and each step's terms sum to its grad", () => {
  for (const lesson of [expression, neuronExp]) {
    const { root } = evaluate(lesson, lectureValues(lesson));
    const steps = backwardSteps(root);
    deepEqual(
      steps.map((s) => s.id),
      topologicalOrder(root).map((_, i) => `n${i}`).toReversed(),
    );
    deepEqual(steps[0].terms, []);
    equal(steps[0].grad, 1);
    for (const step of steps.slice(1)) {
      const sum = step.terms.reduce((s, t) => s + t.local * t.upstream, 0);
      ok(Math.abs(sum - step.grad) < 1e-12, step.label);
      // Every parent is done before the node: its grad is final when we reach it.
      for (const t of step.terms) {
        const parent = steps.findIndex((s) => s.label === t.parent);
        ok(parent < steps.indexOf(step), `${t.parent} before ${step.label}`);
      }
    }
  }
  // The chain rule at a: ∂e/∂a × e.grad = b × -2 = 6.
  const { root } = evaluate(expression, lectureValues(expression));
  const a = backwardSteps(root).find((s) => s.label === "a")!;
  deepEqual(a.terms, [{
    parent: "e",
    parentId: "n2",
    local: -3,
    upstream: -2,
  }]);
});

Deno.test("backwardSteps() gives a node used twice one chain-rule term per use", () => {
  const a = new Value(3, { label: "a" });
  const b = a.mul(a); // db/da = a + a: two uses, local derivative 3 each
  b.label = "b";
  b.backward();
  deepEqual(backwardSteps(b), [
    { id: "n1", label: "b", grad: 1, terms: [] },
    {
      id: "n0",
      label: "a",
      grad: 6,
      terms: [{ parent: "b", parentId: "n1", local: 3, upstream: 1 }, {
        parent: "b",
        parentId: "n1",
        local: 3,
        upstream: 1,
      }],
    },
  ]);
});
