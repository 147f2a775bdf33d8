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

// The engine's op codes, and DOT: a run of `*`/`+` pairs, a neuron's
// `b + w1*x1 + w2*x2 + …`, optionally with its activation, as one instruction.
const LEAF = OpCode.Leaf, ADD = OpCode.Add, MUL = OpCode.Mul;
const POW = OpCode.Pow, EXP = OpCode.Exp, LOG = OpCode.Log;
const TANH = OpCode.Tanh, RELU = OpCode.ReLU, SIGMOID = OpCode.Sigmoid;
const DOT = 9;

// While compiling, each tape position's code byte holds, above the op code
// (bits 0-3), how many times the node is an operand (bits 4-5: 0, 1, 2 for
// more; 3 marks a `*` fused into the `+` after it) and its role (bits 6-7).
const USES = 0x30, ONCE = 0x10, TWICE = 0x20, PAIR_MUL = 0x30;
const ROLE = 0xc0, RUN_START = 0x40, RUN_NEXT = 0x80, RUN_ACT = 0xc0;
// A DOT instruction's first and last word: DOT, the activation's op code
// (0 for none) in bits 4-7, and SWAP when the first `+` is `w1*x1 + init`.
const SWAP = 0x100;

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
 * the order `Value.prototype.backward()` does. A neuron's weighted sum
 * `b + w1*x1 + … + wk*xk`, and its activation, replay as one step.
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
  /** The number of leaves: slots `0 … leafCount - 1` hold leaves, the rest operations. */
  readonly leafCount: number;
  /** The root's slot: the last one. */
  readonly rootSlot: number;
  // The program: one instruction per operation, or per run of them, in slot
  // order, each starting and ending with its op code so that backward() can
  // walk it from the end. A single op is [op, a, b, op] (a unary one
  // [op, a, op], `**` [op, a, e, op] with e its exponent's index in #exps),
  // with a and b its operands' slots. A run of k (`*`, `+`) pairs, a
  // neuron's b + w1*x1 + … + wk*xk in 2k slots, then maybe its activation in
  // one more, is [DOT | act << 4, k, b, w1, x1, …, wk, xk, k, DOT | act << 4]:
  // the running sum and its gradient stay in registers, and backward()
  // recomputes the local derivatives from the values, as Value.backward()
  // does.
  #program: Int32Array;
  #exps: Float64Array;
  #values: Float64Array;
  #grads: Float64Array | null = null;
  // Until `values` or `grads` hands its array out, forward() and backward()
  // leave the sums and products inside runs unwritten (each is used only
  // in its run): data() and grad() write them when asked for one (stale
  // says which are missing), from the values of the last forward() (the
  // leaves as they were then are saved when set() first changes one).
  #full = false;
  #valuesStale = false;
  #gradsStale = false;
  #leaves: Float64Array | null = null;
  #leavesSaved = false;
  // The operations' slots that backward() adds into while the arrays are
  // not handed out: each instruction's last (see #outputs).
  #outs: Int32Array | null = null;

  /**
   * Use {@linkcode compile}.
   *
   * @param root The graph's root.
   */
  constructor(root: Value) {
    // The engine's record of the graph: children before parents, root last,
    // in the reverse of the order Value.prototype.backward() visits the nodes,
    // so replaying backward() from the root sums every grad's terms in the
    // engine's order. tape() returns fresh arrays: compiling reuses them.
    const { nodes: order, codes, first, second } = tape(root);
    const n = order.length;

    // Count the leaves, and how often each node is an operand.
    let leafCount = 0;
    for (let t = 0; t < n; t++) {
      if (codes[t] === LEAF) {
        leafCount++;
        continue;
      }
      const x = first[t], y = second[t];
      if ((codes[x] & USES) !== TWICE) codes[x] += ONCE;
      if (y >= 0 && (codes[y] & USES) !== TWICE) codes[y] += ONCE;
    }

    // Find the runs. Operations take slots in tape order, so a `*` used only
    // by the `+` in the next slot (a neuron's `act + w * x`) is that `+`'s
    // pair, and a pair whose `+` adds to the previous pair's `+`, used only
    // there, continues its run; a run's sum used only by the activation in
    // the next slot ends with it. Count the program's words.
    let words = 0, pows = 0;
    for (let t = 0, prev = -1, prev2 = -1; t < n; t++) {
      const c = codes[t], op = c & 15;
      if (op === LEAF) continue;
      if (
        op === ADD && prev >= 0 && (codes[prev] & ~ROLE) === (ONCE | MUL) &&
        (first[t] === prev || second[t] === prev)
      ) {
        codes[prev] |= PAIR_MUL;
        words -= 4; // counted below as a single `*`
        const role = codes[prev2] & ROLE;
        if (
          first[t] === prev2 && (role === RUN_START || role === RUN_NEXT) &&
          (codes[prev2] & USES) === ONCE
        ) {
          codes[t] = c | RUN_NEXT;
          words += 2;
        } else {
          codes[t] = c | RUN_START;
          words += 7;
        }
      } else if (
        (op === TANH || op === RELU || op === SIGMOID) && first[t] === prev &&
        ((codes[prev] & ROLE) === RUN_START ||
          (codes[prev] & ROLE) === RUN_NEXT) &&
        (codes[prev] & USES) === ONCE
      ) {
        codes[t] = c | RUN_ACT;
      } else if (op === POW) {
        words += 4;
        pows++;
      } else words += op === ADD || op === MUL ? 4 : 3;
      prev2 = prev;
      prev = t;
    }

    // Give each node its slot (kept in `first`, once its own operands are
    // read), the leaves their values, and write the program.
    const values = new Float64Array(n);
    const program = new Int32Array(words);
    const exps = new Float64Array(pows);
    const leaves = new Array<Value>(leafCount);
    let pc = 0, e = 0, leafSlot = 0, slot = leafCount;
    let run = -1, k = 0, w = 0, x = 0; // the open run, its pairs, a pair's `*`
    for (let t = 0; t < n; t++) {
      const c = codes[t], op = c & 15;
      if (op === LEAF) {
        const node = order[t];
        // Only a subclass's leaf can claim another op (the engine makes
        // every inner node itself).
        if (Object.getPrototypeOf(node) !== Value.prototype) checkOp(node);
        values[leafSlot] = node.data;
        leaves[leafSlot] = node;
        first[t] = leafSlot++;
        continue;
      }
      const a = first[first[t]], b = second[t] < 0 ? -1 : first[second[t]];
      const s = first[t] = slot++;
      if ((c & USES) === PAIR_MUL) { // emitted with its `+`
        w = a;
        x = b;
        continue;
      }
      const role = c & ROLE;
      if (role === RUN_NEXT) {
        program[pc++] = w;
        program[pc++] = x;
        k++;
        continue;
      }
      if (role === RUN_ACT) {
        program[run] |= op << 4;
      } else if (run >= 0) { // the open run ends before this op
        program[run + 1] = k;
        program[pc++] = k;
        program[pc++] = program[run];
        run = -1;
      }
      if (role === RUN_START) {
        run = pc;
        k = 1;
        const swap = a === s - 1; // `w1*x1 + init`
        program[pc++] = swap ? DOT | SWAP : DOT;
        program[pc++] = 0; // k, when the run ends
        program[pc++] = swap ? b : a;
        program[pc++] = w;
        program[pc++] = x;
      } else if (role === RUN_ACT) {
        program[run + 1] = k;
        program[pc++] = k;
        program[pc++] = program[run];
        run = -1;
      } else {
        program[pc++] = op;
        program[pc++] = a;
        if (op === POW) {
          exps[e] = order[t].exponent;
          program[pc++] = e++;
        } else if (b >= 0) program[pc++] = b;
        program[pc++] = op;
      }
    }
    if (run >= 0) {
      program[run + 1] = k;
      program[pc++] = k;
      program[pc++] = program[run];
    }

    // The nodes by slot, in place: operations move up past the leaves
    // before them, then the leaves fill the first slots.
    for (let t = n - 1, s = n - 1; s >= leafCount; t--) {
      if ((codes[t] & 15) !== LEAF) order[s--] = order[t];
    }
    for (let s = 0; s < leafCount; s++) order[s] = leaves[s];

    this.nodes = order;
    this.#values = values;
    this.leafCount = leafCount;
    this.rootSlot = n - 1;
    this.#program = program;
    this.#exps = exps;
    this.forward();
  }

  /**
   * Every node's value, indexed by slot, as of the last
   * {@linkcode CompiledGraph.prototype.forward} (and the leaves as set since).
   * Writing a leaf's slot is the fast way to set it. From the first read of
   * `values` or {@linkcode CompiledGraph.prototype.grads} on, every pass
   * writes every node; until then the sums and products inside a neuron's
   * weighted sum are written only when `data()` or `grad()` asks for one.
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { compile, Value } from "@gradviz/gradviz";
   *
   * const a = new Value(2), b = new Value(-3);
   * const g = compile(a.mul(b).add(1));
   * deepEqual([...g.values], [2, -3, 1, -6, -5]);
   * g.values[g.slot(a)] = 1;
   * g.forward();
   * deepEqual([...g.values], [1, -3, 1, -3, -2]);
   * ```
   */
  get values(): Float64Array {
    if (!this.#full) this.#writeAll();
    return this.#values;
  }

  /**
   * Every node's gradient d(root)/d(node), indexed by slot, as of the last
   * {@linkcode CompiledGraph.prototype.backward} (all 0 before the first).
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { compile, Value } from "@gradviz/gradviz";
   *
   * const a = new Value(2), b = new Value(-3);
   * const g = compile(a.mul(b));
   * g.backward();
   * deepEqual([...g.grads], [-3, 2, 1]);
   * ```
   */
  get grads(): Float64Array {
    if (!this.#full) this.#writeAll();
    return this.#g();
  }

  #g(): Float64Array {
    return this.#grads ??= new Float64Array(this.#values.length);
  }

  // Writes what the passes left out, and has every later pass write it.
  #writeAll(): void {
    if (this.#valuesStale) this.#writeValues();
    if (this.#gradsStale) this.#writeGrads();
    this.#full = true;
  }

  // The values of the sums and products inside runs, as of the last
  // forward(): that pass again, writing every node, on the leaves it had.
  #writeValues(): void {
    const v = this.#values, saved = this.#leavesSaved ? this.#leaves! : null;
    const swap = () => {
      for (let i = 0; i < saved!.length; i++) {
        const x = v[i];
        v[i] = saved![i];
        saved![i] = x;
      }
    };
    if (saved) swap();
    this.#forward(true);
    if (saved) swap();
    this.#valuesStale = false;
  }

  // Each instruction's last slot, in program order: the one result that
  // other instructions read (a run's activation, else its last sum).
  #outputs(): Int32Array {
    const p = this.#program, end = p.length, outs: number[] = [];
    for (let pc = 0, i = this.leafCount; pc < end;) {
      const h = p[pc];
      if ((h & 15) === DOT) {
        const k = p[pc + 1];
        i += 2 * k + (h >> 4 & 15 ? 1 : 0);
        pc += 5 + 2 * k;
      } else {
        i++;
        pc += h === ADD || h === MUL || h === POW ? 4 : 3;
      }
      outs.push(i - 1);
    }
    return Int32Array.from(outs);
  }

  // The grads of the sums and products inside runs, from the grad of each
  // run's last sum: as backward() computes them, 0 + 1 * the next one's.
  #writeGrads(): void {
    const g = this.#g(), p = this.#program, end = p.length;
    for (let pc = 0, i = this.leafCount; pc < end;) {
      const h = p[pc];
      if ((h & 15) !== DOT) {
        pc += h === ADD || h === MUL || h === POW ? 4 : 3;
        i++;
        continue;
      }
      const k = p[pc + 1];
      let s = i + 2 * k - 1; // the last sum
      let gs = g[s];
      for (let j = k; j > 1; j--) {
        g[s - 1] = 0 + addDy() * gs;
        gs = 0 + addDx() * gs;
        s -= 2;
        g[s] = gs;
      }
      g[s - 1] = 0 + (h & SWAP ? addDx() : addDy()) * gs;
      i += 2 * k + (h >> 4 & 15 ? 1 : 0);
      pc += 5 + 2 * k;
    }
    this.#gradsStale = false;
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
    const i = this.#find(node); // -1 for a non-Value too
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
  // The slot last found, and for each leaf the slot found after it last
  // time (at first the next one): set(), data() and grad() of one node come
  // together, and a training loop asks for its parameters in the same order
  // at every step.
  #last = 0;
  #next: Int32Array | null = null;

  #find(node: Value): number {
    const nodes = this.nodes, last = this.#last;
    if (nodes[last] === node) return last;
    const next = this.#next;
    const i = next !== null && last < next.length ? next[last] : last + 1;
    if (nodes[i] === node) return this.#last = i;
    return this.#lookup(node, last);
  }

  #lookup(node: Value, last: number): number {
    const nodes = this.nodes;
    if (node === nodes[this.rootSlot]) return this.rootSlot;
    let slots = this.#slots;
    if (slots === null) {
      slots = this.#slots = this.#index(new Map(), this.leafCount);
    }
    let i = slots.get(node);
    if (i === undefined && this.#indexed < nodes.length) {
      i = this.#index(slots, nodes.length).get(node);
    }
    if (i === undefined) return -1;
    if (last < this.leafCount) {
      (this.#next ??= Int32Array.from(
        { length: this.leafCount },
        (_, j) => j + 1,
      ))[last] = i;
    }
    return this.#last = i;
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
    const v = this.#values;
    if (this.#valuesStale && !this.#leavesSaved) {
      const saved = this.#leaves ??= new Float64Array(this.leafCount);
      for (let j = 0; j < saved.length; j++) saved[j] = v[j];
      this.#leavesSaved = true;
    }
    v[i] = x;
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
    const i = this.slot(node);
    if (i >= this.leafCount && this.#valuesStale) this.#writeValues();
    return this.#values[i];
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
    const i = this.slot(node), g = this.#g();
    if (i >= this.leafCount && this.#gradsStale) this.#writeGrads();
    return g[i];
  }

  /**
   * Recomputes every operation from the leaves, in topological order.
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
    this.#forward(this.#full);
    this.#valuesStale = !this.#full;
    this.#leavesSaved = false;
  }

  // The forward pass; `full` writes the sums and products inside runs too.
  #forward(full: boolean): void {
    const v = this.#values, p = this.#program, exps = this.#exps;
    const end = p.length;
    // i: the slot the next instruction writes first.
    for (let pc = 0, i = this.leafCount; pc < end;) {
      const h = p[pc];
      // Each op's result from the engine's math.
      switch (h & 15) {
        case DOT: {
          const k = p[pc + 1], stop = pc + 3 + 2 * k;
          let q = pc + 3;
          const prod = mulOut(v[p[q]], v[p[q + 1]]);
          let sum = h & SWAP
            ? addOut(prod, v[p[pc + 2]])
            : addOut(v[p[pc + 2]], prod);
          if (full) {
            v[i] = prod;
            v[i + 1] = sum;
            for (q += 2; q < stop; q += 2) {
              const prod = mulOut(v[p[q]], v[p[q + 1]]);
              sum = addOut(sum, prod);
              i += 2;
              v[i] = prod;
              v[i + 1] = sum;
            }
          } else {
            for (q += 2; q < stop; q += 2) {
              sum = addOut(sum, mulOut(v[p[q]], v[p[q + 1]]));
            }
            i += 2 * k - 2;
            v[i + 1] = sum; // the run's result
          }
          i += 2;
          switch (h >> 4 & 15) {
            case TANH:
              v[i++] = tanhOut(sum);
              break;
            case RELU:
              v[i++] = reluOut(sum);
              break;
            case SIGMOID:
              v[i++] = sigmoidOut(sum);
              break;
          }
          pc = stop + 2;
          break;
        }
        case ADD:
          v[i++] = addOut(v[p[pc + 1]], v[p[pc + 2]]);
          pc += 4;
          break;
        case MUL:
          v[i++] = mulOut(v[p[pc + 1]], v[p[pc + 2]]);
          pc += 4;
          break;
        case POW:
          v[i++] = powOut(v[p[pc + 1]], exps[p[pc + 2]]);
          pc += 4;
          break;
        case EXP:
          v[i++] = expOut(v[p[pc + 1]]);
          pc += 3;
          break;
        case LOG:
          v[i++] = logOut(v[p[pc + 1]]);
          pc += 3;
          break;
        case TANH:
          v[i++] = tanhOut(v[p[pc + 1]]);
          pc += 3;
          break;
        case RELU:
          v[i++] = reluOut(v[p[pc + 1]]);
          pc += 3;
          break;
        default: // SIGMOID
          v[i++] = sigmoidOut(v[p[pc + 1]]);
          pc += 3;
      }
    }
  }

  /**
   * Zeroes every gradient, sets the root's to 1 and back-propagates, visiting
   * the nodes in the order `Value.prototype.backward()` does, with local
   * derivatives computed as the engine does from
   * {@linkcode CompiledGraph.prototype.values} (the last
   * {@linkcode CompiledGraph.prototype.forward}'s).
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
    const g = this.#g(), v = this.#values, p = this.#program;
    const exps = this.#exps, full = this.#full;
    if (full) g.fill(0);
    else { // the grads inside runs are neither read nor written
      g.fill(0, 0, this.leafCount);
      const outs = this.#outs ??= this.#outputs();
      for (let j = 0; j < outs.length; j++) g[outs[j]] = 0;
    }
    g[this.rootSlot] = 1;
    // i: the last slot of the instruction that ends at pc. The chain rule,
    // in the order Value.prototype.backward() applies it:
    // d(root)/d(operand) += d(node)/d(operand) * d(root)/d(node), with each
    // op's local derivatives from beside its forward code.
    for (let pc = p.length, i = this.rootSlot; pc > 0;) {
      const h = p[pc - 1];
      switch (h & 15) {
        case DOT: {
          // A run: the grads of its sums and products, each used once, are
          // 0 + 1 * (the next one's), kept in registers (and stored once
          // the arrays are handed out).
          const k = p[pc - 2], start = pc - 5 - 2 * k;
          let gs: number; // d(root)/d(the running sum)
          const act = h >> 4 & 15;
          if (act === 0) gs = g[i];
          else {
            const gi = g[i], out = v[i], x = v[--i];
            gs = 0 +
              (act === TANH
                  ? tanhDx(x, 0, out)
                  : act === RELU
                  ? reluDx(x, 0, out)
                  : sigmoidDx(x, 0, out)) * gi;
            g[i] = gs;
          }
          // Pairs k … 2: the `+` passes gs to its product and to the sum
          // before it, then the `*` passes the product's grad to w and x.
          let q = pc - 4;
          const first = start + 3;
          if (full) {
            for (; q > first; q -= 2) {
              const gp = 0 + addDy() * gs;
              g[i - 1] = gp;
              const w = p[q], x = p[q + 1], wd = v[w], xd = v[x];
              g[w] += mulDx(wd, xd) * gp;
              g[x] += mulDy(wd, xd) * gp;
              gs = 0 + addDx() * gs;
              i -= 2;
              g[i] = gs;
            }
          } else {
            for (; q > first; q -= 2) {
              const gp = 0 + addDy() * gs;
              const w = p[q], x = p[q + 1], wd = v[w], xd = v[x];
              g[w] += mulDx(wd, xd) * gp;
              g[x] += mulDy(wd, xd) * gp;
              gs = 0 + addDx() * gs;
            }
            i -= 2 * k - 2;
          }
          // Pair 1: its `+` passes gs to the run's first operand too.
          const init = p[start + 2];
          let gp: number;
          if (h & SWAP) {
            gp = 0 + addDx() * gs;
            g[init] += addDy() * gs;
          } else {
            g[init] += addDx() * gs;
            gp = 0 + addDy() * gs;
          }
          if (full) g[i - 1] = gp;
          const w = p[q], x = p[q + 1], wd = v[w], xd = v[x];
          g[w] += mulDx(wd, xd) * gp;
          g[x] += mulDy(wd, xd) * gp;
          i -= 2;
          pc = start;
          break;
        }
        case ADD: {
          const gi = g[i--];
          g[p[pc - 3]] += addDx() * gi;
          g[p[pc - 2]] += addDy() * gi;
          pc -= 4;
          break;
        }
        case MUL: {
          const gi = g[i--], a = p[pc - 3], b = p[pc - 2];
          const xd = v[a], yd = v[b];
          g[a] += mulDx(xd, yd) * gi;
          g[b] += mulDy(xd, yd) * gi;
          pc -= 4;
          break;
        }
        case POW: {
          const gi = g[i--], a = p[pc - 3];
          g[a] += powDx(v[a], exps[p[pc - 2]]) * gi;
          pc -= 4;
          break;
        }
        default: { // a unary op
          const gi = g[i], out = v[i--], a = p[pc - 2], x = v[a];
          switch (h) {
            case EXP:
              g[a] += expDx(x, 0, out) * gi;
              break;
            case LOG:
              g[a] += logDx(x) * gi;
              break;
            case TANH:
              g[a] += tanhDx(x, 0, out) * gi;
              break;
            case RELU:
              g[a] += reluDx(x, 0, out) * gi;
              break;
            default: // SIGMOID
              g[a] += sigmoidDx(x, 0, out) * gi;
          }
          pc -= 3;
        }
      }
    }
    this.#gradsStale = !full;
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
    if (this.#valuesStale) this.#writeValues();
    if (this.#gradsStale) this.#writeGrads();
    const nodes = this.nodes, v = this.#values, g = this.#g();
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
