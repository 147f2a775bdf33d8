/**
 * Chapter 1: the slope of `f(x) = 3x² − 4x + 5` by hand,
 * `(f(x + h) − f(x))/h`, as `h` shrinks, beside a plot of f and the line
 * through the two points.
 *
 * @module
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import LeafControl from "../components/LeafControl.tsx";
import { fixed } from "../components/format.ts";
import {
  DERIVATIVE_X,
  f,
  rememberInUrl,
  slope,
  STEPS,
} from "../lessons/course.ts";

/** Props of {@linkcode DerivativeLesson}. */
export interface DerivativeLessonProps {
  /** Where to take the slope. */
  x: number;
  /** The step, one of `STEPS`. */
  h: number;
}

// The plot's frame: x from -5 to 5, f from -10 to 110, in a 320×220 box.
const W = 320;
const H = 220;
const px = (x: number) => ((x + 5) / 10) * W;
const py = (y: number) => H - ((y + 10) / 120) * H;

/**
 * The x slider, the steps, the slopes and the plot.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { h } from "preact";
 * import { renderToString } from "preact-render-to-string";
 * import DerivativeLesson from "./DerivativeLesson.tsx";
 *
 * const html = renderToString(h(DerivativeLesson, { x: 3, h: 0.001 }));
 * ok(html.includes('<output id="slope">(f(x + h) − f(x))/h = 14.003000</output>'));
 * ```
 */
export default function DerivativeLesson(
  props: DerivativeLessonProps,
): JSX.Element {
  const [x, setX] = useState(props.x);
  const [h, setH] = useState(props.h);
  const s = slope(x, h);
  const curve = Array.from({ length: 101 }, (_, i) => {
    const t = -5 + i / 10;
    return `${i ? "L" : "M"}${px(t).toFixed(1)},${py(f(t)).toFixed(1)}`;
  }).join("");
  // The line through (x, f(x)) with slope s, across the plot.
  const line = [-5, 5].map((t) => [px(t), py(f(x) + s * (t - x))]);
  return (
    <div class="lesson derivative">
      <LeafControl
        leaf={DERIVATIVE_X}
        value={x}
        onChange={(v) => {
          setX(v);
          rememberInUrl({ x: v });
        }}
      />
      <div class="actions" role="group" aria-label="Step h">
        {STEPS.map((step) => (
          <button
            type="button"
            aria-pressed={step === h}
            onClick={() => {
              setH(step);
              rememberInUrl({ h: step });
            }}
          >
            h = {step}
          </button>
        ))}
      </div>
      <p class="readout">
        f(x) = <output id="fx">{fixed(f(x), 6)}</output>,{" "}
        <output id="slope">(f(x + h) − f(x))/h = {fixed(s, 6)}</output>;
        exactly, f′(x) = 6x − 4 = {fixed(6 * x - 4, 6)}
      </p>
      <div class="side-by-side">
        <svg
          class="plot"
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-label={`f(x) = 3x² − 4x + 5 and the line of slope ${
            fixed(s)
          } at x = ${x}`}
        >
          <line class="axis" x1={0} y1={py(0)} x2={W} y2={py(0)} />
          <line class="axis" x1={px(0)} y1={0} x2={px(0)} y2={H} />
          <path class="curve" d={curve} />
          <line
            class="slope-line"
            x1={line[0][0]}
            y1={line[0][1]}
            x2={line[1][0]}
            y2={line[1][1]}
          />
          <circle class="point" cx={px(x)} cy={py(f(x))} r={4} />
        </svg>
        <table class="check">
          <caption>The slope at x = {x} as h shrinks</caption>
          <thead>
            <tr>
              <th scope="col">h</th>
              <th scope="col">(f(x + h) − f(x))/h</th>
            </tr>
          </thead>
          <tbody>
            {STEPS.map((step) => (
              <tr class={step === h ? "chosen" : undefined}>
                <th scope="row">{step}</th>
                <td>{String(slope(x, step))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
