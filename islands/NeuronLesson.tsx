/**
 * The lecture's tanh neuron beside the same neuron with tanh written as
 * `(e - 1)/(e + 1)`, `e = exp(2n)`: one set of inputs and weights drives
 * both graphs, whose leaf grads agree.
 *
 * @module
 */
import type { JSX } from "preact";
import { useMemo, useRef, useState } from "preact/hooks";
import { toDot } from "@gradviz/gradviz";
import GraphView from "../components/GraphView.tsx";
import { LeafControls } from "../components/LeafControl.tsx";
import { fixed } from "../components/format.ts";
import { nodeAt, useGraphMarks } from "../components/graph_marks.ts";
import { useQueryInUrl } from "../components/url_state.ts";
import { liveLesson } from "../lessons/evaluate.ts";
import { type LeafValues, neuron, neuronExp } from "../lessons/lessons.ts";

/** Props of {@linkcode NeuronLesson}. */
export interface NeuronLessonProps {
  /** The server's drawing of the tanh neuron for `values`. */
  svgTanh: string;
  /** The server's drawing of the exp neuron for `values`. */
  svgExp: string;
  /** The leaf values to start from. */
  values: LeafValues;
}

/**
 * Two drawings of one neuron, their numbers following the controls.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { h } from "preact";
 * import { renderToString } from "preact-render-to-string";
 * import NeuronLesson from "./NeuronLesson.tsx";
 *
 * const values = { x1: 2, x2: 0, w1: -3, w2: 1, b: 6.8813735870195432 };
 * const html = renderToString(h(NeuronLesson, { svgTanh: "<svg></svg>", svgExp: "<svg></svg>", values }));
 * ok(html.includes('<output id="o-value">0.7071</output>'));
 * ```
 */
export default function NeuronLesson(props: NeuronLessonProps): JSX.Element {
  const [values, setValues] = useState(props.values);
  const [hovered, setHovered] = useState<string | null>(null); // a leaf's name
  const live = useMemo(() => [liveLesson(neuron), liveLesson(neuronExp)], []);
  const tanh = useMemo(() => live[0](values), [values]);
  const exp = useMemo(() => live[1](values), [values]);
  // The graphs' DOT, so GraphView can lay a graph out again when a number
  // outgrows its field (the server drew them top to bottom).
  const dots = useMemo(
    () => [tanh.root, exp.root].map((root) => toDot(root, { rankdir: "TB" })),
    [],
  );

  // A leaf under the pointer, in the table or either graph, is marked in all three.
  const tanhBox = useRef<HTMLDivElement>(null);
  const expBox = useRef<HTMLDivElement>(null);
  const idOf = (leaves: typeof tanh.leaves) =>
    leaves.find((l) => l.name === hovered)?.id;
  const tanhMarks = useMemo(() => ({ nodes: [idOf(tanh.leaves) ?? ""] }), [
    hovered,
  ]);
  const expMarks = useMemo(() => ({ nodes: [idOf(exp.leaves) ?? ""] }), [
    hovered,
  ]);
  useGraphMarks(tanhBox, tanhMarks);
  useGraphMarks(expBox, expMarks);
  const hover = (leaves: typeof tanh.leaves) => (e: Event) => {
    const id = nodeAt(e.target as Element);
    setHovered(leaves.find((l) => l.id === id)?.name ?? null);
  };

  // The address bar follows the leaves, so any moment can be shared as a link.
  useQueryInUrl(
    new URLSearchParams(
      neuron.leaves.map((l) => [l.name, String(values[l.name])]),
    ).toString(),
  );
  const playground = (program: string) =>
    `/playground?program=${encodeURIComponent(program)}`;

  return (
    <div class="lesson">
      <LeafControls
        leaves={neuron.leaves}
        values={values}
        onChange={setValues}
      />
      <table class="check">
        <caption>The leaves' grads in both graphs</caption>
        <thead>
          <tr>
            <th scope="col">leaf</th>
            <th scope="col">data</th>
            <th scope="col">grad with tanh</th>
            <th scope="col">grad with exp</th>
          </tr>
        </thead>
        <tbody>
          {tanh.leaves.map((leaf, i) => (
            <tr
              key={leaf.name}
              data-leaf={leaf.name}
              class={hovered === leaf.name ? "hovered" : undefined}
              onPointerEnter={() => setHovered(leaf.name)}
              onPointerLeave={() => setHovered(null)}
            >
              <th scope="row">{leaf.name}</th>
              <td>{fixed(leaf.data)}</td>
              <td class="grad">{fixed(leaf.grad)}</td>
              <td class="grad-exp">{fixed(exp.leaves[i].grad)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="readout">
        o = <output id="o-value">{fixed(tanh.root.data)}</output> (tanh) and
        {" "}
        <output id="o-exp-value">{fixed(exp.root.data)}</output> (exp)
      </p>
      <div class="side-by-side">
        <section>
          <h2>o = tanh(n)</h2>
          <a
            class="open-playground"
            id="playground-tanh"
            href={playground(neuron.program(values))}
          >
            Open in playground
          </a>
          <div
            ref={tanhBox}
            onPointerOver={hover(tanh.leaves)}
            onPointerLeave={() => setHovered(null)}
          >
            <GraphView
              svg={props.svgTanh}
              label="Graph of the tanh neuron"
              values={tanh.graph}
              dot={dots[0]}
            />
          </div>
        </section>
        <section>
          <h2>o = (e − 1)/(e + 1), e = exp(2n)</h2>
          <a
            class="open-playground"
            id="playground-exp"
            href={playground(neuronExp.program(values))}
          >
            Open in playground
          </a>
          <div
            ref={expBox}
            onPointerOver={hover(exp.leaves)}
            onPointerLeave={() => setHovered(null)}
          >
            <GraphView
              svg={props.svgExp}
              label="Graph of the neuron with exp"
              values={exp.graph}
              dot={dots[1]}
            />
          </div>
        </section>
      </div>
    </div>
  );
}
