// The decision boundary of a 2-input classifier as a small hand-written SVG:
// the plane in cells coloured by the sign of the score (each row's runs of
// one colour merged into one rectangle), and the points coloured by label.

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
}

const WIDTH = 480;
const CELLS = 96; // across; square cells
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
 * An SVG plot of where `score` is positive, over the points' range plus a
 * margin, with the points on top.
 *
 * @example
 * ```ts
 * import { equal, ok } from "node:assert/strict";
 * import { decisionBoundarySvg } from "./_plot.ts";
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
  const xs = data.points.map((p) => p[0]), ys = data.points.map((p) => p[1]);
  const margin = 0.5;
  const x0 = Math.min(...xs) - margin, x1 = Math.max(...xs) + margin;
  const y0 = Math.min(...ys) - margin, y1 = Math.max(...ys) + margin;
  const cell = WIDTH / CELLS;
  const rows = Math.max(1, Math.round((y1 - y0) / (x1 - x0) * CELLS));
  const height = rows * cell;
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
  // Positive runs only, on the negative background.
  for (let r = 0; r < rows; r++) {
    const y = y1 - (r + 0.5) / rows * (y1 - y0);
    let start = -1;
    for (let c = 0; c <= CELLS; c++) {
      const positive = c < CELLS &&
        data.score(x0 + (c + 0.5) / CELLS * (x1 - x0), y) > 0;
      if (positive && start < 0) start = c;
      if (!positive && start >= 0) {
        out.push(
          `<rect x="${f(start * cell)}" y="${f(r * cell)}" width="${
            f((c - start) * cell)
          }" height="${f(cell)}" fill="${COLORS.positiveArea}"/>`,
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
