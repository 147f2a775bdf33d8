/**
 * `TrainControls`: every setting of the training playground, as form
 * fields named as the URL's parameters: data, features, network, training.
 *
 * @module
 */
import type { JSX } from "preact";
import {
  type Activation,
  DATASET_TITLES,
  DATASETS,
  FEATURE_NAMES,
  FEATURES,
  type Setup,
} from "@gradviz/gradviz/train";

/** Props of {@linkcode TrainControls}. */
export interface TrainControlsProps {
  /** The current setup. */
  setup: Setup;
  /** Called with the changed fields. */
  onChange: (change: Partial<Setup>) => void;
}

const RATES = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 1, 3];
const LAMBDAS = [0, 0.00001, 0.0001, 0.001, 0.01, 0.1];
const SPEEDS = [1, 2, 5, 10, 20, 50, 100];

// The options of a numeric select, with the current value among them.
function numbers(list: number[], current: number): number[] {
  return [...new Set([...list, current])].sort((a, b) => a - b);
}

/**
 * The settings, grouped in fieldsets.
 *
 * @example
 * ```tsx ignore
 * <TrainControls setup={setup} onChange={(c) => setSetup({ ...setup, ...c })} />
 * ```
 */
export default function TrainControls(
  { setup, onChange }: TrainControlsProps,
): JSX.Element {
  const num = (e: Event) => Number((e.currentTarget as HTMLInputElement).value);
  const str = (e: Event) => (e.currentTarget as HTMLSelectElement).value;
  const layers = setup.layers;
  return (
    <form class="train-controls">
      <fieldset>
        <legend>Data</legend>
        <label>
          Data set{" "}
          <select
            name="data"
            value={setup.data}
            onChange={(e) => onChange({ data: str(e) as Setup["data"] })}
          >
            {DATASETS.map((d) => (
              <option key={d} value={d}>{DATASET_TITLES[d]}</option>
            ))}
          </select>
        </label>
        <label>
          Points{" "}
          <input
            name="points"
            type="number"
            min={10}
            max={1000}
            step={10}
            value={setup.points}
            onChange={(e) => onChange({ points: num(e) })}
          />
        </label>
        <label>
          Noise <output>{setup.noise}</output>
          <input
            name="noise"
            type="range"
            min={0}
            max={0.5}
            step={0.05}
            value={setup.noise}
            onChange={(e) => onChange({ noise: num(e) })}
          />
        </label>
        <label>
          Test share <output>{setup.test}%</output>
          <input
            name="test"
            type="range"
            min={0}
            max={90}
            step={10}
            value={setup.test}
            onChange={(e) => onChange({ test: num(e) })}
          />
        </label>
        <label>
          Seed{" "}
          <input
            name="seed"
            type="number"
            min={0}
            value={setup.seed}
            onChange={(e) => onChange({ seed: num(e) })}
          />
        </label>
      </fieldset>
      <fieldset>
        <legend>Features</legend>
        <div class="train-features">
          {FEATURES.map((f) => (
            <label>
              <input
                type="checkbox"
                name={`feature-${f}`}
                checked={setup.features.includes(f)}
                disabled={setup.features.length === 1 &&
                  setup.features[0] === f}
                onChange={(e) =>
                  onChange({
                    features: (e.currentTarget as HTMLInputElement).checked
                      ? FEATURES.filter((g) =>
                        g === f || setup.features.includes(g)
                      )
                      : setup.features.filter((g) => g !== f),
                  })}
              />{" "}
              {FEATURE_NAMES[f]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Network</legend>
        <div class="train-layers">
          <span>
            {layers.length} hidden layer{layers.length === 1 ? "" : "s"}
          </span>
          <button
            type="button"
            id="train-add-layer"
            aria-label="Add a hidden layer"
            disabled={layers.length >= 6}
            onClick={() => onChange({ layers: [...layers, 4] })}
          >
            +
          </button>
          <button
            type="button"
            id="train-remove-layer"
            aria-label="Remove the last hidden layer"
            disabled={layers.length === 0}
            onClick={() => onChange({ layers: layers.slice(0, -1) })}
          >
            −
          </button>
        </div>
        {layers.map((size, l) => (
          <div class="train-layers">
            <span>Layer {l + 1}: {size} neurons</span>
            <button
              type="button"
              aria-label={`Add a neuron to layer ${l + 1}`}
              disabled={size >= 16}
              onClick={() =>
                onChange({ layers: layers.map((s, i) => i === l ? s + 1 : s) })}
            >
              +
            </button>
            <button
              type="button"
              aria-label={`Remove a neuron from layer ${l + 1}`}
              disabled={size <= 1}
              onClick={() =>
                onChange({ layers: layers.map((s, i) => i === l ? s - 1 : s) })}
            >
              −
            </button>
          </div>
        ))}
        <label>
          Activation{" "}
          <select
            name="activation"
            value={setup.activation}
            onChange={(e) => onChange({ activation: str(e) as Activation })}
          >
            <option value="relu">ReLU</option>
            <option value="tanh">tanh</option>
            <option value="sigmoid">sigmoid</option>
            <option value="linear">linear</option>
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>Training</legend>
        <label>
          Loss{" "}
          <select
            name="loss"
            value={setup.loss}
            onChange={(e) => onChange({ loss: str(e) as Setup["loss"] })}
          >
            <option value="svm">SVM max-margin</option>
            <option value="mse">squared error</option>
          </select>
        </label>
        <label>
          Learning rate{" "}
          <select
            name="rate"
            value={String(setup.rate)}
            onChange={(e) => onChange({ rate: num(e) })}
          >
            {numbers(RATES, setup.rate).map((r) => (
              <option value={String(r)}>{r}</option>
            ))}
          </select>
        </label>
        <label class="train-check">
          <input
            type="checkbox"
            name="decay"
            checked={setup.decay}
            onChange={(e) =>
              onChange({
                decay: (e.currentTarget as HTMLInputElement).checked,
              })}
          />{" "}
          decay as micrograd: × (1 − 0.9·k/steps)
        </label>
        <label>
          Regularisation{" "}
          <select
            name="reg"
            value={setup.reg}
            onChange={(e) => onChange({ reg: str(e) as Setup["reg"] })}
          >
            <option value="none">none</option>
            <option value="l1">L1</option>
            <option value="l2">L2</option>
          </select>
        </label>
        <label>
          Strength{" "}
          <select
            name="lambda"
            value={String(setup.lambda)}
            disabled={setup.reg === "none"}
            onChange={(e) => onChange({ lambda: num(e) })}
          >
            {numbers(LAMBDAS, setup.lambda).map((r) => (
              <option value={String(r)}>{r}</option>
            ))}
          </select>
        </label>
        <label>
          Batch size (0: all){" "}
          <input
            name="batch"
            type="number"
            min={0}
            max={1000}
            value={setup.batch}
            onChange={(e) => onChange({ batch: num(e) })}
          />
        </label>
        <label>
          Steps{" "}
          <input
            name="steps"
            type="number"
            min={1}
            max={100000}
            value={setup.steps}
            onChange={(e) => onChange({ steps: num(e) })}
          />
        </label>
        <label>
          Speed (steps per frame){" "}
          <select
            name="speed"
            value={String(setup.speed)}
            onChange={(e) => onChange({ speed: num(e) })}
          >
            {numbers(SPEEDS, setup.speed).map((r) => (
              <option value={String(r)}>{r}</option>
            ))}
          </select>
        </label>
      </fieldset>
    </form>
  );
}
