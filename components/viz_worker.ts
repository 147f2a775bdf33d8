/**
 * The browser's Graphviz worker. This module is both the worker's code and,
 * imported from a page, the worker's address: esbuild gives it a chunk of
 * its own (it is only ever imported dynamically), so `import.meta.url` is
 * that chunk's URL, which `viz_client.ts` starts a module Worker from. In the
 * worker it loads Viz.js on the first message and answers each
 * `{ id, dot }` with `{ id, svg }` or `{ id, error }`.
 *
 * @module
 */

/** The URL this module is served from: start a module Worker with it. */
export const workerUrl: string = import.meta.url;

/** A request to the worker. */
export interface LayoutRequest {
  /** Sent back with the answer. */
  id: number;
  /** DOT text to lay out. */
  dot: string;
}

/** The worker's answer: the SVG, or Graphviz's error. */
export type LayoutAnswer =
  | { id: number; svg: string }
  | { id: number; error: string };

interface WorkerScope {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(answer: LayoutAnswer): void;
}

// Only inside a worker (a page has a document, Deno no WorkerGlobalScope).
if (
  "WorkerGlobalScope" in globalThis && !("document" in globalThis)
) {
  const scope = globalThis as unknown as WorkerScope;
  scope.onmessage = async ({ data: { id, dot } }) => {
    try {
      const { renderSvg } = await import("@gradviz/gradviz/render");
      scope.postMessage({ id, svg: await renderSvg(dot) });
    } catch (e) {
      scope.postMessage({ id, error: String((e as Error)?.message ?? e) });
    }
  };
}
