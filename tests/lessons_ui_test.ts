// The lesson pages' behaviour without a browser: the parser's unclosed
// bracket, the layout-cost estimate, lessons as playground programs, /mlp's
// replayed training and saturation, number formatting, and the query
// parameters that make any moment of /expression, /neuron and /mlp a link.
import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { parseProgram, Value } from "@gradviz/gradviz";
import { createApp } from "../main.ts";
import { fixed } from "../components/format.ts";
import { axisLabel } from "../components/LossCurve.tsx";
import { settle } from "../components/LeafControl.tsx";
import { evaluate } from "../lessons/evaluate.ts";
import {
  expression,
  lectureValues,
  neuron,
  neuronExp,
  tiny,
} from "../lessons/lessons.ts";
import {
  LECTURE_DATA,
  lectureLoss,
  lectureRun,
  saturated,
  trainLecture,
} from "../lessons/lecture_mlp.ts";
import { layoutCost, MAX_LAYOUT_COST } from "@gradviz/gradviz";
import { runProgram } from "../lessons/program.ts";
import { valueEngineLosses } from "./_lecture.ts";

const app = await createApp();

async function get(path: string) {
  const res = await app.handler(new Request(`http://localhost${path}`));
  return { res, html: await res.text() };
}

Deno.test("parseProgram() reports a '(' never closed where it opened, not where the next line fails", () => {
  const cases: [string, string][] = [
    // The program: line 3 is swallowed by the open '(' of line 2.
    ["a = 2\nb = a * (3 +\nc = b", "2:9: '(' was never closed"],
    ["a = 1\nb = ((a + 1) *\n(a\nc = 2", "3:1: '(' was never closed"],
    ["a = 1\nb = tanh(a +\n\nc = 2", "2:9: '(' was never closed"],
    // A '(' in a comment neither opens nor closes anything.
    ["a = 1\nb = (a + # )\nc = 2", "2:5: '(' was never closed"],
  ];
  for (const [source, message] of cases) {
    throws(() => parseProgram(source), { name: "SyntaxError", message });
  }
  // A bracket closed on a later line is fine, and errors inside it stay where they are.
  equal(parseProgram("x = (1 +\n 2)\ny = x*2").root.data, 6);
  throws(() => parseProgram("x = (1 +\n z)"), {
    message: "2:2: unknown name 'z'",
  });
  // On its own line, the error at the end says what is missing.
  throws(() => parseProgram("x = tanh(2"), {
    message: "1:11: expected ')', got the end of the program",
  });
  // The playground shows it at the bracket.
  deepEqual(runProgram("a = 2\nb = a * (3 +\nc = b"), {
    error: { message: "'(' was never closed", line: 2, col: 9 },
  });
});

Deno.test("layoutCost() lets chains and trees of a few hundred nodes through and still refuses x + x + … + x", () => {
  // A 30-line chain, as the issue typed it: 30 values, each from the last.
  const chain30 = "x0 = 0.5\n" +
    Array.from({ length: 30 }, (_, i) => `x${i + 1} = tanh(x${i} * 1.5 + 0.1)`)
      .join("\n");
  const run = runProgram(chain30);
  ok(!("error" in run));
  equal(run.cost, 241); // 31 values + 30 tanh + 60 ops and their constants' leaves, no virtual nodes
  ok(run.cost <= MAX_LAYOUT_COST);
  // 74 lines, 297 values: the playground's node limit, still drawn.
  const chain74 = "x0 = 0.5\n" +
    Array.from({ length: 74 }, (_, i) => `x${i + 1} = x${i} * 0.9 + 0.1`)
      .join("\n");
  const long = runProgram(chain74);
  ok(!("error" in long) && long.cost <= MAX_LAYOUT_COST, "74-line chain");
  // A balanced tree of 255 values: its node count, nothing more.
  let level = Array.from({ length: 128 }, (_, i) => new Value(i));
  while (level.length > 1) {
    level = level.flatMap((v, i) => i % 2 ? [] : [v.add(level[i + 1])]);
  }
  equal(layoutCost(level[0]), 128 + 127 * 2);
  // x used 149 times along a chain: Graphviz takes minutes, still refused.
  const tangled = runProgram("x = 1\ny = " + Array(149).fill("x").join(" + "));
  ok(!("error" in tangled));
  equal(tangled.cost, 22053);
  ok(tangled.cost > MAX_LAYOUT_COST);
});

Deno.test("every lesson's program() gives the lesson's graph numbers in the playground", () => {
  for (const lesson of [expression, neuron, neuronExp, tiny]) {
    const values = lectureValues(lesson);
    const { root, leaves } = evaluate(lesson, values);
    const { root: parsed, names } = parseProgram(lesson.program(values));
    parsed.backward();
    equal(parsed.data, root.data);
    for (const leaf of leaves) equal(names.get(leaf.name)!.grad, leaf.grad);
  }
  // Other values too, written so that they read back exactly.
  const values = { x1: 0.1 + 0.2, x2: -1e-7, w1: -3, w2: 1, b: 1 / 3 };
  const { root } = evaluate(neuron, values);
  equal(parseProgram(neuron.program(values)).root.data, root.data);
});

Deno.test("lectureRun() replays a training history with the Value engine's losses, and continues it", () => {
  const run = lectureRun(42, [{ steps: 10, rate: 0.1 }]);
  const reference = valueEngineLosses(42, 10, 0.1);
  deepEqual(run.losses.slice(0, 10), reference);
  // Continued at another rate, the history records both runs.
  run.rate.current = 0.05;
  trainLecture(run, 5);
  deepEqual(run.history, [{ steps: 10, rate: 0.1 }, { steps: 5, rate: 0.05 }]);
  const again = lectureRun(42, run.history);
  deepEqual(again.losses, run.losses);
  deepEqual(again.predictions, lectureLoss(again.model).predictions);
});

Deno.test("saturated() says when a learning rate of 1 has left every prediction at ±1", () => {
  const run = lectureRun(42, [{ steps: 100, rate: 1 }]);
  equal(run.losses[100].toFixed(6), "8.000000");
  ok(saturated(run.predictions, LECTURE_DATA.targets));
  const good = lectureRun(42, [{ steps: 100, rate: 0.1 }]);
  ok(!saturated(good.predictions, LECTURE_DATA.targets));
  ok(!saturated(lectureRun(42).predictions, LECTURE_DATA.targets));
});

Deno.test("fixed() never prints a negative zero and uses the graphs' minus sign", () => {
  equal(fixed(-0.00001), "0.0000");
  equal(fixed(-0.00005), "−0.0001");
  equal(fixed(-3), "−3.0000");
  equal(fixed(-0, 6), "0.000000");
});

Deno.test("axisLabel() keeps the loss curve's smallest loss short enough to fit", () => {
  equal(axisLabel(0.000785), "7.85e−4");
  equal(axisLabel(8), "8.00");
  ok(axisLabel(1e-300).length <= 9);
});

Deno.test("settle() clamps a number box's out-of-range number and reverts text", () => {
  const leaf = { name: "b", value: -3, min: -10, max: 10 };
  equal(settle("99", leaf, -1.5), 10);
  equal(settle("-99", leaf, -1.5), -10);
  equal(settle("x", leaf, -1.5), -1.5);
});

Deno.test("/expression reads its direction and backward step from the query", async () => {
  const { res, html } = await get(
    "/expression?a=3&b=-3&c=10&f=-2&rankdir=TB&step=7",
  );
  equal(res.status, 200);
  ok(html.includes('<output id="L-value">−2.000000</output>'));
  ok(html.includes("Step 7 of 7, node <strong>a</strong>"));
  ok(html.includes("backward() is done"));
  ok(/<button type="button" id="step" disabled/.test(html), "Next disabled");
  // Drawn top to bottom: taller than wide.
  const [, w, h] = /viewBox="0\.00 0\.00 ([\d.]+) ([\d.]+)"/.exec(html)!;
  ok(Number(h) > Number(w), `${w} × ${h}`);
  // The link to the playground carries the program with these values.
  ok(
    html.includes(
      `href="/playground?program=${
        encodeURIComponent(expression.program({ a: 3, b: -3, c: 10, f: -2 }))
      }"`,
    ),
  );
});

Deno.test("/mlp replays the training in its query and explains a saturated network", async () => {
  const { res, html } = await get("/mlp?seed=42&lr=1&view=network&train=100@1");
  equal(res.status, 200);
  ok(html.includes('<span id="step-count">100</span>'));
  ok(html.includes(">8.000000</output>"));
  ok(html.includes('id="saturation"'));
  ok(html.includes('value="1"'), "the learning rate box");
  const trained = await get("/mlp?train=20@0.1,5@0.05");
  const run = lectureRun(42, [{ steps: 20, rate: 0.1 }, {
    steps: 5,
    rate: 0.05,
  }]);
  ok(trained.html.includes('<span id="step-count">25</span>'));
  ok(trained.html.includes(`>${fixed(run.losses[25], 6)}</output>`));
  ok(!trained.html.includes('id="saturation"'));
});

Deno.test("the new query parameters answer bad input with 400 and a message", async () => {
  const cases: [string, string][] = [
    [
      "/expression?rankdir=BT",
      "Invalid query parameter rankdir: expected &quot;LR&quot; or &quot;TB&quot;, got &quot;BT&quot;",
    ],
    [
      "/expression?step=8",
      "Invalid query parameter step: 8 is out of range (from 1 to 7)",
    ],
    [
      "/expression?step=0",
      "Invalid query parameter step: 0 is out of range (from 1 to 7)",
    ],
    [
      "/expression?step=two",
      "Invalid query parameter step: &quot;two&quot; is not a non-negative integer",
    ],
    [
      "/expression?step=1&step=2",
      "Invalid query parameter step: given more than once",
    ],
    [
      "/mlp?lr=2",
      "Invalid query parameter lr: 2 is out of range (from 0.001 to 1)",
    ],
    [
      "/mlp?lr=fast",
      "Invalid query parameter lr: &quot;fast&quot; is not a number",
    ],
    [
      "/mlp?train=20",
      "Invalid query parameter train: &quot;20&quot; is not a list of steps@rate such as 20@0.1,5@0.5",
    ],
    [
      "/mlp?train=0@0.1",
      "Invalid query parameter train: &quot;0@0.1&quot; is not a list of steps@rate such as 20@0.1,5@0.5",
    ],
    [
      "/mlp?train=9000@0.1,2000@0.1",
      "Invalid query parameter train: more than 10000 steps in all",
    ],
    [
      "/mlp?train=5@7",
      "Invalid query parameter train: 7 is out of range (from 0.001 to 1)",
    ],
    [
      `/mlp?train=${Array(101).fill("1@0.1").join(",")}`,
      "Invalid query parameter train: more than 100 runs",
    ],
  ];
  for (const [path, message] of cases) {
    const { res, html } = await get(path);
    equal(res.status, 400, path);
    ok(html.includes(message), `${path}: ${message}`);
  }
});
