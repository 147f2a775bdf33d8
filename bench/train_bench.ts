// Training speed of /train's setups, medians: steps per second of a Run in
// Deno (warm, and in a fresh process), and in the page's Web Worker in headless Chromium (what the page
// shows as "steps/s in the worker": time in the steps only), plus the
// longest main-thread task while the page trains. Run:
//   deno run -A bench/train_bench.ts
import { parseSetup, Run } from "../src/demo/setup.ts";
import { launchBrowser, startServer } from "../tests/_browser.ts";

const SETUPS: [string, string][] = [
  ["micrograd's demo, MLP(2, [16, 16, 1]) on 100 points", ""],
  [
    "3×16 network, MLP(2, [16, 16, 16, 1]) on 300 points",
    "points=300&layers=16,16,16",
  ],
];
const RUNS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

for (const [name, query] of SETUPS) {
  const rates: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const run = new Run(parseSetup(new URLSearchParams(query)));
    const t0 = performance.now();
    for (let k = 0; k < run.setup.steps; k++) run.step();
    rates.push(run.setup.steps / ((performance.now() - t0) / 1000));
  }
  console.log(`Deno      ${name}: median ${Math.round(median(rates))} steps/s`);
}

// A fresh process: the steps run before the JIT has optimised the replay,
// as in a page that has just loaded.
for (const [name, query] of SETUPS) {
  const rates: number[] = [];
  for (let r = 0; r < 3; r++) {
    const code = `
      import { parseSetup, Run } from ${
      JSON.stringify(new URL("../src/demo/setup.ts", import.meta.url).href)
    };
      const run = new Run(parseSetup(new URLSearchParams(${
      JSON.stringify(query)
    })));
      const t0 = performance.now();
      for (let k = 0; k < run.setup.steps; k++) run.step();
      console.log(run.setup.steps / ((performance.now() - t0) / 1000));`;
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["eval", "--ext=ts", code],
      stdout: "piped",
    }).output();
    rates.push(Number(new TextDecoder().decode(out.stdout)));
  }
  console.log(
    `Deno cold ${name}: median ${Math.round(median(rates))} steps/s`,
  );
}

const server = await startServer();
const browser = await launchBrowser();
try {
  for (const [name, query] of SETUPS) {
    const rates: number[] = [], longest: number[] = [], wall: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 800 });
      await page.goto(`${server.url}/train?${query}&speed=1`);
      await page.waitForFunction(() =>
        document.querySelector("fresh-island")?.hasAttribute("data-hydrated")
      );
      await page.evaluate(() => {
        const g = globalThis as unknown as { longTasks: number[] };
        g.longTasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) g.longTasks.push(e.duration);
        }).observe({ type: "longtask" });
      });
      const t0 = performance.now();
      await page.click("#train-play");
      await page.waitForFunction(
        () => document.querySelector("#train-steps")?.textContent === "100",
        { timeout: 120_000 },
      );
      wall.push((performance.now() - t0) / 1000);
      rates.push(Number(await page.$eval("#train-rate", (e) => e.textContent)));
      longest.push(
        await page.evaluate(() =>
          Math.max(
            0,
            ...(globalThis as unknown as { longTasks: number[] }).longTasks,
          )
        ),
      );
      await page.close();
    }
    console.log(
      `Chromium  ${name}: median ${median(rates)} steps/s in the worker; ` +
        `100 steps at one per frame in median ${median(wall).toFixed(1)} s; ` +
        `longest main-thread task median ${Math.round(median(longest))} ms ` +
        `(runs: ${longest.map(Math.round).join(", ")})`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
