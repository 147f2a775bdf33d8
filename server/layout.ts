/**
 * Drawing a graph that a visitor typed: {@linkcode renderInWorker} lays it
 * out in a Worker and gives up after a time limit, so a graph that Graphviz
 * finds hard cannot hold up the server.
 *
 * @module
 */

/**
 * Renders DOT text to SVG with `renderSvg` in a fresh Worker, stopped when
 * it answers or after `timeout` milliseconds. A worker costs ~50 ms to start
 * (Viz.js loads in it), so draw small trusted graphs directly instead.
 *
 * @example
 * ```ts
 * import { ok, rejects } from "node:assert/strict";
 * import { renderInWorker } from "./layout.ts";
 *
 * ok((await renderInWorker("digraph { a -> b }")).startsWith("<svg"));
 * await rejects(renderInWorker("digraph { a -> b }", 0), {
 *   name: "RangeError",
 *   message: "Cannot render graph: its layout took longer than 0 ms",
 * });
 * ```
 *
 * @param dot The graph.
 * @param timeout The most milliseconds to wait; default 2,000.
 * @throws {RangeError} If the layout takes longer than `timeout`.
 * @throws {Error} With Graphviz's message, if it rejects the DOT.
 */
export async function renderInWorker(
  dot: string,
  timeout = 2000,
): Promise<string> {
  const worker = new Worker(new URL("./layout_worker.ts", import.meta.url), {
    type: "module",
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await new Promise<string>((resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new RangeError(
              `Cannot render graph: its layout took longer than ${timeout} ms`,
            ),
          ),
        timeout,
      );
      worker.onmessage = (e: MessageEvent<{ svg?: string; error?: string }>) =>
        e.data.svg === undefined
          ? reject(new Error(e.data.error))
          : resolve(e.data.svg);
      worker.onerror = (e) => {
        e.preventDefault();
        reject(new Error(`Cannot render graph: ${e.message}`));
      };
      worker.postMessage(dot);
    });
  } finally {
    clearTimeout(timer);
    worker.terminate();
  }
}
