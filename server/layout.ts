/**
 * Laying out graphs that visitors type, without holding up the server:
 * {@linkcode LayoutPool} runs Graphviz (Viz.js) in a few long-lived Workers,
 * keeps a short queue and gives each job a deadline. When it is full it says
 * so at once, and the page is sent without a drawing (the browser draws it).
 *
 * @module
 */

/** Options for {@linkcode LayoutPool}. */
export interface LayoutPoolOptions {
  /**
   * The most Workers laying out at once; default one less than the cores
   * (at least one), so a core stays free for the server's own event loop.
   */
  workers?: number;
  /** The most jobs waiting for a Worker; default 4. */
  queue?: number;
  /**
   * Milliseconds a job may wait in the queue, and again milliseconds its
   * layout may take; default 2,000. A Worker's start (loading Viz.js, once)
   * is not counted.
   */
  deadline?: number;
  /**
   * Milliseconds an idle Worker is kept before it is stopped; default 5,000.
   * (An idle Worker would otherwise keep a script that used the pool from
   * ending.)
   */
  idle?: number;
}

/** What became of one layout job. */
export type Layout =
  /** Drawn: the SVG. */
  | { svg: string }
  /** Not drawn for want of a Worker: the queue was full, or the job waited its whole deadline. */
  | { busy: true }
  /** Accepted, but not drawn before its deadline. */
  | { timedOut: true };

/** How full a {@linkcode LayoutPool} is. */
export interface LayoutPoolStats {
  /** Jobs being laid out now (at most `workers`). */
  running: number;
  /** Jobs waiting for a Worker (at most `queue`). */
  waiting: number;
  /** Workers alive (busy or idle). */
  workers: number;
}

interface Job {
  id: number;
  dot: string;
  resolve(layout: Layout): void;
  reject(error: Error): void;
  timer?: ReturnType<typeof setTimeout>;
  slot?: Slot;
}

/** A Worker, whether it has started (loaded Viz.js), and its idle timer. */
interface Slot {
  worker: Worker;
  ready: Promise<void>;
  idleTimer?: ReturnType<typeof setTimeout>;
}

/** The most milliseconds a Worker may take to start before its job fails. */
const STARTUP_LIMIT = 60_000;

/**
 * The number of Workers a {@linkcode LayoutPool} uses by default: one less
 * than the machine's cores, at least one.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { defaultWorkers } from "./layout.ts";
 *
 * ok(defaultWorkers() >= 1 && defaultWorkers() <= navigator.hardwareConcurrency);
 * ```
 */
export function defaultWorkers(): number {
  return Math.max(1, (navigator.hardwareConcurrency ?? 1) - 1);
}

/**
 * A bounded pool of layout Workers: at most `workers` jobs run at once, at
 * most `queue` wait, and every accepted job is answered: a job that waits
 * longer than `deadline`, or whose layout takes longer, times out. Workers
 * start on first need and stay while in use (Viz.js loads once per Worker;
 * one idle for `idle` ms is stopped); one that overruns a deadline is stopped
 * and replaced when next needed. The layouts
 * run off the event loop, so other requests are not delayed.
 *
 * @example
 * ```ts
 * import { deepEqual, ok } from "node:assert/strict";
 * import { LayoutPool } from "./layout.ts";
 *
 * const pool = new LayoutPool({ workers: 1, queue: 0 });
 * const first = pool.layout("digraph { a -> b }");
 * deepEqual(await pool.layout("digraph { c }"), { busy: true }); // the one Worker is taken
 * const drawn = await first;
 * ok("svg" in drawn && drawn.svg.startsWith("<svg"));
 * pool.close();
 * ```
 */
export class LayoutPool {
  /** The most Workers. */
  readonly workers: number;
  /** The most waiting jobs. */
  readonly queue: number;
  /** Each job's deadline in milliseconds. */
  readonly deadline: number;
  /** Milliseconds an idle Worker is kept. */
  readonly idle: number;
  #idle: Slot[] = [];
  #running = new Set<Job>();
  #waiting: Job[] = [];
  #alive = 0;
  #ids = 0;

  /**
   * Makes a pool; no Worker starts until the first job.
   *
   * @throws {RangeError} If `workers` is not a positive integer or more than
   *   the cores, or `queue` or `deadline` is not a non-negative integer.
   */
  constructor(options: LayoutPoolOptions = {}) {
    const cores = navigator.hardwareConcurrency ?? 1;
    const {
      workers = defaultWorkers(),
      queue = 4,
      deadline = 2000,
      idle = 5000,
    } = options;
    if (!Number.isInteger(workers) || workers < 1 || workers > cores) {
      throw new RangeError(
        `Cannot make layout pool: workers must be an integer from 1 to ${cores} (the cores), got ${workers}`,
      );
    }
    for (
      const [name, value] of [
        ["queue", queue],
        ["deadline", deadline],
        ["idle", idle],
      ]
    ) {
      if (!Number.isInteger(value) || (value as number) < 0) {
        throw new RangeError(
          `Cannot make layout pool: ${name} must be a non-negative integer, got ${value}`,
        );
      }
    }
    this.workers = workers;
    this.queue = queue;
    this.deadline = deadline;
    this.idle = idle;
  }

  /** How many jobs run and wait now, and how many Workers are alive. */
  stats(): LayoutPoolStats {
    return {
      running: this.#running.size,
      waiting: this.#waiting.length,
      workers: this.#alive,
    };
  }

  /**
   * Lays out `dot`: its SVG; or `{ busy: true }`, at once when the pool is
   * full or after waiting `deadline` ms in the queue; or `{ timedOut: true }`
   * when its layout overran `deadline`.
   *
   * @throws {Error} With Graphviz's message, if it rejects the DOT.
   */
  layout(dot: string): Promise<Layout> {
    if (
      this.#running.size >= this.workers &&
      this.#waiting.length >= this.queue
    ) {
      return Promise.resolve({ busy: true });
    }
    return new Promise<Layout>((resolve, reject) => {
      const job: Job = { id: this.#ids++, dot, resolve, reject };
      job.timer = setTimeout(() => this.#expire(job), this.deadline);
      this.#waiting.push(job);
      this.#pump();
    });
  }

  /** Stops every Worker; jobs not yet answered are answered busy or timed out. */
  close(): void {
    for (const job of [...this.#running, ...this.#waiting]) this.#expire(job);
    for (const slot of this.#idle) {
      clearTimeout(slot.idleTimer);
      slot.worker.terminate();
    }
    this.#alive -= this.#idle.length;
    this.#idle = [];
  }

  // Starts waiting jobs while there are Workers to run them.
  #pump(): void {
    while (this.#waiting.length > 0 && this.#running.size < this.workers) {
      const job = this.#waiting.shift()!;
      const slot = this.#idle.pop() ?? this.#spawn();
      clearTimeout(slot.idleTimer);
      const { worker } = slot;
      job.slot = slot;
      this.#running.add(job);
      clearTimeout(job.timer);
      job.timer = setTimeout(() => this.#expire(job), STARTUP_LIMIT);
      worker.onmessage = (
        e: MessageEvent<{ id: number; svg?: string; error?: string }>,
      ) => {
        if (e.data.id !== job.id) return;
        this.#finish(job, slot);
        if (e.data.svg !== undefined) job.resolve({ svg: e.data.svg });
        else job.reject(new Error(e.data.error));
      };
      worker.onerror = (e) => {
        e.preventDefault();
        this.#finish(job);
        worker.terminate();
        this.#alive--;
        job.reject(new Error(`Cannot lay out graph: ${e.message}`));
      };
      slot.ready.then(() => {
        if (!this.#running.has(job)) return;
        clearTimeout(job.timer);
        job.timer = setTimeout(() => this.#expire(job), this.deadline);
        worker.postMessage({ id: job.id, dot: job.dot });
      });
    }
  }

  // A new Worker; it says `{ ready: true }` once Viz.js has loaded.
  #spawn(): Slot {
    this.#alive++;
    const worker = new Worker(new URL("./layout_worker.ts", import.meta.url), {
      type: "module",
    });
    const ready = new Promise<void>((resolve) => {
      const listener = (e: MessageEvent<{ ready?: boolean }>) => {
        if (!e.data.ready) return;
        worker.removeEventListener("message", listener);
        resolve();
      };
      worker.addEventListener("message", listener);
    });
    return { worker, ready };
  }

  // A job answered: its Worker (if still good) goes back to the idle list.
  #finish(job: Job, slot?: Slot): void {
    clearTimeout(job.timer);
    this.#running.delete(job);
    if (slot) {
      this.#idle.push(slot);
      // Stopped when unused for a while; the timer alone keeps no process alive.
      slot.idleTimer = setTimeout(() => {
        const at = this.#idle.indexOf(slot);
        if (at < 0) return;
        this.#idle.splice(at, 1);
        slot.worker.terminate();
        this.#alive--;
      }, this.idle);
      Deno.unrefTimer(slot.idleTimer as unknown as number);
    }
    this.#pump();
  }

  // The deadline passed: a waiting job leaves the queue; a running one's
  // Worker is stopped (Graphviz cannot be interrupted otherwise).
  #expire(job: Job): void {
    clearTimeout(job.timer);
    const at = this.#waiting.indexOf(job);
    if (at >= 0) {
      // It waited its whole deadline for a Worker: the pool was busy.
      this.#waiting.splice(at, 1);
      job.resolve({ busy: true });
      return;
    }
    if (this.#running.delete(job)) {
      job.slot!.worker.terminate();
      this.#alive--;
    }
    job.resolve({ timedOut: true });
    this.#pump();
  }
}

/**
 * The server's one layout pool, shared by every request: the default size
 * (one Worker less than the cores), a queue of 4 and a 2 s deadline.
 *
 * @example
 * ```ts ignore
 * const layout = await layoutPool.layout(run.dot);
 * if ("busy" in layout) console.log("drawn in the browser instead");
 * ```
 */
export const layoutPool: LayoutPool = new LayoutPool();
