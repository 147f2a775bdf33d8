/**
 * The scalar autograd engine: {@linkcode Value} and its operations.
 *
 * Each operation computes its result and, right beside it, the local
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

// Traversals mark visited nodes with the current epoch instead of using a Set.
let epoch = 0;
// Scratch stacks reused by every traversal (no traversal calls back into user code).
const stack: Value[] = [];
// Set in Value's static block, where it can read the private visit marks.
let order: (root: Value) => Value[];

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
  /** The operation that produced this value: `""` for a leaf, else `"+"`, `"*"`, `"**2"`, `"exp"`, `"log"`, `"tanh"`, `"ReLU"` or `"sigmoid"`. */
  op = "";
  // The operands (null where absent) and the local derivatives
  // d(this)/d(operand): fields rather than arrays, as backward() is the hot path.
  #c0: Value | null = null;
  #c1: Value | null = null;
  #d0 = 0;
  #d1 = 0;
  #kids: readonly Value[] | null = null;
  // Traversal marks: 2 * epoch while a node's operands are being visited, 2 * epoch + 1 once done.
  #mark = 0;

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

  // Every operation's result: its data, and beside it the local derivatives.
  static #unary(data: number, op: string, x: Value, d0: number): Value {
    const out = new Value(data);
    out.op = op;
    out.#c0 = x;
    out.#d0 = d0;
    return out;
  }

  static #binary(
    data: number,
    op: string,
    x: Value,
    y: Value,
    d0: number,
    d1: number,
  ): Value {
    const out = new Value(data);
    out.op = op;
    out.#c0 = x;
    out.#c1 = y;
    out.#d0 = d0;
    out.#d1 = d1;
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
    // d/dx (x + y) = 1, d/dy (x + y) = 1
    return Value.#binary(this.data + o.data, "+", this, o, 1, 1);
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
    // d/dx (x * y) = y, d/dy (x * y) = x
    return Value.#binary(this.data * o.data, "*", this, o, o.data, this.data);
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
    const x = this.data;
    // d/dx x**k = k * x**(k-1)
    return Value.#unary(
      x ** exponent,
      `**${exponent}`,
      this,
      exponent * x ** (exponent - 1),
    );
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
    const e = Math.exp(this.data);
    // d/dx e**x = e**x
    return Value.#unary(e, "exp", this, e);
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
    const x = this.data;
    // d/dx ln x = 1/x
    return Value.#unary(Math.log(x), "log", this, 1 / x);
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
    const t = Math.tanh(this.data);
    // d/dx tanh x = 1 - tanh(x)**2
    return Value.#unary(t, "tanh", this, 1 - t * t);
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
    const x = this.data;
    // d/dx relu x = 1 where x > 0, else 0
    return Value.#unary(x > 0 ? x : 0, "ReLU", this, x > 0 ? 1 : 0);
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
    const x = this.data;
    const s = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    // d/dx sigmoid x = sigmoid(x) * (1 - sigmoid(x))
    return Value.#unary(s, "sigmoid", this, s * (1 - s));
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
    return this.#c0 === null ? [] : this.#c1 === null ? [this.#d0] : [
      this.#d0,
      this.#d1,
    ];
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
    if (this.#kids === null) {
      this.#kids = this.#c0 === null
        ? NO_CHILDREN
        : Object.freeze(this.#c1 === null ? [this.#c0] : [this.#c0, this.#c1]);
    }
    return this.#kids;
  }

  /**
   * Back-propagates from this node: sets its `grad` to 1 and adds (`+=`)
   * d(this)/d(node) into the `grad` of every node below it, in reverse
   * topological order. Like micrograd and PyTorch, gradients accumulate:
   * calling it twice doubles the leaves' grads, so call
   * {@linkcode Value.prototype.zeroGrad} (or `Module.zeroGrad()`) between
   * steps. Iterative, so graphs of any depth work.
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
    const nodes = order(this);
    this.grad = 1;
    for (let i = nodes.length - 1; i >= 0; i--) {
      const node = nodes[i];
      const x = node.#c0;
      if (x === null) continue;
      // The chain rule: d(root)/d(operand) += d(node)/d(operand) * d(root)/d(node).
      x.grad += node.#d0 * node.grad;
      const y = node.#c1;
      if (y !== null) y.grad += node.#d1 * node.grad;
    }
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
