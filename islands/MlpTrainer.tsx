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
import { type MLP, Trainer } from "@gradviz/gradviz";
import GraphView from "../components/GraphView.tsx";
import LossCurve from "../components/LossCurve.tsx";
import PredictionTable from "../components/PredictionTable.tsx";
import { fixed } from "../components/format.ts";
import {
  forwardDot,
  LEARNING_RATE,
  LECTURE_DATA,
  lectureLoss,
  lectureModel,
  type MlpView,
} from "../lessons/lecture_mlp.ts";

/** Props of {@linkcode MlpTrainer}. */
export interface MlpTrainerProps {
  /** The seed of the network's initial weights. */
  seed: number;
  /** The drawing to start with. */
  view: MlpView;
  /** The server's drawing of that view for the untrained network. */
  svg: string;
}

const MAX_BATCH = 1000;
const MAX_STEPS = 10_000;
const VIEWS = { network: "Neuron by neuron", full: "Every value" } as const;

/**
 * Controls, loss curve, predictions and graph of the lecture's MLP.
 *
 * @example
 * ```tsx ignore
 * <MlpTrainer seed={42} view="network" svg={await renderSvg(forwardDot(lectureModel(42), "network", 0))} />
 * ```
 */
export default function MlpTrainer(props: MlpTrainerProps): JSX.Element {
  const model = useRef<MLP | null>(null);
  const trainer = useRef<Trainer | null>(null);
  const fresh = () => {
    model.current = lectureModel(props.seed);
    trainer.current = null;
    return lectureLoss(model.current);
  };
  const [state, setState] = useState(() => {
    const { loss, predictions } = fresh();
    return { losses: [loss], predictions, version: 0 };
  });
  const [rate, setRate] = useState(String(LEARNING_RATE.initial));
  const [batch, setBatch] = useState("20");
  const [view, setView] = useState(props.view);
  const lr = Number(rate);
  const lrOk = rate.trim() !== "" && lr >= LEARNING_RATE.min &&
    lr <= LEARNING_RATE.max;
  const rateNow = useRef(lr);
  rateNow.current = lr;
  const n = Number(batch);
  const nOk = Number.isInteger(n) && n >= 1 && n <= MAX_BATCH;
  const taken = state.losses.length - 1;
  const problem = !lrOk
    ? `the learning rate must be from ${LEARNING_RATE.min} to ${LEARNING_RATE.max}`
    : !nOk
    ? `the number of steps must be a whole number from 1 to ${MAX_BATCH}`
    : "";
  const version = state.version;
  const dot = useMemo(() => forwardDot(model.current!, view, 0), [
    view,
    version,
  ]);

  function train(steps: number) {
    const m = model.current!;
    const t = trainer.current ??= new Trainer(m, LECTURE_DATA, {
      loss: "mse",
      reduction: "sum",
      learningRate: () => rateNow.current, // the rate in the box at each step
    });
    const losses = [...state.losses];
    const stop = Math.min(steps, MAX_STEPS - taken);
    for (let i = 0; i < stop; i++) {
      const { step, loss } = t.step();
      losses[step] = loss;
    }
    t.sync();
    const now = lectureLoss(m);
    losses[t.steps] = now.loss;
    setState({ losses, predictions: now.predictions, version: version + 1 });
  }

  function reset() {
    const { loss, predictions } = fresh();
    setState({ losses: [loss], predictions, version: version + 1 });
  }

  const switchView = (v: MlpView) => {
    setView(v);
    const url = new URL(location.href);
    url.searchParams.set("view", v);
    history.replaceState(null, "", url);
  };

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
        <output id="loss" title={String(state.losses[taken])}>
          {fixed(state.losses[taken], 6)}
        </output>
        {problem && <span class="error-message">{` · ${problem}`}</span>}
      </p>
      <div class="side-by-side">
        <LossCurve losses={state.losses} label="Loss by step" />
        <PredictionTable
          inputs={LECTURE_DATA.inputs}
          targets={LECTURE_DATA.targets}
          predictions={state.predictions}
        />
      </div>
      <div class="actions" role="group" aria-label="Drawing">
        {(["network", "full"] as const).map((v) => (
          <button
            type="button"
            key={v}
            id={`view-${v}`}
            aria-pressed={view === v}
            onClick={() => switchView(v)}
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
