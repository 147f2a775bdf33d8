// The server's bounded layout pool (server/layout.ts): Workers, queue,
// deadlines, and what it answers when full.
import { deepEqual, equal, ok, rejects, throws } from "node:assert/strict";
import { toDot, Value } from "@gradviz/gradviz";
import { LayoutPool } from "../server/layout.ts";
import { runProgram } from "../lessons/program.ts";
import { SLOW_PROGRAMS } from "./_slow_programs.ts";

function slowDot(k: number): string {
  const run = runProgram(SLOW_PROGRAMS[k]);
  if ("error" in run) throw new Error(run.error.message);
  return run.dot;
}

function lectureDot(): string {
  const a = new Value(2, { label: "a" });
  const b = new Value(-3, { label: "b" });
  const L = a.mul(b);
  L.label = "L";
  L.backward();
  return toDot(L);
}

Deno.test("the layout pool draws a graph in a Worker with its numbers", async () => {
  const pool = new LayoutPool({ workers: 1 });
  try {
    const layout = await pool.layout(lectureDot());
    ok("svg" in layout);
    ok(layout.svg.startsWith("<svg"));
    ok(layout.svg.includes("data −6.0000"));
    ok(layout.svg.includes("grad −3.0000"));
    deepEqual(pool.stats(), { running: 0, waiting: 0, workers: 1 });
  } finally {
    pool.close();
  }
});

Deno.test("the layout pool answers busy at once when its Workers and queue are full", async () => {
  const pool = new LayoutPool({ workers: 1, queue: 1, deadline: 60_000 });
  try {
    const running = pool.layout(slowDot(0));
    const waiting = pool.layout(slowDot(1));
    deepEqual(pool.stats(), { running: 1, waiting: 1, workers: 1 });
    deepEqual(await pool.layout(slowDot(2)), { busy: true });
    // Both accepted jobs are drawn, one after the other, by the one Worker.
    for (const layout of await Promise.all([running, waiting])) {
      ok("svg" in layout && layout.svg.includes("data 244.0000"));
    }
    deepEqual(pool.stats(), { running: 0, waiting: 0, workers: 1 });
  } finally {
    pool.close();
  }
});

Deno.test("the layout pool never runs more Workers than it was given", async () => {
  const pool = new LayoutPool({ workers: 1, queue: 2, deadline: 60_000 });
  try {
    const jobs = [0, 1, 2].map((k) => pool.layout(slowDot(k)));
    deepEqual(pool.stats(), { running: 1, waiting: 2, workers: 1 });
    const layouts = await Promise.all(jobs);
    equal(layouts.filter((l) => "svg" in l).length, 3);
    equal(pool.stats().workers, 1);
  } finally {
    pool.close();
  }
});

Deno.test("a layout that overruns its deadline times out, and its Worker is replaced", async () => {
  const pool = new LayoutPool({ workers: 1, queue: 0, deadline: 20 });
  try {
    deepEqual(await pool.layout(slowDot(3)), { timedOut: true });
    deepEqual(pool.stats(), { running: 0, waiting: 0, workers: 0 });
  } finally {
    pool.close();
  }
  // A new Worker takes the next job.
  const again = new LayoutPool({ workers: 1, deadline: 60_000 });
  try {
    ok("svg" in await again.layout(lectureDot()));
  } finally {
    again.close();
  }
});

Deno.test("a job that waits in the queue past its deadline is answered busy", async () => {
  const pool = new LayoutPool({ workers: 1, queue: 1, deadline: 50 });
  try {
    const [first, second] = await Promise.all([
      pool.layout(slowDot(4)),
      pool.layout(slowDot(5)),
    ]);
    deepEqual([first, second], [{ timedOut: true }, { busy: true }]);
    deepEqual(pool.stats(), { running: 0, waiting: 0, workers: 0 });
  } finally {
    pool.close();
  }
});

Deno.test("Graphviz's error rejects the job with its message, and the Worker goes on", async () => {
  const pool = new LayoutPool({ workers: 1, deadline: 60_000 });
  try {
    await rejects(pool.layout("digraph { a -> }"), (e: Error) => {
      ok(e instanceof Error);
      ok(/syntax error/i.test(e.message), e.message);
      return true;
    });
    ok("svg" in await pool.layout("digraph { a -> b }"));
    equal(pool.stats().workers, 1);
  } finally {
    pool.close();
  }
});

Deno.test("an idle Worker is stopped after the idle time, and a new one takes the next job", async () => {
  const pool = new LayoutPool({ workers: 1, idle: 50, deadline: 60_000 });
  try {
    ok("svg" in await pool.layout(lectureDot()));
    equal(pool.stats().workers, 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    equal(pool.stats().workers, 0);
    ok("svg" in await pool.layout(lectureDot()));
    equal(pool.stats().workers, 1);
  } finally {
    pool.close();
  }
});

Deno.test("a layout pool refuses more Workers than cores, and bad sizes", () => {
  const cores = navigator.hardwareConcurrency;
  throws(() => new LayoutPool({ workers: cores + 1 }), {
    name: "RangeError",
    message:
      `Cannot make layout pool: workers must be an integer from 1 to ${cores} (the cores), got ${
        cores + 1
      }`,
  });
  throws(() => new LayoutPool({ workers: 0 }), RangeError);
  throws(() => new LayoutPool({ queue: -1 }), {
    name: "RangeError",
    message:
      "Cannot make layout pool: queue must be a non-negative integer, got -1",
  });
  throws(() => new LayoutPool({ deadline: 1.5 }), RangeError);
  throws(() => new LayoutPool({ idle: -5 }), RangeError);
  ok(new LayoutPool().workers <= cores);
});
