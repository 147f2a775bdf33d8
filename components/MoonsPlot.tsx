/**
 * `MoonsPlot`: the two-moons points over the model's decision regions, as
 * SVG. Each row of the grid is drawn as runs of cells of one sign, so a
 * boundary costs a few rectangles per row.
 *
 * @module
 */
import type { JSX } from "preact";
import type { Grid } from "@gradviz/gradviz/render";

/** Props of {@linkcode MoonsPlot}. */
export interface MoonsPlotProps {
  /** The points. */
  points: readonly (readonly number[])[];
  /** Their labels, 1 or -1. */
  labels: readonly number[];
  /** The grid the signs are given on. */
  grid: Grid;
  /** The sign of the score in each cell, `+` or `-`, row by row from the bottom (`Scorer.signs` of `@gradviz/gradviz/moons`). */
  signs: string;
  /** An accessible name for the plot. */
  label: string;
}

const CELL = 10; // SVG units per grid cell

/**
 * The decision regions (score > 0 and score ≤ 0) with the points on top,
 * coloured by label.
 *
 * @example
 * ```tsx ignore
 * <MoonsPlot points={X} labels={y} grid={grid} signs={scorer.signs(grid)} label="Decision boundary" />
 * ```
 */
export default function MoonsPlot(props: MoonsPlotProps): JSX.Element {
  const { grid, signs } = props;
  const width = grid.cols * CELL, height = grid.rows * CELL;
  const runs: JSX.Element[] = [];
  for (let j = 0; j < grid.rows; j++) {
    const row = signs.slice(j * grid.cols, (j + 1) * grid.cols);
    for (let i = 0; i < row.length;) {
      let end = i + 1;
      while (end < row.length && row[end] === row[i]) end++;
      runs.push(
        <rect
          class={row[i] === "+" ? "region-pos" : "region-neg"}
          x={i * CELL}
          y={height - (j + 1) * CELL}
          width={(end - i) * CELL}
          height={CELL}
        />,
      );
      i = end;
    }
  }
  const px = (x: number) => ((x - grid.x0) / grid.size * CELL).toFixed(1);
  const py = (y: number) =>
    (height - (y - grid.y0) / grid.size * CELL).toFixed(1);
  return (
    <svg
      class="moons-plot"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={props.label}
      shape-rendering="crispEdges"
    >
      <g>{runs}</g>
      <g shape-rendering="auto">
        {props.points.map(([x, y], i) => (
          <circle
            class={props.labels[i] > 0 ? "point-pos" : "point-neg"}
            cx={px(x)}
            cy={py(y)}
            r={5}
          />
        ))}
      </g>
    </svg>
  );
}
