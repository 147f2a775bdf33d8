/**
 * Chapter 4: the seed notebook's neuron, one cell at a time, drawn after
 * each cell; the seed's `b = 6.7`, then the lecture's
 * `b = 6.8813735870195432` and `o.backward()`.
 *
 * @module
 */
import type { JSX } from "preact";
import { useMemo, useState } from "preact/hooks";
import { toDot } from "@gradviz/gradviz";
import GraphView from "../components/GraphView.tsx";
import { LeafControls } from "../components/LeafControl.tsx";
import { fixed } from "../components/format.ts";
import { liveLesson } from "../lessons/evaluate.ts";
import type { LeafValues } from "../lessons/lessons.ts";
import {
  beforeBackward,
  LECTURE_B,
  NEURON_CELL_CODE,
  NEURON_CELLS,
  rememberInUrl,
} from "../lessons/course.ts";

/** Props of {@linkcode NeuronCells}. */
export interface NeuronCellsProps {
  /** The server's drawing of cell `cell` for `values`. */
  svg: string;
  /** The five leaves' values. */
  values: LeafValues;
  /** The cell drawn, 1 to 5. */
  cell: number;
  /** Whether `o.backward()` has run. */
  backward: boolean;
}

/**
 * The cells, the leaves, the value and the graph.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { h } from "preact";
 * import { renderToString } from "preact-render-to-string";
 * import NeuronCells from "./NeuronCells.tsx";
 *
 * const values = { x1: 2, x2: 0, w1: -3, w2: 1, b: 6.7 };
 * const html = renderToString(h(NeuronCells, { svg: "<svg></svg>", values, cell: 5, backward: false }));
 * ok(html.includes('<output id="root-value">o = 0.6044</output>'));
 * ```
 */
export default function NeuronCells(props: NeuronCellsProps): JSX.Element {
  const [values, setValues] = useState(props.values);
  const [cell, setCell] = useState(props.cell);
  const [backward, setBackward] = useState(props.backward);
  const lives = useMemo(() => NEURON_CELLS.map(liveLesson), []);
  const lesson = NEURON_CELLS[cell - 1];
  const run = useMemo(() => lives[cell - 1](values), [values, cell]);
  // A new structure with each cell: GraphView redraws on a new DOT. Top to
  // bottom, so the neuron stays readable on a phone.
  const dot = useMemo(() => toDot(run.root, { rankdir: "TB" }), [cell]);
  const update = (next: LeafValues) => {
    setValues(next);
    rememberInUrl(next);
  };
  const grads = backward && cell === 5;
  return (
    <div class="lesson">
      <div class="actions cells" role="group" aria-label="Notebook cells">
        {NEURON_CELL_CODE.map((code, i) => (
          <button
            type="button"
            aria-pressed={cell === i + 1}
            onClick={() => {
              setCell(i + 1);
              rememberInUrl({ cell: i + 1 });
            }}
          >
            <code>{code.split(";")[0]}</code>
          </button>
        ))}
      </div>
      <pre class="cell-code"><code>{NEURON_CELL_CODE[cell - 1]}</code></pre>
      <LeafControls
        leaves={lesson.leaves}
        values={values}
        onChange={(f) => update(f(values))}
      />
      <div class="actions">
        <button
          type="button"
          id="seed-b"
          onClick={() => update({ ...values, b: 6.7 })}
        >
          b = 6.7 (the seed's)
        </button>
        <button
          type="button"
          id="lecture-b"
          onClick={() => update({ ...values, b: LECTURE_B })}
        >
          b = 6.8813735870195432 (the lecture's)
        </button>
        <button
          type="button"
          id="run-backward"
          disabled={cell !== 5}
          onClick={() => {
            setBackward(true);
            rememberInUrl({ backward: 1 });
          }}
        >
          o.backward()
        </button>
      </div>
      <p class="readout">
        <output id="root-value">
          {run.root.label} = {fixed(run.root.data)}
        </output>{" "}
        <code class="full">{String(run.root)}</code>
      </p>
      {grads && (
        <table class="check">
          <caption>The leaves' grads after o.backward()</caption>
          <thead>
            <tr>
              <th scope="col">leaf</th>
              <th scope="col">data</th>
              <th scope="col">grad</th>
            </tr>
          </thead>
          <tbody>
            {run.leaves.map((leaf) => (
              <tr key={leaf.name} data-leaf={leaf.name}>
                <th scope="row">{leaf.name}</th>
                <td>{fixed(leaf.data)}</td>
                <td class="grad">{fixed(leaf.grad)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <GraphView
        svg={props.svg}
        label={`Graph of ${run.root.label}`}
        dot={dot}
        values={grads ? run.graph : beforeBackward(run.graph)}
      />
    </div>
  );
}
