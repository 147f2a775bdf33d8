/**
 * The worker behind {@linkcode renderInWorker}: renders each DOT text it is
 * sent with `renderSvg` and posts back `{ svg }` or `{ error }`.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { renderSvg } from "@gradviz/gradviz/render";

self.onmessage = async (event: MessageEvent<string>) => {
  try {
    self.postMessage({ svg: await renderSvg(event.data) });
  } catch (error) {
    self.postMessage({
      error: error instanceof Error ? error.message : String(error),
    });
  }
};
