/**
 * `GraphView`: a computation graph drawn as SVG that islands keep up to
 * date. Give it the SVG the server drew (`renderSvg`), then:
 *
 * - change `values` (`graphValues(root)`) when only numbers changed: the
 *   `data`/`grad` texts are patched in place, no new layout. A number wider
 *   than its field is squeezed into it at once, and when the graph's `dot`
 *   is known the graph is laid out again with the new numbers so every field
 *   fits them;
 * - change `dot` (`toDot(root)`) when the structure changed: the graph is
 *   redrawn by Viz.js in the page's Web Worker (`viz_client.ts`, started on
 *   first need), so typing stays responsive while Graphviz works;
 * - set `highlight` to a node id (`n3`) to mark that node.
 *
 * Text stays readable: a graph whose fitted width would make its labels
 * smaller than 10 CSS px scrolls sideways instead, with a hint; it zooms
 * with −, fit, + and a pinch, and pans by scrolling, touch or mouse drag.
 * Each graph downloads as SVG or PNG (set in the served Arimo face). Every
 * node is named for screen readers with its label, data and grad, and a
 * network drawing explains its weight colours. With JavaScript off it still
 * shows the server's SVG.
 *
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import {
  type GraphValues,
  indexRecords,
  overflowing,
  patchRecords,
  type RecordIndex,
  withValues,
} from "./svg_patch.ts";
import { layoutSvg, Superseded } from "./viz_client.ts";

/** Props of {@linkcode GraphView}. */
export interface GraphViewProps {
  /** SVG markup of the graph as first drawn, by `renderSvg` on the server. */
  svg: string;
  /** An accessible name for the drawing, such as "Graph of L = (a*b + c)*f". */
  label: string;
  /**
   * DOT of the graph (`toDot(root, options)`). When it changes, the graph is
   * redrawn in the browser with Viz.js, so pass a DOT that changes only with
   * the drawing's structure or layout (memoise it); numbers go through
   * `values`. Its first value is taken to be what `svg` was drawn from.
   */
  dot?: string;
  /** Numbers to show, by node id: patched into the drawing whenever they change. */
  values?: GraphValues;
  /** The id of a node to highlight, or null. */
  highlight?: string | null;
}

const ZOOM = 1.25;
// Viz.js sizes its SVG in points: 1pt = 4/3 px.
const PX_PER_PT = 4 / 3;
// Graphviz's labels are 14 pt; below this scale they would be under 10.5 px.
const MIN_READABLE = 10.5 / (14 * PX_PER_PT);
const FONT_URL = "/fonts/arimo-latin-400-normal.woff2";

/**
 * Shows a graph's SVG, patches its numbers, redraws it on a new structure,
 * highlights a node and lets the reader zoom, pan and download it.
 *
 * @example On the server it renders the SVG it is given
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { h } from "preact";
 * import { renderToString } from "preact-render-to-string";
 * import { Value } from "@gradviz/gradviz";
 * import { renderSvg } from "@gradviz/gradviz/render";
 * import GraphView from "./GraphView.tsx";
 * import { graphValues } from "../lessons/evaluate.ts";
 *
 * const a = new Value(2, { label: "a" });
 * const html = renderToString(
 *   h(GraphView, { svg: await renderSvg(a), label: "Graph of a", values: graphValues(a) }),
 * );
 * ok(html.includes('aria-label="Graph of a"'));
 * ok(html.includes("data 2.0000"));
 * ```
 */
export default function GraphView(props: GraphViewProps): JSX.Element {
  const { label, dot, values, highlight } = props;
  const box = useRef<HTMLDivElement>(null);
  const index = useRef<RecordIndex>(new Map());
  const drawnDot = useRef(dot);
  const latest = useRef(values);
  latest.current = values;
  const [svg, setSvg] = useState(props.svg);
  const [error, setError] = useState("");
  // null: fit to width; a number: that scale of the natural size.
  const [scale, setScale] = useState<number | null>(null);
  const [auto, setAuto] = useState(true); // no zoom chosen yet
  const [ready, setReady] = useState(false);
  const [drawing, setDrawing] = useState(false);
  const [wide, setWide] = useState(false); // the graph scrolls sideways

  useEffect(() => setReady(true), []);
  useEffect(() => setSvg(props.svg), [props.svg]);

  // Lays `text` out in the worker and shows it, unless superseded.
  function relayout(text: string, then?: () => void): () => void {
    let current = true;
    setDrawing(true);
    layoutSvg(text, box)
      .then((drawn) => {
        if (!current) return;
        then?.();
        setError("");
        setSvg(drawn);
      })
      .catch((e) => {
        if (current && !(e instanceof Superseded)) {
          setError(String(e?.message ?? e));
        }
      })
      .finally(() => current && setDrawing(false));
    return () => {
      current = false;
    };
  }

  // A new drawing: find its record texts again, and name its nodes.
  useLayoutEffect(() => {
    const root = box.current?.querySelector("svg");
    index.current = root ? indexRecords(root) : new Map();
    if (root) describe(root, label);
  }, [svg]);

  // Numbers go only onto a drawing of the current structure: while a new one
  // is being drawn, the old drawing's ids may name other nodes.
  const [outgrown, setOutgrown] = useState(0);
  const naming = useRef<ReturnType<typeof setTimeout>>();
  useLayoutEffect(() => {
    if (!values || dot !== drawnDot.current) return;
    if (patchRecords(index.current, values) > 0) {
      if (overflowing(index.current).length > 0) setOutgrown((n) => n + 1);
      // Screen readers get the new numbers once the reader pauses: not on
      // every frame of a slider's drag.
      clearTimeout(naming.current);
      naming.current = setTimeout(() => {
        const root = box.current?.querySelector("svg");
        if (root) describe(root, label);
      }, 300);
    }
  }, [values, svg, dot]);
  useEffect(() => () => clearTimeout(naming.current), []);

  // A number outgrew its field: lay the graph out again for the numbers.
  useEffect(() => {
    if (outgrown === 0 || dot === undefined || dot !== drawnDot.current) {
      return;
    }
    return relayout(withValues(dot, latest.current ?? {}));
  }, [outgrown]);

  useLayoutEffect(() => {
    const root = box.current;
    if (!root) return;
    root.querySelector(".gv-highlight")?.classList.remove("gv-highlight");
    if (highlight) {
      root.querySelector(`g[id="${CSS.escape(highlight)}"]`)?.classList.add(
        "gv-highlight",
      );
    }
  }, [highlight, svg]);

  // A new structure: draw it in the worker.
  useEffect(() => {
    if (dot === undefined || dot === drawnDot.current) return;
    return relayout(
      values ? withValues(dot, values) : dot,
      () => drawnDot.current = dot,
    );
  }, [dot]);

  // Until the reader zooms: fit the width, unless that makes text unreadable.
  useLayoutEffect(() => {
    if (!ready || !auto) return;
    const root = box.current?.querySelector("svg");
    if (!root || !box.current) return;
    const natural = root.width.baseVal.valueInSpecifiedUnits * PX_PER_PT;
    const fit = box.current.clientWidth / natural;
    setScale(fit < MIN_READABLE ? MIN_READABLE : null);
  }, [ready, auto, svg]);

  useLayoutEffect(() => {
    const root = box.current?.querySelector("svg");
    if (!root || !box.current) return;
    if (scale === null) {
      root.style.removeProperty("width");
      root.style.removeProperty("height");
    } else {
      const width = root.width.baseVal.valueInSpecifiedUnits;
      root.style.width = `${width * PX_PER_PT * scale}px`;
      root.style.height = "auto";
    }
    setWide(box.current.scrollWidth > box.current.clientWidth + 1);
  }, [scale, svg, ready]);

  function currentScale(): number {
    const root = box.current?.querySelector("svg");
    if (!root) return 1;
    const natural = root.width.baseVal.valueInSpecifiedUnits * PX_PER_PT;
    return scale ?? root.getBoundingClientRect().width / natural;
  }

  function zoomTo(next: number) {
    setAuto(false);
    setScale(Math.min(4, Math.max(0.1, next)));
  }

  // Pinch with two fingers; drag to pan with a mouse; one finger scrolls natively.
  const touches = useRef(new Map<number, { x: number; y: number }>());
  const pinch = useRef<{ distance: number; scale: number } | null>(null);
  function spread(): number {
    const [a, b] = [...touches.current.values()];
    return Math.hypot(a.x - b.x, a.y - b.y);
  }
  function onPointerDown(e: JSX.TargetedPointerEvent<HTMLDivElement>) {
    const el = e.currentTarget;
    if (e.pointerType === "touch") {
      touches.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (touches.current.size === 2) {
        pinch.current = { distance: spread(), scale: currentScale() };
      }
      const move = (m: PointerEvent) => {
        if (!touches.current.has(m.pointerId)) return;
        touches.current.set(m.pointerId, { x: m.clientX, y: m.clientY });
        if (pinch.current && touches.current.size === 2) {
          zoomTo(pinch.current.scale * spread() / pinch.current.distance);
        }
      };
      const up = (u: PointerEvent) => {
        if (u.pointerId !== e.pointerId) return;
        touches.current.delete(u.pointerId);
        pinch.current = null;
        el.removeEventListener("pointermove", move);
        el.removeEventListener("pointerup", up);
        el.removeEventListener("pointercancel", up);
      };
      el.addEventListener("pointermove", move);
      el.addEventListener("pointerup", up);
      el.addEventListener("pointercancel", up);
      return;
    }
    if (e.pointerType !== "mouse" || e.button !== 0) return;
    el.setPointerCapture(e.pointerId);
    const start = {
      x: e.clientX,
      y: e.clientY,
      left: el.scrollLeft,
      top: el.scrollTop,
    };
    const move = (m: PointerEvent) => {
      el.scrollLeft = start.left - (m.clientX - start.x);
      el.scrollTop = start.top - (m.clientY - start.y);
    };
    const up = () => {
      el.removeEventListener("pointermove", move);
      el.removeEventListener("pointerup", up);
    };
    el.addEventListener("pointermove", move);
    el.addEventListener("pointerup", up);
  }

  async function download(format: "svg" | "png") {
    const root = box.current?.querySelector("svg");
    if (!root) return;
    try {
      const text = await standalone(root);
      const blob = format === "svg"
        ? new Blob([text], { type: "image/svg+xml" })
        : await toPng(text, root);
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = `${fileName(label)}.${format}`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
    } catch (e) {
      setError(`Cannot export the graph: ${(e as Error)?.message ?? e}`);
    }
  }

  const network = svg.includes('class="edge pos"') ||
    svg.includes('class="edge neg"');
  // Before the script runs, CSS fits the width, except for a graph so wide
  // that even the widest page (a 70rem box) would shrink it below 10 px text.
  const natural = Number(/^<svg width="([\d.]+)pt"/.exec(svg)?.[1] ?? 0) *
    PX_PER_PT;
  const fitClass = ready
    ? (scale === null ? " fitted" : "")
    : natural * MIN_READABLE > 1120
    ? " fit wide"
    : " fit";
  return (
    <figure class="graph-view" data-state={drawing ? "drawing" : "ready"}>
      <div class="graph-tools" role="toolbar" aria-label={`Graph: ${label}`}>
        <span class="graph-hint" aria-live="polite">
          {ready && wide ? "scroll sideways; pinch or −/+ to zoom" : ""}
        </span>
        <button
          type="button"
          disabled={!ready}
          onClick={() => zoomTo(currentScale() / ZOOM)}
          aria-label="Zoom out"
        >
          −
        </button>
        <button
          type="button"
          disabled={!ready}
          onClick={() => {
            setAuto(false);
            setScale(null);
          }}
          aria-label="Fit to width"
        >
          fit
        </button>
        <button
          type="button"
          disabled={!ready}
          onClick={() => zoomTo(currentScale() * ZOOM)}
          aria-label="Zoom in"
        >
          +
        </button>
        <button
          type="button"
          class="graph-export"
          disabled={!ready}
          onClick={() => download("svg")}
          aria-label="Download as SVG"
        >
          SVG
        </button>
        <button
          type="button"
          class="graph-export"
          disabled={!ready}
          onClick={() => download("png")}
          aria-label="Download as PNG"
        >
          PNG
        </button>
      </div>
      <div
        ref={box}
        class={`graph-box${fitClass}`}
        role="group"
        aria-label={label}
        onPointerDown={onPointerDown}
        // deno-lint-ignore react-no-danger
        dangerouslySetInnerHTML={{ __html: svg }}
      />
      {network && (
        <p class="weight-legend">
          <span>
            <span class="swatch pos" aria-hidden="true" />positive weight
          </span>
          <span>
            <span class="swatch neg" aria-hidden="true" />negative weight
          </span>
          <span>thicker: larger |w|; hover an edge for w and its grad</span>
        </p>
      )}
      {error && <p class="error" role="alert">{error}</p>}
    </figure>
  );
}

// Names every node for screen readers (and its hover title): "a, data
// 2.0000, grad 6.0000", or "operation +"; edges are left out.
function describe(root: SVGSVGElement, label: string): void {
  root.setAttribute("role", "group");
  root.setAttribute("aria-label", label);
  for (const g of root.querySelectorAll("g.node")) {
    const texts = [...g.querySelectorAll("text")].map((t) =>
      (t.textContent ?? "").trim()
    ).filter(Boolean);
    const name = texts.length === 1 && g.id.endsWith("_op")
      ? `operation ${texts[0]}`
      : texts.join(", ");
    g.setAttribute("role", "img");
    g.setAttribute("aria-label", name);
    const title = g.querySelector("title");
    if (title) title.textContent = name;
  }
  for (const g of root.querySelectorAll("g.edge")) {
    g.setAttribute("aria-hidden", "true");
  }
  root.querySelector(":scope > g > title")?.setAttribute("aria-hidden", "true");
}

let fontData: Promise<string> | undefined;

// The served font as a data: URL, fetched once.
function embeddedFont(): Promise<string> {
  fontData ??= fetch(FONT_URL)
    .then((r) => r.ok ? r.blob() : Promise.reject(new Error(r.statusText)))
    .then((blob) =>
      new Promise<string>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.onerror = () => reject(reader.error);
        reader.readAsDataURL(blob);
      })
    );
  return fontData;
}

// The drawing as a file of its own: Graphviz's colours, the numbers shown
// now, and the Arimo face embedded so it reads the same anywhere.
async function standalone(root: SVGSVGElement): Promise<string> {
  const copy = root.cloneNode(true) as SVGSVGElement;
  copy.removeAttribute("style");
  copy.querySelector(".gv-highlight")?.classList.remove("gv-highlight");
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  const style = document.createElementNS("http://www.w3.org/2000/svg", "style");
  style.textContent =
    `@font-face { font-family: "Arimo"; src: url(${await embeddedFont()}) format("woff2"); }
text { font-family: "Arimo", "Arial", "Liberation Sans", sans-serif; }`;
  copy.prepend(style);
  return new XMLSerializer().serializeToString(copy);
}

// The standalone SVG drawn at twice its natural size onto a canvas.
async function toPng(text: string, root: SVGSVGElement): Promise<Blob> {
  const width = root.width.baseVal.valueInSpecifiedUnits * PX_PER_PT * 2;
  const height = root.height.baseVal.valueInSpecifiedUnits * PX_PER_PT * 2;
  const image = new Image();
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  image.src = `data:image/svg+xml;base64,${btoa(binary)}`;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.ceil(width);
  canvas.height = Math.ceil(height);
  const context = canvas.getContext("2d")!;
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => blob ? resolve(blob) : reject(new Error("no PNG")),
      "image/png",
    )
  );
}

function fileName(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(
    /^-|-$/g,
    "",
  ) ||
    "graph";
}
