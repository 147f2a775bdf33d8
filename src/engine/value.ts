/**
 * The scalar autograd engine: {@linkcode Value} and its operations.
 *
 * Each operation computes its result and, right beside it, declares the local
 * derivative of the result with respect to each operand. `backward()` then
 * only has to apply the chain rule: `child.grad += local * node.grad`.
 *
 * @module
 */

/** Options for {@linkcode Value}'s constructor. */
export interface ValueOptions {
  /** A name shown in graphs, as in the lecture's `Value(2.0, label='a')`. */
  label?: string;
}

/**
 * The operation that made a node, as a number: what
 * {@linkcode Value.prototype.code} returns and {@linkcode tape} records, so
 * that code walking a graph switches on a number rather than on
 * {@linkcode Value.prototype.op}'s symbol.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { OpCode, Value } from "@gradviz/gradviz";
 *
 * const a = new Value(2);
 * deepEqual([a.code, a.mul(3).code, a.tanh().code], [OpCode.Leaf, OpCode.Mul, OpCode.Tanh]);
 * ```
 */
export enum OpCode {
  /** A leaf: no operation. */
  Leaf = 0,
  /** `x + y`. */
  Add = 1,
  /** `x * y`. */
  Mul = 2,
  /** `x ** k` for a constant `k` ({@linkcode Value.prototype.exponent}). */
  Pow = 3,
  /** `e ** x`. */
  Exp = 4,
  /** `ln x`. */
  Log = 5,
  /** `tanh x`. */
  Tanh = 6,
  /** `max(0, x)`. */
  ReLU = 7,
  /** `1 / (1 + e ** -x)`. */
  Sigmoid = 8,
}

const LEAF = OpCode.Leaf, ADD = OpCode.Add, MUL = OpCode.Mul;
const POW = OpCode.Pow, EXP = OpCode.Exp, LOG = OpCode.Log;
const TANH = OpCode.Tanh, RELU = OpCode.ReLU, SIGMOID = OpCode.Sigmoid;

// Each operation's math, written once: its result and, right beside it, the
// local derivatives of the result with respect to its operands, from the
// operands' data `x` and `y` (for `**`, `y` is the exponent) and the result
// `out`, each taking only the arguments it reads. Value's methods compute with these, backward() multiplies by
// them, and compile()'s replay (src/replay/compile.ts) calls the same
// functions, so the engine and its replay agree bit for bit.

/** `x + y`. */
export function addOut(x: number, y: number): number {
  return x + y;
}
/** d(x + y)/dx = 1. */
export function addDx(): number {
  return 1;
}
/** d(x + y)/dy = 1. */
export function addDy(): number {
  return 1;
}

/** `x * y`. */
export function mulOut(x: number, y: number): number {
  return x * y;
}
/** d(x * y)/dx = y. */
export function mulDx(_x: number, y: number): number {
  return y;
}
/** d(x * y)/dy = x. */
export function mulDy(x: number, _y: number): number {
  return x;
}

/** `x ** k`. */
export function powOut(x: number, k: number): number {
  return x ** k;
}
/** d(x ** k)/dx = k * x ** (k - 1). */
export function powDx(x: number, k: number): number {
  return k * x ** (k - 1);
}

/** `e ** x`. */
export function expOut(x: number): number {
  return Math.exp(x);
}
/** d(e ** x)/dx = e ** x, the result. */
export function expDx(_x: number, _y: number, out: number): number {
  return out;
}

/** `ln x`: NaN below zero, as in PyTorch. */
export function logOut(x: number): number {
  return Math.log(x);
}
/** d(ln x)/dx = 1 / x. */
export function logDx(x: number): number {
  return 1 / x;
}

/** `tanh x` (`Math.tanh`, finite for any input). */
export function tanhOut(x: number): number {
  return Math.tanh(x);
}
/** d(tanh x)/dx = 1 - tanh(x) ** 2. */
export function tanhDx(_x: number, _y: number, out: number): number {
  return 1 - out * out;
}

/** `max(0, x)`. */
export function reluOut(x: number): number {
  return x > 0 ? x : 0;
}
/** d(relu x)/dx = 1 where x > 0, else 0 (0 at 0, as in micrograd and PyTorch). */
export function reluDx(_x: number, _y: number, out: number): number {
  return out > 0 ? 1 : 0;
}

/** `1 / (1 + e ** -x)`, computed so that it stays finite. */
export function sigmoidOut(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}
/** d(sigmoid x)/dx = sigmoid(x) * (1 - sigmoid(x)). */
export function sigmoidDx(_x: number, _y: number, out: number): number {
  return out * (1 - out);
}

// The symbols graphs show, by op code (`**k` is built from the exponent).
const SYMBOLS = ["", "+", "*", "**", "exp", "log", "tanh", "ReLU", "sigmoid"];

const NO_CHILDREN: readonly Value[] = Object.freeze([]);

// A leaf keeps its label in its unused second-operand field; the labels of
// inner nodes (the lecture names a few) and the exponents of `**k` are rare,
// so they live beside the nodes, not in them: every node is two fields smaller.
const labels = new WeakMap<Value, string>();
const exponents = new WeakMap<Value, number>();

// Scratch stack reused by every traversal (no traversal calls back into
// user code), emptied after each so that it holds no graph alive.
const stack: Value[] = [];
function release(): void {
  stack.length = 0;
}
// Set in Value's static block, where they can read the private fields.
let order: (root: Value) => Value[];
let record: (root: Value) => Tape;

function describe(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "an array";
  if (typeof x === "object") {
    const name = (x as object).constructor?.name;
    return name && name !== "Object" ? `a ${name}` : "an object";
  }
  return typeof x === "string" ? `the string ${JSON.stringify(x)}` : typeof x;
}

function operand(x: Value | number, what: string): Value {
  if (x instanceof Value) return x;
  if (typeof x === "number") return new Value(x);
  throw new TypeError(
    `Cannot ${what}: operand must be a Value or a number, got ${describe(x)}`,
  );
}

/**
 * A scalar in a computation graph: its `data`, the `grad` of the root with
 * respect to it, and the operation and operands (`children`) that made it.
 *
 * @example The lecture's first graph
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { Value } from "@gradviz/gradviz";
 *
 * const a = new Value(2.0, { label: "a" });
 * const b = new Value(-3.0, { label: "b" });
 * const c = new Value(10.0, { label: "c" });
 * const f = new Value(-2.0, { label: "f" });
 * const L = a.mul(b).add(c).mul(f);
 * L.backward();
 * deepEqual(String(L), "Value(data=-8)");
 * deepEqual([a.grad, b.grad, c.grad, f.grad], [6, -4, -2, 4]);
 * ```
 */
export class Value {
  /** The value computed by the forward pass. */
  declare data: number;
  /** d(root)/d(this), filled in by {@linkcode Value.prototype.backward}. */
  declare grad: number;
  // The operation's code in the low 4 bits and, above them, traversal
  // scratch (0 between traversals: backward() counts in it how many of this
  // node's parents have yet to pass their grad down, and every traversal
  // leaves it at 0 again). One field rather than two: every byte is
  // allocated per node.
  #k: number;
  // The operands (null where absent): fields rather than an array, as
  // backward() is the hot path. A leaf has none, and keeps its label (or
  // null) in #c1.
  #c0: Value | null;
  #c1: Value | string | null;

  /**
   * Creates a leaf.
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { Value } from "@gradviz/gradviz";
   *
   * const a = new Value(2, { label: "a" });
   * deepEqual([a.data, a.grad, a.label, a.op], [2, 0, "a", ""]);
   * ```
   *
   * @param data The leaf's value.
   * @param options A label for graphs.
   * @throws {TypeError} If `data` is not a number or the label not a string.
   */
  constructor(data: number, options?: ValueOptions) {
    if (typeof data !== "number") {
      throw new TypeError(
        `Cannot create Value: data must be a number, got ${describe(data)}`,
      );
    }
    this.data = data;
    this.grad = 0;
    this.#k = LEAF;
    this.#c0 = null;
    this.#c1 = null;
    if (options !== undefined) {
      const label = options?.label ?? "";
      if (typeof label !== "string") {
        throw new TypeError(
          `Cannot create Value: label must be a string, got ${describe(label)}`,
        );
      }
      if (label !== "") this.#c1 = label;
    }
  }

  static #node(data: number, code: OpCode, x: Value, y: Value | null): Value {
    const out = new Value(data);
    out.#k = code;
    out.#c0 = x;
    out.#c1 = y;
    return out;
  }

  /** A name shown in graphs; mutable, as in the lecture's `e.label = 'e'`. */
  get label(): string {
    if (this.#c0 === null) return (this.#c1 as string | null) ?? "";
    return labels.get(this) ?? "";
  }
  set label(label: string) {
    if (this.#c0 === null) this.#c1 = label === "" ? null : label;
    else if (label === "") labels.delete(this);
    else labels.set(this, label);
  }

  /**
   * `this + other`.
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { Value } from "@gradviz/gradviz";
   *
   * deepEqual(new Value(2).add(3).data, 5);
   * ```
   */
  add(other: Value | number): Value {
    const o = operand(other, "add");
    return Value.#node(addOut(this.data, o.data), ADD, this, o);
  }

  /**
   * `this * other`.
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { Value } from "@gradviz/gradviz";
   *
   * deepEqual(new Value(2).mul(-3).data, -6);
   * ```
   */
  mul(other: Value | number): Value {
    const o = operand(other, "multiply");
    return Value.#node(mulOut(this.data, o.data), MUL, this, o);
  }

  /**
   * `this ** exponent` for a constant exponent; the op is shown as `**2`.
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { Value } from "@gradviz/gradviz";
   *
   * const x = new Value(3);
   * const y = x.pow(2);
   * y.backward();
   * deepEqual([y.op, y.data, x.grad], ["**2", 9, 6]);
   * ```
   *
   * @throws {TypeError} If the exponent is not a number (a `Value` exponent is not supported, as in micrograd).
   */
  pow(exponent: number): Value {
    if (typeof exponent !== "number") {
      throw new TypeError(
        `Cannot raise value to a power: exponent must be a number, got ${
          describe(exponent)
        }`,
      );
    }
    const out = Value.#node(powOut(this.data, exponent), POW, this, null);
    exponents.set(out, exponent);
    return out;
  }

  /**
   * `-this`, built as `this * -1` like micrograd.
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { Value } from "@gradviz/gradviz";
   *
   * const y = new Value(2).neg();
   * deepEqual([y.data, y.op, y.children[1].data], [-2, "*", -1]);
   * ```
   */
  neg(): Value {
    return this.mul(-1);
  }

  /**
   * `this - other`, built as `this + (-other)`; a number operand is negated
   * before it is wrapped, so `e.sub(1)` adds a `-1` leaf.
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { Value } from "@gradviz/gradviz";
   *
   * const y = new Value(5).sub(1);
   * deepEqual([y.data, y.op, y.children[1].data], [4, "+", -1]);
   * ```
   */
  sub(other: Value | number): Value {
    if (typeof other === "number") return this.add(-other);
    return this.add(operand(other, "subtract").neg());
  }

  /**
   * `this / other`, built as `this * other**-1`; a number operand is inverted
   * before it is wrapped.
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { Value } from "@gradviz/gradviz";
   *
   * deepEqual(new Value(3).div(new Value(4)).data, 0.75);
   * deepEqual(new Value(3).div(2).children[1].data, 0.5);
   * ```
   */
  div(other: Value | number): Value {
    if (typeof other === "number") return this.mul(1 / other);
    return this.mul(operand(other, "divide").pow(-1));
  }

  /**
   * `e ** this`.
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { Value } from "@gradviz/gradviz";
   *
   * deepEqual(new Value(0).exp().data, 1);
   * ```
   */
  exp(): Value {
    return Value.#node(expOut(this.data), EXP, this, null);
  }

  /**
   * The natural logarithm; NaN below zero, as in PyTorch.
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { Value } from "@gradviz/gradviz";
   *
   * deepEqual(new Value(1).log().data, 0);
   * deepEqual(new Value(-1).log().data, NaN);
   * ```
   */
  log(): Value {
    return Value.#node(logOut(this.data), LOG, this, null);
  }

  /**
   * The hyperbolic tangent (`Math.tanh`, finite for any input).
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { Value } from "@gradviz/gradviz";
   *
   * deepEqual(new Value(1000).tanh().data, 1);
   * ```
   */
  tanh(): Value {
    return Value.#node(tanhOut(this.data), TANH, this, null);
  }

  /**
   * `max(0, this)`; its gradient at 0 is 0, as in micrograd and PyTorch.
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { Value } from "@gradviz/gradviz";
   *
   * deepEqual([new Value(-2).relu().data, new Value(2).relu().data], [0, 2]);
   * ```
   */
  relu(): Value {
    return Value.#node(reluOut(this.data), RELU, this, null);
  }

  /**
   * The logistic function `1 / (1 + e**-this)`.
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { Value } from "@gradviz/gradviz";
   *
   * deepEqual(new Value(0).sigmoid().data, 0.5);
   * ```
   */
  sigmoid(): Value {
    return Value.#node(sigmoidOut(this.data), SIGMOID, this, null);
  }

  // The local derivative d(node)/d(operand) of operand 0 (x) or 1 (y), from
  // the math beside each op above.
  static #local(node: Value, which: 0 | 1): number {
    const out = node.data, x = node.#c0!.data;
    const y = node.#c1 === null ? 0 : (node.#c1 as Value).data;
    switch (node.#k) {
      case ADD:
        return which === 0 ? addDx() : addDy();
      case MUL:
        return which === 0 ? mulDx(x, y) : mulDy(x, y);
      case POW:
        return powDx(x, exponents.get(node)!);
      case EXP:
        return expDx(x, y, out);
      case LOG:
        return logDx(x);
      case TANH:
        return tanhDx(x, y, out);
      case RELU:
        return reluDx(x, y, out);
      default:
        return sigmoidDx(x, y, out);
    }
  }

  /**
   * The local derivatives of this node with respect to each of its
   * `children`, in order: the factor the chain rule multiplies the upstream
   * gradient by. Empty for a leaf.
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { Value } from "@gradviz/gradviz";
   *
   * deepEqual(new Value(2).mul(-3).localGrads, [-3, 2]);
   * ```
   */
  get localGrads(): number[] {
    if (this.#c0 === null) return [];
    if (this.#c1 === null) return [Value.#local(this, 0)];
    return [Value.#local(this, 0), Value.#local(this, 1)];
  }

  /**
   * The operation that produced this value: `""` for a leaf, else `"+"`,
   * `"*"`, `"**2"` (any exponent), `"exp"`, `"log"`, `"tanh"`, `"ReLU"` or
   * `"sigmoid"`.
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { Value } from "@gradviz/gradviz";
   *
   * const a = new Value(2);
   * deepEqual([a.op, a.mul(a).op, a.pow(2).op, a.relu().op], ["", "*", "**2", "ReLU"]);
   * ```
   */
  get op(): string {
    const code = this.#k;
    return code === POW ? `**${exponents.get(this)}` : SYMBOLS[code];
  }

  /**
   * The operation that produced this value as an {@linkcode OpCode}
   * (`OpCode.Leaf`, 0, for a leaf): {@linkcode Value.prototype.op} as a number.
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { OpCode, Value } from "@gradviz/gradviz";
   *
   * const a = new Value(2);
   * deepEqual([a.code, a.add(1).code, a.pow(2).code], [OpCode.Leaf, OpCode.Add, OpCode.Pow]);
   * ```
   */
  get code(): OpCode {
    return this.#k;
  }

  /**
   * The constant exponent `k` of a `**k` node ({@linkcode Value.prototype.pow}); NaN for any other node.
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { Value } from "@gradviz/gradviz";
   *
   * const a = new Value(2);
   * deepEqual([a.pow(-0.5).exponent, a.exponent], [-0.5, NaN]);
   * ```
   */
  get exponent(): number {
    return this.#k === POW ? exponents.get(this)! : NaN;
  }

  /**
   * The operands of {@linkcode Value.op}, in order (empty for a leaf).
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { Value } from "@gradviz/gradviz";
   *
   * const a = new Value(2);
   * const b = new Value(3);
   * deepEqual(a.mul(b).children, [a, b]);
   * deepEqual(a.children, []);
   * ```
   */
  get children(): readonly Value[] {
    const x = this.#c0, y = this.#c1 as Value | null;
    if (x === null) return NO_CHILDREN;
    return Object.freeze(y === null ? [x] : [x, y]);
  }

  /**
   * Back-propagates from this node: sets its `grad` to 1 and, in reverse
   * topological order, adds (`+=`) d(this)/d(leaf) into the `grad` of every
   * leaf below it. As in PyTorch, leaves accumulate: calling it twice doubles
   * their grads (call {@linkcode Value.prototype.zeroGrad} or
   * `Module.zeroGrad()` between training steps), while every inner node's
   * `grad` is recomputed, so it always shows d(this)/d(node) for the graph
   * drawn. For a single call this is exactly micrograd's `backward()`.
   * Iterative, so graphs of any depth work.
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { Value } from "@gradviz/gradviz";
   *
   * const a = new Value(3);
   * const b = a.add(a);
   * b.backward();
   * deepEqual(a.grad, 2);
   * b.backward(); // accumulates
   * deepEqual(a.grad, 4);
   * ```
   */
  backward(): void {
    // Count each node's parents in this graph, zeroing inner nodes' grads.
    Value.#countParents(this, true);
    let sp = 0;
    // Walk down from the root: a node passes its grad on once all its
    // parents have (then its count is 0, and #k its op code). Leaves are
    // never pushed: they pass nothing on.
    this.grad = 1;
    if (this.#c0 === null) return;
    stack[sp++] = this;
    while (sp > 0) {
      const node = stack[--sp];
      const x = node.#c0!, y = node.#c1 as Value | null;
      const g = node.grad, out = node.data, xd = x.data;
      // The chain rule: d(root)/d(operand) += d(node)/d(operand) * d(root)/d(node),
      // with each op's local derivatives from beside its forward code.
      switch (node.#k) {
        case ADD: {
          x.grad += addDx() * g;
          y!.grad += addDy() * g;
          break;
        }
        case MUL: {
          const yd = y!.data;
          x.grad += mulDx(xd, yd) * g;
          y!.grad += mulDy(xd, yd) * g;
          break;
        }
        case POW:
          x.grad += powDx(xd, exponents.get(node)!) * g;
          break;
        case EXP:
          x.grad += expDx(xd, 0, out) * g;
          break;
        case LOG:
          x.grad += logDx(xd) * g;
          break;
        case TANH:
          x.grad += tanhDx(xd, 0, out) * g;
          break;
        case RELU:
          x.grad += reluDx(xd, 0, out) * g;
          break;
        case SIGMOID:
          x.grad += sigmoidDx(xd, 0, out) * g;
          break;
      }
      if (x.#c0 !== null && (x.#k -= 16) < 16) stack[sp++] = x;
      if (
        y !== null && y !== x && y.#c0 !== null && (y.#k -= 16) < 16
      ) stack[sp++] = y;
    }
    release();
  }

  // Counts in each node's #k how many parents it has below `root` (leaves
  // too, with `leaves`), and returns how many nodes it counted, with the
  // stack empty. With `zero`, sets inner nodes' grads to 0 on the way. The
  // caller's Kahn walk from the root brings every count back to 0.
  static #countParents(root: Value, zero: boolean, leaves = false): number {
    let sp = 0, n = 1;
    if (root.#c0 === null) return n;
    stack[sp++] = root;
    while (sp > 0) {
      const node = stack[--sp];
      const x = node.#c0, y = node.#c1 as Value | null;
      if (x === null) continue; // a leaf, counted
      if (zero) node.grad = 0;
      if (leaves || x.#c0 !== null) {
        if ((x.#k += 16) < 32) {
          stack[sp++] = x;
          n++;
        }
      }
      if (y !== null && y !== x && (leaves || y.#c0 !== null)) {
        if ((y.#k += 16) < 32) {
          stack[sp++] = y;
          n++;
        }
      }
    }
    return n;
  }

  /**
   * Sets the `grad` of this node and of every node below it to 0.
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { Value } from "@gradviz/gradviz";
   *
   * const a = new Value(3);
   * const b = a.mul(a);
   * b.backward();
   * b.zeroGrad();
   * deepEqual([a.grad, b.grad], [0, 0]);
   * ```
   */
  zeroGrad(): void {
    for (const node of order(this)) node.grad = 0;
  }

  /**
   * `Value(data=…)`, as the lecture prints it.
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { Value } from "@gradviz/gradviz";
   *
   * deepEqual(String(new Value(-8)), "Value(data=-8)");
   * ```
   */
  toString(): string {
    return `Value(data=${this.data})`;
  }

  static {
    // Iterative depth-first post-order, so graphs of any depth work: a node
    // is output once both its operands are, so children precede parents.
    // #k gains 16 once a node is entered and 32 once it is output, then
    // goes back to its op code.
    order = (root: Value): Value[] => {
      const nodes: Value[] = [];
      let sp = 0;
      stack[sp++] = root;
      while (sp > 0) {
        const node = stack[sp - 1];
        if (node.#k < 16) {
          node.#k += 16;
          const x = node.#c0;
          if (x !== null) {
            const y = node.#c1 as Value | null;
            if (y !== null && y.#k < 16) stack[sp++] = y;
            if (x.#k < 16) stack[sp++] = x;
          }
        } else {
          sp--;
          if (node.#k < 32) {
            node.#k += 16;
            nodes.push(node);
          }
        }
      }
      for (let i = 0; i < nodes.length; i++) nodes[i].#k &= 15;
      release();
      return nodes;
    };

    // The walk of backward(), recorded: nodes in the reverse of the order
    // backward() visits them, with their op codes and operand positions.
    record = (root: Value): Tape => {
      const n = Value.#countParents(root, false, true);
      // Kahn's walk from the root, as backward() does, leaves included: each
      // node popped takes the last free position t, and keeps t + 1 above
      // its op code so that its parents can find it.
      const nodes = new Array<Value>(n);
      let sp = 0, t = n;
      stack[sp++] = root;
      while (sp > 0) {
        const node = stack[--sp];
        nodes[--t] = node;
        node.#k += 16 * (t + 1);
        const x = node.#c0;
        if (x === null) continue;
        const y = node.#c1 as Value | null;
        if ((x.#k -= 16) < 16) stack[sp++] = x;
        if (y !== null && y !== x && (y.#k -= 16) < 16) stack[sp++] = y;
      }
      release();
      // Root first, so each node still finds its operands' positions while
      // every #k goes back to the op code.
      const codes = new Uint8Array(n);
      const first = new Int32Array(n);
      const second = new Int32Array(n);
      for (let t = n - 1; t >= 0; t--) {
        const node = nodes[t];
        const code = node.#k & 15;
        codes[t] = code;
        const x = node.#c0, y = x === null ? null : node.#c1 as Value | null;
        first[t] = x === null ? -1 : (x.#k >> 4) - 1;
        second[t] = y === null ? -1 : (y.#k >> 4) - 1;
        node.#k = code;
      }
      return { nodes, codes, first, second };
    };
  }
}

{
  // Settles V8's layout of a Value at load, on a few nodes, rather than on the
  // first big graph: a field first given an integer is stored as one, and
  // the first fraction stored in it changes the layout of every live Value
  // (a big graph's first backward() took seconds, not tenths of a second,
  // to convert millions of them). So: fractional data and grads, and one
  // backward() through a few ops.
  const a = new Value(0.5);
  a.grad = 0.5;
  a.mul(new Value(1.5)).add(a).tanh().backward();
}

/**
 * A graph as flat arrays, as {@linkcode tape} records it: position `t` holds
 * `nodes[t]`, its op code and its operands' positions.
 */
export interface Tape {
  /** Every node once, children before parents, the root last. */
  nodes: Value[];
  /** Each node's {@linkcode OpCode}. */
  codes: Uint8Array;
  /** The position of each node's first operand, or -1 for a leaf. */
  first: Int32Array;
  /** The position of each node's second operand, or -1 for a leaf or a unary op. */
  second: Int32Array;
}

/**
 * Records the graph below `root` as a {@linkcode Tape}: every node once, in
 * the reverse of the order `backward()` visits them (so children come before
 * parents and the root last), with each node's op code and its operands'
 * positions. Summing gradients in this order, from the root down, gives
 * `backward()`'s numbers bit for bit; `compile()` replays it.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { OpCode, tape, Value } from "@gradviz/gradviz";
 *
 * const a = new Value(2), b = new Value(3);
 * const c = a.mul(b).tanh();
 * const t = tape(c);
 * deepEqual(t.nodes.map((n) => n.op), ["", "", "*", "tanh"]);
 * deepEqual([...t.codes], [OpCode.Leaf, OpCode.Leaf, OpCode.Mul, OpCode.Tanh]);
 * deepEqual([...t.first], [-1, -1, 0, 2]);
 * deepEqual([...t.second], [-1, -1, 1, -1]);
 * ```
 *
 * @throws {TypeError} If `root` is not a `Value`.
 */
export function tape(root: Value): Tape {
  if (!(root instanceof Value)) {
    throw new TypeError(
      `Cannot record graph: root must be a Value, got ${describe(root)}`,
    );
  }
  return record(root);
}

/**
 * Every node reachable from `root`, each once, children before parents
 * (operands in order, depth first): the order `backward()` walks in reverse.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { topologicalOrder, Value } from "@gradviz/gradviz";
 *
 * const a = new Value(2, { label: "a" });
 * const b = a.mul(a);
 * deepEqual(topologicalOrder(b), [a, b]);
 * ```
 */
export function topologicalOrder(root: Value): Value[] {
  if (!(root instanceof Value)) {
    throw new TypeError(
      `Cannot order graph: root must be a Value, got ${describe(root)}`,
    );
  }
  return order(root);
}
