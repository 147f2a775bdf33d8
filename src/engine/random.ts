/**
 * A seeded random number generator, identical to the one in Karpathy's later
 * micrograd (EurekaLabs), so a seed gives the same network in Python and
 * TypeScript.
 *
 * @module
 */

const MASK64 = (1n << 64n) - 1n;
const MULTIPLIER = 0x2545F4914F6CDD1Dn;

/**
 * A xorshift64* generator: each call returns the next number in [0, 1), with
 * 24 random bits. `seed` must be a non-negative safe integer.
 *
 * @example Seed 42, mapped to uniform(-1, 1)
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { seededRandom } from "@gradviz/gradviz";
 *
 * const random = seededRandom(42);
 * const draws = [0, 1, 2, 3].map(() => random() * 2 - 1);
 * deepEqual(draws, [
 *   -0.32182955741882324,
 *   0.5645116567611694,
 *   0.5802739858627319,
 *   0.8880852460861206,
 * ]);
 * ```
 *
 * @throws {RangeError} If the seed is not a non-negative safe integer.
 */
export function seededRandom(seed: number): () => number {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(
      `Cannot seed random: seed must be a non-negative safe integer, got ${seed}`,
    );
  }
  let s = BigInt(seed);
  return () => {
    s ^= s >> 12n;
    s ^= (s << 25n) & MASK64;
    s ^= s >> 27n;
    const u32 = Number(((s * MULTIPLIER) >> 32n) & 0xFFFFFFFFn);
    return (u32 >>> 8) / 16777216;
  };
}
