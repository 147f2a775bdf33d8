/**
 * A Worker of {@linkcode LayoutPool}: loads Viz.js and says `{ ready: true }`,
 * then renders each `{ id, dot }` it is sent with `renderSvg` and posts back
 * `{ id, svg }` or `{ id, error }`. It stays alive between jobs, so Viz.js
 * loads once.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { renderSvg } from "@gradviz/gradviz/render";

self.onmessage = async (event: MessageEvent<{ id: number; dot: string }>) => {
  const { id, dot } = event.data;
  try {
    self.postMessage({ id, svg: await renderSvg(dot) });
  } catch (error) {
    self.postMessage({
      id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
};

await renderSvg("digraph {}");
self.postMessage({ ready: true });
