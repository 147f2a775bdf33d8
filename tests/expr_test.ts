import { deepEqual, equal, ok, throws } from "node:assert/strict";
import fc from "fast-check";
import { parseProgram, trace, Value } from "../mod.ts";

const LECTURE = `a = 2; b = -3; c = 10; f = -2
e = a*b
d = e + c
L = d*f`;

// A graph as plain data: each node's label, op, data and grad, and its
// children as indices, in trace order.
function shape(root: Value): unknown[] {
  const { nodes } = trace(root);
  const index = new Map(nodes.map((n, i) => [n, i]));
  return nodes.map((n) => [
    n.label,
    n.op,
    n.data,
    n.grad,
    n.children.map((c) => index.get(c)),
  ]);
}

function data(source: string): number {
  return parseProgram(source).root.data;
}

Deno.test("parseProgram() gives the lecture's L = -8 and its gradients", () => {
  const { root, names } = parseProgram(LECTURE);
  root.backward();
  equal(root, names.get("L"));
  equal(root.data, -8);
  const grads = Object.fromEntries([...names].map(([n, v]) => [n, v.grad]));
  deepEqual(grads, { a: 6, b: -4, c: -2, f: 4, e: -2, d: -2, L: 1 });
});

Deno.test("parseProgram() builds the same graph as the engine's methods", () => {
  const a = new Value(2, { label: "a" });
  const b = new Value(-3, { label: "b" });
  const c = new Value(10, { label: "c" });
  const f = new Value(-2, { label: "f" });
  const e = a.mul(b);
  e.label = "e";
  const d = e.add(c);
  d.label = "d";
  const L = d.mul(f);
  L.label = "L";
  deepEqual(shape(parseProgram(LECTURE).root), shape(L));
});

Deno.test("parseProgram() computes the lecture's tanh neuron", () => {
  const { root, names } = parseProgram(`
    # inputs x1, x2; weights w1, w2; bias b
    x1 = 2.0; x2 = 0.0
    w1 = -3.0; w2 = 1.0
    b = 6.8813735870195432
    n = x1*w1 + x2*w2 + b
    o = tanh(n)
  `);
  root.backward();
  equal(root.data.toFixed(4), "0.7071");
  const grad = (name: string) => names.get(name)!.grad.toFixed(4);
  deepEqual(
    ["x1", "w1", "x2", "w2", "n"].map(grad),
    ["-1.5000", "1.0000", "0.5000", "0.0000", "0.5000"],
  );
});

Deno.test("parseProgram() follows Python's precedence and associativity", () => {
  const cases: [string, number][] = [
    ["2 + 3 * 4", 14],
    ["(2 + 3) * 4", 20],
    ["2 - 3 - 4", -5],
    ["2 - (3 - 4)", 3],
    ["8 / 4 / 2", 1],
    ["2 ** 3 ** 2", 512],
    ["(2 ** 3) ** 2", 64],
    ["-2 ** 2", -4],
    ["(-2) ** 2", 4],
    ["2 ** -1", 0.5],
    ["- -3", 3],
    ["2 * -3", -6],
    ["-2 * 3 ** 2", -18],
    ["10 - 2 * 3 / 4", 8.5],
  ];
  for (const [source, expected] of cases) {
    equal(data(source), expected, source);
  }
  // The same with Values, and their gradients.
  const { root, names } = parseProgram("a = 2; b = 3; c = 4\nL = a - b - c");
  root.backward();
  deepEqual(
    [root.data, ...["a", "b", "c"].map((n) => names.get(n)!.grad)],
    [-5, 1, -1, -1],
  );
  equal(data("a = 2\nL = -a**2"), -4);
  equal(data("a = 2\nL = (-a)**2"), 4);
  equal(data("a = 2\nL = a**3**2"), 512);
});

Deno.test("parseProgram() reads every form of number", () => {
  const cases: [string, number][] = [
    ["3", 3],
    ["2.5", 2.5],
    [".5", 0.5],
    ["2.", 2],
    ["1e-3", 0.001],
    ["1E+2", 100],
    ["6.02e23", 6.02e23],
  ];
  for (const [source, expected] of cases) {
    equal(data(`x = ${source}`), expected, source);
  }
});

Deno.test("parseProgram() makes named numbers leaves and wraps others", () => {
  const { root, names } = parseProgram("a = 2; b = -3; n = 2*3\nL = a*3 - b");
  for (const [name, value] of [["a", 2], ["b", -3], ["n", 6]] as const) {
    const leaf = names.get(name)!;
    deepEqual([leaf.label, leaf.data, leaf.op, leaf.children], [
      name,
      value,
      "",
      [],
    ]);
  }
  // L = (a*3) + (b*-1): the 3 and the -1 are unlabelled leaves.
  const [product, negated] = root.children;
  deepEqual([root.label, root.op, product.op, negated.op], [
    "L",
    "+",
    "*",
    "*",
  ]);
  deepEqual(product.children.map((c) => [c.label, c.data]), [["a", 2], [
    "",
    3,
  ]]);
  deepEqual(negated.children.map((c) => [c.label, c.data]), [["b", -3], [
    "",
    -1,
  ]]);
});

Deno.test("parseProgram() gives operators the engine's shapes", () => {
  const a = () => new Value(5, { label: "a" });
  const b = () => new Value(2, { label: "b" });
  const cases: [string, (a: Value, b: Value) => Value][] = [
    ["a - b", (a, b) => a.sub(b)],
    ["a / b", (a, b) => a.div(b)],
    ["a - 1", (a) => a.sub(1)],
    ["a / 2", (a) => a.div(2)],
    ["2 - a", (a) => new Value(2).sub(a)],
    ["-a", (a) => a.neg()],
    ["a ** -0.5", (a) => a.pow(-0.5)],
    [
      "tanh(a) + exp(b) * log(a) / relu(b) - sigmoid(1)",
      (a, b) =>
        a.tanh().add(b.exp().mul(a.log()).div(b.relu())).sub(
          new Value(1).sigmoid(),
        ),
    ],
  ];
  for (const [expr, build] of cases) {
    const { root } = parseProgram(`a = 5; b = 2\n${expr}`);
    const expected = build(a(), b());
    root.backward();
    expected.backward();
    deepEqual(shape(root), shape(expected), expr);
  }
});

Deno.test("parseProgram() labels every assigned name and nothing else", () => {
  const { root, names } = parseProgram("x = 3\ny = tanh(x * 2)\nz = y + 1");
  deepEqual([...names.keys()], ["x", "y", "z"]);
  deepEqual(
    trace(root).nodes.map((n) => n.label),
    ["x", "", "", "y", "", "z"],
  );
});

Deno.test("parseProgram() accepts ';', blank lines, comments and CRLF", () => {
  const { root, names } = parseProgram(
    "\r\n# a comment\r\na = 2;; b = 3 # trailing\r\n\r\n;L = (a +\n  b)\r\n",
  );
  deepEqual([root.label, root.data, names.size], ["L", 5, 3]);
});

Deno.test("parseProgram() ends a line at a bare CR as at LF and CRLF", () => {
  for (const end of ["\n", "\r\n", "\r"]) {
    const { root, names } = parseProgram(
      ["a = 2", "b = 3", "L = a*b"].join(end),
    );
    deepEqual([root.label, root.data, [...names.keys()]], ["L", 6, [
      "a",
      "b",
      "L",
    ]]);
    throws(() => parseProgram(`a = 2${end}# note${end}L = a * z`), {
      name: "SyntaxError",
      message: "3:9: unknown name 'z'",
    });
  }
  // A comment ends at a bare CR too, and a bare CR inside brackets is spacing.
  equal(parseProgram("a = 2 # two\rL = (a +\r a)").root.data, 4);
});

Deno.test("parseProgram() takes a bare last expression as an unlabelled root", () => {
  const { root, names } = parseProgram("a = 2\na * 3");
  deepEqual([root.label, root.data, names.size], ["", 6, 1]);
  equal(parseProgram("2 * 3").root.data, 6);
  const alias = parseProgram("a = 2; a");
  equal(alias.root, alias.names.get("a"));
});

Deno.test("parseProgram() reports errors with their line and column", () => {
  const cases: [string, string][] = [
    ["a = 2\nL = a * z", "2:9: unknown name 'z'"],
    ["L = ", "1:5: expected an expression"],
    ["L = * 2", "1:5: expected an expression"],
    ["", "1:1: empty program"],
    ["\n # only a comment\n", "3:1: empty program"],
    [
      "a = 2\na = 3",
      "2:1: 'a' is already assigned; names cannot be reassigned",
    ],
    ["a = 2\nb = a", "2:5: 'b = a' would give one node two names"],
    ["x = foo(2)", "1:5: unknown function 'foo'"],
    ["x = tanh", "1:9: expected '(', got the end of the program"],
    ["x = tanh(2", "1:11: expected ')', got the end of the program"],
    ["tanh = 2", "1:1: 'tanh' is a function and cannot be assigned"],
    ["a = 2\nL = a ** a", "2:10: the exponent of '**' must be a number"],
    ["a = 2\nL = 2 ** a", "2:10: the exponent of '**' must be a number"],
    ["x = 1e", "1:5: malformed number '1e'"],
    ["x = 1.2.3", "1:5: malformed number '1.2.3'"],
    ["x = 2a", "1:5: malformed number '2a'"],
    ["x = 2 3", "1:7: unexpected '3': expected an operator, ';' or a new line"],
    [
      "x = (2))",
      "1:8: unexpected ')': expected an operator, ';' or a new line",
    ],
    ["x = 2 @ 3", "1:7: unexpected character '@'"],
    ["x = 2\u00a0", "1:6: unexpected character U+00A0"],
    ["2 = x", "1:1: only a name can be assigned"],
    [
      "a = 1\na + 1\nb = 2",
      "2:1: only the last statement may be an expression without a name",
    ],
    ["a = +1", "1:5: expected an expression"],
  ];
  for (const [source, message] of cases) {
    throws(
      () => parseProgram(source),
      { name: "SyntaxError", message },
      source,
    );
  }
  throws(() => parseProgram(42 as unknown as string), TypeError);
});

Deno.test("parseProgram() enforces its limits with a clear message", () => {
  throws(() => parseProgram("x = 1\n" + "1".repeat(10_000)), {
    name: "RangeError",
    message: "2:9995: program too long: the limit is 10000 characters",
  });
  throws(() => parseProgram("a = 1;b = 2;c = 3", { maxStatements: 2 }), {
    name: "RangeError",
    message: "1:13: too many statements: the limit is 2",
  });
  throws(() => parseProgram("L = " + "-".repeat(101) + "1"), {
    name: "RangeError",
    message: "1:105: nesting too deep: the limit is 100 levels",
  });
  throws(() => parseProgram("L = 2" + "**2".repeat(100)), {
    name: "RangeError",
    message: "1:305: nesting too deep: the limit is 100 levels",
  });
  throws(() => parseProgram("L = " + "tanh(".repeat(100) + "1"), {
    name: "RangeError",
  });
  parseProgram("L = " + "(".repeat(99) + "1" + ")".repeat(99));
  throws(() => parseProgram("a = 1; b = a * a * a", { maxNodes: 2 }), {
    name: "RangeError",
    message: "1:18: too many nodes: the limit is 2",
  });
});

Deno.test("parseProgram() counts exactly the nodes it creates", () => {
  const programs = [
    LECTURE,
    "a = 2; b = 3\nL = tanh(a - b / 2 * -a + 2 - b)**2 + exp(1) - log(a) / b",
    "a = 2\nL = 2 - a + 3 / a - sigmoid(relu(-a))",
  ];
  for (const source of programs) {
    const nodes = trace(parseProgram(source).root).nodes.length;
    parseProgram(source, { maxNodes: nodes });
    throws(() => parseProgram(source, { maxNodes: nodes - 1 }), RangeError);
  }
});

Deno.test("parseProgram() stops hostile input at a limit, never by crashing", () => {
  const hostile = [
    "L = " + "(".repeat(9_990),
    "L = " + "-".repeat(9_990) + "1",
    "L = 2" + "**2".repeat(3_000),
    "a = 1\n" + "a = a\n".repeat(1_600),
    "a = 1; L = a" + "*2".repeat(4_990),
    Array.from({ length: 1_500 }, (_, i) => `x${i} = ${i}`).join(";"),
    "#".repeat(20_000),
  ];
  for (const source of hostile) {
    throws(
      () => parseProgram(source),
      (e) => e instanceof SyntaxError || e instanceof RangeError,
    );
  }
});

type Ast =
  | { name: string }
  | { num: number }
  | { op: "+" | "-" | "*" | "/"; x: Ast; y: Ast }
  | { pow: Ast; k: number }
  | { neg: Ast }
  | { fn: "tanh" | "exp" | "log" | "relu" | "sigmoid"; x: Ast };

// Binding strength: 1 for + -, 2 for * /, 3 for unary minus, 4 for **, 5 for atoms.
function level(ast: Ast): number {
  if ("op" in ast) return ast.op === "+" || ast.op === "-" ? 1 : 2;
  if ("neg" in ast) return 3;
  if ("pow" in ast) return 4;
  return 5;
}

// Prints with the fewest parentheses the precedence rules allow.
function print(ast: Ast): string {
  const wrap = (a: Ast, min: number) =>
    level(a) < min ? `(${print(a)})` : print(a);
  if ("name" in ast) return ast.name;
  if ("num" in ast) return String(ast.num);
  if ("fn" in ast) return `${ast.fn}(${print(ast.x)})`;
  if ("neg" in ast) return `-${wrap(ast.neg, 3)}`;
  if ("pow" in ast) return `${wrap(ast.pow, 5)} ** ${ast.k}`;
  const p = level(ast);
  return `${wrap(ast.x, p)} ${ast.op} ${wrap(ast.y, p + 1)}`;
}

// The language's meaning, written with the engine's methods.
function build(ast: Ast, env: Record<string, Value>): number | Value {
  const value = (x: number | Value) => typeof x === "number" ? new Value(x) : x;
  if ("name" in ast) return env[ast.name];
  if ("num" in ast) return ast.num;
  if ("fn" in ast) return value(build(ast.x, env))[ast.fn]();
  if ("neg" in ast) {
    const x = build(ast.neg, env);
    return typeof x === "number" ? -x : x.neg();
  }
  if ("pow" in ast) {
    const x = build(ast.pow, env);
    return typeof x === "number" ? x ** ast.k : x.pow(ast.k);
  }
  const x = build(ast.x, env);
  const y = build(ast.y, env);
  if (typeof x === "number" && typeof y === "number") {
    return { "+": x + y, "-": x - y, "*": x * y, "/": x / y }[ast.op];
  }
  const method = ({ "+": "add", "-": "sub", "*": "mul", "/": "div" } as const)[
    ast.op
  ];
  return value(x)[method](y);
}

const { ast } = fc.letrec<{ ast: Ast }>((tie) => ({
  ast: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom("a", "b", "c").map((name) => ({ name })),
    fc.constantFrom(0, 1, 2, 0.5, 3.25).map((num) => ({ num })),
    fc.record({
      op: fc.constantFrom("+", "-", "*", "/") as fc.Arbitrary<
        "+" | "-" | "*" | "/"
      >,
      x: tie("ast"),
      y: tie("ast"),
    }),
    fc.record({ pow: tie("ast"), k: fc.constantFrom(-1, 0, 2, 3, 0.5) }),
    fc.record({ neg: tie("ast") }),
    fc.record({
      fn: fc.constantFrom(
        "tanh",
        "exp",
        "log",
        "relu",
        "sigmoid",
      ) as fc.Arbitrary<
        "tanh" | "exp" | "log" | "relu" | "sigmoid"
      >,
      x: tie("ast"),
    }),
  ),
}));

Deno.test("parseProgram() parses random expressions as the precedence rules say", () => {
  fc.assert(
    fc.property(ast, (tree) => {
      const source = `a = 2; b = -3; c = 0.5\n${print(tree)}`;
      const { root } = parseProgram(source);
      const env = {
        a: new Value(2, { label: "a" }),
        b: new Value(-3, { label: "b" }),
        c: new Value(0.5, { label: "c" }),
      };
      const built = build(tree, env);
      const expected = typeof built === "number" ? new Value(built) : built;
      root.backward();
      expected.backward();
      deepEqual(shape(root), shape(expected), source);
    }),
    { numRuns: 500 },
  );
});

const PIECES = [
  "a",
  "b",
  "x",
  "L",
  "2",
  "0.5",
  "1e-3",
  "1e",
  ".",
  "+",
  "-",
  "*",
  "/",
  "**",
  "(",
  ")",
  "=",
  ";",
  "\n",
  " ",
  "tanh",
  "exp(",
  "log",
  "foo(",
  "#c\n",
  "@",
  "\u0000",
  "é",
];
const soup = fc.tuple(
  fc.boolean(),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }),
).map(([known, parts]) => (known ? "a = 2; b = -3\n" : "") + parts.join(""));
const input = fc.oneof(soup, fc.string({ unit: "binary", maxLength: 80 }));

// Whatever the input, the result is a graph or a SyntaxError/RangeError that
// points inside the source.
function check(source: string, options = {}): Value | null {
  try {
    const { root } = parseProgram(source, options);
    ok(root instanceof Value);
    return root;
  } catch (e) {
    ok(e instanceof SyntaxError || e instanceof RangeError, String(e));
    const match = /^(\d+):(\d+): \S/.exec(e.message);
    ok(match, e.message);
    const lines = source.split(/\r\n?|\n/);
    const [line, col] = [Number(match[1]), Number(match[2])];
    ok(line >= 1 && line <= lines.length, e.message);
    ok(col >= 1 && col <= lines[line - 1].length + 1, e.message);
    return null;
  }
}

Deno.test("parseProgram() throws only SyntaxError or RangeError on random input", () => {
  fc.assert(fc.property(input, (source) => void check(source)), {
    numRuns: 3_000,
  });
});

Deno.test("parseProgram() keeps random input within tight limits", () => {
  const limits = { maxLength: 40, maxStatements: 3, maxNodes: 6, maxDepth: 4 };
  fc.assert(
    fc.property(input, (source) => {
      const root = check(source, limits);
      if (root) ok(trace(root).nodes.length <= limits.maxNodes);
    }),
    { numRuns: 3_000 },
  );
});

Deno.test("parseProgram() keeps error messages short for long names", () => {
  throws(() => parseProgram(`L = ${"x".repeat(5_000)}`), {
    message: `1:5: unknown name '${"x".repeat(24)}…'`,
  });
});
