/**
 * Compiled graphs: {@linkcode compile} records a graph of {@linkcode Value}s
 * once into flat typed arrays, then replays its forward and backward passes
 * without allocating, bit for bit as the `Value` engine computes them.
 *
 * @module
 */
import { nodeAccess, topologicalOrder, Value } from "../engine/value.ts";

const { first, second, scratch, setScratch } = nodeAccess();

// Op codes, one per operation of the engine, plus MUL_ADD: a `*` whose
// result is the second operand of the `+` in the next slot (a neuron's
// `act + w * x`), run as one step.
const LEAF = 0;
const ADD = 1;
const MUL = 2;
const POW = 3;
const EXP = 4;
const LOG = 5;
const TANH = 6;
const RELU = 7;
const SIGMOID = 8;
const MUL_ADD = 9;

// The op code of an op string, or -1 (a switch: a Map lookup costs more here).
function opCode(op: string): number {
  switch (op) {
    case "":
      return LEAF;
    case "+":
      return ADD;
    case "*":
      return MUL;
    case "exp":
      return EXP;
    case "log":
      return LOG;
    case "tanh":
      return TANH;
    case "ReLU":
      return RELU;
    case "sigmoid":
      return SIGMOID;
    default:
      return -1;
  }
}

function nodeName(node: Value): string {
  return node.label === ""
    ? "an unlabelled node"
    : `node ${JSON.stringify(node.label)}`;
}

/**
 * A graph of {@linkcode Value}s recorded by {@linkcode compile}. Every node
 * has a slot in flat typed arrays (leaves first, then operations in
 * topological order), and {@linkcode CompiledGraph.prototype.forward} and
 * {@linkcode CompiledGraph.prototype.backward} replay the graph on those
 * arrays. The results equal the `Value` engine's bit for bit: each op runs
 * the same floating-point operations, and each gradient sums its terms in
 * the order `Value.prototype.backward()` does.
 *
 * The structure is fixed at compile time: change leaves with
 * {@linkcode CompiledGraph.prototype.set} (or, fastest, by writing
 * {@linkcode CompiledGraph.prototype.values} at a leaf's
 * {@linkcode CompiledGraph.prototype.slot}), never the shape.
 *
 * @example Replaying the lecture's neuron for new inputs
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { compile, Value } from "@gradviz/gradviz";
 *
 * const x = new Value(2, { label: "x" });
 * const w = new Value(-3, { label: "w" });
 * const b = new Value(6.8813735870195432, { label: "b" });
 * const o = x.mul(w).add(b).tanh();
 * const g = compile(o);
 * g.backward();
 * equal(g.grad(w).toFixed(4), "1.0000");
 * g.set(x, 0);
 * g.forward();
 * equal(g.data(o), Math.tanh(6.8813735870195432));
 * ```
 */
export class CompiledGraph {
  /** The recorded nodes, indexed by slot: leaves first, then operations, each after its operands. */
  readonly nodes: readonly Value[];
  /** Every node's value, indexed by slot. Writing a leaf's slot is the fast way to set it. */
  readonly values: Float64Array;
  /** Every node's gradient d(root)/d(node), indexed by slot, as of the last `backward()`. */
  readonly grads: Float64Array;
  /** The number of leaves: slots `0 … leafCount - 1` hold leaves, the rest operations. */
  readonly leafCount: number;
  /** The root's slot: the last one. */
  readonly rootSlot: number;
  // Per slot: the op code, the operands' slots (a missing operand points at
  // a write-only scratch slot past the end), the exponent of `**k`, and the
  // local derivatives d(node)/d(operand) that forward() stores for backward().
  #ops: Uint8Array;
  #a: Int32Array;
  #b: Int32Array;
  #k: Float64Array;
  #da: Float64Array;
  #db: Float64Array;
  #g: Float64Array; // the grads and the scratch slot

  /**
   * Use {@linkcode compile}.
   *
   * @param root The graph's root.
   */
  constructor(root: Value) {
    const order = topologicalOrder(root); // children before parents, root last
    const n = order.length;
    // The graph by topological position t: op code, exponent, operands (-1: none), leaf data.
    const code = new Uint8Array(n);
    const k = new Float64Array(n);
    const c0 = new Int32Array(n).fill(-1);
    const c1 = new Int32Array(n).fill(-1);
    const data = new Float64Array(n);
    // Each node's position goes in its scratch number (a Map of every node
    // costs more than the whole compile) for its parents, which come later.
    for (let t = 0; t < n; t++) {
      const node = order[t];
      setScratch(node, t);
      const op = node.op;
      let c = opCode(op);
      if (op.startsWith("**")) {
        // The engine writes `**${k}` with String(k), which Number() reads back exactly.
        k[t] = Number(op.slice(2));
        if (String(k[t]) === op.slice(2)) c = POW;
      }
      if (c < 0) {
        throw new RangeError(
          `Cannot compile graph: unknown op ${JSON.stringify(op)} at ${
            nodeName(node)
          }`,
        );
      }
      code[t] = c;
      if (c === LEAF) {
        data[t] = node.data;
        continue;
      }
      const x = first(node), y = second(node);
      const arity = c === ADD || c === MUL ? 2 : 1;
      const count = x === null ? 0 : y === null ? 1 : 2;
      if (x === null || count !== arity) {
        throw new RangeError(
          `Cannot compile graph: op ${
            JSON.stringify(op)
          } needs ${arity} operands, ${nodeName(node)} has ${count}`,
        );
      }
      c0[t] = scratch(x);
      if (y !== null) c1[t] = scratch(y);
    }

    // Slots: leaves first (in topological order), then the operations in the reverse of the order in
    // which Value.prototype.backward() visits them (Kahn's algorithm from the
    // root, last pushed first), so every grad sums its terms in the engine's order.
    const pending = new Int32Array(n); // parents not yet visited
    let leafCount = 0;
    for (let i = 0; i < n; i++) {
      if (code[i] === LEAF) leafCount++;
      else {
        pending[c0[i]]++;
        if (c1[i] >= 0 && c1[i] !== c0[i]) pending[c1[i]]++;
      }
    }
    const slotOf = new Int32Array(n);
    let nextLeaf = 0;
    for (let i = 0; i < n; i++) if (code[i] === LEAF) slotOf[i] = nextLeaf++;
    const stack = new Int32Array(n);
    let sp = 0;
    let nextOp = n - 1;
    stack[sp++] = n - 1;
    while (sp > 0) {
      const i = stack[--sp];
      if (code[i] === LEAF) continue;
      slotOf[i] = nextOp--;
      const x = c0[i], y = c1[i];
      if (--pending[x] === 0) stack[sp++] = x;
      if (y >= 0 && y !== x && --pending[y] === 0) stack[sp++] = y;
    }

    const nodes = new Array<Value>(n);
    const values = new Float64Array(n);
    this.#ops = new Uint8Array(n);
    this.#a = new Int32Array(n).fill(n);
    this.#b = new Int32Array(n).fill(n);
    this.#k = new Float64Array(n);
    this.#da = new Float64Array(n);
    this.#db = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const s = slotOf[i];
      nodes[s] = order[i];
      values[s] = data[i];
      this.#ops[s] = code[i];
      this.#k[s] = k[i];
      if (c0[i] >= 0) this.#a[s] = slotOf[c0[i]];
      if (c1[i] >= 0) this.#b[s] = slotOf[c1[i]];
      // d(x + y)/dx = d(x + y)/dy = 1 always; forward() stores the others.
      if (code[i] === ADD) this.#da[s] = this.#db[s] = 1;
    }
    this.nodes = nodes;
    this.values = values;
    this.#g = new Float64Array(n + 1);
    this.grads = this.#g.subarray(0, n);
    this.leafCount = leafCount;
    this.rootSlot = n - 1;
    this.#fuse();
    this.forward();
  }

  // Marks each `*` whose result is the second operand of the `+` in the next
  // slot (a neuron's `act + w * x`): forward() and backward() then run the
  // pair in one step, keeping the product and its gradient in registers. The
  // arithmetic, and its order, stay those of the two ops.
  #fuse(): void {
    const ops = this.#ops, a = this.#a, b = this.#b;
    for (let i = this.leafCount + 1; i < ops.length; i++) {
      const j = i - 1;
      if (
        ops[i] === ADD && ops[j] === MUL && b[i] === j && a[i] !== j &&
        a[i] !== a[j] && a[i] !== b[j]
      ) ops[j] = MUL_ADD;
    }
  }

  /**
   * The slot of `node` in {@linkcode CompiledGraph.prototype.values} and
   * {@linkcode CompiledGraph.prototype.grads}. Cheap, but keep slots rather
   * than `Value`s in hot loops.
   *
   * @example
   * ```ts
   * import { equal } from "node:assert/strict";
   * import { compile, Value } from "@gradviz/gradviz";
   *
   * const a = new Value(3);
   * const b = a.mul(a);
   * const g = compile(b);
   * g.values[g.slot(a)] = 4;
   * g.forward();
   * equal(g.values[g.slot(b)], 16);
   * ```
   *
   * @throws {RangeError} If `node` is not in the graph.
   */
  slot(node: Value): number {
    if (this.#find(node) < 0) this.#index(); // a traversal reused the scratch numbers
    const i = this.#find(node);
    if (i < 0) {
      const name = node instanceof Value ? nodeName(node) : "a non-Value";
      throw new RangeError(
        `Cannot find node in compiled graph: ${name} is not part of it`,
      );
    }
    return i;
  }

  /**
   * The slots of many nodes at once, as {@linkcode CompiledGraph.prototype.slot}
   * gives them.
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { compile, Value } from "@gradviz/gradviz";
   *
   * const a = new Value(2), b = new Value(3);
   * const g = compile(a.mul(b));
   * deepEqual(g.slots([b, a]), Int32Array.of(1, 0));
   * ```
   *
   * @throws {RangeError} If a node is not in the graph.
   */
  slots(nodes: readonly Value[]): Int32Array {
    return Int32Array.from(nodes, (node) => this.slot(node));
  }

  // Each node's slot is kept in its scratch number, valid while the node at
  // that slot is the node itself (a later traversal or compile reuses it).
  #index(): void {
    for (let i = 0; i < this.nodes.length; i++) setScratch(this.nodes[i], i);
  }

  #find(node: Value): number {
    const i = node instanceof Value ? scratch(node) : -1;
    return i >= 0 && i < this.nodes.length && this.nodes[i] === node ? i : -1;
  }

  /**
   * Sets a leaf's value for the next {@linkcode CompiledGraph.prototype.forward}.
   * The `Value` itself changes only on {@linkcode CompiledGraph.prototype.sync}.
   *
   * @example
   * ```ts
   * import { equal } from "node:assert/strict";
   * import { compile, Value } from "@gradviz/gradviz";
   *
   * const x = new Value(2);
   * const y = x.pow(3);
   * const g = compile(y);
   * g.set(x, 3);
   * g.forward();
   * equal(g.data(y), 27);
   * equal(x.data, 2);
   * ```
   *
   * @throws {RangeError} If `leaf` is not in the graph, or is not a leaf.
   * @throws {TypeError} If `x` is not a number.
   */
  set(leaf: Value, x: number): void {
    const i = this.slot(leaf);
    if (i >= this.leafCount) {
      throw new RangeError(
        `Cannot set node in compiled graph: ${
          nodeName(leaf)
        } is the result of ${JSON.stringify(this.nodes[i].op)}, not a leaf`,
      );
    }
    if (typeof x !== "number") {
      throw new TypeError(
        `Cannot set node in compiled graph: value must be a number, got ${typeof x}`,
      );
    }
    this.values[i] = x;
  }

  /**
   * The value of `node` as of the last forward pass.
   *
   * @example
   * ```ts
   * import { equal } from "node:assert/strict";
   * import { compile, Value } from "@gradviz/gradviz";
   *
   * const a = new Value(2);
   * const b = a.exp().log();
   * equal(compile(b).data(b), 2);
   * ```
   *
   * @throws {RangeError} If `node` is not in the graph.
   */
  data(node: Value): number {
    return this.values[this.slot(node)];
  }

  /**
   * The gradient of the root with respect to `node` as of the last backward pass.
   *
   * @example
   * ```ts
   * import { equal } from "node:assert/strict";
   * import { compile, Value } from "@gradviz/gradviz";
   *
   * const a = new Value(0);
   * const g = compile(a.sigmoid());
   * g.backward();
   * equal(g.grad(a), 0.25);
   * ```
   *
   * @throws {RangeError} If `node` is not in the graph.
   */
  grad(node: Value): number {
    return this.grads[this.slot(node)];
  }

  /**
   * Recomputes every operation from the leaves, in topological order, and
   * stores beside each value its local derivatives for `backward()`.
   * {@linkcode compile} runs it once.
   *
   * @example
   * ```ts
   * import { equal } from "node:assert/strict";
   * import { compile, Value } from "@gradviz/gradviz";
   *
   * const a = new Value(1);
   * const b = a.add(a).tanh();
   * const g = compile(b);
   * g.set(a, 0);
   * g.forward();
   * equal(g.data(b), 0);
   * ```
   */
  forward(): void {
    const v = this.values, ops = this.#ops, a = this.#a, b = this.#b;
    const k = this.#k, da = this.#da, db = this.#db;
    for (let i = this.leafCount; i < ops.length; i++) {
      const x = v[a[i]];
      switch (ops[i]) {
        case ADD: // d/dx (x + y) = 1, d/dy (x + y) = 1 (stored at compile time)
          v[i] = x + v[b[i]];
          break;
        case MUL: { // d/dx (x * y) = y, d/dy (x * y) = x
          const y = v[b[i]];
          v[i] = x * y;
          da[i] = y;
          db[i] = x;
          break;
        }
        case MUL_ADD: { // x * y, then the next slot's act + x * y; as for `*` and `+`,
          // but backward() reads d/dx = y and d/dy = x from the values, sparing two stores
          const p = x * v[b[i]];
          v[i] = p;
          i++;
          v[i] = v[a[i]] + p;
          break;
        }
        case POW: { // d/dx x**k = k * x**(k-1)
          const e = k[i];
          v[i] = x ** e;
          da[i] = e * x ** (e - 1);
          break;
        }
        case EXP: { // d/dx e**x = e**x
          const e = Math.exp(x);
          v[i] = e;
          da[i] = e;
          break;
        }
        case LOG: // d/dx ln x = 1/x
          v[i] = Math.log(x);
          da[i] = 1 / x;
          break;
        case TANH: { // d/dx tanh x = 1 - tanh(x)**2
          const t = Math.tanh(x);
          v[i] = t;
          da[i] = 1 - t * t;
          break;
        }
        case RELU: // d/dx relu x = 1 where x > 0, else 0
          v[i] = x > 0 ? x : 0;
          da[i] = x > 0 ? 1 : 0;
          break;
        case SIGMOID: { // d/dx sigmoid x = sigmoid(x) * (1 - sigmoid(x))
          const s = x >= 0
            ? 1 / (1 + Math.exp(-x))
            : Math.exp(x) / (1 + Math.exp(x));
          v[i] = s;
          da[i] = s * (1 - s);
          break;
        }
      }
    }
  }

  /**
   * Zeroes every gradient, sets the root's to 1 and back-propagates, visiting
   * the nodes in the order `Value.prototype.backward()` does, with the local
   * derivatives of the last {@linkcode CompiledGraph.prototype.forward}.
   * Unlike `Value.backward()`, calling it twice does not accumulate.
   *
   * @example
   * ```ts
   * import { equal } from "node:assert/strict";
   * import { compile, Value } from "@gradviz/gradviz";
   *
   * const a = new Value(3);
   * const g = compile(a.mul(a));
   * g.backward();
   * g.backward();
   * equal(g.grad(a), 6);
   * ```
   */
  backward(): void {
    const g = this.#g, ops = this.#ops, a = this.#a, b = this.#b;
    const da = this.#da, db = this.#db, v = this.values;
    g.fill(0);
    g[this.rootSlot] = 1;
    // The gradient last added into an accumulator `act` of a fused pair,
    // kept in a register for when the loop reaches `act` next.
    let last = -1;
    let carry = 0;
    for (let i = this.rootSlot; i >= this.leafCount; i--) {
      const gi = i === last ? carry : g[i];
      // The chain rule: d(root)/d(operand) += d(node)/d(operand) * d(root)/d(node).
      if (ops[i - 1] === MUL_ADD) { // act + p with p = x * y in slot j
        const j = i - 1;
        const act = a[i];
        carry = g[act] + gi;
        g[act] = carry;
        last = act;
        const gp = g[j] + gi;
        g[j] = gp;
        const x = a[j], y = b[j];
        g[x] += v[y] * gp; // d(x * y)/dx = y
        g[y] += v[x] * gp; // d(x * y)/dy = x
        i = j;
      } else { // a unary op adds 0 into the scratch slot
        g[a[i]] += da[i] * gi;
        g[b[i]] += db[i] * gi;
        last = -1;
      }
    }
  }

  /**
   * Writes every node's value and gradient back to its `Value`, so `toDot`
   * and renderings show the compiled graph's numbers.
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { compile, Value } from "@gradviz/gradviz";
   *
   * const a = new Value(2);
   * const b = a.mul(-3);
   * const g = compile(b);
   * g.set(a, 5);
   * g.forward();
   * g.backward();
   * g.sync();
   * deepEqual([a.data, a.grad, b.data, b.grad], [5, -3, -15, 1]);
   * ```
   */
  sync(): void {
    const nodes = this.nodes, v = this.values, g = this.grads;
    for (let i = 0; i < nodes.length; i++) {
      nodes[i].data = v[i];
      nodes[i].grad = g[i];
    }
  }
}

/**
 * Records the graph below `root` once into a {@linkcode CompiledGraph} and
 * runs its forward pass. It assumes the structure is fixed: leaves may change
 * (`g.set(leaf, x)`), the shape may not; for a new shape, build and compile a
 * new graph.
 *
 * @example The lecture's L graph
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { compile, Value } from "@gradviz/gradviz";
 *
 * const a = new Value(2.0, { label: "a" });
 * const b = new Value(-3.0, { label: "b" });
 * const c = new Value(10.0, { label: "c" });
 * const f = new Value(-2.0, { label: "f" });
 * const L = a.mul(b).add(c).mul(f);
 * const g = compile(L);
 * g.backward();
 * deepEqual([g.data(L), g.grad(a), g.grad(b), g.grad(c), g.grad(f)], [-8, 6, -4, -2, 4]);
 * g.set(a, 3);
 * g.forward();
 * deepEqual(g.data(L), -2);
 * ```
 *
 * @param root The graph's root: `backward()` differentiates it.
 * @returns The compiled graph.
 * @throws {TypeError} If `root` is not a `Value`.
 * @throws {RangeError} If a node has an op the engine does not define (the message names the op and the node's label).
 */
export function compile(root: Value): CompiledGraph {
  if (!(root instanceof Value)) {
    throw new TypeError("Cannot compile graph: root must be a Value");
  }
  return new CompiledGraph(root);
}
