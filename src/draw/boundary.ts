/**
 * The decision boundary of a 2-input classifier. {@linkcode gridAround} is
 * the plot's extent, the points' range plus a margin of 1 as micrograd's
 * notebook plots it, for the CLI's SVG and the web app alike;
 * {@linkcode decisionBoundarySvg} draws it as a small hand-written SVG: the
 * grid's cells coloured by the sign of the score (each row's runs of one
 * colour merged into one rectangle), and the points coloured by label.
 *
 * @module
 */

/** A grid of square cells over the plane: cell (i, j) is centred at `(x0 + (i + 0.5) * size, y0 + (j + 0.5) * size)`. */
export interface Grid {
  /** The left edge. */
  x0: number;
  /** The bottom edge. */
  y0: number;
  /** The side of a cell. */
  size: number;
  /** Cells per row. */
  cols: number;
  /** Rows of cells. */
  rows: number;
}

/** The margin around the points, as micrograd's notebook plots them. */
const MARGIN = 1;

/**
 * A grid over the points with a margin of 1 on each side, as micrograd's
 * notebook plots it, in cells of side `size`.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { gridAround } from "@gradviz/gradviz/render";
 *
 * deepEqual(gridAround([[0, 0], [1, 0.5]], 0.5), { x0: -1, y0: -1, size: 0.5, cols: 6, rows: 5 });
 * ```
 */
export function gridAround(
  points: readonly (readonly number[])[],
  size = 0.1,
): Grid {
  const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
  const x0 = Math.min(...xs) - MARGIN, y0 = Math.min(...ys) - MARGIN;
  return {
    x0,
    y0,
    size,
    cols: Math.ceil((Math.max(...xs) + MARGIN - x0) / size),
    rows: Math.ceil((Math.max(...ys) + MARGIN - y0) / size),
  };
}

/** What {@linkcode decisionBoundarySvg} draws. */
export interface PlotData {
  /** The points, as `[x, y]`. */
  points: readonly (readonly number[])[];
  /** Each point's label: > 0 is the positive class. */
  labels: readonly number[];
  /** The classifier's score at a point of the plane: > 0 is the positive class. */
  score: (x: number, y: number) => number;
  /** A title, shown on hover. */
  title?: string;
  /** The cells to colour (default: {@linkcode gridAround} the points, 96 cells across). */
  grid?: Grid;
}

const WIDTH = 480;
const CELLS = 96; // across, by default; square cells
const COLORS = {
  positiveArea: "#d6e6f5",
  negativeArea: "#f8ded5",
  positive: "#2b6cb0",
  negative: "#c0392b",
};

function escapeXml(s: string): string {
  return s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * An SVG plot of where `score` is positive over a {@linkcode Grid} (by
 * default the points' range plus a margin of 1), with the points on top.
 *
 * @example
 * ```ts
 * import { equal, ok } from "node:assert/strict";
 * import { decisionBoundarySvg } from "@gradviz/gradviz/render";
 *
 * const svg = decisionBoundarySvg({
 *   points: [[-1, 0], [1, 0]],
 *   labels: [-1, 1],
 *   score: (x) => x,
 * });
 * ok(svg.startsWith("<svg"));
 * equal(svg.match(/<circle/g)?.length, 2);
 * ```
 */
export function decisionBoundarySvg(data: PlotData): string {
  const xs = data.points.map((p) => p[0]);
  const grid = data.grid ??
    gridAround(
      data.points,
      (Math.max(...xs) - Math.min(...xs) + 2 * MARGIN) / CELLS,
    );
  const { x0, y0, size, cols, rows } = grid;
  const cell = WIDTH / cols;
  const height = rows * cell;
  const x1 = x0 + cols * size, y1 = y0 + rows * size;
  const px = (x: number) => (x - x0) / (x1 - x0) * WIDTH;
  const py = (y: number) => (y1 - y) / (y1 - y0) * height;
  const f = (n: number) => Number(n.toFixed(2));

  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${
      f(height)
    }" width="${WIDTH}" height="${f(height)}" shape-rendering="crispEdges">`,
  ];
  if (data.title) out.push(`<title>${escapeXml(data.title)}</title>`);
  out.push(`<rect width="100%" height="100%" fill="${COLORS.negativeArea}"/>`);
  // Positive runs only, on the negative background; row 0 is the bottom one.
  for (let r = 0; r < rows; r++) {
    const y = y0 + (r + 0.5) * size;
    let start = -1;
    for (let c = 0; c <= cols; c++) {
      const positive = c < cols && data.score(x0 + (c + 0.5) * size, y) > 0;
      if (positive && start < 0) start = c;
      if (!positive && start >= 0) {
        out.push(
          `<rect x="${f(start * cell)}" y="${
            f(height - (r + 1) * cell)
          }" width="${f((c - start) * cell)}" height="${
            f(cell)
          }" fill="${COLORS.positiveArea}"/>`,
        );
        start = -1;
      }
    }
  }
  out.push(
    `<g stroke="#fff" stroke-width="1" shape-rendering="geometricPrecision">`,
  );
  data.points.forEach(([x, y], i) => {
    const fill = data.labels[i] > 0 ? COLORS.positive : COLORS.negative;
    out.push(
      `<circle cx="${f(px(x))}" cy="${f(py(y))}" r="4.5" fill="${fill}"/>`,
    );
  });
  out.push("</g>", "</svg>");
  return out.join("\n") + "\n";
}
