/**
 * Two-class data sets in the plane for the training playground (`/train`)
 * and the CLI's `train`: {@linkcode makeDataset} draws micrograd's moons,
 * circles, xor, a spiral, two gaussian blobs or EurekaLabs' yin-yang from
 * {@linkcode seededRandom}, so a seed gives the same points everywhere.
 * Labels are `1` and `-1`, as micrograd's demo maps them.
 *
 * @example
 * ```ts
 * import { deepEqual, equal } from "node:assert/strict";
 * import { makeDataset } from "@gradviz/gradviz/train";
 *
 * const xor = makeDataset("xor", { points: 200, noise: 0, seed: 7 });
 * equal(xor.points.length, 200);
 * deepEqual(makeDataset("xor", { points: 200, noise: 0, seed: 7 }), xor);
 * ```
 *
 * @module
 */
import moons from "../../data/moons.json" with { type: "json" };
import { seededRandom } from "../engine/random.ts";

/** The data sets {@linkcode makeDataset} knows. */
export type DatasetName =
  | "moons"
  | "circles"
  | "xor"
  | "spiral"
  | "gauss"
  | "yinyang";

/**
 * Every data set's name, in the order the playground lists them.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { DATASETS } from "@gradviz/gradviz/train";
 *
 * equal(DATASETS[0], "moons");
 * equal(DATASETS.length, 6);
 * ```
 */
export const DATASETS: readonly DatasetName[] = [
  "moons",
  "circles",
  "xor",
  "spiral",
  "gauss",
  "yinyang",
];

/**
 * Each data set's name for a reader.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { DATASET_TITLES } from "@gradviz/gradviz/train";
 *
 * equal(DATASET_TITLES.yinyang, "Yin-yang");
 * ```
 */
export const DATASET_TITLES: Readonly<Record<DatasetName, string>> = {
  moons: "Two moons",
  circles: "Circles",
  xor: "XOR",
  spiral: "Spiral",
  gauss: "Gaussian blobs",
  yinyang: "Yin-yang",
};

/** Points with their labels. */
export interface Dataset {
  /** The points, `[x, y]`. */
  points: number[][];
  /** Their labels, `1` or `-1`. */
  labels: number[];
}

/** How {@linkcode makeDataset} draws a data set. */
export interface DatasetOptions {
  /** How many points (at least 2). */
  points: number;
  /** The standard deviation of the gaussian noise added to each coordinate (≥ 0). */
  noise: number;
  /** The seed of {@linkcode seededRandom}. */
  seed: number;
}

/**
 * micrograd's demo data, `make_moons(n_samples=100, noise=0.1)` drawn by
 * numpy after `np.random.seed(1337)`: {@linkcode makeDataset} returns these
 * points for `moons` with 100 points, noise 0.1 and seed 1337.
 *
 * @example
 * ```ts
 * import { deepEqual, equal } from "node:assert/strict";
 * import { makeDataset, MICROGRAD_MOONS } from "@gradviz/gradviz/train";
 *
 * const { points, labels } = makeDataset("moons", MICROGRAD_MOONS);
 * deepEqual(points[0], [1.1221146075409683, 0.08147717341718697]); // data/moons.json
 * equal(labels[0], -1);
 * ```
 */
export const MICROGRAD_MOONS: DatasetOptions = {
  points: 100,
  noise: 0.1,
  seed: 1337,
};

// A standard normal draw (Box-Muller; 1 - u keeps the log finite).
function gaussian(random: () => number): number {
  const u = 1 - random(), v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

type Draw = (i: number, n: number, random: () => number) => [
  number,
  number,
  number,
];

// Each generator returns [x, y, label] for point i of n, before noise.
const DRAW: Record<DatasetName, Draw> = {
  // sklearn's make_moons: half on the upper arc, half on the lower one.
  moons(i, n) {
    const outer = Math.floor(n / 2);
    if (i < outer) {
      const t = outer > 1 ? Math.PI * i / (outer - 1) : 0;
      return [Math.cos(t), Math.sin(t), -1];
    }
    const inner = n - outer, j = i - outer;
    const t = inner > 1 ? Math.PI * j / (inner - 1) : 0;
    return [1 - Math.cos(t), 1 - Math.sin(t) - 0.5, 1];
  },
  // A disc of radius 0.5 inside a ring from 0.7 to 1 (TensorFlow Playground's).
  circles(i, _n, random) {
    const inside = i % 2 === 0;
    const r = inside ? 0.5 * random() : 0.7 + 0.3 * random();
    const a = 2 * Math.PI * random();
    return [r * Math.cos(a), r * Math.sin(a), inside ? 1 : -1];
  },
  // Uniform in the square, kept off the axes, labelled by the sign of x·y
  // (every other point in a quadrant of each sign).
  xor(i, _n, random) {
    const away = (u: number) => (u * 2 - 1) * 0.95 + (u < 0.5 ? -0.05 : 0.05);
    const label = i % 2 ? -1 : 1;
    const x = away(random()), y = Math.abs(away(random()));
    return [x, Math.sign(x) * label * y, label];
  },
  // Two interleaved arms of 1.75 turns each.
  spiral(i, n) {
    const arm = i % 2, k = Math.floor(i / 2), m = Math.ceil(n / 2);
    const r = k / m;
    const t = 1.75 * 2 * Math.PI * r + arm * Math.PI;
    return [r * Math.sin(t), r * Math.cos(t), arm ? -1 : 1];
  },
  // Two blobs of deviation 0.25 around (±0.5, ±0.5).
  gauss(i, _n, random) {
    const c = i % 2 ? -0.5 : 0.5;
    return [
      c + 0.25 * gaussian(random),
      c + 0.25 * gaussian(random),
      i % 2 ? -1 : 1,
    ];
  },
  // EurekaLabs' yin-yang (karpathy's later micrograd) in the unit disc, its
  // two dots given to the class around them: yin (1) and yang (-1).
  yinyang(i, _n, random) {
    const big = 0.5, small = 0.1, goal = i % 2 ? -1 : 1;
    for (;;) {
      const x = random() * 2 * big, y = random() * 2 * big;
      if (Math.hypot(x - big, y - big) > big) continue;
      const right = Math.hypot(x - 1.5 * big, y - big);
      const left = Math.hypot(x - 0.5 * big, y - big);
      const yin = right <= small ||
        (left > small && left <= 0.5 * big) ||
        (y > big && right > 0.5 * big);
      const label = yin ? 1 : -1;
      if (label === goal) return [(x - big) / big, (y - big) / big, label];
    }
  },
};

function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(`Cannot make data set: ${message}`);
}

/**
 * Draws a data set: `options.points` points (half of each class, up to
 * one), each coordinate plus gaussian noise of deviation `options.noise`,
 * in an order shuffled by the seed, so a train/test split can take the
 * first ones. `moons` with {@linkcode MICROGRAD_MOONS}'s options is
 * micrograd's data, from `data/moons.json`.
 *
 * @example Every data set has both labels
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { DATASETS, makeDataset } from "@gradviz/gradviz/train";
 *
 * for (const name of DATASETS) {
 *   const { labels } = makeDataset(name, { points: 50, noise: 0.1, seed: 1 });
 *   deepEqual(new Set(labels), new Set([1, -1]));
 * }
 * ```
 *
 * @param name The data set.
 * @param options How many points, the noise and the seed.
 * @throws {RangeError} If the name is unknown or an option out of range.
 */
export function makeDataset(
  name: DatasetName,
  options: DatasetOptions,
): Dataset {
  const { points: n, noise, seed } = options;
  check(
    DATASETS.includes(name),
    `unknown data set ${JSON.stringify(name)}, expected one of ${
      DATASETS.join(", ")
    }`,
  );
  check(
    Number.isInteger(n) && n >= 2,
    `points must be an integer of at least 2, got ${n}`,
  );
  check(
    Number.isFinite(noise) && noise >= 0,
    `noise must be a number ≥ 0, got ${noise}`,
  );
  check(
    Number.isSafeInteger(seed) && seed >= 0,
    `seed must be a non-negative integer, got ${seed}`,
  );
  if (
    name === "moons" && n === MICROGRAD_MOONS.points &&
    noise === MICROGRAD_MOONS.noise && seed === MICROGRAD_MOONS.seed
  ) {
    return {
      points: moons.X.map((p) => [...p]),
      labels: [...moons.y],
    };
  }
  const random = seededRandom(seed);
  const draw = DRAW[name];
  const rows = Array.from({ length: n }, (_, i) => {
    const [x, y, label] = draw(i, n, random);
    return noise === 0 ? [x, y, label] : [
      x + noise * gaussian(random),
      y + noise * gaussian(random),
      label,
    ];
  });
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  return {
    points: rows.map(([x, y]) => [x, y]),
    labels: rows.map((r) => r[2]),
  };
}
