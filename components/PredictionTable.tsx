/**
 * `PredictionTable`: a model's predictions next to the targets, one row per
 * example.
 *
 * @module
 */
import type { JSX } from "preact";
import { fixed } from "./format.ts";

/** Props of {@linkcode PredictionTable}. */
export interface PredictionTableProps {
  /** The examples' inputs. */
  inputs: readonly (readonly number[])[];
  /** Their targets. */
  targets: readonly number[];
  /** The model's output for each example. */
  predictions: readonly number[];
}

/**
 * Inputs, targets and predictions (four decimals; full precision in each
 * cell's title).
 *
 * @example
 * ```tsx ignore
 * <PredictionTable inputs={[[2, 3, -1]]} targets={[1]} predictions={[0.95]} />
 * ```
 */
export default function PredictionTable(
  { inputs, targets, predictions }: PredictionTableProps,
): JSX.Element {
  return (
    <table class="check predictions">
      <caption>Predictions against the targets</caption>
      <thead>
        <tr>
          <th scope="col">x</th>
          <th scope="col">target</th>
          <th scope="col">prediction</th>
        </tr>
      </thead>
      <tbody>
        {inputs.map((x, i) => (
          <tr key={i}>
            <th scope="row">[{x.join(", ")}]</th>
            <td>{fixed(targets[i], 1)}</td>
            <td class="prediction" title={String(predictions[i])}>
              {fixed(predictions[i])}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
