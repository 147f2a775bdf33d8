/**
 * A Worker that lays out one DOT text with `renderSvg` and posts back
 * `{ svg }` or `{ error }`: the CLI runs Graphviz here, so that it can stop
 * a layout that overruns its deadline.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { renderSvg } from "./render.ts";

self.onmessage = async (event: MessageEvent<string>) => {
  try {
    self.postMessage({ svg: await renderSvg(event.data) });
  } catch (error) {
    self.postMessage({
      error: error instanceof Error ? error.message : String(error),
    });
  }
};
