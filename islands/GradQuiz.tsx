/**
 * Chapter 3: backpropagation by hand. The learner fills in each node's
 * grad from the root down, each answer checked against the engine; then
 * `backward()` fills them all, and the lecture's nudge moves every leaf
 * along its grad.
 *
 * @module
 */
import type { JSX } from "preact";
import { useMemo, useState } from "preact/hooks";
import GraphView from "../components/GraphView.tsx";
import { fixed } from "../components/format.ts";
import { tidy } from "../components/LeafControl.tsx";
import { backwardSteps } from "../lessons/backward_steps.ts";
import { liveLesson, nudge } from "../lessons/evaluate.ts";
import {
  expression,
  type LeafValues,
  lectureValues,
} from "../lessons/lessons.ts";
import { isRight, rememberInUrl } from "../lessons/course.ts";
import type { GraphValues } from "../components/svg_patch.ts";

/** Props of {@linkcode GradQuiz}. */
export interface GradQuizProps {
  /** The server's drawing of `L = (a*b + c)*f` for `values`, grads 0. */
  svg: string;
  /** The leaf values. */
  values: LeafValues;
  /** Whether `backward()` has already run (`?backward=1`). */
  backward: boolean;
  /** The reader's answers so far by node label (`?d.grad=-2`). */
  answers: Record<string, string>;
}

const show = (x: number) => tidy(x).replace("-", "−");

/**
 * An input per node, root first, the graph showing the grads found so far.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { h } from "preact";
 * import { renderToString } from "preact-render-to-string";
 * import GradQuiz from "./GradQuiz.tsx";
 *
 * const values = { a: 2, b: -3, c: 10, f: -2 };
 * const html = renderToString(h(GradQuiz, { svg: "<svg></svg>", values, backward: false, answers: { d: "-2" } }));
 * ok(html.includes('<label for="grad-d">d.grad</label>'));
 * ok(html.includes("d.grad = −2 ✓"));
 * ```
 */
export default function GradQuiz(props: GradQuizProps): JSX.Element {
  const [values, setValues] = useState(props.values);
  const [answers, setAnswers] = useState(props.answers);
  const [done, setDone] = useState(props.backward);
  const live = useMemo(() => liveLesson(expression), []);
  const run = useMemo(() => live(values), [values]);
  const steps = useMemo(() => backwardSteps(run.root), [run]);
  const right = (id: string) => {
    const step = steps.find((s) => s.id === id)!;
    return isRight(answers[step.label] ?? "", step.grad);
  };
  const next = done ? null : steps.find((s) => !right(s.id));

  const shown = useMemo((): GraphValues => {
    const out: GraphValues = {};
    for (const [id, v] of Object.entries(run.graph)) {
      out[id] = { data: v.data, grad: done || right(id) ? v.grad : 0 };
    }
    return out;
  }, [run, answers, done]);

  const setLeaves = (next: LeafValues) => {
    setValues(next);
    rememberInUrl(next);
  };

  return (
    <div class="lesson quiz wide-graph">
      <p class="readout">
        <output id="L-value">L = {fixed(run.root.data, 6)}</output>
        {next && <>; next: {next.label}.grad</>}
      </p>
      <GraphView
        svg={props.svg}
        label="Graph of L = (a*b + c)*f"
        values={shown}
        highlight={next?.id ?? null}
      />
      <ol class="quiz-steps">
        {steps.map((step) => {
          const answer = answers[step.label] ?? "";
          const ok = isRight(answer, step.grad);
          const hint = step.terms.length === 0
            ? `${step.label} is the root: dL/dL = 1`
            : step.terms.map((t) =>
              `∂${t.parent}/∂${step.label} × ${t.parent}.grad`
            ).join(" + ");
          return (
            <li key={step.id} data-node={step.id}>
              <label for={`grad-${step.label}`}>{step.label}.grad</label>
              <input
                id={`grad-${step.label}`}
                type="text"
                inputMode="decimal"
                autoComplete="off"
                value={done && !ok ? show(step.grad) : answer}
                readOnly={done}
                aria-invalid={answer !== "" && !ok && !done}
                onInput={(e) => {
                  const text = e.currentTarget.value;
                  setAnswers((a) => ({ ...a, [step.label]: text }));
                  rememberInUrl({ [`${step.label}.grad`]: text || null });
                }}
              />
              <output class="verdict" aria-live="polite">
                {done || ok
                  ? `${step.label}.grad = ${show(step.grad)} ✓`
                  : answer === ""
                  ? ""
                  : `✗ not ${answer}: ${step.label}.grad = ${hint}`}
              </output>
            </li>
          );
        })}
      </ol>
      <div class="actions">
        <button
          type="button"
          id="run-backward"
          onClick={() => {
            setDone(true);
            rememberInUrl({ backward: 1 });
          }}
        >
          L.backward()
        </button>
        <button
          type="button"
          id="nudge"
          disabled={!done}
          onClick={() => setLeaves(nudge(expression, values))}
        >
          Nudge: leaf += 0.01 × grad
        </button>
        <button
          type="button"
          id="reset"
          onClick={() => {
            setLeaves(lectureValues(expression));
            setAnswers({});
            setDone(false);
            rememberInUrl({
              backward: null,
              ...Object.fromEntries(
                steps.map((s) => [`${s.label}.grad`, null]),
              ),
            });
          }}
        >
          Start again
        </button>
      </div>
    </div>
  );
}
