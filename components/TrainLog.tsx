/**
 * `TrainLog`: every step's numbers of a training run in a table, drawn only
 * while it is open (a long run has thousands of rows).
 *
 * @module
 */
import type { ComponentChildren, JSX } from "preact";
import { useState } from "preact/hooks";

/** A share as a whole percentage, or a dash for none. */
export const percent = (x: number | null): string =>
  x === null ? "–" : `${Math.round(x * 100)}%`;

/** One row of {@linkcode TrainLog}: a step's numbers, as `Trainer.step()` or a run gives them. */
export interface LogStep {
  /** The step number, from 0. */
  step: number;
  /** The training loss. */
  loss: number;
  /** The share of training points classified right. */
  accuracy: number;
  /** The test loss (null for none); leave it out for runs without a test set. */
  testLoss?: number | null;
  /** The learning rate of the step. */
  learningRate: number;
}

/** Props of {@linkcode TrainLog}. */
export interface TrainLogProps {
  /** The steps so far, in order. */
  steps: readonly LogStep[];
  /** The `<details>` element's id. */
  id: string;
  /** Shown above the table, such as timings. */
  children?: ComponentChildren;
}

/**
 * A `<details>` with one row per step: loss, accuracy, test loss (when the
 * steps have one), learning rate. Losses are shown in full, to compare with
 * the CLI's and micrograd's.
 *
 * @example
 * ```tsx ignore
 * <TrainLog steps={steps} id="train-log" />
 * ```
 */
export default function TrainLog(
  { steps, id, children }: TrainLogProps,
): JSX.Element {
  const [open, setOpen] = useState(false);
  const withTest = steps.some((h) => h.testLoss !== undefined);
  return (
    <details
      class="steps"
      id={id}
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>Every step's numbers</summary>
      {children}
      {open && (
        <div class="table-scroll">
          <table class="check">
            <thead>
              <tr>
                <th scope="col">step</th>
                <th scope="col">loss</th>
                <th scope="col">accuracy</th>
                {withTest && <th scope="col">test loss</th>}
                <th scope="col">learning rate</th>
              </tr>
            </thead>
            <tbody>
              {steps.map((h) => (
                <tr key={h.step}>
                  <td>{h.step}</td>
                  <td>{String(h.loss)}</td>
                  <td>{percent(h.accuracy)}</td>
                  {withTest && (
                    <td>{h.testLoss == null ? "–" : String(h.testLoss)}</td>
                  )}
                  <td>{h.learningRate.toPrecision(4)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
