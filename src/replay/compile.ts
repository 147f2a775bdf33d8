/**
 * Compiled graphs: {@linkcode compile} records a graph of {@linkcode Value}s
 * once into flat typed arrays, then replays its forward and backward passes
 * without allocating, bit for bit as the `Value` engine computes them.
 *
 * @module
 */
import {
  addDx,
  addDy,
  addOut,
  expDx,
  expOut,
  logDx,
  logOut,
  mulDx,
  mulDy,
  mulOut,
  OpCode,
  powDx,
  powOut,
  reluDx,
  reluOut,
  sigmoidDx,
  sigmoidOut,
  tanhDx,
  tanhOut,
  tape,
  Value,
} from "../engine/value.ts";

// The engine's op codes, plus MUL_ADD: a `*` whose result is the second
// operand of the `+` in the next slot (a neuron's `act + w * x`), run as one step.
const LEAF = OpCode.Leaf, ADD = OpCode.Add, MUL = OpCode.Mul;
const POW = OpCode.Pow, EXP = OpCode.Exp, LOG = OpCode.Log;
const TANH = OpCode.Tanh, RELU = OpCode.ReLU, SIGMOID = OpCode.Sigmoid;
const MUL_ADD = 9;

function nodeName(node: Value): string {
  return node.label === ""
    ? "an unlabelled node"
    : `node ${JSON.stringify(node.label)}`;
}

// The engine's own `op` getter, to tell whether a subclass overrides it.
const engineOp = Object.getOwnPropertyDescriptor(Value.prototype, "op")!.get!;

// A node of a subclass that overrides `op` must still show the op it is: the
// replay runs the engine's op, so a graph that says otherwise is refused.
function checkOp(node: Value): void {
  const op = node.op;
  if (op === engineOp.call(node)) return;
  const count = node.children.length;
  const arity = op === "+" || op === "*"
    ? 2
    : op === "exp" || op === "log" || op === "tanh" || op === "ReLU" ||
        op === "sigmoid" ||
        (op.startsWith("**") && String(Number(op.slice(2))) === op.slice(2))
    ? 1
    : 0;
  if (arity === 0 && op !== "") {
    throw new RangeError(
      `Cannot compile graph: unknown op ${JSON.stringify(op)} at ${
        nodeName(node)
      }`,
    );
  }
  throw new RangeError(
    `Cannot compile graph: op ${JSON.stringify(op)} needs ${arity} operands, ${
      nodeName(node)
    } has ${count}`,
  );
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
  // a write-only scratch slot past the end), and the local derivatives
  // d(node)/d(operand) that forward() stores for backward() (a unary op's
  // second one is never read: for `**k` it holds the exponent k).
  #ops: Uint8Array;
  #a: Int32Array;
  #b: Int32Array;
  #da: Float64Array;
  #db: Float64Array;
  #g: Float64Array; // the grads and the scratch slot

  /**
   * Use {@linkcode compile}.
   *
   * @param root The graph's root.
   */
  constructor(root: Value) {
    // The engine's record of the graph: children before parents, root last,
    // in the reverse of the order Value.prototype.backward() visits the nodes,
    // so replaying backward() from the root sums every grad's terms in the
    // engine's order.
    const { nodes: order, codes, first, second } = tape(root);
    const n = order.length;
    // Slots: leaves first, then the operations, each group in tape order.
    const slotOf = new Int32Array(n);
    let leafCount = 0;
    for (let t = 0; t < n; t++) if (codes[t] === LEAF) slotOf[t] = leafCount++;
    let nextOp = leafCount;
    for (let t = 0; t < n; t++) if (codes[t] !== LEAF) slotOf[t] = nextOp++;

    const nodes = new Array<Value>(n);
    const values = new Float64Array(n);
    const ops = this.#ops = new Uint8Array(n);
    const a = this.#a = new Int32Array(n);
    const b = this.#b = new Int32Array(n);
    const da = this.#da = new Float64Array(n);
    const db = this.#db = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      const s = slotOf[t], node = order[t], code = codes[t];
      nodes[s] = node;
      ops[s] = code;
      if (code === LEAF) {
        // Only a subclass's leaf can claim another op (the engine makes
        // every inner node itself).
        if (Object.getPrototypeOf(node) !== Value.prototype) checkOp(node);
        values[s] = node.data;
        a[s] = b[s] = n;
        continue;
      }
      a[s] = slotOf[first[t]];
      b[s] = second[t] < 0 ? n : slotOf[second[t]];
      if (code === ADD) {
        // d(x + y)/dx and d(x + y)/dy do not depend on x and y: stored once here.
        da[s] = addDx();
        db[s] = addDy();
      } else if (code === POW) db[s] = node.exponent; // a unary op's db holds its exponent
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
    const i = node instanceof Value ? this.#find(node) : -1;
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

  // Each node's slot, indexed on the first lookup: the leaves first (the
  // nodes looked up most), every node once an inner one is asked for.
  #slots: Map<Value, number> | null = null;
  #indexed = 0;

  #find(node: Value): number {
    if (node === this.nodes[this.rootSlot]) return this.rootSlot;
    let slots = this.#slots;
    if (slots === null) {
      slots = this.#slots = this.#index(new Map(), this.leafCount);
    }
    const i = slots.get(node);
    if (i !== undefined) return i;
    if (this.#indexed < this.nodes.length) {
      return this.#index(slots, this.nodes.length).get(node) ?? -1;
    }
    return -1;
  }

  #index(slots: Map<Value, number>, end: number): Map<Value, number> {
    const nodes = this.nodes;
    for (let i = this.#indexed; i < end; i++) slots.set(nodes[i], i);
    this.#indexed = end;
    return slots;
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
    const da = this.#da, db = this.#db;
    for (let i = this.leafCount; i < ops.length; i++) {
      const x = v[a[i]];
      // Each op's result and local derivatives, from the engine's math.
      switch (ops[i]) {
        case ADD: // d/dx and d/dy were stored at compile time
          v[i] = addOut(x, v[b[i]]);
          break;
        case MUL: {
          const y = v[b[i]], out = mulOut(x, y);
          v[i] = out;
          da[i] = mulDx(x, y);
          db[i] = mulDy(x, y);
          break;
        }
        case MUL_ADD: { // x * y, then the next slot's act + x * y; as for `*` and `+`,
          // but backward() reads d/dx and d/dy from the values, sparing two stores
          const p = mulOut(x, v[b[i]]);
          v[i] = p;
          i++;
          v[i] = addOut(v[a[i]], p);
          break;
        }
        case POW: {
          const e = db[i], out = powOut(x, e);
          v[i] = out;
          da[i] = powDx(x, e);
          break;
        }
        case EXP: {
          const out = expOut(x);
          v[i] = out;
          da[i] = expDx(x, 0, out);
          break;
        }
        case LOG: {
          const out = logOut(x);
          v[i] = out;
          da[i] = logDx(x);
          break;
        }
        case TANH: {
          const out = tanhOut(x);
          v[i] = out;
          da[i] = tanhDx(x, 0, out);
          break;
        }
        case RELU: {
          const out = reluOut(x);
          v[i] = out;
          da[i] = reluDx(x, 0, out);
          break;
        }
        case SIGMOID: {
          const out = sigmoidOut(x);
          v[i] = out;
          da[i] = sigmoidDx(x, 0, out);
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
        const xd = v[x], yd = v[y];
        g[x] += mulDx(xd, yd) * gp;
        g[y] += mulDy(xd, yd) * gp;
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
