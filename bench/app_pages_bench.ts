// Server time for /playground, /mlp and /moons: the app's handler answering
// GET, drawing the page's graph to SVG where it has one. Building the app runs
// esbuild, so this needs more than --allow-read:
//   deno bench --allow-read --allow-env --allow-run bench/app_pages_bench.ts
// (Under plain `deno task bench` it is skipped with a note.)
// `deno run --allow-read --allow-env --allow-run bench/app_pages_bench.ts` prints medians.
import { createApp } from "../main.ts";

const PATHS = [
  "/playground", // the lecture's expression, drawn in-process
  `/playground?program=${
    encodeURIComponent("x = 1\ny = " + Array(30).fill("x").join(" + "))
  }`, // drawn in a worker
  "/mlp", // MLP(3, [4, 4, 1]) neuron by neuron
  "/mlp?view=full", // every value of one forward pass
  "/moons", // no graph: data and the boundary, computed once
];
const NAMES = [
  "/playground",
  "/playground (30 uses of x: worker)",
  "/mlp",
  "/mlp?view=full",
  "/moons",
];
const allowed = (["env", "run"] as const).every((name) =>
  Deno.permissions.querySync({ name }).state === "granted"
);

if (!allowed) {
  console.warn(
    "bench/app_pages_bench.ts skipped: it needs --allow-env --allow-run to build the app",
  );
  for (const name of NAMES) {
    Deno.bench({ name: `GET ${name}`, ignore: true, fn() {} });
  }
} else {
  const app = await createApp();
  const get = async (path: string) => {
    const res = await app.handler(new Request(`http://localhost${path}`));
    await res.text();
  };
  PATHS.forEach((path, i) => {
    Deno.bench(`GET ${NAMES[i]}`, { group: "pages" }, () => get(path));
  });
  if (import.meta.main) {
    for (const [i, path] of PATHS.entries()) {
      for (let k = 0; k < 10; k++) await get(path); // warm up
      const times: number[] = [];
      for (let k = 0; k < 100; k++) {
        const t = performance.now();
        await get(path);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      console.log(
        `GET ${NAMES[i]}`.padEnd(40),
        `median ${times[50].toFixed(2)} ms`,
      );
    }
  }
}
