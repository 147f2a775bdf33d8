/**
 * `PointGraph`: the computation graph of one point's prediction and loss
 * with the current parameters, built with `Value`s and back-propagated,
 * drawn neuron by neuron (`networkToDot`) or in full (`toDot`), by Viz.js
 * loaded on first need; the full graph can be stepped backward one node at
 * a time, as on `/expression`.
 *
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { networkToDot, toDot, type Value } from "@gradviz/gradviz";
import {
  FEATURE_NAMES,
  featurize,
  type Setup,
  setupModel,
} from "@gradviz/gradviz/train";
import GraphView from "./GraphView.tsx";
import { backwardSteps } from "../lessons/backward_steps.ts";
import { graphValues } from "../lessons/evaluate.ts";

/** Props of {@linkcode PointGraph}. */
export interface PointGraphProps {
  /** The setup (its network and loss). */
  setup: Setup;
  /** The parameters to show, in `parameters()` order. */
  params: ArrayLike<number>;
  /** The point, its label, and where it comes from. */
  point: { x: number; y: number; label: number; set: "train" | "test" };
  /** The number of steps taken. */
  step: number;
}

/**
 * The point's forward pass and loss as `Value`s: `model(features)`, then
 * `relu(1 − y·score)` or `(score − y)²`, back-propagated from the loss.
 */
function build(
  setup: Setup,
  params: ArrayLike<number>,
  x: number[],
  y: number,
) {
  const model = setupModel(setup);
  model.parameters().forEach((p, i) => p.data = params[i]);
  const score = model.forward(x)[0];
  score.label = "score";
  const loss: Value = setup.loss === "svm"
    ? score.mul(-y).add(1).relu()
    : score.sub(y).pow(2);
  loss.label = "loss";
  loss.backward();
  return { model, score, loss };
}

/**
 * The point's numbers and its graph, with a switch between the two
 * drawings.
 *
 * @example
 * ```tsx ignore
 * <PointGraph setup={setup} params={params} point={{ x: 1, y: 0.5, label: 1, set: "train" }} step={12} />
 * ```
 */
export default function PointGraph(
  { setup, params, point, step }: PointGraphProps,
): JSX.Element {
  const [mode, setMode] = useState<"network" | "full">("network");
  const features = featurize(setup.features, point.x, point.y);
  const built = useMemo(
    () => build(setup, params, features, point.label),
    [setup, params, point],
  );
  const dot = useMemo(
    () =>
      mode === "network"
        ? networkToDot(built.model, { x: features })
        : toDot(built.loss),
    [built, mode],
  );
  const [drawn, setDrawn] = useState<{ dot: string; svg: string } | null>(
    null,
  );
  const [error, setError] = useState("");
  // Stepping backward (full graph): how many nodes backward() has finished,
  // or null to show every grad.
  const [done, setDone] = useState<number | null>(null);
  useEffect(() => setDone(null), [built, mode]);
  const steps = useMemo(
    () => mode === "full" ? backwardSteps(built.loss) : [],
    [built, mode],
  );
  const values = useMemo(() => {
    if (mode !== "full") return undefined;
    const all = graphValues(built.loss);
    if (done === null) return all;
    // Grads not yet reached by backward() still show 0, as on /expression.
    const reached = new Set(steps.slice(0, done).map((st) => st.id));
    for (const id of Object.keys(all)) {
      if (!reached.has(id)) all[id] = { ...all[id], grad: 0 };
    }
    return all;
  }, [built, mode, done, steps]);
  const current = done ? steps[done - 1] : null;
  useEffect(() => {
    let live = true;
    import("@gradviz/gradviz/render")
      .then(({ renderSvg }) => renderSvg(dot))
      .then((svg) => live && setDrawn({ dot, svg }))
      .catch((e) => live && setError(String(e)));
    return () => {
      live = false;
    };
  }, [dot]);
  const inputs = setup.features.map((f, i) =>
    `${FEATURE_NAMES[f]} = ${features[i].toFixed(4)}`
  ).join(", ");
  return (
    <section class="point-graph" id="train-point" aria-live="polite">
      <h2>
        One {point.set === "train" ? "training" : "test"} point, after {step}
        {" "}
        step{step === 1 ? "" : "s"}
      </h2>
      <p>
        ({point.x.toFixed(4)}, {point.y.toFixed(4)}), label{" "}
        {point.label > 0 ? "+1" : "−1"}; inputs {inputs}. Score{" "}
        <output id="train-point-score">{String(built.score.data)}</output>, loss
        {" "}
        <output id="train-point-loss">{String(built.loss.data)}</output>{" "}
        ({setup.loss === "svm" ? "relu(1 − y·score)" : "(score − y)²"}).
      </p>
      <div class="actions">
        <button
          type="button"
          aria-pressed={mode === "network"}
          onClick={() => setMode("network")}
        >
          Neuron by neuron
        </button>
        <button
          type="button"
          id="train-point-full"
          aria-pressed={mode === "full"}
          onClick={() => setMode("full")}
        >
          Every operation
        </button>
      </div>
      <p class="muted">
        {mode === "network"
          ? "Each neuron shows its bias, its data for this point and its grad: d(score)/d(neuron). Edges are weights, blue positive, red negative."
          : "Every Value of the forward pass and the loss, with its data and its grad d(loss)/d(node): what this one point contributes to the step's gradient (before the 1/n of the mean)."}
      </p>
      {mode === "full" && (
        <div class="actions">
          <button
            type="button"
            id="train-point-back"
            disabled={done !== null && done >= steps.length}
            onClick={() => setDone((d) => (d ?? 0) + 1)}
          >
            Step backward
          </button>
          <button
            type="button"
            disabled={done === null}
            onClick={() => setDone(null)}
          >
            Show every grad
          </button>
        </div>
      )}
      {current && (
        <p class="step-panel" aria-live="polite" data-node={current.id}>
          Step {done} of {steps.length}, node <strong>{current.label}</strong>:
          {" "}
          {current.terms.length === 0
            ? `${current.label}.grad = 1: the root's slope in itself.`
            : `${current.label}.grad = ${
              current.terms.map((t) =>
                `${t.local.toFixed(4)} × ${t.upstream.toFixed(4)}`
              ).join(" + ")
            } = `}
          {current.terms.length > 0 && (
            <output id="train-point-step-grad">
              {current.grad.toFixed(4)}
            </output>
          )}
        </p>
      )}
      {error && <p class="error-message">{error}</p>}
      {drawn
        ? (
          <GraphView
            key={drawn.dot}
            svg={drawn.svg}
            dot={drawn.dot}
            values={drawn.dot === dot ? values : undefined}
            highlight={current?.id ?? null}
            label={`Graph of the point's ${
              mode === "network" ? "network" : "loss"
            }`}
          />
        )
        : <p class="muted">Drawing the graph…</p>}
    </section>
  );
}
