/**
 * The training playground: every setting of a {@linkcode Setup} as controls
 * (kept in the URL), training in a Web Worker on a compiled graph (this
 * module is also the worker's script: loaded with `#train-worker`, it
 * serves training instead), the decision boundary and every neuron painted
 * on canvases, the loss curves, and any point's computation graph on click.
 *
 * @module
 */
import type { JSX } from "preact";
import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "preact/hooks";
import {
  FEATURE_NAMES,
  parseSetup,
  type RunStep,
  type Setup,
  setupData,
  setupQuery,
  type View,
  viewAround,
} from "@gradviz/gradviz/train";
import type PointGraphComponent from "../components/PointGraph.tsx";
import TrainControls from "../components/TrainControls.tsx";
import LossCurve from "../components/LossCurve.tsx";
import TrainLog, { percent } from "../components/TrainLog.tsx";
import {
  CANVAS_WIDTH,
  drawField,
  drawNetwork,
  networkHeight,
  pointAt,
} from "../components/train_draw.ts";
import {
  type Current,
  featureField,
  FIELD_CELLS,
  type Frame,
  serveTraining,
  startTrainer,
  type TrainerHandle,
} from "../components/train_worker.ts";

const WORKER_HASH = "#train-worker";

// Loaded as the worker's script: serve training and render nothing.
if (
  "WorkerGlobalScope" in globalThis && typeof document === "undefined" &&
  globalThis.location?.hash === WORKER_HASH
) {
  serveTraining(globalThis as unknown as Parameters<typeof serveTraining>[0]);
}

/** Props of {@linkcode TrainPlayground}. */
export interface TrainPlaygroundProps {
  /** The setup the URL asked for. */
  setup: Setup;
  /** Its numbers before training, computed by the server. */
  initial: Current;
}

/**
 * The playground.
 *
 * @example
 * ```tsx ignore
 * <TrainPlayground setup={parseSetup(url.searchParams)} initial={initial} />
 * ```
 */
export default function TrainPlayground(
  props: TrainPlaygroundProps,
): JSX.Element {
  const [setup, setSetup] = useState(props.setup);
  const [running, setRunning] = useState(false);
  const [current, setCurrent] = useState<Current>(props.initial);
  const [resets, setResets] = useState(0);
  const [ready, setReady] = useState(false); // the run's first frame came
  const [picked, setPicked] = useState<
    { set: "train" | "test"; index: number } | null
  >(null);
  const [, redraw] = useState(0);
  const log = useRef<RunStep[]>([]);
  const frame = useRef<Frame | null>(null);
  const snapshot = useRef<{ params: Float64Array; step: number } | null>(null);
  const timing = useRef({ steps: 0, ms: 0 });
  const trainer = useRef<TrainerHandle | null>(null);
  const waiting = useRef(false);
  const generation = useRef(0); // which run the frames are of
  const runSetup = useRef(""); // the runKey of that run
  const runningRef = useRef(false);
  const paint = useRef(() => {});
  const rendered = useRef(0); // when the last frame was rendered
  const stepsRef = useRef(props.setup.steps);
  const fieldCanvas = useRef<HTMLCanvasElement>(null);
  const netCanvas = useRef<HTMLCanvasElement>(null);

  const data = useMemoSetup(setup);
  const netHeight = networkHeight([...setup.layers, 1], setup.features.length);
  const done = current.step >= setup.steps;

  // The worker: one for the page's life; each frame is drawn, then the next asked for.
  useEffect(() => {
    const url = import.meta.url.split("#")[0] + WORKER_HASH;
    const t = startTrainer(url, (f) => {
      if (f.run !== generation.current) return; // a frame of an older run
      waiting.current = false;
      frame.current = f;
      setReady(true);
      log.current.push(...f.steps);
      timing.current.steps += f.steps.length;
      timing.current.ms += f.stepMs;
      if (!runningRef.current || !snapshot.current) {
        snapshot.current = { params: f.params, step: f.current.step };
      }
      // The canvases follow every frame; the text and the curves (a render,
      // a layout) ten times a second while playing.
      paint.current();
      const now = performance.now();
      if (
        !runningRef.current || now - rendered.current >= 100 ||
        f.current.step >= stepsRef.current
      ) {
        rendered.current = now;
        setCurrent(f.current);
        redraw((n) => n + 1);
      }
    });
    trainer.current = t;
    return () => t.stop();
  }, []);

  // A new setup (any setting but the speed) or a reset: a new run.
  const runKey = `${setupQuery({ ...setup, speed: 1 })}#${resets}`;
  useEffect(() => {
    log.current = [];
    timing.current = { steps: 0, ms: 0 };
    frame.current = null;
    snapshot.current = null;
    setRunning(false);
    setReady(false);
    waiting.current = true;
    runSetup.current = runKey;
    trainer.current?.post({
      type: "init",
      setup,
      run: ++generation.current,
    });
  }, [runKey]);

  // Every setting goes to the URL.
  useEffect(() => {
    const q = setupQuery(setup);
    history.replaceState(null, "", location.pathname + (q ? `?${q}` : ""));
  }, [setup]);

  // Playing: ask for the next steps once a frame has been painted.
  useEffect(() => {
    runningRef.current = running;
    if (!running) return;
    let id = 0;
    const tick = () => {
      if (!runningRef.current) return;
      const f = frame.current;
      if (f && f.current.step >= setup.steps) {
        pause();
        return;
      }
      if (!waiting.current) {
        waiting.current = true;
        trainer.current?.post({ type: "steps", count: setup.speed });
      }
      id = requestAnimationFrame(tick);
    };
    id = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(id);
  }, [running, setup]);

  // Paint the canvases after every render, and on every frame.
  stepsRef.current = setup.steps;
  paint.current = () => {
    // Frames of the previous setup until the new run's first one arrives.
    const f = frame.current?.run === generation.current &&
        runSetup.current === runKey
      ? frame.current
      : null;
    const view = f?.view ?? data.view;
    // Canvas pixels: the drawing's units times the screen's pixel ratio.
    const dpr = Math.min(2, Math.max(1, globalThis.devicePixelRatio || 1));
    const size = (c: HTMLCanvasElement | null, height: number) => {
      if (!c) return;
      const w = Math.round(CANVAS_WIDTH * dpr), h = Math.round(height * dpr);
      if (c.width !== w) c.width = w;
      if (c.height !== h) c.height = h;
    };
    size(fieldCanvas.current, CANVAS_WIDTH);
    size(netCanvas.current, netHeight);
    if (fieldCanvas.current) {
      drawField(
        fieldCanvas.current,
        f?.field ?? null,
        FIELD_CELLS,
        view,
        data,
        picked,
      );
    }
    if (netCanvas.current && f) {
      drawNetwork(netCanvas.current, {
        features: setup.features.map((x) => FEATURE_NAMES[x]),
        sizes: [...setup.layers, 1],
        params: f.params,
        field: f.field,
        inputs: data.inputs,
        n: FIELD_CELLS,
      });
    }
  };
  useLayoutEffect(() => paint.current());

  function change(c: Partial<Setup>) {
    const next = { ...setup, ...c };
    try {
      // The server's check, so a page never holds a setup its URL cannot.
      setSetup(parseSetup(new URLSearchParams(setupQuery(next))));
      setPicked(null);
    } catch (e) {
      console.warn((e as Error).message);
    }
  }

  // Stops playing; an open point graph moves to the last step.
  function pause() {
    const f = frame.current;
    if (f) snapshot.current = { params: f.params, step: f.current.step };
    setRunning(false);
  }

  function oneStep() {
    if (running || waiting.current || done) return;
    waiting.current = true;
    trainer.current?.post({ type: "steps", count: 1 });
  }

  function reset() {
    setResets((n) => n + 1); // same settings, a new run
    setPicked(null);
  }

  function pick(e: MouseEvent) {
    const c = fieldCanvas.current!;
    const r = c.getBoundingClientRect();
    const f = frame.current;
    if (f) snapshot.current = { params: f.params, step: f.current.step };
    const scale = CANVAS_WIDTH / r.width; // canvas units per CSS pixel
    setPicked(
      pointAt(
        frame.current?.view ?? data.view,
        CANVAS_WIDTH,
        CANVAS_WIDTH,
        data,
        (e.clientX - r.left) * scale,
        (e.clientY - r.top) * scale,
      ),
    );
  }

  // The form re-renders only when the setup changes, not on every frame.
  const controls = useMemo(
    () => <TrainControls setup={setup} onChange={change} />,
    [setup],
  );
  const last = log.current.at(-1);
  const shown = last ?? { ...current, step: 0 };
  const rate = timing.current.ms > 0
    ? Math.round(timing.current.steps / (timing.current.ms / 1000))
    : null;
  // The picked point, one object per pick (PointGraph rebuilds on a new one).
  const point = useMemo(() => {
    const xy = picked && data[picked.set].points[picked.index];
    return xy
      ? {
        x: xy[0],
        y: xy[1],
        label: data[picked!.set].labels[picked!.index],
        set: picked!.set,
      }
      : null;
  }, [picked, data]);
  // The point's graph (GraphView, the graph builders) loads on the first
  // pick, not with the page.
  const [PointGraph, setPointGraph] = useState<
    typeof PointGraphComponent | null
  >(null);
  useEffect(() => {
    if (!point || PointGraph) return;
    import("../components/PointGraph.tsx").then((m) =>
      setPointGraph(() => m.default)
    );
  }, [point]);
  return (
    <div class="lesson train">
      <div class="train-grid">
        {controls}
        <div class="train-main">
          <div class="actions">
            <button
              type="button"
              id="train-play"
              disabled={done}
              onClick={() => running ? pause() : setRunning(true)}
            >
              {running ? "Pause" : current.step ? "Resume" : "Train"}
            </button>
            <button
              type="button"
              id="train-step"
              disabled={done || running || !ready}
              onClick={oneStep}
            >
              One step
            </button>
            <button type="button" id="train-reset" onClick={reset}>
              Reset
            </button>
          </div>
          <p class="readout">
            <span id="train-steps">{current.step}</span> of {setup.steps}{" "}
            steps · {last ? `step ${last.step}` : "before training"}: loss{" "}
            <output id="train-loss">{String(shown.loss)}</output>, accuracy{" "}
            <span id="train-accuracy">{percent(shown.accuracy)}</span>
            {shown.testLoss !== null && (
              <>
                {" "}· test loss{" "}
                <span id="train-test-loss" class="mono">
                  {shown.testLoss.toPrecision(6)}
                </span>, accuracy{" "}
                <span id="train-test-accuracy">
                  {percent(shown.testAccuracy)}
                </span>
              </>
            )}
            {rate !== null && (
              <>
                {" "}· <span id="train-rate">{rate}</span> steps/s in the worker
              </>
            )}
          </p>
          <div class="train-plots">
            <figure class="train-field">
              <canvas
                ref={fieldCanvas}
                class="train-field-canvas"
                width={CANVAS_WIDTH}
                height={CANVAS_WIDTH}
                role="img"
                aria-label="The points over the model's score: blue where it is positive, red where negative"
                onClick={pick}
              />
              <figcaption class="train-legend">
                <span class="key key-pos" /> class +1{" "}
                <span class="key key-neg" />{" "}
                class −1 · filled: training points, rings: test points ·
                shading: the score (its sign is the prediction). Click a point
                to see its graph, or{" "}
                <label>
                  open training point{" "}
                  <input
                    type="number"
                    id="train-pick"
                    class="train-pick"
                    min={1}
                    max={data.train.points.length}
                    value={picked?.set === "train" ? picked.index + 1 : ""}
                    onChange={(e) => {
                      const i = Number(
                        (e.currentTarget as HTMLInputElement)
                          .value,
                      ) - 1;
                      if (i >= 0 && i < data.train.points.length) {
                        const f = frame.current;
                        if (f) {
                          snapshot.current = {
                            params: f.params,
                            step: f.current.step,
                          };
                        }
                        setPicked({ set: "train", index: i });
                      }
                    }}
                  />
                </label>.
              </figcaption>
            </figure>
            <figure class="train-net">
              <canvas
                ref={netCanvas}
                class="train-net-canvas"
                width={CANVAS_WIDTH}
                height={netHeight}
                role="img"
                aria-label="The network: a heat map per input and neuron, an edge per weight (width: size, colour: sign)"
              />
              <figcaption>
                Each node paints what it computes over the plot; edges are
                weights, blue positive, red negative, wider when larger.
              </figcaption>
            </figure>
          </div>
          <LossCurve
            losses={log.current.map((h) => h.loss)}
            test={log.current.map((h) => h.testLoss)}
            minSteps={setup.steps - 1}
            label="Training and test loss by step (log scale)"
          />
          <p class="muted">
            Solid: training loss; dashed: test loss
            {setup.test === 0 ? " (no test points: set a test share)" : ""}.
          </p>
          {point && snapshot.current && PointGraph && (
            <PointGraph
              setup={setup}
              params={snapshot.current.params}
              point={point}
              step={snapshot.current.step}
            />
          )}
          <TrainLog steps={log.current} id="train-log" />
        </div>
      </div>
    </div>
  );
}

// The setup's points, their view and the features over it (on a change only).
function useMemoSetup(setup: Setup) {
  const memo = useRef<{ setup: Setup; value: ReturnType<typeof compute> }>();
  function compute(s: Setup) {
    const { train, test } = setupData(s);
    const view: View = viewAround([...train.points, ...test.points]);
    return {
      train,
      test,
      view,
      inputs: featureField(s.features, view, FIELD_CELLS),
    };
  }
  if (memo.current?.setup !== setup) {
    memo.current = { setup, value: compute(setup) };
  }
  return memo.current.value;
}
