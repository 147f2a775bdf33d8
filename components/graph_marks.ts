/**
 * Marks on a drawn graph that GraphView knows nothing about: nodes to
 * highlight (a table row under the pointer) and edges to highlight with a
 * label (the edge a gradient flows along, with its chain-rule product).
 * {@linkcode useGraphMarks} keeps them on whatever SVG the box holds, also
 * after GraphView redraws it.
 *
 * @module
 */
import type { RefObject } from "preact";
import { useLayoutEffect } from "preact/hooks";

/** An edge of a drawing, from one node id to another (`n0` → `n2_op`). */
export interface EdgeMark {
  /** The id of the node the edge leaves. */
  from: string;
  /** The id of the node it enters. */
  to: string;
  /** Text to write beside the edge, if any. */
  label?: string;
}

/** What to mark on a drawing. */
export interface GraphMarks {
  /** Node ids to highlight (class `gv-hover`). */
  nodes?: readonly string[];
  /** Edges to highlight (class `gv-flow`), with their labels. */
  edges?: readonly EdgeMark[];
}

const NODE = "gv-hover";
const EDGE = "gv-flow";
const LABEL = "gv-flow-label";
const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * The node id a pointer event is over: the value's id for a value node or
 * its operation (`n2_op` gives `n2`), or null off the nodes.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { nodeAt } from "./graph_marks.ts";
 *
 * const group = { id: "n2_op" };
 * const target = { closest: (s: string) => s === "g.node" ? group : null };
 * equal(nodeAt(target), "n2");
 * equal(nodeAt({ closest: () => null }), null);
 * ```
 */
export function nodeAt(
  target: { closest(selector: string): { id: string } | null } | null,
): string | null {
  const id = target?.closest("g.node")?.id;
  return id ? id.replace(/_op$/, "") : null;
}

/**
 * Puts `marks` on the SVG inside `box`, removing any marks it put before.
 *
 * @example
 * ```ts ignore
 * markGraph(box, { nodes: ["n0"], edges: [{ from: "n0", to: "n2_op", label: "−3 × −2" }] });
 * ```
 */
export function markGraph(box: Element, marks: GraphMarks): void {
  for (const el of box.querySelectorAll(`.${NODE}, .${EDGE}`)) {
    el.classList.remove(NODE, EDGE);
  }
  for (const el of box.querySelectorAll(`.${LABEL}`)) el.remove();
  for (const id of marks.nodes ?? []) {
    box.querySelector(`g.node[id="${CSS.escape(id)}"]`)?.classList.add(NODE);
  }
  if (!marks.edges?.length) return;
  const edges = new Map<string, Element>();
  for (const g of box.querySelectorAll("g.edge")) {
    edges.set(g.querySelector("title")?.textContent ?? "", g);
  }
  for (const { from, to, label } of marks.edges) {
    const g = edges.get(`${from}->${to}`);
    if (!g) continue;
    g.classList.add(EDGE);
    const path = g.querySelector("path");
    if (!label || !path) continue;
    // The label sits at the middle of the edge, where it crosses the gap between ranks.
    const middle = path.getPointAtLength(path.getTotalLength() / 2);
    const text = document.createElementNS(SVG_NS, "text");
    text.setAttribute("class", LABEL);
    text.setAttribute("x", String(middle.x));
    text.setAttribute("y", String(middle.y - 6));
    text.setAttribute("text-anchor", "middle");
    text.textContent = label;
    g.append(text);
  }
}

/**
 * Keeps `marks` on the graph inside `ref`: applied now, and again whenever
 * the drawing inside is replaced. Pass a memoised `marks`.
 *
 * @example
 * ```tsx ignore
 * const box = useRef<HTMLDivElement>(null);
 * useGraphMarks(box, useMemo(() => ({ nodes: hovered ? [hovered] : [] }), [hovered]));
 * return <div ref={box}><GraphView … /></div>;
 * ```
 */
export function useGraphMarks(
  ref: RefObject<Element>,
  marks: GraphMarks,
): void {
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    markGraph(box, marks);
    let svg = box.querySelector("svg");
    // A redraw replaces the SVG element: mark the new one.
    const observer = new MutationObserver(() => {
      const now = box.querySelector("svg");
      if (now !== svg) {
        svg = now;
        markGraph(box, marks);
      }
    });
    observer.observe(box, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [marks]);
}
