/**
 * Chapter 5: `b = a + a` back-propagated twice, with micrograd's first bug
 * (`self.grad = …`, grad 1) and with the fix (`self.grad += …`, grad 2),
 * side by side.
 *
 * @module
 */
import type { JSX } from "preact";
import { useMemo, useState } from "preact/hooks";
import GraphView from "../components/GraphView.tsx";
import { LeafControls } from "../components/LeafControl.tsx";
import { fixed } from "../components/format.ts";
import type { LeafValues } from "../lessons/lessons.ts";
import { graphValues } from "../lessons/evaluate.ts";
import {
  backwardOverwriting,
  doubled,
  rememberInUrl,
} from "../lessons/course.ts";

/** Props of {@linkcode AccumulateBug}. */
export interface AccumulateBugProps {
  /** The server's drawing of `b = a + a` (the same layout for both). */
  svg: string;
  /** The value of a. */
  values: LeafValues;
}

/**
 * One slider, two graphs, two grads of a.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { h } from "preact";
 * import { renderToString } from "preact-render-to-string";
 * import AccumulateBug from "./AccumulateBug.tsx";
 *
 * const html = renderToString(h(AccumulateBug, { svg: "<svg></svg>", values: { a: 3 } }));
 * ok(html.includes('<output id="grad-set">a.grad = 1.0000</output>'));
 * ok(html.includes('<output id="grad-add">a.grad = 2.0000</output>'));
 * ```
 */
export default function AccumulateBug(props: AccumulateBugProps): JSX.Element {
  const [values, setValues] = useState(props.values);
  const both = useMemo(() => {
    const buggy = doubled.build(values);
    const bug = backwardOverwriting(buggy);
    const right = doubled.build(values);
    right.backward();
    return { bug, fix: graphValues(right), b: right.data };
  }, [values]);
  return (
    <div class="lesson">
      <LeafControls
        leaves={doubled.leaves}
        values={values}
        onChange={(f) => {
          const next = f(values);
          setValues(next);
          rememberInUrl(next);
        }}
      />
      <p class="readout">
        <output id="b-value">b = {fixed(both.b)}</output>
      </p>
      <div class="side-by-side">
        <section>
          <h2>
            <code>self.grad = 1.0 * out.grad</code>
          </h2>
          <p class="bad">
            <output id="grad-set">a.grad = {fixed(both.bug.n0.grad!)}</output>
            {" "}
            ✗ the second use overwrote the first
          </p>
          <GraphView
            svg={props.svg}
            label="b = a + a with the bug"
            values={both.bug}
          />
        </section>
        <section>
          <h2>
            <code>self.grad += 1.0 * out.grad</code>
          </h2>
          <p class="good">
            <output id="grad-add">a.grad = {fixed(both.fix.n0.grad!)}</output>
            {" "}
            ✓ both uses add up
          </p>
          <GraphView
            svg={props.svg}
            label="b = a + a fixed"
            values={both.fix}
          />
        </section>
      </div>
    </div>
  );
}
