/**
 * The lecture's MLP(3, [4, 4, 1]) learning its four examples: one SGD step
 * or N at a time on a compiled graph (`Trainer`), with the loss curve, the
 * predictions against the targets, and one forward pass drawn neuron by
 * neuron or in full.
 *
 * @module
 */
import type { JSX } from "preact";
import { useMemo, useRef, useState } from "preact/hooks";
import GraphView from "../components/GraphView.tsx";
import LossCurve from "../components/LossCurve.tsx";
import PredictionTable from "../components/PredictionTable.tsx";
import { fixed } from "../components/format.ts";
import { useQueryInUrl } from "../components/url_state.ts";
import {
  forwardDot,
  LEARNING_RATE,
  LECTURE_DATA,
  lectureRun,
  MAX_STEPS,
  type MlpView,
  saturated,
  type TrainingSegment,
  trainLecture,
} from "../lessons/lecture_mlp.ts";

/** Props of {@linkcode MlpTrainer}. */
export interface MlpTrainerProps {
  /** The seed of the network's initial weights. */
  seed: number;
  /** The drawing to start with. */
  view: MlpView;
  /** The learning rate to start with. */
  rate: number;
  /** The training already done: replayed, so a link gives back the same moment. */
  history: TrainingSegment[];
  /** The server's drawing of that view for the network after `history`. */
  svg: string;
}

const MAX_BATCH = 1000;
const VIEWS = { network: "Neuron by neuron", full: "Every value" } as const;

/**
 * The query that gives back this moment: seed, learning rate, view and the
 * training done (`20@0.1,5@0.5`: 20 steps at 0.1, then 5 at 0.5).
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { mlpQuery } from "./MlpTrainer.tsx";
 *
 * equal(
 *   mlpQuery({ seed: 42, rate: "0.1", view: "network", history: [{ steps: 20, rate: 0.1 }] }),
 *   "seed=42&lr=0.1&view=network&train=20%400.1",
 * );
 * ```
 */
export function mlpQuery(state: {
  seed: number;
  rate: string;
  view: MlpView;
  history: readonly TrainingSegment[];
}): string {
  const query = new URLSearchParams({
    seed: String(state.seed),
    lr: state.rate,
    view: state.view,
  });
  if (state.history.length > 0) {
    query.set(
      "train",
      state.history.map((s) => `${s.steps}@${s.rate}`).join(","),
    );
  }
  return query.toString();
}

/**
 * Controls, loss curve, predictions and graph of the lecture's MLP.
 *
 * @example
 * ```tsx ignore
 * <MlpTrainer seed={42} view="network" rate={0.1} history={[]} svg={await renderSvg(forwardDot(lectureModel(42), "network", 0))} />
 * ```
 */
export default function MlpTrainer(props: MlpTrainerProps): JSX.Element {
  const run = useRef<ReturnType<typeof lectureRun> | null>(null);
  run.current ??= lectureRun(props.seed, props.history);
  const [version, setVersion] = useState(0);
  const [rate, setRate] = useState(String(props.rate));
  const [batch, setBatch] = useState("20");
  const [view, setView] = useState(props.view);
  const lr = Number(rate);
  const lrOk = rate.trim() !== "" && lr >= LEARNING_RATE.min &&
    lr <= LEARNING_RATE.max;
  const goodRate = useRef(String(props.rate));
  if (lrOk) goodRate.current = rate;
  const n = Number(batch);
  const nOk = Number.isInteger(n) && n >= 1 && n <= MAX_BATCH;
  const { losses, predictions, history: done, model } = run.current;
  const taken = losses.length - 1;
  const problem = !lrOk
    ? `the learning rate must be from ${LEARNING_RATE.min} to ${LEARNING_RATE.max}`
    : !nOk
    ? `the number of steps must be a whole number from 1 to ${MAX_BATCH}`
    : "";
  const dot = useMemo(() => forwardDot(model, view, 0), [view, version]);
  const stuck = saturated(predictions, LECTURE_DATA.targets);

  // The address bar follows the state, so any moment can be shared as a link.
  useQueryInUrl(mlpQuery({ seed: props.seed, rate, view, history: done }));

  function train(steps: number) {
    run.current!.rate.current = lr;
    trainLecture(run.current!, steps);
    setVersion((v) => v + 1);
  }

  function reset() {
    run.current = lectureRun(props.seed);
    setVersion((v) => v + 1);
  }

  return (
    <div class="lesson mlp">
      <div class="actions trainer-controls">
        <label>
          learning rate{" "}
          <input
            id="learning-rate"
            type="number"
            min={LEARNING_RATE.min}
            max={LEARNING_RATE.max}
            step="0.01"
            value={rate}
            aria-invalid={!lrOk}
            onInput={(e) => setRate(e.currentTarget.value)}
            onBlur={() => {
              // Leaving the box: a number out of range goes to the nearest
              // end of the range, anything else back to the last good rate.
              if (lrOk) return;
              const { min, max } = LEARNING_RATE;
              setRate(
                rate.trim() === "" || Number.isNaN(lr)
                  ? goodRate.current
                  : String(Math.min(max, Math.max(min, lr))),
              );
            }}
          />
        </label>
        <button
          type="button"
          id="step-once"
          disabled={!lrOk || taken >= MAX_STEPS}
          onClick={() => train(1)}
        >
          One step
        </button>
        <span class="train-n">
          <button
            type="button"
            id="train-n"
            disabled={problem !== "" || taken >= MAX_STEPS}
            onClick={() => train(n)}
          >
            Train
          </button>{" "}
          <input
            id="steps"
            type="number"
            min={1}
            max={MAX_BATCH}
            value={batch}
            aria-invalid={!nOk}
            aria-label="Number of steps"
            onInput={(e) => setBatch(e.currentTarget.value)}
          />{" "}
          steps
        </span>
        <button type="button" id="reset" onClick={reset}>Reset</button>
      </div>
      <p class="readout">
        Step <span id="step-count">{taken}</span>: loss{" "}
        <output id="loss" title={String(losses[taken])}>
          {fixed(losses[taken], 6)}
        </output>
        {problem && <span class="error-message">{` · ${problem}`}</span>}
      </p>
      {stuck && (
        <p class="note saturation" id="saturation" role="status">
          Stuck: every prediction is at ±1, so the output neuron's tanh is
          saturated. There its slope, 1 − tanh², is almost 0, and so is every
          grad that flows back through it: the steps no longer move the weights.
          A learning rate this large threw the weights too far in the first
          steps. Reset and train with a smaller rate, such as 0.1.
        </p>
      )}
      <div class="side-by-side">
        <LossCurve losses={losses} label="Loss by step" />
        <PredictionTable
          inputs={LECTURE_DATA.inputs}
          targets={LECTURE_DATA.targets}
          predictions={predictions}
        />
      </div>
      <div class="actions" role="group" aria-label="Drawing">
        {(["network", "full"] as const).map((v) => (
          <button
            type="button"
            key={v}
            id={`view-${v}`}
            aria-pressed={view === v}
            onClick={() => setView(v)}
          >
            {VIEWS[v]}
          </button>
        ))}
      </div>
      <GraphView
        svg={props.svg}
        dot={dot}
        label={`MLP(3, [4, 4, 1]) on the example [${
          LECTURE_DATA.inputs[0].join(", ")
        }]`}
      />
    </div>
  );
}
