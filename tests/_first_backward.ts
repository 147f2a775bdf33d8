// A graph whose leaves all hold whole numbers, for value_scale_test.ts: run
// alone (`deno run tests/_first_backward.ts`), it prints the grads of the
// first backward() of a fresh process, so that the test can compare them
// with the same graph's in a process that has long been back-propagating.
import { Value } from "../src/engine/value.ts";

/** The graph: every leaf a whole number, so the first grads stored are too. */
export function firstGraph(): { root: Value; leaves: Value[] } {
  const leaves: Value[] = [];
  const leaf = (x: number) => {
    const v = new Value(x);
    leaves.push(v);
    return v;
  };
  const w = Array.from({ length: 40 }, (_, i) => leaf((i % 7) - 3));
  let root = leaf(0);
  for (let p = 0; p < 300; p++) {
    let act = w[p % 40];
    for (let i = 1; i < 40; i += 3) act = act.add(w[i].mul(leaf((p + i) % 5)));
    const y = p % 3 === 0 ? act.relu() : p % 3 === 1 ? act.mul(act) : act;
    root = root.add(y.mul(p % 2 ? 1 : -2));
  }
  // The fractions come last: the grads below this tanh are fractions.
  return { root: root.mul(1e-4).tanh(), leaves };
}

/** Grads as text that keeps every bit (JSON would turn -0 into 0). */
export function gradsText(leaves: readonly Value[]): string[] {
  return leaves.map((v) => Object.is(v.grad, -0) ? "-0" : String(v.grad));
}

if (import.meta.main) {
  const { root, leaves } = firstGraph();
  root.backward();
  console.log(JSON.stringify(gradsText(leaves)));
}
