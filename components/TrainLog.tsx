/**
 * `TrainLog`: every step's numbers of a training run in a table, drawn only
 * while it is open (a long run has thousands of rows).
 *
 * @module
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { RunStep } from "@gradviz/gradviz/train";

/** A share as a whole percentage, or a dash for none. */
export const percent = (x: number | null): string =>
  x === null ? "–" : `${Math.round(x * 100)}%`;

/**
 * A `<details>` with one row per step: loss, accuracy, test loss, learning
 * rate. Losses are shown in full, to compare with the CLI's.
 *
 * @example
 * ```tsx ignore
 * <TrainLog steps={steps} />
 * ```
 */
export default function TrainLog(
  { steps }: { steps: readonly RunStep[] },
): JSX.Element {
  const [open, setOpen] = useState(false);
  return (
    <details
      class="steps"
      id="train-log"
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>Every step's numbers</summary>
      {open && (
        <table class="check">
          <thead>
            <tr>
              <th scope="col">step</th>
              <th scope="col">loss</th>
              <th scope="col">accuracy</th>
              <th scope="col">test loss</th>
              <th scope="col">learning rate</th>
            </tr>
          </thead>
          <tbody>
            {steps.map((h) => (
              <tr key={h.step}>
                <td>{h.step}</td>
                <td>{String(h.loss)}</td>
                <td>{percent(h.accuracy)}</td>
                <td>{h.testLoss === null ? "–" : String(h.testLoss)}</td>
                <td>{h.learningRate.toPrecision(4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
