// The slow playground programs of issue 13, shared by the tests and the
// load benchmark: eight leaves a…h, then `y =` a sum of 55 terms over them,
// in twenty seeded orders. Each has a layout cost just under the
// playground's limit (3000), so the server lays it out in its pool, and
// Graphviz takes some 0.3 s on each.
import { seededRandom } from "@gradviz/gradviz";

const LEAVES = "abcdefgh".split("");

/**
 * The `k`-th slow program (0 ≤ k < 20 in the issue; any k works): the 55
 * terms are the leaves in turn (each 6 or 7 times), shuffled with seed k.
 */
export function slowProgram(k: number): string {
  const random = seededRandom(k);
  const terms = Array.from({ length: 55 }, (_, i) => LEAVES[i % 8]);
  for (let i = terms.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [terms[i], terms[j]] = [terms[j], terms[i]];
  }
  return LEAVES.map((name, i) => `${name} = ${i + 1}`).join("; ") +
    `\ny = ${terms.join(" + ")}`;
}

/** The twenty slow programs. */
export const SLOW_PROGRAMS: string[] = Array.from(
  { length: 20 },
  (_, k) => slowProgram(k),
);

/** y's value in every slow program: 7·(1+…+7) + 6·8 = 244. */
export const SLOW_Y = 7 * (1 + 2 + 3 + 4 + 5 + 6 + 7) + 6 * 8;
