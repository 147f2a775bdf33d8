import { deepEqual, equal, throws } from "node:assert/strict";
import { toDot, trace, Value } from "../mod.ts";
import { lectureL } from "./_lecture.ts";

function backPropagatedL(): Value {
  const { L } = lectureL();
  L.backward();
  return L;
}

Deno.test("trace() lists every node and edge once, children first", () => {
  const a = new Value(3, { label: "a" });
  const b = new Value(4, { label: "b" });
  const s = a.add(a);
  const p = s.mul(b);
  const { nodes, edges } = trace(p);
  deepEqual(nodes, [a, s, b, p]);
  deepEqual(edges, [[a, s], [s, p], [b, p]]);
});

Deno.test("trace() is deterministic and follows operand order", () => {
  const L = backPropagatedL();
  const labels = (v: Value) => trace(v).nodes.map((n) => n.label);
  deepEqual(labels(L), ["a", "b", "e", "c", "d", "f", "L"]);
  deepEqual(labels(L), labels(L));
  deepEqual(
    trace(L).edges.map(([c, p]) => `${c.label}->${p.label}`),
    ["a->e", "b->e", "e->d", "c->d", "d->L", "f->L"],
  );
});

Deno.test("toDot() draws the lecture's L graph in draw_dot style", () => {
  equal(
    toDot(backPropagatedL()),
    `digraph {
  graph [rankdir=LR]
  node [shape=record, fontname="Arial"]
  edge [fontname="Arial"]
  n0 [id="n0", label="{ a | data 2.0000 | grad 6.0000 }"]
  n1 [id="n1", label="{ b | data −3.0000 | grad −4.0000 }"]
  n2 [id="n2", label="{ e | data −6.0000 | grad −2.0000 }"]
  n2_op [id="n2_op", label="*", shape=ellipse]
  n2_op -> n2
  n3 [id="n3", label="{ c | data 10.0000 | grad −2.0000 }"]
  n4 [id="n4", label="{ d | data 4.0000 | grad −2.0000 }"]
  n4_op [id="n4_op", label="+", shape=ellipse]
  n4_op -> n4
  n5 [id="n5", label="{ f | data −2.0000 | grad 4.0000 }"]
  n6 [id="n6", label="{ L | data −8.0000 | grad 1.0000 }"]
  n6_op [id="n6_op", label="*", shape=ellipse]
  n6_op -> n6
  n0 -> n2_op
  n1 -> n2_op
  n2 -> n4_op
  n3 -> n4_op
  n4 -> n6_op
  n5 -> n6_op
}
`,
  );
});

Deno.test("toDot() takes rankdir TB and refuses other directions", () => {
  const dot = toDot(new Value(1), { rankdir: "TB" });
  equal(dot.split("\n")[1], "  graph [rankdir=TB]");
  throws(
    // @ts-expect-error: testing a wrong value
    () => toDot(new Value(1), { rankdir: "XX" }),
    new RangeError('Cannot write DOT: rankdir must be "LR" or "TB", got "XX"'),
  );
});

Deno.test("toDot() escapes hostile labels so they stay inside their record", () => {
  const hostile = [
    '}"] evil [label="x',
    "a|b{c}<port>",
    "back\\slash\\",
    "new\nline\r\ttab",
    '\\"; n9 -> n0; "',
  ];
  for (const label of hostile) {
    const dot = toDot(new Value(1, { label }));
    const line = dot.split("\n").find((l) => l.startsWith("  n0 ["))!;
    // Exactly one statement on the line: the label string closes at the end.
    const match = line.match(/^ {2}n0 \[id="n0", label="((?:[^"\\]|\\.)*)"\]$/);
    equal(match !== null, true, `broken line: ${line}`);
    // Unescaped, the record text holds the label with controls as spaces.
    const record = match![1].replace(/\\(.)/g, "$1");
    const expected = label.replace(/[\n\r\t]/g, " ");
    equal(record, `{ ${expected} | data 1.0000 | grad 0.0000 }`);
    // Every record-special character in the label is escaped.
    const inner = match![1].slice(2, -" | data 1.0000 | grad 0.0000 }".length);
    equal(/(^|[^\\])(\\\\)*[{}|<>"]/.test(inner), false, inner);
    equal(dot.split("\n").length, 7);
  }
});

Deno.test("toDot() shows NaN and infinite values", () => {
  const dot = toDot(new Value(-1, { label: "x" }).log());
  equal(dot.includes("data NaN"), true);
});
