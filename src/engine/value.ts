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

const NO_CHILDREN: readonly Value[] = Object.freeze([]);

// An operation: its symbol in graphs and its local derivatives d(out)/dx and
// d(out)/dy, given the result and the operands. One object per operation
// (not a closure per node), so a node costs two fields, not two numbers.
interface Op {
  readonly symbol: string;
  dx(out: Value, x: Value, y: Value | null): number;
  dy(out: Value, x: Value, y: Value): number;
}

function none(): number {
  return 0;
}

const LEAF: Op = { symbol: "", dx: none, dy: none };

// Traversals mark visited nodes with the current epoch instead of using a Set.
let epoch = 0;
// Scratch stacks reused by every traversal (no traversal calls back into user code).
const stack: Value[] = [];
// Set in Value's static block, where it can read the private visit marks.
let order: (root: Value) => Value[];

/**
 * Engine internals for `compile()`, which lives beside the engine: a node's
 * operands without allocating an array, and a scratch number per node, so a
 * graph can be indexed without a `Map`. The scratch number is the field
 * `backward()` counts parents in, so it is only good until the next
 * traversal. Not part of the package's API: `mod.ts` does not export it.
 *
 * @internal
 */
export interface NodeAccess {
  /** The first operand, or null for a leaf. */
  first(node: Value): Value | null;
  /** The second operand, or null for a unary operation or a leaf. */
  second(node: Value): Value | null;
  /** The node's scratch number. */
  scratch(node: Value): number;
  /** Sets the node's scratch number. */
  setScratch(node: Value, n: number): void;
}
let access: NodeAccess;

/**
 * The engine internals for `compile()`; see {@linkcode NodeAccess}.
 *
 * @internal
 */
export function nodeAccess(): NodeAccess {
  return access;
}

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
  data: number;
  /** d(root)/d(this), filled in by {@linkcode Value.prototype.backward}. */
  grad = 0;
  /** A name shown in graphs; mutable, as in the lecture's `e.label = 'e'`. */
  label: string;
  // The operation and its operands (null where absent): fields rather than
  // arrays, as backward() is the hot path and every byte is allocated per node.
  #op: Op = LEAF;
  #c0: Value | null = null;
  #c1: Value | null = null;
  // Traversal marks, from a counter bumped by each traversal (no Set needed).
  #mark = 0;
  // backward(): how many of this node's parents have yet to pass their grad down.
  #pending = 0;

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
    const label = options?.label ?? "";
    if (typeof label !== "string") {
      throw new TypeError(
        `Cannot create Value: label must be a string, got ${describe(label)}`,
      );
    }
    this.label = label;
  }

  static #node(data: number, op: Op, x: Value, y: Value | null): Value {
    const out = new Value(data);
    out.#op = op;
    out.#c0 = x;
    out.#c1 = y;
    return out;
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
    return Value.#node(this.data + o.data, Value.#ADD, this, o);
  }
  // d(x + y)/dx = 1, d(x + y)/dy = 1
  static #ADD: Op = { symbol: "+", dx: () => 1, dy: () => 1 };

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
    return Value.#node(this.data * o.data, Value.#MUL, this, o);
  }
  // d(x * y)/dx = y, d(x * y)/dy = x
  static #MUL: Op = {
    symbol: "*",
    dx: (_, __, y) => y!.data,
    dy: (_, x) => x.data,
  };

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
    return Value.#node(this.data ** exponent, Value.#pow(exponent), this, null);
  }
  // d(x**k)/dx = k * x**(k-1); one Op per exponent, the common ones cached
  static #pows = new Map<number, Op>();
  static #pow(k: number): Op {
    let op = Value.#pows.get(k);
    if (!op) {
      op = { symbol: `**${k}`, dx: (_, x) => k * x.data ** (k - 1), dy: none };
      if (Value.#pows.size < 64) Value.#pows.set(k, op);
    }
    return op;
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
    return Value.#node(Math.exp(this.data), Value.#EXP, this, null);
  }
  // d(e**x)/dx = e**x
  static #EXP: Op = { symbol: "exp", dx: (out) => out.data, dy: none };

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
    return Value.#node(Math.log(this.data), Value.#LOG, this, null);
  }
  // d(ln x)/dx = 1/x
  static #LOG: Op = { symbol: "log", dx: (_, x) => 1 / x.data, dy: none };

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
    return Value.#node(Math.tanh(this.data), Value.#TANH, this, null);
  }
  // d(tanh x)/dx = 1 - tanh(x)**2
  static #TANH: Op = {
    symbol: "tanh",
    dx: (out) => 1 - out.data * out.data,
    dy: none,
  };

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
    const x = this.data;
    return Value.#node(x > 0 ? x : 0, Value.#RELU, this, null);
  }
  // d(relu x)/dx = 1 where x > 0, else 0
  static #RELU: Op = {
    symbol: "ReLU",
    dx: (out) => (out.data > 0 ? 1 : 0),
    dy: none,
  };

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
    const x = this.data;
    const s = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    return Value.#node(s, Value.#SIGMOID, this, null);
  }
  // d(sigmoid x)/dx = sigmoid(x) * (1 - sigmoid(x))
  static #SIGMOID: Op = {
    symbol: "sigmoid",
    dx: (out) => out.data * (1 - out.data),
    dy: none,
  };

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
    const x = this.#c0, y = this.#c1, op = this.#op;
    if (x === null) return [];
    if (y === null) return [op.dx(this, x, null)];
    return [op.dx(this, x, y), op.dy(this, x, y)];
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
    return this.#op.symbol;
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
    const x = this.#c0, y = this.#c1;
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
    const mark = 2 * ++epoch;
    let sp = 0;
    stack[sp++] = this;
    this.#mark = mark;
    this.#pending = 0;
    while (sp > 0) {
      const node = stack[--sp];
      if (node.#c0 !== null) node.grad = 0;
      for (let k = 0; k < 2; k++) {
        const kid = k === 0 ? node.#c0 : node.#c1;
        if (kid === null || (k === 1 && kid === node.#c0)) continue;
        if (kid.#mark === mark) kid.#pending++;
        else {
          kid.#mark = mark;
          kid.#pending = 1;
          stack[sp++] = kid;
        }
      }
    }
    // Walk down from the root: a node passes its grad on once all its parents have.
    this.grad = 1;
    stack[sp++] = this;
    while (sp > 0) {
      const node = stack[--sp];
      const x = node.#c0;
      if (x === null) continue;
      const y = node.#c1;
      // The chain rule: d(root)/d(operand) += d(node)/d(operand) * d(root)/d(node).
      x.grad += node.#op.dx(node, x, y) * node.grad;
      if (y !== null) y.grad += node.#op.dy(node, x, y) * node.grad;
      if (--x.#pending === 0) stack[sp++] = x;
      if (y !== null && y !== x && --y.#pending === 0) stack[sp++] = y;
    }
    stack.length = 0;
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
    access = {
      first: (node) => node.#c0,
      second: (node) => node.#c1,
      scratch: (node) => node.#pending,
      setScratch: (node, n) => {
        node.#pending = n;
      },
    };
    // Iterative depth-first post-order, so graphs of any depth work: a node
    // is output once both its operands are, so children precede parents.
    order = (root: Value): Value[] => {
      const open = 2 * ++epoch; // marks: < open unseen, open entered, open + 1 done
      const done = open + 1;
      const nodes: Value[] = [];
      stack.push(root);
      while (stack.length > 0) {
        const node = stack[stack.length - 1];
        if (node.#mark < open) {
          node.#mark = open;
          const y = node.#c1;
          if (y !== null && y.#mark < open) stack.push(y);
          const x = node.#c0;
          if (x !== null && x.#mark < open) stack.push(x);
        } else {
          stack.pop();
          if (node.#mark === open) {
            node.#mark = done;
            nodes.push(node);
          }
        }
      }
      return nodes;
    };
  }
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
