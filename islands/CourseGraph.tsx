/**
 * A chapter's live graph: a lesson of the course by name, a slider per
 * leaf, the root's value, and the leaves kept in the address bar.
 *
 * @module
 */
import type { JSX } from "preact";
import { useMemo, useState } from "preact/hooks";
import GraphView from "../components/GraphView.tsx";
import { LeafControls } from "../components/LeafControl.tsx";
import { liveLesson } from "../lessons/evaluate.ts";
import type { LeafValues } from "../lessons/lessons.ts";
import {
  beforeBackward,
  COURSE_LESSONS,
  type CourseLessonName,
  rememberInUrl,
} from "../lessons/course.ts";

/** Props of {@linkcode CourseGraph}. */
export interface CourseGraphProps {
  /** Which of the course's lessons to draw. */
  lesson: CourseLessonName;
  /** The server's drawing of the graph for `values`. */
  svg: string;
  /** The leaf values to start from. */
  values: LeafValues;
  /** Whether grads are shown (after `backward()`), or all 0 as before it. */
  grads: boolean;
  /** The drawing's accessible name. */
  label: string;
}

/**
 * Sliders, the root as the lecture prints it (`Value(data=-8)`), and the graph.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { h } from "preact";
 * import { renderToString } from "preact-render-to-string";
 * import CourseGraph from "./CourseGraph.tsx";
 *
 * const values = { a: 2, b: -3, c: 10, f: -2 };
 * const html = renderToString(h(CourseGraph, { lesson: "expression", svg: "<svg></svg>", values, grads: false, label: "L" }));
 * ok(html.includes('<output id="root-value">L = Value(data=-8)</output>'));
 * ```
 */
export default function CourseGraph(props: CourseGraphProps): JSX.Element {
  const lesson = COURSE_LESSONS[props.lesson];
  const [values, setValues] = useState(props.values);
  const live = useMemo(() => liveLesson(lesson), []);
  const run = useMemo(() => live(values), [values]);
  const change = (update: (v: LeafValues) => LeafValues) => {
    const next = update(values);
    setValues(next);
    rememberInUrl(next);
  };
  return (
    <div class="lesson wide-graph">
      <LeafControls leaves={lesson.leaves} values={values} onChange={change} />
      <p class="readout">
        <output id="root-value">
          {run.root.label} = {String(run.root)}
        </output>
      </p>
      <GraphView
        svg={props.svg}
        label={props.label}
        values={props.grads ? run.graph : beforeBackward(run.graph)}
      />
    </div>
  );
}
