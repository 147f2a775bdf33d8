/**
 * Canvas drawing for the training playground: the decision boundary with
 * its axes and points ({@linkcode drawField}), and the network with a heat
 * map per neuron and an edge per weight ({@linkcode drawNetwork}). Colours
 * come from the page's CSS custom properties, so dark mode follows.
 *
 * @module
 */
import type { View } from "@gradviz/gradviz/train";

type RGB = [number, number, number];

/** The colours a drawing uses, read from CSS. */
export interface Palette {
  /** Class +1 and positive weights and values. */
  pos: RGB;
  /** Class −1 and negative ones. */
  neg: RGB;
  /** The background. */
  paper: RGB;
  /** Text and outlines. */
  ink: string;
  /** Axes and labels. */
  muted: string;
}

// A CSS colour as RGB, normalised by a canvas (which writes "#rrggbb").
function rgb(ctx: CanvasRenderingContext2D, css: string, fallback: RGB): RGB {
  ctx.fillStyle = "#000001";
  ctx.fillStyle = css.trim() || "#000001";
  const hex = String(ctx.fillStyle);
  if (!/^#[0-9a-f]{6}$/i.test(hex) || hex === "#000001") return fallback;
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as RGB;
}

/** The palette of the element's page: `--accent`, `--mark`, `--paper`, `--ink`, `--muted`. */
export function readPalette(
  el: Element,
  ctx: CanvasRenderingContext2D,
): Palette {
  const style = getComputedStyle(el);
  const v = (name: string) => style.getPropertyValue(name);
  return {
    pos: rgb(ctx, v("--accent"), [37, 99, 235]),
    neg: rgb(ctx, v("--mark"), [220, 38, 38]),
    paper: rgb(ctx, v("--paper"), [255, 255, 255]),
    ink: v("--ink").trim() || "#1f2937",
    muted: v("--muted").trim() || "#6b7280",
  };
}

// Paints n×n values (from offset) into an n×n image: paper at 0, the
// positive or negative colour at ±scale (at most 70%).
function heatImage(
  values: Float32Array,
  offset: number,
  n: number,
  scale: number,
  p: Palette,
): ImageData {
  const img = new ImageData(n, n);
  const d = img.data;
  for (let i = 0; i < n * n; i++) {
    const v = values[offset + i] / scale;
    const t = Math.min(1, Math.abs(v)) * 0.7;
    const c = v > 0 ? p.pos : p.neg;
    d[4 * i] = p.paper[0] + (c[0] - p.paper[0]) * t;
    d[4 * i + 1] = p.paper[1] + (c[1] - p.paper[1]) * t;
    d[4 * i + 2] = p.paper[2] + (c[2] - p.paper[2]) * t;
    d[4 * i + 3] = 255;
  }
  return img;
}

let tile: OffscreenCanvas | undefined; // reused for every heat map

// Draws the n×n image scaled into a box, smoothly.
function blit(
  ctx: CanvasRenderingContext2D,
  img: ImageData,
  x: number,
  y: number,
  w: number,
  h: number,
): void {
  if (tile?.width !== img.width) {
    tile = new OffscreenCanvas(img.width, img.width);
  }
  tile.getContext("2d")!.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = true; // bilinear: a smooth field from few cells
  ctx.drawImage(tile, x, y, w, h);
}

/** The canvases' width in drawing units (their pixels are twice as many, for sharp lines on any screen). */
export const CANVAS_WIDTH = 480;

/** The boundary plot's margins (drawing units) for the axes' labels. */
export const PLOT_MARGIN = { left: 36, bottom: 28, top: 8, right: 8 };

/** Points to draw: train ones filled, test ones as rings. */
export interface PlotPoints {
  /** Training points and labels. */
  train: { points: number[][]; labels: number[] };
  /** Test points and labels. */
  test: { points: number[][]; labels: number[] };
}

/** Maps plane coordinates to canvas (CSS) pixels for a plot of side `size`. */
export function plotScale(view: View, width: number, height: number) {
  const w = width - PLOT_MARGIN.left - PLOT_MARGIN.right;
  const h = height - PLOT_MARGIN.top - PLOT_MARGIN.bottom;
  return {
    x: (x: number) => PLOT_MARGIN.left + (x - view.x0) / view.size * w,
    y: (y: number) => PLOT_MARGIN.top + (1 - (y - view.y0) / view.size) * h,
    w,
    h,
  };
}

// "Nice" tick spacing for a span: 0.5, 1, 2, …
function tickStep(span: number): number {
  const raw = span / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw)!;
}

/**
 * Draws the output's field (the first `n * n` values, scaled to ±1 by
 * tanh-like saturation), the zero contour's two sides, the axes with ticks,
 * the points, and a highlighted point.
 */
export function drawField(
  canvas: HTMLCanvasElement,
  field: Float32Array | null,
  n: number,
  view: View,
  points: PlotPoints,
  picked: { set: "train" | "test"; index: number } | null,
): void {
  const ctx = canvas.getContext("2d")!;
  const p = readPalette(canvas, ctx);
  const dpr = canvas.width / CANVAS_WIDTH;
  const width = CANVAS_WIDTH, height = canvas.height / dpr;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = `rgb(${p.paper.join(",")})`;
  ctx.fillRect(0, 0, width, height);
  const s = plotScale(view, width, height);
  if (field) {
    blit(
      ctx,
      heatImage(field, 0, n, 1, p),
      s.x(view.x0),
      s.y(view.y0 + view.size),
      s.w,
      s.h,
    );
  }
  // Axes with ticks.
  ctx.strokeStyle = p.muted;
  ctx.fillStyle = p.muted;
  ctx.lineWidth = 1;
  ctx.font = "13px system-ui, sans-serif";
  ctx.strokeRect(PLOT_MARGIN.left, PLOT_MARGIN.top, s.w, s.h);
  const step = tickStep(view.size);
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (
    let t = Math.ceil(view.x0 / step) * step;
    t <= view.x0 + view.size;
    t += step
  ) {
    const x = s.x(t);
    ctx.beginPath();
    ctx.moveTo(x, PLOT_MARGIN.top + s.h);
    ctx.lineTo(x, PLOT_MARGIN.top + s.h + 4);
    ctx.stroke();
    ctx.fillText(String(+t.toFixed(2)), x, PLOT_MARGIN.top + s.h + 6);
  }
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (
    let t = Math.ceil(view.y0 / step) * step;
    t <= view.y0 + view.size;
    t += step
  ) {
    const y = s.y(t);
    ctx.beginPath();
    ctx.moveTo(PLOT_MARGIN.left - 4, y);
    ctx.lineTo(PLOT_MARGIN.left, y);
    ctx.stroke();
    ctx.fillText(String(+t.toFixed(2)), PLOT_MARGIN.left - 6, y);
  }
  // Points: train filled, test as rings.
  const dot = (
    [x, y]: number[],
    label: number,
    filled: boolean,
    r: number,
  ) => {
    const c = label > 0 ? p.pos : p.neg;
    ctx.beginPath();
    ctx.arc(s.x(x), s.y(y), r, 0, 2 * Math.PI);
    if (filled) {
      ctx.fillStyle = `rgb(${c.join(",")})`;
      ctx.fill();
      ctx.strokeStyle = p.ink;
      ctx.lineWidth = 1;
    } else {
      ctx.strokeStyle = `rgb(${c.join(",")})`;
      ctx.lineWidth = 2;
    }
    ctx.stroke();
  };
  points.train.points.forEach((pt, i) =>
    dot(pt, points.train.labels[i], true, 4)
  );
  points.test.points.forEach((pt, i) =>
    dot(pt, points.test.labels[i], false, 4)
  );
  if (picked) {
    const pt = points[picked.set].points[picked.index];
    if (pt) {
      ctx.beginPath();
      ctx.arc(s.x(pt[0]), s.y(pt[1]), 8, 0, 2 * Math.PI);
      ctx.strokeStyle = p.ink;
      ctx.lineWidth = 2;
      ctx.stroke();
    }
  }
}

/** The nearest point to canvas position `(px, py)` (drawing units) within 14 units, or null. */
export function pointAt(
  view: View,
  width: number,
  height: number,
  points: PlotPoints,
  px: number,
  py: number,
): { set: "train" | "test"; index: number } | null {
  const s = plotScale(view, width, height);
  let best: { set: "train" | "test"; index: number } | null = null;
  let bestD = 14;
  for (const set of ["train", "test"] as const) {
    points[set].points.forEach(([x, y], index) => {
      const d = Math.hypot(s.x(x) - px, s.y(y) - py);
      if (d < bestD) [best, bestD] = [{ set, index }, d];
    });
  }
  return best;
}

/** What {@linkcode drawNetwork} draws. */
export interface NetworkPicture {
  /** The input features' names. */
  features: string[];
  /** Every layer's size, the output last. */
  sizes: number[];
  /** The parameters in `parameters()` order (layer → neuron → weights, bias). */
  params: Float64Array;
  /** The output then each hidden neuron over n×n cells. */
  field: Float32Array | null;
  /** The features over the same cells, one n×n block each. */
  inputs: Float32Array;
  /** Cells per side. */
  n: number;
}

/** The network canvas's height (drawing units) for layers of these sizes. */
export function networkHeight(sizes: number[], features: number): number {
  const most = Math.max(features, ...sizes);
  return 28 + most * (nodeSide(most) + 8);
}

const nodeSide = (most: number) => (most > 8 ? 26 : 36);

/**
 * Draws the network as TensorFlow Playground does: a column per layer
 * (the features first, the output last), each node a heat map of what it
 * computes over the plot, and an edge per weight, wider the larger it is,
 * coloured by its sign.
 */
export function drawNetwork(
  canvas: HTMLCanvasElement,
  net: NetworkPicture,
): void {
  const ctx = canvas.getContext("2d")!;
  const p = readPalette(canvas, ctx);
  const dpr = canvas.width / CANVAS_WIDTH;
  const width = CANVAS_WIDTH, height = canvas.height / dpr;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = `rgb(${p.paper.join(",")})`;
  ctx.fillRect(0, 0, width, height);
  const columns = [net.features.length, ...net.sizes];
  const most = Math.max(...columns);
  const side = nodeSide(most), gap = 8, top = 22;
  const left = 40; // room for the features' names
  const colX = (c: number) =>
    left + c * (width - left - 8 - side) / Math.max(1, columns.length - 1);
  const rowY = (c: number, r: number) =>
    top + (most - columns[c]) * (side + gap) / 2 + r * (side + gap);
  // Edges first, under the nodes, in a few strokes: one per sign and
  // width class (a stroke per weight costs more than the rest together).
  let maxW = 1e-9;
  for (let i = 0; i < net.params.length; i++) {
    maxW = Math.max(maxW, Math.abs(net.params[i]));
  }
  const LEVELS = 6;
  const paths = Array.from({ length: 2 * LEVELS }, () => new Path2D());
  let offset = 0;
  for (let l = 0; l < net.sizes.length; l++) {
    const nin = columns[l];
    for (let j = 0; j < net.sizes[l]; j++) {
      for (let i = 0; i < nin; i++) {
        const w = net.params[offset + i];
        const level = Math.min(
          LEVELS - 1,
          Math.floor(Math.abs(w) / maxW * LEVELS),
        ) || 0; // 0 for NaN, after a diverged step
        const path = paths[(w > 0 ? LEVELS : 0) + level];
        path.moveTo(colX(l) + side, rowY(l, i) + side / 2);
        path.lineTo(colX(l + 1), rowY(l + 1, j) + side / 2);
      }
      offset += nin + 1;
    }
  }
  paths.forEach((path, k) => {
    const level = k % LEVELS, c = k < LEVELS ? p.neg : p.pos;
    const t = (level + 0.5) / LEVELS;
    ctx.strokeStyle = `rgba(${c.join(",")},${0.25 + 0.65 * t})`;
    ctx.lineWidth = 0.5 + 5 * t;
    ctx.stroke(path);
  });
  // Nodes: heat maps at half the field's resolution, painted into one
  // atlas image (one upload), each drawn scaled into its frame.
  const cells = net.n * net.n, m = Math.ceil(net.n / 2);

  const blocks: [number, number, Float32Array | null, number][] = [];
  net.features.forEach((_, i) => blocks.push([0, i, net.inputs, i * cells]));
  let hidden = 0;
  net.sizes.forEach((size, l) => {
    const last = l === net.sizes.length - 1;
    for (let j = 0; j < size; j++) {
      blocks.push([l + 1, j, net.field, last ? 0 : (1 + hidden++) * cells]);
    }
  });
  const atlas = new ImageData(m * blocks.length, m);
  const d = atlas.data, stride = m * blocks.length;
  blocks.forEach(([, , values, at], b) => {
    if (!values) return;
    for (let r = 0; r < m; r++) {
      for (let c = 0; c < m; c++) {
        // As TensorFlow Playground: one colour scale for every node, ±1
        // saturating (tanh), so a node's shade is comparable to another's.
        const v = values[at + 2 * r * net.n + 2 * c];
        const t = Math.abs(Math.tanh(v)) * 0.8 || 0;
        const col = v > 0 ? p.pos : p.neg;
        const k = 4 * (r * stride + b * m + c);
        d[k] = p.paper[0] + (col[0] - p.paper[0]) * t;
        d[k + 1] = p.paper[1] + (col[1] - p.paper[1]) * t;
        d[k + 2] = p.paper[2] + (col[2] - p.paper[2]) * t;
        d[k + 3] = 255;
      }
    }
  });
  const sheet = new OffscreenCanvas(atlas.width, m);
  sheet.getContext("2d")!.putImageData(atlas, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.strokeStyle = p.muted;
  ctx.lineWidth = 1;
  blocks.forEach(([c, r, values], b) => {
    const x = colX(c), y = rowY(c, r);
    if (values) ctx.drawImage(sheet, b * m, 0, m, m, x, y, side, side);
    ctx.strokeRect(x + 0.5, y + 0.5, side - 1, side - 1);
  });
  ctx.font = "13px system-ui, sans-serif";
  ctx.textBaseline = "alphabetic";
  ctx.fillStyle = p.muted;
  ctx.textAlign = "left";
  ctx.fillText("inputs", colX(0), 14);
  ctx.textAlign = "center";
  net.sizes.forEach((size, l) => {
    const last = l === net.sizes.length - 1;
    ctx.fillText(
      last ? "output" : `${size}`,
      colX(l + 1) + side / 2,
      14,
    );
  });
  // Feature names left of the inputs.
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  ctx.fillStyle = p.ink;
  net.features.forEach((name, i) =>
    ctx.fillText(name, colX(0) - 4, rowY(0, i) + side / 2)
  );
}
