/**
 * The lecture's `L = (a*b + c)*f`, live: sliders for the leaves, the
 * lecture's nudge, `backward()` one node at a time, and a numeric check of
 * each leaf's grad.
 *
 * @module
 */
import type { JSX } from "preact";
import { useMemo, useState } from "preact/hooks";
import { toDot } from "@gradviz/gradviz";
import GraphView from "../components/GraphView.tsx";
import { LeafControls } from "../components/LeafControl.tsx";
import { fixed } from "../components/format.ts";
import { backwardSteps } from "../lessons/backward_steps.ts";
import { liveLesson, nudge, numericGrad } from "../lessons/evaluate.ts";
import {
  expression,
  type LeafValues,
  lectureValues,
} from "../lessons/lessons.ts";
import type { GraphValues } from "../components/svg_patch.ts";

/** Props of {@linkcode ExpressionLesson}. */
export interface ExpressionLessonProps {
  /** The server's drawing of the graph for `values`. */
  svg: string;
  /** The leaf values to start from. */
  values: LeafValues;
}

/** The step size of the lecture's finite differences. */
const H = 0.001;

/**
 * The expression lesson's controls, graph, backward steps and checks.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { h } from "preact";
 * import { renderToString } from "preact-render-to-string";
 * import ExpressionLesson from "./ExpressionLesson.tsx";
 *
 * const values = { a: 2, b: -3, c: 10, f: -2 };
 * const html = renderToString(h(ExpressionLesson, { svg: "<svg></svg>", values }));
 * ok(html.includes('<output id="L-value">−8.000000</output>'));
 * ```
 */
export default function ExpressionLesson(
  props: ExpressionLessonProps,
): JSX.Element {
  const [values, setValues] = useState(props.values);
  const [step, setStep] = useState<number | null>(null); // null: not stepping
  const [rankdir, setRankdir] = useState<"LR" | "TB">("LR");
  const live = useMemo(() => liveLesson(expression), []);
  const run = useMemo(() => live(values), [values]);
  // The DOT changes only with the layout direction: numbers are patched in.
  const dot = useMemo(() => toDot(run.root, { rankdir }), [rankdir]);
  const steps = useMemo(() => backwardSteps(run.root), [run]);

  // While stepping, grads not yet reached by backward() still show 0.
  const shown = useMemo((): GraphValues => {
    if (step === null) return run.graph;
    const done = new Set(steps.slice(0, step + 1).map((s) => s.id));
    const out: GraphValues = {};
    for (const [id, v] of Object.entries(run.graph)) {
      out[id] = { data: v.data, grad: done.has(id) ? v.grad : 0 };
    }
    return out;
  }, [run, steps, step]);
  const current = step === null ? null : steps[step];

  return (
    <div class="lesson">
      <LeafControls
        leaves={expression.leaves}
        values={values}
        onChange={setValues}
      />
      <p class="readout">
        L = <output id="L-value">{fixed(run.root.data, 6)}</output>
      </p>
      <div class="actions">
        <button
          type="button"
          id="nudge"
          onClick={() => setValues((v) => nudge(expression, v))}
        >
          Nudge: leaf += 0.01 × grad
        </button>
        <button
          type="button"
          id="reset"
          onClick={() => setValues(lectureValues(expression))}
        >
          Lecture values
        </button>
        <button
          type="button"
          id="step"
          onClick={() =>
            setStep((s) => s === null ? 0 : Math.min(s + 1, steps.length - 1))}
        >
          {step === null ? "Step backward" : "Next step"}
        </button>
        <button
          type="button"
          id="rankdir"
          onClick={() => setRankdir((r) => r === "LR" ? "TB" : "LR")}
        >
          {rankdir === "LR" ? "Draw top to bottom" : "Draw left to right"}
        </button>
        {step !== null && (
          <button
            type="button"
            id="step-done"
            onClick={() => setStep(null)}
          >
            Done stepping
          </button>
        )}
      </div>
      <StepPanel step={current} index={step} count={steps.length} />
      <GraphView
        svg={props.svg}
        label="Graph of L = (a*b + c)*f"
        dot={dot}
        values={shown}
        highlight={current?.id ?? null}
      />
      <table class="check">
        <caption>
          Each leaf's grad next to its numeric estimate (f(x+h) − f(x))/h, h =
          {" "}
          {H}
        </caption>
        <thead>
          <tr>
            <th scope="col">leaf</th>
            <th scope="col">data</th>
            <th scope="col">grad</th>
            <th scope="col">numeric</th>
          </tr>
        </thead>
        <tbody>
          {run.leaves.map((leaf) => (
            <tr key={leaf.name} data-leaf={leaf.name}>
              <th scope="row">{leaf.name}</th>
              <td>{fixed(leaf.data)}</td>
              <td class="grad">{fixed(leaf.grad)}</td>
              <td class="numeric">
                {fixed(numericGrad(expression, values, leaf.name, H))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface StepPanelProps {
  step: ReturnType<typeof backwardSteps>[number] | null;
  index: number | null;
  count: number;
}

// The chain rule for the node being stepped: local derivative × upstream grad.
function StepPanel({ step, index, count }: StepPanelProps): JSX.Element {
  if (!step || index === null) {
    return (
      <p class="step-panel" aria-live="polite">
        Step backward walks <code>backward()</code>{" "}
        one node at a time, from L back to the leaves.
      </p>
    );
  }
  const { label, terms, grad } = step;
  return (
    <p class="step-panel" aria-live="polite" data-node={step.id}>
      Step {index + 1} of {count}, node <strong>{label}</strong>:{" "}
      {terms.length === 0
        ? <>{label}.grad = 1: the root's slope in itself.</>
        : (
          <>
            {label}.grad ={" "}
            {terms.map((t) => `∂${t.parent}/∂${label} × ${t.parent}.grad`).join(
              " + ",
            )} ={" "}
            {terms.map((t) => `${fixed(t.local)} × ${fixed(t.upstream)}`).join(
              " + ",
            )} = <output class="step-grad">{fixed(grad)}</output>
          </>
        )}
    </p>
  );
}
