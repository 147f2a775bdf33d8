/**
 * micrograd's demo trained in the browser: 100 SGD steps of MLP(2, [16, 16,
 * 1]) on the two moons, one step per frame on a compiled graph, with the
 * loss curve, the accuracy and the decision boundary redrawn as it learns.
 *
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { Trainer, type TrainStep } from "@gradviz/gradviz";
import LossCurve from "../components/LossCurve.tsx";
import MoonsPlot from "../components/MoonsPlot.tsx";
import TrainLog, { percent } from "../components/TrainLog.tsx";
import {
  MOONS_STEPS,
  moonsModel,
  moonsTraining,
  Scorer,
} from "@gradviz/gradviz/moons";
import type { Grid } from "@gradviz/gradviz/render";

/** Props of {@linkcode MoonsTrainer}. */
export interface MoonsTrainerProps {
  /** The 100 points. */
  points: number[][];
  /** Their labels, 1 or -1. */
  labels: number[];
  /** The network's initial parameters, in `parameters()` order. */
  params: number[];
  /** Step 0's loss and accuracy, computed by the server. */
  initial: { loss: number; accuracy: number };
  /** The grid of the decision boundary. */
  grid: Grid;
  /** The boundary of the untrained network (`Scorer.signs`). */
  signs: string;
}

interface Run {
  trainer: Trainer;
  scorer: Scorer;
  slots: Int32Array; // the parameters' slots in the trainer's graph
  stepMs: number; // time spent in trainer.step(), summed
  paintMs: number; // time spent evaluating the grid, summed
}

/**
 * Train, pause, step and reset controls with the live plots.
 *
 * @example
 * ```tsx ignore
 * <MoonsTrainer points={X} labels={y} params={params} initial={{ loss, accuracy }} grid={grid} signs={signs} />
 * ```
 */
export default function MoonsTrainer(props: MoonsTrainerProps): JSX.Element {
  const run = useRef<Run | null>(null);
  const [history, setHistory] = useState<TrainStep[]>([]);
  const [signs, setSigns] = useState(props.signs);
  const [running, setRunning] = useState(false);
  const done = history.length >= MOONS_STEPS;

  // One SGD step and a new boundary; false once the demo's steps are done.
  function advance(): boolean {
    const r = run.current ??= start(props);
    if (r.trainer.steps >= MOONS_STEPS) return false;
    const t0 = performance.now();
    const info = r.trainer.step();
    const t1 = performance.now();
    const values = r.trainer.graph.values;
    r.scorer.load(Array.from(r.slots, (s) => values[s]));
    setSigns(r.scorer.signs(props.grid));
    r.stepMs += t1 - t0;
    r.paintMs += performance.now() - t1;
    setHistory((h) => [...h, info]);
    return r.trainer.steps < MOONS_STEPS;
  }

  useEffect(() => {
    if (!running) return;
    let frame = 0;
    const tick = () => {
      if (advance()) frame = requestAnimationFrame(tick);
      else setRunning(false);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [running]);

  function reset() {
    setRunning(false);
    run.current = null;
    setHistory([]);
    setSigns(props.signs);
  }

  const last = history.at(-1);
  const loss = last?.loss ?? props.initial.loss;
  const accuracy = last?.accuracy ?? props.initial.accuracy;
  const r = run.current;
  return (
    <div class="lesson moons">
      <div class="actions">
        <button
          type="button"
          id="moons-train"
          disabled={done}
          onClick={() => setRunning(!running)}
        >
          {running ? "Pause" : history.length ? "Resume" : "Train"}
        </button>
        <button
          type="button"
          id="moons-step"
          disabled={done || running}
          onClick={advance}
        >
          One step
        </button>
        <button type="button" id="moons-reset" onClick={reset}>Reset</button>
      </div>
      <p class="readout">
        <span id="moons-steps">{history.length}</span> of {MOONS_STEPS} steps ·
        {" "}
        {last ? `step ${last.step}` : "before training (step 0)"}: loss{" "}
        <output id="moons-loss">{String(loss)}</output>, accuracy{" "}
        <span id="moons-accuracy">{percent(accuracy)}</span>
      </p>
      <div class="side-by-side">
        <MoonsPlot
          points={props.points}
          labels={props.labels}
          grid={props.grid}
          signs={signs}
          label="The two moons over the model's decision regions"
        />
        <LossCurve
          losses={history.length
            ? history.map((h) => h.loss)
            : [props.initial.loss]}
          minSteps={MOONS_STEPS - 1}
          label="Loss by step"
        />
      </div>
      <TrainLog steps={history} id="moons-log">
        {r && r.trainer.steps > 0 && (
          <p id="moons-timing">
            Mean time per step: {(r.stepMs / r.trainer.steps).toFixed(3)}{" "}
            ms to train (compiled graph: forward, backward, update),{" "}
            {(r.paintMs / r.trainer.steps).toFixed(2)}{" "}
            ms to evaluate the boundary's {props.grid.cols * props.grid.rows}
            {" "}
            cells.
          </p>
        )}
      </TrainLog>
    </div>
  );
}

// Compiles the training graph and the boundary's graph (on the first step).
function start(props: MoonsTrainerProps): Run {
  const data = { inputs: props.points, targets: props.labels };
  const trainer = new Trainer(moonsModel(props.params), data, moonsTraining());
  return {
    trainer,
    scorer: new Scorer(moonsModel(props.params)),
    slots: trainer.graph.slots(trainer.parameters),
    stepMs: 0,
    paintMs: 0,
  };
}
