/**
 * `TrainCurves`: the training and test losses by step, as two SVG lines on
 * a logarithmic scale (losses fall by orders of magnitude).
 *
 * @module
 */
import type { JSX } from "preact";

/** Props of {@linkcode TrainCurves}. */
export interface TrainCurvesProps {
  /** The training loss at steps 0, 1, 2, …. */
  train: readonly number[];
  /** The test loss at the same steps, or none. */
  test: readonly (number | null)[];
  /** The x axis spans this many steps (the run's length). */
  steps: number;
}

const W = 360;
const H = 170;
const LEFT = 52;
const RIGHT = 10;
const TOP = 10;
const BOTTOM = 24;
// At most this many points per line: long runs are thinned.
const MAX_POINTS = 400;

const short = (x: number) => x.toPrecision(3);

/**
 * Both loss curves with labelled axes; the test line is dashed.
 *
 * @example
 * ```tsx ignore
 * <TrainCurves train={[0.9, 0.5]} test={[1, 0.7]} steps={100} />
 * ```
 */
export default function TrainCurves(
  { train, test, steps }: TrainCurvesProps,
): JSX.Element {
  const all = [...train, ...test].filter((l): l is number =>
    l !== null && l > 0 && Number.isFinite(l)
  );
  let lo = all.length ? Math.min(...all) : 0.1;
  let hi = all.length ? Math.max(...all) : 1;
  if (!(hi > lo)) [lo, hi] = [lo / 2, hi * 2];
  const span = Math.max(1, steps - 1, train.length - 1);
  const x = (step: number) => LEFT + (W - LEFT - RIGHT) * step / span;
  const y = (loss: number) =>
    TOP + (H - TOP - BOTTOM) * Math.log(hi / loss) / Math.log(hi / lo);
  const line = (losses: readonly (number | null)[]) => {
    const every = Math.ceil(losses.length / MAX_POINTS);
    const pts: string[] = [];
    losses.forEach((l, step) => {
      if (
        l !== null && l > 0 && Number.isFinite(l) &&
        (step % every === 0 || step === losses.length - 1)
      ) pts.push(`${x(step).toFixed(1)},${y(l).toFixed(1)}`);
    });
    return pts.join(" ");
  };
  const hasTest = test.some((l) => l !== null);
  return (
    <svg
      class="loss-curve train-curves"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label="Training and test loss by step (log scale)"
    >
      <line class="axis" x1={LEFT} y1={TOP} x2={LEFT} y2={H - BOTTOM} />
      <line
        class="axis"
        x1={LEFT}
        y1={H - BOTTOM}
        x2={W - RIGHT}
        y2={H - BOTTOM}
      />
      <text x={LEFT - 4} y={TOP + 8} text-anchor="end">{short(hi)}</text>
      <text x={LEFT - 4} y={H - BOTTOM} text-anchor="end">{short(lo)}</text>
      <text x={LEFT} y={H - 6} text-anchor="start">0</text>
      <text x={W - RIGHT} y={H - 6} text-anchor="end">step {span}</text>
      <text x={(LEFT + W) / 2} y={H - 6} text-anchor="middle">
        loss, log scale
      </text>
      {train.length > 1 && <polyline class="line" points={line(train)} />}
      {hasTest && <polyline class="line test-line" points={line(test)} />}
    </svg>
  );
}
