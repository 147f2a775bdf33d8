// Server time per page: the app's handler answering GET for each page, which
// draws the page's graph to SVG with Viz.js and renders the page around it.
// Building the app runs esbuild, so this needs more than --allow-read:
//   deno bench --allow-read --allow-env --allow-run bench/app_bench.ts
// (Under plain `deno task bench` it is skipped with a note.)
// `deno run --allow-read --allow-env --allow-run bench/app_bench.ts` prints medians.
import { createApp } from "../main.ts";

const PATHS = ["/", "/expression", "/neuron", "/expression?a=3&f=-1"];
const allowed = (["env", "run"] as const).every((name) =>
  Deno.permissions.querySync({ name }).state === "granted"
);

if (!allowed) {
  console.warn(
    "bench/app_bench.ts skipped: it needs --allow-env --allow-run to build the app",
  );
  for (const path of PATHS) {
    Deno.bench({ name: `GET ${path}`, ignore: true, fn() {} });
  }
} else {
  const app = await createApp();
  const get = async (path: string) => {
    const res = await app.handler(new Request(`http://localhost${path}`));
    await res.text();
  };
  for (const path of PATHS) {
    Deno.bench(`GET ${path}`, { group: "pages" }, () => get(path));
  }
  if (import.meta.main) {
    for (const path of PATHS) {
      for (let i = 0; i < 20; i++) await get(path); // warm up
      const times: number[] = [];
      for (let i = 0; i < 200; i++) {
        const t = performance.now();
        await get(path);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      console.log(
        `GET ${path}`.padEnd(28),
        `median ${times[100].toFixed(2)} ms`,
      );
    }
  }
}
