// Run: deno bench --allow-read bench/engine_bench.ts (medians: deno task medians)
import { workloads } from "./_engine_workloads.ts";

for (const { name, fn, runs } of workloads) {
  const slow = runs < 100;
  Deno.bench(name, slow ? { n: runs, warmup: 1 } : {}, fn);
}
