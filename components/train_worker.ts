/**
 * The training playground's worker: it holds a {@linkcode Run} of the page's
 * setup, takes the steps the page asks for on the compiled graph, and
 * answers each request with one {@linkcode Frame}: the new steps' numbers,
 * the parameters, and the output and every hidden neuron sampled over the
 * plot (so the page only paints). The page and the worker share this file's
 * message types; {@linkcode serveTraining} is the worker's side.
 *
 * @module
 */
import {
  type Feature,
  featurize,
  Probe,
  Run,
  type RunStep,
  sampleView,
  type Setup,
  type View,
  viewAround,
} from "@gradviz/gradviz/train";

/** Cells per side of the sampled plot. */
export const FIELD_CELLS = 50;

/** What the page asks the worker. */
export type Request =
  | { type: "init"; setup: Setup; run: number }
  | { type: "steps"; count: number };

/** The numbers of the current parameters, before the next step. */
export interface Current {
  /** The next step's number (how many steps were taken). */
  step: number;
  /** The loss on the training points. */
  loss: number;
  /** The training accuracy. */
  accuracy: number;
  /** The test loss, or null. */
  testLoss: number | null;
  /** The test accuracy, or null. */
  testAccuracy: number | null;
}

/** What the worker answers: the state after the steps taken. */
export interface Frame {
  /** The `run` of the `init` it follows: frames of an older run are stale. */
  run: number;
  /** The steps taken since the last frame. */
  steps: RunStep[];
  /** The numbers of the parameters now (the next step's "before"). */
  current: Current;
  /** The parameters, in `parameters()` order. */
  params: Float64Array;
  /** The view the field is sampled over. */
  view: View;
  /** The output then each hidden neuron over `FIELD_CELLS²` cells (`sampleView`). */
  field: Float32Array;
  /** Milliseconds spent in the steps themselves (forward, backward, update). */
  stepMs: number;
}

/**
 * The features over the view's `n × n` cells, one block each (the input
 * column's heat maps), rows from the top as `sampleView` lays them out.
 */
export function featureField(
  features: readonly Feature[],
  view: View,
  n: number,
): Float32Array {
  const cells = n * n, step = view.size / n;
  const out = new Float32Array(features.length * cells);
  for (let r = 0; r < n; r++) {
    const y = view.y0 + view.size - (r + 0.5) * step;
    for (let c = 0; c < n; c++) {
      const f = featurize(features, view.x0 + (c + 0.5) * step, y);
      f.forEach((v, k) => out[k * cells + r * n + c] = v);
    }
  }
  return out;
}

/** The view of a run's points, train and test. */
export function runView(run: Run): View {
  return viewAround([...run.data.train.points, ...run.data.test.points]);
}

/**
 * Answers the page's requests in a worker (`self`): `init` starts a run of
 * the setup, `steps` takes up to that many steps (never past the setup's
 * `steps`); each answer is a {@linkcode Frame}.
 */
export function serveTraining(scope: {
  onmessage: ((e: MessageEvent<Request>) => void) | null;
  postMessage(message: Frame, transfer: Transferable[]): void;
}): void {
  let run: Run | null = null;
  let probe: Probe | null = null;
  let view: View;
  let id = 0;
  scope.onmessage = ({ data }) => {
    if (data.type === "init") {
      run = new Run(data.setup);
      probe = new Probe(run.model, data.setup.features);
      view = runView(run);
      id = data.run;
    }
    if (!run || !probe) return;
    const steps: RunStep[] = [];
    const t0 = performance.now();
    if (data.type === "steps") {
      const count = Math.min(data.count, run.setup.steps - run.trainer.steps);
      for (let k = 0; k < count; k++) steps.push(run.step());
    }
    const stepMs = performance.now() - t0;
    const train = run.evaluate(run.data.train);
    const test = run.data.test.points.length
      ? run.evaluate(run.data.test)
      : null;
    const params = run.params();
    probe.load(params);
    const field = sampleView(probe, view, FIELD_CELLS);
    scope.postMessage({
      run: id,
      steps,
      current: {
        step: run.trainer.steps,
        loss: train.loss,
        accuracy: train.accuracy,
        testLoss: test?.loss ?? null,
        testAccuracy: test?.accuracy ?? null,
      },
      params,
      view,
      field,
      stepMs,
    }, [params.buffer, field.buffer]);
  };
}

/** The page's end of the worker: send it requests, stop it. */
export interface TrainerHandle {
  /** Sends a request. */
  post(message: Request): void;
  /** Ends the worker. */
  stop(): void;
}

/**
 * Starts the worker from `url` (a module that calls
 * {@linkcode serveTraining}), each of its frames going to `onFrame`; if
 * workers cannot start, the same code runs on the page instead.
 */
export function startTrainer(
  url: string,
  onFrame: (frame: Frame) => void,
): TrainerHandle {
  try {
    const worker = new Worker(url, { type: "module" });
    worker.onmessage = (e: MessageEvent<Frame>) => onFrame(e.data);
    worker.onerror = (e) => console.error("Training worker failed:", e.message);
    return {
      post: (m) => worker.postMessage(m),
      stop: () => worker.terminate(),
    };
  } catch {
    const scope = {
      onmessage: null as ((e: MessageEvent<Request>) => void) | null,
      postMessage: (frame: Frame) => onFrame(frame),
    };
    serveTraining(scope);
    return {
      post: (m) =>
        setTimeout(() => scope.onmessage?.({ data: m } as MessageEvent)),
      stop() {},
    };
  }
}
