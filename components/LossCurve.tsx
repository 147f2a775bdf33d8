/**
 * `LossCurve`: a training run's loss by step, drawn as a small SVG line on a
 * logarithmic scale (losses fall by orders of magnitude), with a dashed test
 * line beside it when there are test points.
 *
 * @module
 */
import type { JSX } from "preact";

/** Props of {@linkcode LossCurve}. */
export interface LossCurveProps {
  /** The loss at steps 0, 1, 2, …; values that are not positive and finite are skipped. */
  losses: readonly number[];
  /** The test loss at the same steps (null where there is none), drawn dashed. */
  test?: readonly (number | null)[];
  /** The x axis spans at least this many steps, so the first steps do not fill it; default 20. */
  minSteps?: number;
  /** An accessible name for the chart. */
  label: string;
}

const W = 360;
const H = 180;
const LEFT = 66; // room for the y axis's title and a label such as 7.85e−4
const RIGHT = 10;
const TOP = 10;
const BOTTOM = 30;
// At most this many points per line: long runs are thinned.
const MAX_POINTS = 400;

/**
 * A loss as an axis label: three significant figures, in scientific notation
 * below 0.01 so that it stays short, with the true minus sign.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { axisLabel } from "./LossCurve.tsx";
 *
 * equal(axisLabel(8), "8.00");
 * equal(axisLabel(0.0123), "0.0123");
 * equal(axisLabel(0.000785), "7.85e−4");
 * ```
 */
export function axisLabel(x: number): string {
  return (x < 0.01 ? x.toExponential(2) : x.toPrecision(3)).replace(
    "-",
    "−",
  );
}

// The steps a line can show: positive, finite losses, at most MAX_POINTS of
// them (every k-th, and always the last).
function drawable(
  losses: readonly (number | null)[],
): { step: number; loss: number }[] {
  const every = Math.ceil(losses.length / MAX_POINTS);
  return losses.flatMap((loss, step) =>
    loss !== null && loss > 0 && Number.isFinite(loss) &&
      (step % every === 0 || step === losses.length - 1)
      ? [{ step, loss }]
      : []
  );
}

/**
 * The loss curve of a training run, its axes labelled with the first and
 * last steps and the largest and smallest losses; a test line, if given, is
 * dashed.
 *
 * @example
 * ```tsx ignore
 * <LossCurve losses={[0.9, 0.5, 0.2]} test={[1, 0.7, 0.4]} label="Loss by step" />
 * ```
 */
export default function LossCurve(
  { losses, test = [], minSteps = 20, label }: LossCurveProps,
): JSX.Element {
  const shown = drawable(losses), tested = drawable(test);
  const all = [...shown, ...tested].map((p) => p.loss);
  const steps = Math.max(minSteps, losses.length - 1);
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (!(hi > lo)) [lo, hi] = all.length ? [lo / 2, hi * 2] : [0.1, 1];
  const x = (step: number) => LEFT + (W - LEFT - RIGHT) * step / steps;
  const y = (loss: number) =>
    TOP + (H - TOP - BOTTOM) * Math.log(hi / loss) / Math.log(hi / lo);
  const points = (line: { step: number; loss: number }[]) =>
    line.map((p) => `${x(p.step).toFixed(1)},${y(p.loss).toFixed(1)}`)
      .join(" ");
  const last = shown.at(-1);
  return (
    <svg
      class="loss-curve"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={label}
    >
      <line class="axis" x1={LEFT} y1={TOP} x2={LEFT} y2={H - BOTTOM} />
      <line
        class="axis"
        x1={LEFT}
        y1={H - BOTTOM}
        x2={W - RIGHT}
        y2={H - BOTTOM}
      />
      <text x={LEFT - 4} y={TOP + 8} text-anchor="end">{axisLabel(hi)}</text>
      <text x={LEFT - 4} y={H - BOTTOM} text-anchor="end">
        {axisLabel(lo)}
      </text>
      <text
        class="axis-title"
        transform={`translate(14 ${(TOP + H - BOTTOM) / 2}) rotate(-90)`}
        text-anchor="middle"
      >
        loss (log scale)
      </text>
      <text x={LEFT} y={H - BOTTOM + 14} text-anchor="start">0</text>
      <text x={W - RIGHT} y={H - BOTTOM + 14} text-anchor="end">{steps}</text>
      <text
        class="axis-title"
        x={(LEFT + W - RIGHT) / 2}
        y={H - 4}
        text-anchor="middle"
      >
        step
      </text>
      {shown.length > 1 && <polyline class="line" points={points(shown)} />}
      {tested.length > 1 && (
        <polyline class="line test-line" points={points(tested)} />
      )}
      {last && <circle class="dot" cx={x(last.step)} cy={y(last.loss)} r={3} />}
    </svg>
  );
}
