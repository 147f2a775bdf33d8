/**
 * A small language for typing a computation graph instead of programming it,
 * used by the CLI and the playground:
 *
 * ```text
 * a = 2; b = -3; c = 10; f = -2
 * e = a*b
 * d = e + c
 * L = d*f
 * ```
 *
 * The grammar (`#` starts a comment that runs to the end of the line):
 *
 * ```text
 * program   = statement { (newline | ";") statement }
 * statement = name "=" expr          (the last one may be a bare expr)
 * expr      = term { ("+" | "-") term }
 * term      = unary { ("*" | "/") unary }
 * unary     = "-" unary | power
 * power     = primary [ "**" unary ]  (the exponent must be a number)
 * primary   = number | name | function "(" expr ")" | "(" expr ")"
 * function  = "tanh" | "exp" | "log" | "relu" | "sigmoid"
 * ```
 *
 * So `**` binds tighter than unary minus and is right-associative, as in
 * Python: `-2**2` is -4 and `2**3**2` is 512. Numbers are written like
 * `3`, `0.5`, `.5` or `1e-3`; names are ASCII letters, digits and `_`.
 *
 * The meaning follows Python with micrograd. Numbers stay plain numbers until
 * they meet a `Value`: `2*3` is 6, `b = -3` is the leaf `b`, and `a*3` wraps
 * 3 in an unlabelled leaf. The operators call the engine's methods, so the
 * graph has the engine's shapes: `a - b` is `a + b*-1`, `a / b` is
 * `a * b**-1`. Every assigned name becomes its node's label; each name is
 * assigned once. The last statement is the root.
 *
 * @module
 */
import { Value } from "../engine/value.ts";

/** A parsed program: its root (the last statement) and its named nodes. */
export interface Program {
  /** The value of the last statement: the graph's root. */
  root: Value;
  /** Every assigned name and its node, in the order they were assigned. */
  names: Map<string, Value>;
}

/** Limits for {@linkcode parseProgram}, so that hostile input cannot exhaust anything. */
export interface ParseOptions {
  /** The longest source accepted, in UTF-16 code units; default 10,000. */
  maxLength?: number;
  /** The most statements; default 1,000. */
  maxStatements?: number;
  /** The most `Value` nodes the program may create; default 5,000. */
  maxNodes?: number;
  /** The deepest nesting of parentheses, unary minus and `**`; default 100. */
  maxDepth?: number;
}

/** What an expression evaluates to: a plain number until it meets a `Value`. */
type Operand = number | Value;

interface Token {
  kind: "number" | "name" | "op" | "end" | "eof";
  text: string;
  line: number;
  col: number;
}

const FUNCTIONS = new Set(["tanh", "exp", "log", "relu", "sigmoid"]);
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[A-Za-z_]\w*/y;
const WORD = /[\w.]*/y;

// Quotes source text for a message, cut short so that a message stays one short line.
function quote(text: string): string {
  return `'${text.length > 24 ? text.slice(0, 24) + "…" : text}'`;
}

function show(token: Token): string {
  if (token.kind === "eof") return "the end of the program";
  return token.text === "\n" ? "a new line" : quote(token.text);
}

function showChar(ch: string): string {
  return /^[\x21-\x7e]$/.test(ch)
    ? `'${ch}'`
    : `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

class Parser {
  #src: string;
  #pos = 0;
  #line = 1;
  #lineStart = 0;
  #open: Token[] = []; // the '(' tokens not yet closed
  #tok: Token;
  #ahead: Token | null = null;
  #depth = 0;
  #nodes = 0;
  #limits: Required<ParseOptions>;
  names = new Map<string, Value>();

  constructor(src: string, limits: Required<ParseOptions>) {
    this.#src = src;
    this.#limits = limits;
    this.#tok = this.#lex();
  }

  #fail(at: Token, reason: string, Err = SyntaxError): never {
    // Newlines inside parentheses are spacing, so a '(' never closed swallows
    // the lines after it and the error surfaces far away: report the '('.
    const open = Err === SyntaxError ? this.#unclosed() : undefined;
    if (open && open.line < at.line) {
      throw new SyntaxError(`${open.line}:${open.col}: '(' was never closed`);
    }
    throw new Err(`${at.line}:${at.col}: ${reason}`);
  }

  // The innermost '(' still open that no ')' in the rest of the source closes.
  #unclosed(): Token | undefined {
    let depth = this.#open.length;
    let lowest = depth;
    const src = this.#src;
    for (let i = this.#pos; i < src.length && lowest > 0; i++) {
      const ch = src[i];
      if (ch === "#") {
        while (i < src.length && src[i] !== "\n") i++;
      } else if (ch === "(") depth++;
      else if (ch === ")") lowest = Math.min(lowest, --depth);
    }
    return lowest > 0 ? this.#open[lowest - 1] : undefined;
  }

  // Reads one token; newlines inside parentheses are only spacing, as in Python.
  #lex(): Token {
    const src = this.#src;
    for (;;) {
      const ch = src[this.#pos];
      if (ch === " " || ch === "\t" || ch === "\r") this.#pos++;
      else if (ch === "#") {
        while (this.#pos < src.length && src[this.#pos] !== "\n") this.#pos++;
      } else if (ch === "\n" && this.#open.length > 0) this.#newline();
      else break;
    }
    const token: Token = {
      kind: "op",
      text: src[this.#pos] ?? "",
      line: this.#line,
      col: this.#pos - this.#lineStart + 1,
    };
    const ch = token.text;
    if (ch === "") token.kind = "eof";
    else if (ch === "\n" || ch === ";") {
      token.kind = "end";
      if (ch === "\n") this.#newline();
      else this.#pos++;
    } else if (/[\d.]/.test(ch)) {
      NUMBER.lastIndex = WORD.lastIndex = this.#pos;
      const number = NUMBER.exec(src)?.[0] ?? "";
      const word = WORD.exec(src)![0];
      if (number.length < word.length) {
        this.#fail(token, `malformed number ${quote(word)}`);
      }
      token.kind = "number";
      token.text = number;
      this.#pos += number.length;
    } else if (/[A-Za-z_]/.test(ch)) {
      NAME.lastIndex = this.#pos;
      token.kind = "name";
      token.text = NAME.exec(src)![0];
      this.#pos += token.text.length;
    } else if (src.startsWith("**", this.#pos)) {
      token.text = "**";
      this.#pos += 2;
    } else if ("+-*/()=".includes(ch)) {
      if (ch === "(") this.#open.push(token);
      if (ch === ")") this.#open.pop();
      this.#pos++;
    } else {
      this.#fail(token, `unexpected character ${showChar(ch)}`);
    }
    return token;
  }

  #newline(): void {
    this.#pos++;
    this.#line++;
    this.#lineStart = this.#pos;
  }

  #next(): Token {
    const token = this.#tok;
    this.#tok = this.#ahead ?? this.#lex();
    this.#ahead = null;
    return token;
  }

  #peek(): Token {
    return this.#ahead ??= this.#lex();
  }

  #is(text: string): boolean {
    return this.#tok.kind === "op" && this.#tok.text === text;
  }

  #atEnd(): boolean {
    return this.#tok.kind === "end" || this.#tok.kind === "eof";
  }

  #expect(text: string): void {
    if (!this.#is(text)) {
      this.#fail(this.#tok, `expected '${text}', got ${show(this.#tok)}`);
    }
    this.#next();
  }

  // Counts the nodes an operation is about to create against the limit.
  #spend(nodes: number, at: Token): void {
    this.#nodes += nodes;
    if (this.#nodes > this.#limits.maxNodes) {
      this.#fail(
        at,
        `too many nodes: the limit is ${this.#limits.maxNodes}`,
        RangeError,
      );
    }
  }

  program(): Value {
    let root: Value | null = null;
    let bare: Token | null = null; // the last statement, if it had no name
    let statements = 0;
    for (;;) {
      while (this.#tok.kind === "end") this.#next();
      if (this.#tok.kind === "eof") break;
      if (bare) {
        this.#fail(
          bare,
          "only the last statement may be an expression without a name",
        );
      }
      if (++statements > this.#limits.maxStatements) {
        this.#fail(
          this.#tok,
          `too many statements: the limit is ${this.#limits.maxStatements}`,
          RangeError,
        );
      }
      const start = this.#tok;
      if (start.kind === "name" && this.#peek().text === "=") {
        root = this.#assignment();
      } else {
        const value = this.#expr();
        if (this.#is("=")) this.#fail(start, "only a name can be assigned");
        if (typeof value === "number") this.#spend(1, start);
        root = typeof value === "number" ? new Value(value) : value;
        bare = start;
      }
      if (!this.#atEnd()) {
        this.#fail(
          this.#tok,
          `unexpected ${
            show(this.#tok)
          }: expected an operator, ';' or a new line`,
        );
      }
    }
    if (root === null) this.#fail(this.#tok, "empty program");
    return root;
  }

  #assignment(): Value {
    const target = this.#next();
    const name = target.text;
    if (FUNCTIONS.has(name)) {
      this.#fail(target, `'${name}' is a function and cannot be assigned`);
    }
    if (this.names.has(name)) {
      this.#fail(
        target,
        `${quote(name)} is already assigned; names cannot be reassigned`,
      );
    }
    this.#next(); // "="
    const start = this.#tok;
    const value = this.#expr();
    let node: Value;
    if (typeof value === "number") {
      this.#spend(1, start);
      node = new Value(value, { label: name });
    } else if (value.label !== "") {
      // Only a bare name evaluates to an already labelled node.
      this.#fail(
        start,
        `${quote(`${name} = ${value.label}`)} would give one node two names`,
      );
    } else {
      node = value;
      node.label = name;
    }
    this.names.set(name, node);
    return node;
  }

  #expr(): Operand {
    let left = this.#term();
    while (this.#is("+") || this.#is("-")) {
      const op = this.#next();
      left = this.#binary(op, left, this.#term());
    }
    return left;
  }

  #term(): Operand {
    let left = this.#unary();
    while (this.#is("*") || this.#is("/")) {
      const op = this.#next();
      left = this.#binary(op, left, this.#unary());
    }
    return left;
  }

  // Every level of nesting passes through here, so this is where depth is limited.
  #unary(): Operand {
    if (++this.#depth > this.#limits.maxDepth) {
      this.#fail(
        this.#tok,
        `nesting too deep: the limit is ${this.#limits.maxDepth} levels`,
        RangeError,
      );
    }
    let result: Operand;
    if (this.#is("-")) {
      const op = this.#next();
      const x = this.#unary();
      if (typeof x === "number") result = -x;
      else {
        this.#spend(2, op); // x * -1: a leaf and a product
        result = x.neg();
      }
    } else {
      result = this.#power();
    }
    this.#depth--;
    return result;
  }

  #power(): Operand {
    const base = this.#primary();
    if (!this.#is("**")) return base;
    const op = this.#next();
    const at = this.#tok;
    const exponent = this.#unary();
    if (typeof exponent !== "number") {
      this.#fail(at, "the exponent of '**' must be a number");
    }
    return this.#binary(op, base, exponent);
  }

  #primary(): Operand {
    const token = this.#tok;
    if (token.kind === "number") {
      this.#next();
      return Number(token.text);
    }
    if (this.#is("(")) {
      this.#next();
      const value = this.#expr();
      this.#expect(")");
      return value;
    }
    if (token.kind !== "name") this.#fail(token, "expected an expression");
    this.#next();
    const name = token.text;
    if (FUNCTIONS.has(name)) {
      this.#expect("(");
      const x = this.#expr();
      this.#expect(")");
      this.#spend(typeof x === "number" ? 2 : 1, token);
      const v = typeof x === "number" ? new Value(x) : x;
      switch (name) {
        case "tanh":
          return v.tanh();
        case "exp":
          return v.exp();
        case "log":
          return v.log();
        case "relu":
          return v.relu();
        default:
          return v.sigmoid();
      }
    }
    if (this.#is("(")) this.#fail(token, `unknown function ${quote(name)}`);
    const value = this.names.get(name);
    if (value === undefined) this.#fail(token, `unknown name ${quote(name)}`);
    return value;
  }

  // Two numbers give a number; otherwise the engine's method builds the node,
  // a number on the left first becoming a leaf.
  #binary(op: Token, x: Operand, y: Operand): Operand {
    if (typeof x === "number" && typeof y === "number") {
      switch (op.text) {
        case "+":
          return x + y;
        case "-":
          return x - y;
        case "*":
          return x * y;
        case "/":
          return x / y;
        default:
          return x ** y;
      }
    }
    // The nodes each method creates: the result, plus a leaf for a number
    // operand; `x - y` also negates y (a -1 leaf and a product); `x / y` adds y**-1.
    let nodes = typeof x === "number" ? 2 : 1;
    if (op.text === "-" && typeof y !== "number") nodes += 2;
    else if (op.text !== "**" && (typeof y === "number" || op.text === "/")) {
      nodes += 1;
    }
    this.#spend(nodes, op);
    const v = typeof x === "number" ? new Value(x) : x;
    switch (op.text) {
      case "+":
        return v.add(y);
      case "-":
        return v.sub(y);
      case "*":
        return v.mul(y);
      case "/":
        return v.div(y);
      default:
        return v.pow(y as number);
    }
  }
}

/**
 * Parses and runs a program, building its `Value` graph. Gradients are not
 * computed: call `root.backward()` for them.
 *
 * Lines end with `\n`, `\r\n` or a bare `\r`. Errors carry the 1-based
 * line and column where they were found:
 * `2:7: unknown name 'z'`. Each name can be assigned only once, so each label
 * names one node.
 *
 * @example The lecture's expression
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { parseProgram } from "@gradviz/gradviz";
 *
 * const { root, names } = parseProgram(`
 * a = 2; b = -3; c = 10; f = -2
 * e = a*b
 * d = e + c
 * L = d*f`);
 * root.backward();
 * deepEqual([root.label, root.data], ["L", -8]);
 * deepEqual(["a", "b", "c", "f"].map((n) => names.get(n)!.grad), [6, -4, -2, 4]);
 * ```
 *
 * @example Errors
 * ```ts
 * import { throws } from "node:assert/strict";
 * import { parseProgram } from "@gradviz/gradviz";
 *
 * throws(() => parseProgram("a = 2\nL = a * z"), {
 *   name: "SyntaxError",
 *   message: "2:9: unknown name 'z'",
 * });
 * throws(() => parseProgram("L = " + "(".repeat(200) + "1"), {
 *   name: "RangeError",
 *   message: "1:105: nesting too deep: the limit is 100 levels",
 * });
 * ```
 *
 * @param source The program text.
 * @param options Limits; the defaults suit programs typed by a person.
 * @returns The root (the last statement's value) and the named nodes.
 * @throws {SyntaxError} `LINE:COL: reason` if the program is malformed or empty.
 * @throws {RangeError} `LINE:COL: reason` if the program exceeds a limit.
 */
export function parseProgram(
  source: string,
  options: ParseOptions = {},
): Program {
  if (typeof source !== "string") {
    throw new TypeError("Cannot parse program: source must be a string");
  }
  // "\r\n", a bare "\r" and "\n" all end a line.
  source = source.replace(/\r\n?/g, "\n");
  const limits: Required<ParseOptions> = {
    maxLength: options.maxLength ?? 10_000,
    maxStatements: options.maxStatements ?? 1_000,
    maxNodes: options.maxNodes ?? 5_000,
    maxDepth: options.maxDepth ?? 100,
  };
  if (source.length > limits.maxLength) {
    const before = source.slice(0, limits.maxLength);
    const line = before.split("\n").length;
    const col = limits.maxLength - before.lastIndexOf("\n");
    throw new RangeError(
      `${line}:${col}: program too long: the limit is ${limits.maxLength} characters`,
    );
  }
  const parser = new Parser(source, limits);
  const root = parser.program();
  return { root, names: parser.names };
}
