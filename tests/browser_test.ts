// The app in real headless Chromium: pages load cleanly, islands hydrate and
// keep the drawn graphs' numbers live. Also measures the update budget and
// takes the README's screenshot (docs/expression.png).
import { deepEqual, equal, ok } from "node:assert/strict";
import type { Page } from "puppeteer-core";
import { fieldText, topologicalOrder } from "@gradviz/gradviz";
import { evaluate } from "../lessons/evaluate.ts";
import { expression, lectureValues, neuron } from "../lessons/lessons.ts";
import {
  assertNoErrors,
  browserTest,
  drawnNodes,
  initialScripts,
  recordScripts,
} from "./_browser.ts";

const SCREENSHOT = new URL("../docs/expression.png", import.meta.url).pathname;

/** Moves the slider of `leaf` to `value`, as dragging it would (an input event). */
async function slide(page: Page, leaf: string, value: number): Promise<void> {
  await page.evaluate(
    (leaf, value) => {
      const slider = document.querySelector<HTMLInputElement>(
        `input[aria-label="${leaf} slider"]`,
      )!;
      slider.value = String(value);
      slider.dispatchEvent(new Event("input", { bubbles: true }));
    },
    leaf,
    value,
  );
}

/**
 * Milliseconds from a slider's input event to the patched SVG, for each of
 * `values`: a MutationObserver on the graph fires once the synchronous
 * update (render + patch) is done.
 */
function updateTimes(
  page: Page,
  leaf: string,
  values: number[],
): Promise<number[]> {
  return page.evaluate(
    async (leaf, values) => {
      const slider = document.querySelector<HTMLInputElement>(
        `input[aria-label="${leaf} slider"]`,
      )!;
      const graph = document.querySelector(".graph-box")!;
      const times: number[] = [];
      for (const v of values) {
        const patched = new Promise<number>((resolve) => {
          const observer = new MutationObserver(() => {
            const t = performance.now();
            observer.disconnect();
            resolve(t);
          });
          observer.observe(graph, {
            subtree: true,
            childList: true,
            characterData: true,
          });
        });
        const t0 = performance.now();
        slider.value = String(v);
        slider.dispatchEvent(new Event("input", { bubbles: true }));
        times.push((await patched) - t0);
        await new Promise((r) => requestAnimationFrame(r));
      }
      return times;
    },
    leaf,
    values,
  );
}

function median(xs: number[]): number {
  const s = xs.toSorted((a, b) => a - b);
  return s.length % 2
    ? s[(s.length - 1) / 2]
    : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const SWEEP = Array.from({ length: 41 }, (_, i) => 1 + i * 0.05);

browserTest(
  "the lesson pages work in Chromium",
  async ({ open, url, browser }, t) => {
    await t.step(
      "/ loads without errors and its graph follows its sliders",
      async () => {
        const { page, errors } = await open("/");
        deepEqual((await drawnNodes(page)).a, ["data 2.0000", "grad −3.0000"]);
        await slide(page, "b", 4);
        deepEqual((await drawnNodes(page)).a, ["data 2.0000", "grad 4.0000"]);
        deepEqual((await drawnNodes(page)).c, ["data 8.0000", "grad 1.0000"]);
        assertNoErrors(errors);
        await page.close();
      },
    );

    await t.step(
      "/expression shows the lecture's numbers and patches them as a slider moves",
      async () => {
        const { page, errors } = await open("/expression");
        const lecture = evaluate(expression, lectureValues(expression));
        const before = await drawnNodes(page);
        for (const node of topologicalOrder(lecture.root)) {
          deepEqual(before[node.label], [
            fieldText("data", node.data),
            fieldText("grad", node.grad),
          ], node.label);
        }
        deepEqual(before.a, ["data 2.0000", "grad 6.0000"]);
        const svgBefore = await page.$eval(
          ".graph-box svg",
          (s) => s.getAttribute("viewBox"),
        );

        // a = 3: b's grad is a*f = -6, L = (3*-3 + 10)*-2 = -2.
        await slide(page, "a", 3);
        const after = await drawnNodes(page);
        deepEqual(after.a, ["data 3.0000", "grad 6.0000"]);
        deepEqual(after.b, ["data −3.0000", "grad −6.0000"]);
        deepEqual(after.L, ["data −2.0000", "grad 1.0000"]);
        equal(
          await page.$eval("#L-value", (e) => e.textContent),
          "−2.000000",
        );
        equal(
          await page.$eval('tr[data-leaf="b"] .grad', (e) => e.textContent),
          "−6.0000",
        );
        equal(
          await page.$eval('tr[data-leaf="b"] .numeric', (e) => e.textContent),
          "−6.0000",
        );
        // Patched in place: same drawing, no new layout.
        equal(
          await page.$eval(".graph-box svg", (s) => s.getAttribute("viewBox")),
          svgBefore,
        );

        // The lecture's nudge from the lecture's values: L goes from -8 to -7.286496.
        await page.click("#reset");
        await page.click("#nudge");
        equal(await page.$eval("#L-value", (e) => e.textContent), "−7.286496");
        deepEqual((await drawnNodes(page)).L, ["data −7.2865", "grad 1.0000"]);
        assertNoErrors(errors);
        await page.close();
      },
    );

    await t.step(
      "/expression's step backward highlights nodes in backward()'s order",
      async () => {
        const { page, errors } = await open("/expression");
        const { root } = evaluate(expression, lectureValues(expression));
        const order = topologicalOrder(root).toReversed(); // L, then back to the leaves
        const seen: { label: string; grad: string; panel: string }[] = [];
        for (let i = 0; i < order.length; i++) {
          await page.click("#step");
          seen.push(
            await page.evaluate(() => {
              const g = document.querySelectorAll(".graph-box g.gv-highlight");
              if (g.length !== 1) {
                throw new Error(`${g.length} highlighted nodes`);
              }
              const texts = [...g[0].querySelectorAll("text")].map((t) =>
                t.textContent
              );
              return {
                label: texts[0] ?? "",
                grad: texts[2] ?? "",
                panel: document.querySelector(".step-panel .step-grad")
                  ?.textContent ?? "1",
              };
            }),
          );
          if (i === 0) {
            // Only L is done: every other grad still shows 0.
            deepEqual((await drawnNodes(page)).a, [
              "data 2.0000",
              "grad 0.0000",
            ]);
          }
        }
        deepEqual(seen.map((s) => s.label), order.map((n) => n.label));
        deepEqual(
          seen.map((s) => s.grad),
          order.map((n) => fieldText("grad", n.grad)),
        );
        deepEqual(
          seen.slice(1).map((s) => s.panel),
          order.slice(1).map((n) => n.grad.toFixed(4).replace("-", "−")),
        );
        ok(
          (await page.$eval(".step-panel", (e) => e.textContent))!.includes(
            "∂e/∂a × e.grad = −3.0000 × −2.0000 = 6.0000",
          ),
        );

        // The README's screenshot: the chain rule at d.
        await page.click("#step-done");
        for (let i = 0; i < 3; i++) await page.click("#step");
        await page.screenshot({ path: SCREENSHOT, fullPage: true });
        assertNoErrors(errors);
        await page.close();
      },
    );

    await t.step(
      "/expression redraws with the lazy Viz.js chunk when the layout changes",
      async () => {
        const { page, errors } = await open("/expression");
        const scripts = recordScripts(page);
        await slide(page, "c", 5);
        const before = await page.$eval(
          ".graph-box svg",
          (s) => s.getAttribute("viewBox"),
        );
        ok(
          !(await scripts()).some((b) => b.byteLength > 1_000_000),
          "Viz.js not loaded yet",
        );
        await page.click("#rankdir");
        await page.waitForFunction(
          (before) =>
            document.querySelector(".graph-box svg")?.getAttribute(
              "viewBox",
            ) !== before,
          {},
          before,
        );
        ok(
          (await scripts()).some((b) => b.byteLength > 1_000_000),
          "Viz.js loaded",
        );
        // Redrawn top to bottom, with the current numbers: c = 5 gives L = (-6 + 5)*-2 = 2.
        deepEqual((await drawnNodes(page)).L, ["data 2.0000", "grad 1.0000"]);
        deepEqual((await drawnNodes(page)).c, ["data 5.0000", "grad −2.0000"]);
        assertNoErrors(errors);
        await page.close();
      },
    );

    await t.step(
      "/neuron shows both neurons with the lecture's numbers and the same leaf grads",
      async () => {
        const { page, errors } = await open("/neuron");
        for (const graph of [0, 1]) {
          const nodes = await drawnNodes(page, graph);
          deepEqual(nodes.o, ["data 0.7071", "grad 1.0000"]);
          deepEqual(nodes.x1, ["data 2.0000", "grad −1.5000"]);
          deepEqual(nodes.w1, ["data −3.0000", "grad 1.0000"]);
          deepEqual(nodes.x2, ["data 0.0000", "grad 0.5000"]);
          deepEqual(nodes.w2, ["data 1.0000", "grad 0.0000"]);
        }
        // x2 = 1: w2's grad becomes x2 * (1 - o²) in both graphs.
        await slide(page, "x2", 1);
        const values = { ...lectureValues(neuron), x2: 1 };
        const { leaves } = evaluate(neuron, values);
        const w2 = leaves.find((l) => l.name === "w2")!.grad.toFixed(4);
        for (const graph of [0, 1]) {
          deepEqual((await drawnNodes(page, graph)).w2, [
            "data 1.0000",
            `grad ${w2}`,
          ]);
        }
        ok(Number(w2) !== 0);
        assertNoErrors(errors);
        await page.close();
      },
    );

    await t.step(
      "a lesson page fits a phone's width, and its graph zooms and pans",
      async () => {
        const { page, errors } = await open("/expression", {
          width: 390,
          height: 844,
        });
        const [scrollWidth, width] = await page.evaluate(() => [
          document.documentElement.scrollWidth,
          globalThis.innerWidth,
        ]);
        ok(scrollWidth <= width, `${scrollWidth} > ${width}`);
        // Zoomed in, the graph outgrows its box, which scrolls (pans); the page does not.
        const fitWidth = await page.$eval(
          ".graph-box svg",
          (s) => s.getBoundingClientRect().width,
        );
        await page.click('button[aria-label="Zoom in"]');
        await page.click('button[aria-label="Zoom in"]');
        const zoomed = await page.$eval(".graph-box", (box) => ({
          svg: box.querySelector("svg")!.getBoundingClientRect().width,
          scrollable: box.scrollWidth > box.clientWidth,
        }));
        ok(
          Math.abs(zoomed.svg / fitWidth - 1.5625) < 0.01,
          `${zoomed.svg} vs ${fitWidth}`,
        );
        ok(zoomed.scrollable);
        equal(
          await page.evaluate(() => document.documentElement.scrollWidth),
          width,
        );
        // Fitted, the graph is as wide as its box.
        await page.click('button[aria-label="Fit to width"]');
        const fitted = await page.$eval(".graph-box", (box) => ({
          svg: box.querySelector("svg")!.getBoundingClientRect().width,
          box: box.clientWidth,
        }));
        ok(fitted.svg <= fitted.box, `${fitted.svg} > ${fitted.box}`);
        assertNoErrors(errors);
        await page.close();
      },
    );

    await t.step(
      "budgets: update time and initial JavaScript (measured, printed)",
      async () => {
        const report: string[] = [];
        for (const [path, leaf] of [["/expression", "a"], ["/neuron", "x1"]]) {
          const page = (await open(path)).page;
          await updateTimes(page, leaf, SWEEP.slice(0, 5)); // warm up
          const times = await updateTimes(page, leaf, SWEEP);
          report.push(
            `${path}: input event → patched SVG, median ${
              median(times).toFixed(2)
            } ms, max ${
              Math.max(...times).toFixed(2)
            } ms over ${times.length} updates`,
          );
          await page.close();
        }
        for (const path of ["/", "/expression", "/neuron"]) {
          const { files, gzipBytes } = await initialScripts(
            browser,
            url + path,
          );
          report.push(
            `${path}: initial JavaScript ${files} files, ${
              (gzipBytes / 1024).toFixed(1)
            } KB gzip`,
          );
          ok(gzipBytes < 40 * 1024, `${path}: ${gzipBytes} bytes`);
        }
        console.log(report.join("\n"));
      },
    );
  },
);

browserTest(
  "islands hydrate, share a signal and load dynamic imports lazily",
  async ({ open }) => {
    const { page, errors } = await open("/counter");
    const texts = () =>
      page.$$eval(
        "fresh-island button, fresh-island output",
        (els) => els.map((e) => e.textContent),
      );
    deepEqual(await texts(), ["</script><b>: 1", "two: 2", "3", "inner: 0"]);
    await page.click("fresh-island button");
    deepEqual(await texts(), ["</script><b>: 2", "two: 3", "4", "inner: 1"]);
    assertNoErrors(errors);
    await page.close();

    const lazy = await open("/lazy");
    const scripts = recordScripts(lazy.page);
    await lazy.page.click("button");
    await lazy.page.waitForFunction(() =>
      document.querySelector("button")?.textContent === "HEAVY_MODULE_MARKER"
    );
    const loaded = (await scripts()).map((b) => new TextDecoder().decode(b));
    equal(loaded.length, 1);
    ok(loaded[0].includes("HEAVY_MODULE_MARKER"));
    assertNoErrors(lazy.errors);
    await lazy.page.close();
  },
  { root: new URL("./fixtures/app", import.meta.url) },
);
