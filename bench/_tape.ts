// The baseline of issue 12: a flat typed-array tape, the practical limit of
// define-by-run in JavaScript. An Int32Array of op codes and operand slots
// plus Float64Arrays of values and grads, recorded afresh at every step for
// the same SGD step as the Value engine's (micrograd's moons demo step for an
// MLP(2, [n, n, 1]) with ReLU, linear output; SVM loss, mean, 1e-4 L2).

const LEAF = 0, ADD = 1, MUL = 2, RELU = 3, TANH = 4;

/** A flat tape: three int32 words and two float64 per node. */
export class FlatTape {
  ops = new Int32Array(0);
  a = new Int32Array(0);
  b = new Int32Array(0);
  val = new Float64Array(0);
  grad = new Float64Array(0);
  n = 0;

  /** Makes room for `extra` more nodes (after the first steps, recording never allocates). */
  ensure(extra: number): void {
    if (this.n + extra <= this.ops.length) return;
    const cap = Math.max(2 * this.ops.length, this.n + extra);
    const grow = <T extends Int32Array | Float64Array>(old: T, fresh: T): T => {
      fresh.set(old);
      return fresh;
    };
    this.ops = grow(this.ops, new Int32Array(cap));
    this.a = grow(this.a, new Int32Array(cap));
    this.b = grow(this.b, new Int32Array(cap));
    this.val = grow(this.val, new Float64Array(cap));
    this.grad = new Float64Array(cap);
  }

  leaf(x: number): number {
    const i = this.n++;
    this.ops[i] = LEAF;
    this.val[i] = x;
    return i;
  }

  add(x: number, y: number): number {
    const i = this.n++;
    this.ops[i] = ADD;
    this.a[i] = x;
    this.b[i] = y;
    this.val[i] = this.val[x] + this.val[y];
    return i;
  }

  mul(x: number, y: number): number {
    const i = this.n++;
    this.ops[i] = MUL;
    this.a[i] = x;
    this.b[i] = y;
    this.val[i] = this.val[x] * this.val[y];
    return i;
  }

  relu(x: number): number {
    const i = this.n++;
    this.ops[i] = RELU;
    this.a[i] = x;
    const v = this.val[x];
    this.val[i] = v > 0 ? v : 0;
    return i;
  }

  tanh(x: number): number {
    const i = this.n++;
    this.ops[i] = TANH;
    this.a[i] = x;
    this.val[i] = Math.tanh(this.val[x]);
    return i;
  }

  /** Recomputes every node from the leaves (replay). */
  forward(): void {
    const ops = this.ops, a = this.a, b = this.b, v = this.val;
    for (let i = 0; i < this.n; i++) {
      switch (ops[i]) {
        case ADD:
          v[i] = v[a[i]] + v[b[i]];
          break;
        case MUL:
          v[i] = v[a[i]] * v[b[i]];
          break;
        case RELU: {
          const x = v[a[i]];
          v[i] = x > 0 ? x : 0;
          break;
        }
      }
    }
  }

  /** Zeroes the grads and back-propagates from the last node. */
  backward(): void {
    const ops = this.ops, a = this.a, b = this.b, v = this.val;
    const g = this.grad;
    g.fill(0, 0, this.n);
    g[this.n - 1] = 1;
    for (let i = this.n - 1; i >= 0; i--) {
      const gi = g[i];
      switch (ops[i]) {
        case ADD:
          g[a[i]] += gi;
          g[b[i]] += gi;
          break;
        case MUL:
          g[a[i]] += v[b[i]] * gi;
          g[b[i]] += v[a[i]] * gi;
          break;
        case RELU:
          if (v[i] > 0) g[a[i]] += gi;
          break;
        case TANH:
          g[a[i]] += (1 - v[i] * v[i]) * gi;
          break;
      }
    }
  }
}

/** One network's step on a flat tape: params live in the tape's first slots. */
export class TapeStep {
  readonly tape = new FlatTape();
  readonly params: Float64Array;
  #sizes: number[];
  #xs: readonly (readonly number[])[];
  #ys: readonly number[];

  constructor(
    params: ArrayLike<number>,
    sizes: number[],
    xs: readonly (readonly number[])[],
    ys: readonly number[],
  ) {
    this.params = Float64Array.from(params);
    this.#sizes = sizes;
    this.#xs = xs;
    this.#ys = ys;
  }

  /** Records the loss graph afresh; returns the number of nodes. */
  record(): number {
    const t = this.tape, sizes = this.#sizes, params = this.params;
    t.n = 0;
    t.ensure(params.length);
    for (let p = 0; p < params.length; p++) t.leaf(params[p]);
    const scores: number[] = [];
    for (let e = 0; e < this.#xs.length; e++) {
      t.ensure(4 * params.length + 64);
      let inputs: number[] = this.#xs[e].map((x) => t.leaf(x));
      let p = 0;
      for (let l = 1; l < sizes.length; l++) {
        const out: number[] = [];
        const last = l === sizes.length - 1;
        for (let j = 0; j < sizes[l]; j++) {
          const w = p;
          p += sizes[l - 1];
          let act = p++; // the bias, after the weights
          for (let i = 0; i < inputs.length; i++) {
            act = t.add(act, t.mul(w + i, inputs[i]));
          }
          out.push(last ? act : t.relu(act));
        }
        inputs = out;
      }
      scores.push(inputs[0]);
    }
    t.ensure(2 * params.length + 8 * scores.length + 64);
    let sum = -1;
    for (let e = 0; e < scores.length; e++) {
      const l = t.relu(
        t.add(t.mul(scores[e], t.leaf(-this.#ys[e])), t.leaf(1)),
      );
      sum = sum < 0 ? l : t.add(sum, l);
    }
    const data = t.mul(sum, t.leaf(1 / scores.length));
    let reg = t.mul(0, 0);
    for (let p = 1; p < params.length; p++) reg = t.add(reg, t.mul(p, p));
    t.add(data, t.mul(reg, t.leaf(1e-4)));
    return t.n;
  }

  /** SGD on the params from the tape's grads. */
  update(lr: number): void {
    const g = this.tape.grad, params = this.params;
    for (let p = 0; p < params.length; p++) params[p] -= lr * g[p];
  }

  /** One step recorded afresh: record, backward, update. */
  step(lr: number): number {
    this.record();
    this.tape.backward();
    this.update(lr);
    return this.tape.val[this.tape.n - 1];
  }

  /** One step replayed on the tape last recorded: forward, backward, update in place. */
  replay(lr: number): number {
    const t = this.tape;
    t.forward();
    t.backward();
    const v = t.val, g = t.grad;
    for (let p = 0; p < this.params.length; p++) v[p] -= lr * g[p];
    return v[t.n - 1];
  }
}
