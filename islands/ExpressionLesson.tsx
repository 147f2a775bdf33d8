/**
 * The lecture's `L = (a*b + c)*f`, live: sliders for the leaves, the
 * lecture's nudge, `backward()` one node at a time, and a numeric check of
 * each leaf's grad.
 *
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { toDot } from "@gradviz/gradviz";
import GraphView from "../components/GraphView.tsx";
import { LeafControls } from "../components/LeafControl.tsx";
import { fixed } from "../components/format.ts";
import {
  type EdgeMark,
  nodeAt,
  useGraphMarks,
} from "../components/graph_marks.ts";
import { useQueryInUrl } from "../components/url_state.ts";
import { type BackwardStep, backwardSteps } from "../lessons/backward_steps.ts";
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
  /** The drawing's direction: left to right (the default) or top to bottom. */
  rankdir?: "LR" | "TB";
  /** The backward step to start at (0 is the root's), or null for none. */
  step?: number | null;
}

/** The step size of the lecture's finite differences. */
const H = 0.001;

/**
 * The query that gives back a moment of the lesson: the leaf values, the
 * drawing's direction if not left to right, the step (1-based) if stepping.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { expressionQuery } from "./ExpressionLesson.tsx";
 *
 * const values = { a: 2, b: -3, c: 10, f: -2 };
 * equal(expressionQuery(values, "LR", null), "a=2&b=-3&c=10&f=-2");
 * equal(expressionQuery(values, "TB", 2), "a=2&b=-3&c=10&f=-2&rankdir=TB&step=3");
 * ```
 */
export function expressionQuery(
  values: LeafValues,
  rankdir: "LR" | "TB",
  step: number | null,
): string {
  const query = new URLSearchParams();
  // String(x) is the shortest text that reads back as the same number.
  for (const { name } of expression.leaves) {
    query.set(name, String(values[name]));
  }
  if (rankdir !== "LR") query.set("rankdir", rankdir);
  if (step !== null) query.set("step", String(step + 1));
  return query.toString();
}

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
 * const last = renderToString(h(ExpressionLesson, { svg: "<svg></svg>", values, step: 6 }));
 * ok(last.includes("backward() is done"));
 * ```
 */
export default function ExpressionLesson(
  props: ExpressionLessonProps,
): JSX.Element {
  const [values, setValues] = useState(props.values);
  const [step, setStep] = useState<number | null>(props.step ?? null); // null: not stepping
  const [rankdir, setRankdir] = useState<"LR" | "TB">(props.rankdir ?? "LR");
  const [hovered, setHovered] = useState<string | null>(null);
  const live = useMemo(() => liveLesson(expression), []);
  const run = useMemo(() => live(values), [values]);
  // The DOT changes only with the layout direction: numbers are patched in.
  const dot = useMemo(() => toDot(run.root, { rankdir }), [rankdir]);
  const steps = useMemo(() => backwardSteps(run.root), [run]);
  const last = steps.length - 1;

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

  // The edges the current node's grad arrives along, each with its product.
  const graph = useRef<HTMLDivElement>(null);
  const marks = useMemo(() => ({
    nodes: hovered ? [hovered] : [],
    edges: current ? flowEdges(current) : [],
  }), [hovered, current]);
  useGraphMarks(graph, marks);

  const next = () => setStep((s) => s === null ? 0 : Math.min(s + 1, last));
  const previous = () => setStep((s) => s === null || s === 0 ? s : s - 1);

  // ← and → step, unless a control that uses the arrows has the focus.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const target = e.target as Element | null;
      if (target?.closest("input, textarea, select, [contenteditable]")) return;
      if (e.key === "ArrowRight") next();
      else if (e.key === "ArrowLeft") previous();
      else return;
      e.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [last]);

  // The address bar follows the lesson, so any moment can be shared as a link.
  useQueryInUrl(expressionQuery(values, rankdir, step));

  const playground = `/playground?program=${
    encodeURIComponent(expression.program(values))
  }`;

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
          id="rankdir"
          onClick={() => setRankdir((r) => r === "LR" ? "TB" : "LR")}
        >
          {rankdir === "LR" ? "Draw top to bottom" : "Draw left to right"}
        </button>
        <a class="open-playground" href={playground}>Open in playground</a>
      </div>
      <div class="stepper" role="group" aria-label="Step through backward()">
        <button
          type="button"
          id="step-prev"
          disabled={step === null || step === 0}
          onClick={previous}
          aria-keyshortcuts="ArrowLeft"
        >
          ← Previous
        </button>
        <button
          type="button"
          id="step"
          disabled={step === last}
          onClick={next}
          aria-keyshortcuts="ArrowRight"
        >
          {step === null ? "Step backward →" : "Next step →"}
        </button>
        <ol class="step-list" aria-label="Steps">
          {steps.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                class={step !== null && i <= step ? "reached" : undefined}
                aria-current={i === step ? "step" : undefined}
                aria-label={`Step ${i + 1}: ${s.label}`}
                onClick={() => setStep(i)}
              >
                {s.label}
              </button>
            </li>
          ))}
        </ol>
        {step !== null && (
          <button
            type="button"
            id="step-done"
            onClick={() => setStep(null)}
          >
            Show every grad
          </button>
        )}
      </div>
      <StepPanel step={current} index={step} count={steps.length} />
      <div
        ref={graph}
        onPointerOver={(e) => setHovered(nodeAt(e.target as Element))}
        onPointerLeave={() => setHovered(null)}
      >
        <GraphView
          svg={props.svg}
          label="Graph of L = (a*b + c)*f"
          dot={dot}
          values={shown}
          highlight={current?.id ?? null}
        />
      </div>
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
            <tr
              key={leaf.name}
              data-leaf={leaf.name}
              data-node={leaf.id}
              class={hovered === leaf.id ? "hovered" : undefined}
              onPointerEnter={() => setHovered(leaf.id)}
              onPointerLeave={() => setHovered(null)}
            >
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

// The edges a step's grad flows along: into the node from each parent's
// operation, labelled with that use's local derivative × upstream grad.
function flowEdges(step: BackwardStep): EdgeMark[] {
  return step.terms.map((t) => ({
    from: step.id,
    to: `${t.parentId}_op`,
    label: `${fixed(t.local)} × ${fixed(t.upstream)}`,
  }));
}

interface StepPanelProps {
  step: BackwardStep | null;
  index: number | null;
  count: number;
}

// The chain rule for the node being stepped: local derivative × upstream grad.
function StepPanel({ step, index, count }: StepPanelProps): JSX.Element {
  if (!step || index === null) {
    return (
      <p class="step-panel" aria-live="polite">
        Step backward walks <code>backward()</code>{" "}
        one node at a time, from L back to the leaves (or use ← and →).
      </p>
    );
  }
  const { label, terms, grad } = step;
  const done = index === count - 1;
  return (
    <p
      class={done ? "step-panel done" : "step-panel"}
      aria-live="polite"
      data-node={step.id}
    >
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
      {done && (
        <>
          {" "}
          <strong class="step-done-message">
            backward() is done: every node has its grad.
          </strong>
        </>
      )}
    </p>
  );
}
