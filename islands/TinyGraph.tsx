/**
 * The home page's small live graph: `c = a * b` with a slider per leaf.
 *
 * @module
 */
import type { JSX } from "preact";
import { useMemo, useState } from "preact/hooks";
import { toDot } from "@gradviz/gradviz";
import GraphView from "../components/GraphView.tsx";
import { LeafControls } from "../components/LeafControl.tsx";
import { liveLesson } from "../lessons/evaluate.ts";
import { type LeafValues, tiny } from "../lessons/lessons.ts";

/** Props of {@linkcode TinyGraph}. */
export interface TinyGraphProps {
  /** The server's drawing of the graph for `values`. */
  svg: string;
  /** The leaf values to start from. */
  values: LeafValues;
}

/**
 * A two-leaf graph whose numbers follow the sliders.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { h } from "preact";
 * import { renderToString } from "preact-render-to-string";
 * import TinyGraph from "./TinyGraph.tsx";
 *
 * const html = renderToString(h(TinyGraph, { svg: "<svg></svg>", values: { a: 2, b: -3 } }));
 * ok(html.includes('aria-label="a slider"'));
 * ```
 */
export default function TinyGraph(props: TinyGraphProps): JSX.Element {
  const [values, setValues] = useState(props.values);
  const live = useMemo(() => liveLesson(tiny), []);
  const run = useMemo(() => live(values), [values]);
  // The graph's structure, for a new layout when a number outgrows its field.
  const dot = useMemo(() => toDot(run.root), []);
  return (
    <div class="lesson tiny">
      <LeafControls
        leaves={tiny.leaves}
        values={values}
        onChange={setValues}
      />
      <GraphView
        svg={props.svg}
        label="Graph of c = a * b"
        dot={dot}
        values={run.graph}
      />
    </div>
  );
}
