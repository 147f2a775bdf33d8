// A load benchmark of the real server on loopback (issue 13), bounded in
// count and time, that stops by itself:
//
// 1. start-up: `main.ts` from spawn to listening (the build in _fresh/ is
//    served when there is one: run `deno task build` first to measure it);
// 2. each page: REQUESTS requests from CONCURRENCY clients after a warm-up,
//    req/s and p50/p99 latency;
// 3. `GET /` one request at a time for SLOW_SECONDS while the twenty slow
//    playground programs (eight leaves a…h, then `y =` a 55-term sum over
//    them, in twenty orders) are sent all at once, and again every ROUND_MS;
//    with the same `GET /` alone first, for comparison.
//
//   deno task load [--startup N] [--server CMD ARGS...]
//
// `--startup N` only times N start-ups. `--server CMD ARGS...` (last)
// benchmarks another server command instead of `deno run … main.ts` (for
// example a compiled binary); it must print `gradviz: http://…/` when
// listening and honour PORT. Only 127.0.0.1 is ever contacted.
import { SLOW_PROGRAMS } from "../tests/_slow_programs.ts";

const REQUESTS = 300;
const CONCURRENCY = 10;
const WARM_UP = 20;
const SLOW_SECONDS = 8;
const ROUND_MS = 1000;
const MAX_REQUESTS_UNDER_LOAD = 400;
const PAGES = ["/", "/expression", "/neuron", "/mlp", "/playground", "/moons"];
const ROOT = new URL("..", import.meta.url).pathname;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

async function startServer(command: string[]) {
  const started = performance.now();
  const child = new Deno.Command(command[0], {
    args: command.slice(1),
    cwd: ROOT,
    env: { PORT: "0", NO_COLOR: "1" },
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let printed = "";
  let port = "";
  while (!port) {
    const { value, done } = await lines.read();
    if (done) throw new Error("Cannot start the server: it exited");
    printed += value;
    port = /gradviz: http:\/\/[^:]+:(\d+)\//.exec(printed)?.[1] ?? "";
  }
  const startup = performance.now() - started;
  const drained = (async () => {
    while (!(await lines.read()).done) { /* discard */ }
  })();
  return {
    // Loopback only, whatever name the server printed.
    url: `http://127.0.0.1:${port}`,
    startup,
    fromBuild: printed.includes("serving the build"),
    async stop() {
      child.kill("SIGTERM");
      await child.status;
      await drained;
    },
  };
}

async function timedGet(url: string): Promise<[number, number]> {
  const t = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  return [performance.now() - t, res.status];
}

// `count` requests for `url` from `concurrency` clients: latencies and req/s.
async function hammer(url: string, count: number, concurrency: number) {
  const times: number[] = [];
  let next = 0;
  let failed = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) {
        const [time, status] = await timedGet(url);
        if (status !== 200) failed++;
        times.push(time);
      }
    }),
  );
  const seconds = (performance.now() - t) / 1000;
  times.sort((a, b) => a - b);
  return { rps: count / seconds, times, failed };
}

const custom = Deno.args.indexOf("--server");
const command = custom >= 0 ? Deno.args.slice(custom + 1) : [
  Deno.execPath(),
  "run",
  "--allow-net",
  "--allow-read",
  "--allow-env",
  "--allow-run",
  "--allow-write",
  "main.ts",
];
// `--startup N`: only start the server N times (at most 20) and print the
// median time to listening.
const startupRuns = Deno.args.indexOf("--startup");
if (startupRuns >= 0) {
  const n = Math.min(20, Number(Deno.args[startupRuns + 1]) || 5);
  const times: number[] = [];
  let fromBuild = false;
  for (let i = 0; i < n; i++) {
    const s = await startServer(command);
    times.push(s.startup);
    fromBuild = s.fromBuild;
    await s.stop();
  }
  times.sort((a, b) => a - b);
  console.log(
    `start-up (${
      fromBuild ? "serving the build" : "bundling islands at start"
    }): median ${ms(quantile(times, 0.5))} over ${n} starts (${
      times.map((t) => t.toFixed(0)).join(", ")
    } ms)`,
  );
  Deno.exit(0);
}
const server = await startServer(command);
console.log(
  `start-up: listening after ${ms(server.startup)} (${
    server.fromBuild ? "serving the build" : "bundling islands at start"
  }); ${navigator.hardwareConcurrency} cores`,
);
try {
  console.log(
    `\npages: ${REQUESTS} requests each from ${CONCURRENCY} clients, after ${WARM_UP} to warm up`,
  );
  console.log("| page | req/s | p50 | p99 |\n| --- | --- | --- | --- |");
  for (const path of PAGES) {
    await hammer(server.url + path, WARM_UP, 2);
    const { rps, times, failed } = await hammer(
      server.url + path,
      REQUESTS,
      CONCURRENCY,
    );
    if (failed) throw new Error(`${path}: ${failed} requests failed`);
    console.log(
      `| \`${path}\` | ${rps.toFixed(0)} | ${ms(quantile(times, 0.5))} | ${
        ms(quantile(times, 0.99))
      } |`,
    );
  }

  // GET / one at a time for `seconds`, or `max` requests.
  const homeLatencies = async (seconds: number, max: number) => {
    const times: number[] = [];
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end && times.length < max) {
      const [time, status] = await timedGet(server.url + "/");
      if (status !== 200) throw new Error(`GET / answered ${status}`);
      times.push(time);
    }
    return times.sort((a, b) => a - b);
  };

  const quiet = await homeLatencies(2, 500);
  // Issue 13's twenty slow programs, sent all at once, and again every
  // ROUND_MS (a program whose last request is still open is not sent again),
  // until the time is up.
  let stop = false;
  const outcomes = { drawn: 0, busy: 0, other: 0, failed: 0 };
  let sent = 0;
  const open = new Set<number>();
  const inFlight: Promise<void>[] = [];
  const round = () => {
    SLOW_PROGRAMS.forEach((program, i) => {
      if (open.has(i) || sent >= MAX_REQUESTS_UNDER_LOAD) return;
      open.add(i);
      sent++;
      const url = `${server.url}/playground?program=${
        encodeURIComponent(program)
      }`;
      inFlight.push((async () => {
        const res = await fetch(url);
        const html = await res.text();
        if (res.status !== 200) outcomes.failed++;
        else if (html.includes("<svg")) outcomes.drawn++;
        else if (html.includes("Server busy")) outcomes.busy++;
        else outcomes.other++;
        open.delete(i);
      })());
    });
  };
  round();
  const rounds = setInterval(() => stop || round(), ROUND_MS);
  await new Promise((r) => setTimeout(r, 300)); // let the pool fill
  const loaded = await homeLatencies(SLOW_SECONDS, 2000);
  stop = true;
  clearInterval(rounds);
  await Promise.all(inFlight);
  console.log(
    `\nGET /, one request at a time (${loaded.length} requests over ${SLOW_SECONDS} s), while the twenty slow playground programs are sent at once every ${ROUND_MS} ms:`,
  );
  console.log("| GET / | p50 | p99 | max |\n| --- | --- | --- | --- |");
  for (const [name, times] of [["alone", quiet], ["under load", loaded]]) {
    console.log(
      `| ${name} | ${ms(quantile(times as number[], 0.5))} | ${
        ms(quantile(times as number[], 0.99))
      } | ${ms((times as number[]).at(-1)!)} |`,
    );
  }
  console.log(
    `slow playground requests: ${sent} sent; ${outcomes.drawn} drawn by the server, ${outcomes.busy} answered busy (drawn in the browser), ${outcomes.other} neither, ${outcomes.failed} failed`,
  );
} finally {
  await server.stop();
}
