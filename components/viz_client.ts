/**
 * {@linkcode layoutSvg}: DOT to SVG in the browser, off the main thread. One
 * Web Worker per page (`viz_worker.ts`), started on the first layout; typing
 * and sliders stay responsive while Graphviz works. Each caller (a `key`)
 * has at most one layout waiting: a newer request replaces an older one not
 * yet started, so a fast typist never queues up stale graphs. Where a module
 * Worker cannot start, Viz.js runs on the main thread instead.
 *
 * @module
 */
import type { LayoutAnswer } from "./viz_worker.ts";

interface Job {
  key: unknown;
  dot: string;
  resolve(svg: string): void;
  reject(error: Error): void;
}

let worker: Promise<Worker | null> | undefined;
const waiting: Job[] = [];
let running: Job | undefined;
let nextId = 0;

function start(): Promise<Worker | null> {
  worker ??= import("./viz_worker.ts").then(({ workerUrl }) => {
    const w = new Worker(workerUrl, { type: "module" });
    w.onmessage = ({ data }: MessageEvent<LayoutAnswer>) => {
      const job = running;
      running = undefined;
      if ("svg" in data) job?.resolve(data.svg);
      else job?.reject(new Error(data.error));
      pump();
    };
    w.onerror = (event) => {
      event.preventDefault();
      // The worker cannot run here: fall back to the main thread for good.
      w.terminate();
      worker = Promise.resolve(null);
      const job = running;
      running = undefined;
      if (job) waiting.unshift(job);
      pump();
    };
    return w;
  }).catch(() => null);
  return worker;
}

async function pump(): Promise<void> {
  if (running || waiting.length === 0) return;
  const job = running = waiting.shift()!;
  const w = await start();
  if (w) {
    w.postMessage({ id: nextId++, dot: job.dot });
    return;
  }
  try {
    const { renderSvg } = await import("@gradviz/gradviz/render");
    job.resolve(await renderSvg(job.dot));
  } catch (e) {
    job.reject(e instanceof Error ? e : new Error(String(e)));
  } finally {
    running = undefined;
    pump();
  }
}

/** Why a layout was not done: a newer one from the same caller replaced it. */
export class Superseded extends Error {
  constructor() {
    super("Layout superseded by a newer one");
    this.name = "Superseded";
  }
}

/**
 * Lays `dot` out as SVG (no XML prolog) in the page's Graphviz worker. A
 * request from the same `key` that has not started yet is rejected with
 * {@linkcode Superseded}.
 *
 * @example
 * ```ts ignore
 * const svg = await layoutSvg("digraph { a -> b }", this);
 * ```
 */
export function layoutSvg(dot: string, key: unknown): Promise<string> {
  return new Promise((resolve, reject) => {
    const old = waiting.findIndex((job) => job.key === key);
    if (old >= 0) waiting.splice(old, 1)[0].reject(new Superseded());
    waiting.push({ key, dot, resolve, reject });
    pump();
  });
}
