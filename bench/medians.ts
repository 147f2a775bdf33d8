// Medians of the benchmark workloads (deno bench reports means and p75; our
// machines are noisy, so the README quotes medians). Run: deno task medians
import { workloads } from "./_engine_workloads.ts";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function format(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1000).toFixed(3)} µs`;
}

for (const { name, fn, runs } of workloads) {
  // Tiny workloads are timed in batches, as one call is below the timer's resolution.
  const batch = runs >= 10_000 ? 1000 : 1;
  for (let i = 0; i < Math.min(runs / 10, 50) * batch; i++) fn(); // warm up
  const times: number[] = [];
  for (let r = 0; r < runs / batch; r++) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) fn();
    times.push((performance.now() - t) / batch);
  }
  console.log(`${name.padEnd(52)} median ${format(median(times))}`);
}
