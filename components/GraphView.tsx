/**
 * `GraphView`: a computation graph drawn as SVG that islands keep up to
 * date. Give it the SVG the server drew (`renderSvg`), then:
 *
 * - change `values` (`graphValues(root)`) when only numbers changed: the
 *   `data`/`grad` texts are patched in place, no new layout;
 * - change `dot` (`toDot(root)`) when the structure changed: Viz.js is
 *   imported on first need (its own lazy chunk) and the graph is redrawn;
 * - set `highlight` to a node id (`n3`) to mark that node.
 *
 * A graph wider than its box can be zoomed (−, fit, +) and panned (scroll,
 * touch, or drag with the mouse). With JavaScript off it still shows the
 * server's SVG, fitted to the width.
 *
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import {
  type GraphValues,
  indexRecords,
  patchRecords,
  type RecordIndex,
} from "./svg_patch.ts";

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

/**
 * Shows a graph's SVG, patches its numbers, redraws it on a new structure,
 * highlights a node and lets the reader zoom and pan.
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
  const [svg, setSvg] = useState(props.svg);
  const [error, setError] = useState("");
  const [scale, setScale] = useState<number | null>(null); // null: fit to width
  const [ready, setReady] = useState(false);

  useEffect(() => setReady(true), []);
  useEffect(() => setSvg(props.svg), [props.svg]);

  // A new drawing: find its record texts again.
  useLayoutEffect(() => {
    const root = box.current?.querySelector("svg");
    index.current = root ? indexRecords(root) : new Map();
  }, [svg]);

  // Numbers go only onto a drawing of the current structure: while a new one
  // is being drawn, the old drawing's ids may name other nodes.
  useLayoutEffect(() => {
    if (values && dot === drawnDot.current) patchRecords(index.current, values);
  }, [values, svg, dot]);

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

  // A new structure: draw it with Viz.js, loaded on first need.
  useEffect(() => {
    if (dot === undefined || dot === drawnDot.current) return;
    let current = true;
    import("@gradviz/gradviz/render")
      .then(({ renderSvg }) => renderSvg(dot))
      .then((drawn) => {
        if (!current) return;
        drawnDot.current = dot;
        setError("");
        setSvg(drawn);
      })
      .catch((e) => current && setError(String(e?.message ?? e)));
    return () => {
      current = false;
    };
  }, [dot]);

  useLayoutEffect(() => {
    const root = box.current?.querySelector("svg");
    if (!root) return;
    if (scale === null) {
      root.style.removeProperty("width");
      root.style.removeProperty("height");
    } else {
      const width = root.width.baseVal.valueInSpecifiedUnits;
      root.style.width = `${width * PX_PER_PT * scale}px`;
      root.style.height = "auto";
    }
  }, [scale, svg]);

  function zoom(factor: number) {
    const root = box.current?.querySelector("svg");
    if (!root) return;
    const natural = root.width.baseVal.valueInSpecifiedUnits * PX_PER_PT;
    const now = scale ?? root.getBoundingClientRect().width / natural;
    setScale(Math.min(4, Math.max(0.1, now * factor)));
  }

  // Drag to pan with a mouse; touch and trackpads scroll natively.
  function onPointerDown(e: JSX.TargetedPointerEvent<HTMLDivElement>) {
    if (e.pointerType !== "mouse" || e.button !== 0) return;
    const el = e.currentTarget;
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

  return (
    <figure class="graph-view">
      <div class="graph-tools" role="toolbar" aria-label={`Zoom: ${label}`}>
        <button
          type="button"
          disabled={!ready}
          onClick={() => zoom(1 / ZOOM)}
          aria-label="Zoom out"
        >
          −
        </button>
        <button
          type="button"
          disabled={!ready}
          onClick={() => setScale(null)}
          aria-label="Fit to width"
        >
          fit
        </button>
        <button
          type="button"
          disabled={!ready}
          onClick={() => zoom(ZOOM)}
          aria-label="Zoom in"
        >
          +
        </button>
      </div>
      <div
        ref={box}
        class={scale === null ? "graph-box fit" : "graph-box"}
        role="img"
        aria-label={label}
        onPointerDown={onPointerDown}
        // deno-lint-ignore react-no-danger
        dangerouslySetInnerHTML={{ __html: svg }}
      />
      {error && <p class="error" role="alert">{error}</p>}
    </figure>
  );
}
