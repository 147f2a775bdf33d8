// The graphs as a reader sees them, in headless Chromium: every label inside
// its box (at load and with every slider at its ends), readable on a phone,
// dark mode with enough contrast, SVG and PNG export, Graphviz in a worker.
// Also takes the README's screenshots (docs/screenshot-*.png).
import { deepEqual, equal, ok } from "node:assert/strict";
import type { Page } from "puppeteer-core";
import { MAX_LAYOUT_COST, runProgram } from "../lessons/program.ts";
import { assertNoErrors, browserTest } from "./_browser.ts";

const PAGES = ["/", "/expression", "/neuron", "/playground", "/mlp"];
const DOCS = new URL("../docs/", import.meta.url).pathname;

/** A text that leaves its field or its node: where, and by how much. */
interface Spill {
  node: string;
  text: string;
  by: number;
}

// Waits until every graph is drawn (no layout pending) and painted.
async function settled(page: Page): Promise<void> {
  await page.evaluate(() =>
    new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))
  );
  await page.waitForFunction(() =>
    [...document.querySelectorAll(".graph-view")].every((f) =>
      f.getAttribute("data-state") !== "drawing"
    )
  );
  await page.evaluate(() => document.fonts.ready.then(() => {}));
}

// Every <text> whose drawn box (getBBox, in the SVG's units) leaves its
// node's outline or, in a record, the field between its separators.
function spills(page: Page): Promise<Spill[]> {
  return page.evaluate(() => {
    const out: { node: string; text: string; by: number }[] = [];
    const nums = (s: string | null) =>
      (s ?? "").trim().split(/[\s,]+/).filter(Boolean).map(Number);
    for (
      const g of document.querySelectorAll<SVGGElement>(".graph-box g.node")
    ) {
      const shape = g.querySelector<SVGGraphicsElement>("polygon, ellipse");
      if (!shape) continue;
      const outline = shape.getBBox();
      const separators = [...g.querySelectorAll("polyline")].map((l) =>
        nums(l.getAttribute("points"))
      );
      for (const t of g.querySelectorAll<SVGTextElement>("text")) {
        const box = t.getBBox();
        const mid = box.y + box.height / 2;
        const cx = box.x + box.width / 2;
        let left = outline.x;
        let right = outline.x + outline.width;
        for (const [x1, y1, x2, y2] of separators) {
          if (Math.abs(x1 - x2) > 0.01) continue;
          if (mid < Math.min(y1, y2) || mid > Math.max(y1, y2)) continue;
          if (x1 <= cx) left = Math.max(left, x1);
          else right = Math.min(right, x1);
        }
        const by = Math.max(
          left - box.x,
          box.x + box.width - right,
          outline.y - box.y,
          box.y + box.height - (outline.y + outline.height),
        );
        if (by > 0.5) {
          out.push({ node: g.id, text: t.textContent ?? "", by });
        }
      }
    }
    return out;
  });
}

// Moves every slider of the page to its minimum, then its maximum, checking
// the drawing after each move.
async function sweepSliders(page: Page): Promise<number> {
  const count = await page.$$eval('input[type="range"]', (s) => s.length);
  for (let i = 0; i < count; i++) {
    for (const end of ["min", "max"] as const) {
      const value = await page.evaluate(
        (i, end) => {
          const slider = document.querySelectorAll<HTMLInputElement>(
            'input[type="range"]',
          )[i];
          slider.value = slider[end];
          slider.dispatchEvent(new Event("input", { bubbles: true }));
          return `${slider.getAttribute("aria-label")} = ${slider.value}`;
        },
        i,
        end,
      );
      await settled(page);
      deepEqual(await spills(page), [], value);
    }
  }
  return count;
}

// The px size of the graphs' labels as drawn: 14 pt in the SVG's units,
// times the drawn size of a unit.
function labelPx(page: Page): Promise<number[]> {
  return page.$$eval(
    ".graph-box svg",
    (svgs) =>
      svgs.filter((s) => s.getBoundingClientRect().width > 0).map((s) => {
        const text = s.querySelector("text");
        const size = Number(text?.getAttribute("font-size") ?? 14);
        return size * s.getBoundingClientRect().width / s.viewBox.baseVal.width;
      }),
  );
}

function luminance(rgb: string): number {
  const [r, g, b] = rgb.match(/[\d.]+/g)!.slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}

// Pairs of [what, foreground, background] colours as computed on the page.
function colours(page: Page): Promise<[string, string, string][]> {
  return page.evaluate(() => {
    const css = (el: Element | null, p: string) =>
      el ? getComputedStyle(el).getPropertyValue(p) : "";
    const paper = css(document.body, "background-color");
    const graph = document.querySelector(".graph-box g.graph > polygon");
    const pairs: [string, string, string][] = [
      ["body text", css(document.body, "color"), paper],
      ["footer text", css(document.querySelector("footer"), "color"), paper],
      ["link", css(document.querySelector("nav a"), "color"), paper],
      [
        "graph label",
        css(document.querySelector(".graph-box text"), "fill"),
        css(graph, "fill"),
      ],
      [
        "button",
        css(document.querySelector(".graph-tools button"), "color"),
        css(document.querySelector(".graph-tools button"), "background-color"),
      ],
    ];
    return pairs;
  });
}

// Clicks an export button and returns the downloaded file's bytes.
async function exported(page: Page, format: "SVG" | "PNG"): Promise<number[]> {
  await page.evaluate(() => {
    const w = globalThis as unknown as {
      downloads: string[];
      blobs: Map<string, Blob>;
    };
    w.downloads ??= [];
    w.blobs ??= new Map();
    // The page's CSP lets no one fetch a blob: URL: keep the blobs themselves.
    const create = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob) => {
      const url = create(blob);
      w.blobs.set(url, blob);
      return url;
    };
    HTMLAnchorElement.prototype.click = function () {
      w.downloads.push(this.href + " " + this.download);
    };
  });
  await page.click(`button[aria-label="Download as ${format}"]`);
  await page.waitForFunction(() =>
    ((globalThis as unknown as { downloads?: string[] }).downloads ?? [])
      .length > 0
  );
  return page.evaluate(async () => {
    const w = globalThis as unknown as {
      downloads: string[];
      blobs: Map<string, Blob>;
    };
    const [href, name] = w.downloads.pop()!.split(" ");
    const bytes = new Uint8Array(await w.blobs.get(href)!.arrayBuffer());
    return [...bytes.slice(0, 64), ...new TextEncoder().encode("|" + name)];
  });
}

browserTest(
  "graphs read right on every screen",
  async ({ open, browser, url }, t) => {
    for (const path of PAGES) {
      await t.step(
        `${path}: every label stays in its box, at load and with every slider at its ends`,
        async () => {
          const { page, errors } = await open(path);
          await settled(page);
          // The served face is the one the graph is measured in.
          ok(
            await page.evaluate(() => document.fonts.check("14px Arimo")),
            "Arimo is loaded",
          );
          equal(
            await page.$eval(
              ".graph-box text",
              (t) =>
                getComputedStyle(t).fontFamily.split(",")[0].replace(/"/g, ""),
            ),
            "Arimo",
          );
          deepEqual(await spills(page), []);
          const sliders = await sweepSliders(page);
          if (path === "/" || path === "/expression" || path === "/neuron") {
            ok(sliders > 0, "the page has sliders");
          }
          if (
            path === "/" || path === "/expression" || path === "/playground"
          ) {
            // These graphs know their DOT: an outgrown field is laid out anew, not squeezed.
            equal(await page.$$eval("text[textLength]", (t) => t.length), 0);
          }
          if (path === "/mlp") {
            // The full view, and the numbers after a few training steps.
            await page.click("button ::-p-text(Every value)");
            await settled(page);
            deepEqual(await spills(page), []);
            ok(Math.min(...await labelPx(page)) >= 10, "readable on a desktop");
            // Already so before the script runs.
            const bare = await browser.newPage();
            await bare.setViewport({ width: 1280, height: 800 });
            await bare.setJavaScriptEnabled(false);
            await bare.goto(`${url}/mlp?view=full`, { waitUntil: "load" });
            const first = await labelPx(bare);
            ok(Math.min(...first) >= 10, `first paint: ${first}`);
            await bare.close();
          }
          assertNoErrors(errors);
          await page.close();
        },
      );
    }

    await t.step(
      "/expression after b is dragged to 8.47: grad −16.9400 fits its field",
      async () => {
        const { page, errors } = await open("/expression?b=8.47");
        await settled(page);
        deepEqual(await spills(page), []);
        await page.evaluate(() => {
          const b = document.querySelector<HTMLInputElement>(
            'input[aria-label="b slider"]',
          )!;
          b.value = "-3";
          b.dispatchEvent(new Event("input", { bubbles: true }));
          b.value = "8.47";
          b.dispatchEvent(new Event("input", { bubbles: true }));
        });
        await settled(page);
        const texts = await page.$$eval(
          ".graph-box text",
          (ts) => ts.map((t) => t.textContent),
        );
        ok(texts.includes("grad −16.9400"), texts.join(" | "));
        deepEqual(await spills(page), []);
        assertNoErrors(errors);
        await page.close();
      },
    );

    await t.step(
      "on a 390 px phone every graph's labels are at least 10 px, before and after the script runs, and a pinch zooms",
      async () => {
        for (const path of PAGES) {
          const { page, errors } = await open(path, {
            width: 390,
            height: 844,
          });
          const hydrated = await labelPx(page);
          assertNoErrors(errors);
          if (path === "/expression") {
            await page.$eval(
              ".graph-view",
              (g) => g.scrollIntoView({ block: "end" }),
            );
            await page.screenshot({ path: `${DOCS}screenshot-phone.png` });
          }
          ok(Math.min(...hydrated) >= 10, `${path}: ${hydrated}`);
          // The page does not scroll sideways; a graph box may, with a hint.
          equal(
            await page.evaluate(() => document.documentElement.scrollWidth),
            390,
          );
          if (path === "/expression") {
            // Two fingers spreading apart zoom the graph in.
            const before = await page.$eval(
              ".graph-box svg",
              (s) => s.getBoundingClientRect().width,
            );
            const box = await page.$eval(".graph-box", (b) => {
              const r = b.getBoundingClientRect();
              return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
            });
            const cdp = await page.createCDPSession();
            const fingers = (d: number) => [
              { x: box.x - d, y: box.y, id: 1 },
              { x: box.x + d, y: box.y, id: 2 },
            ];
            await cdp.send("Input.dispatchTouchEvent", {
              type: "touchStart",
              touchPoints: fingers(20),
            });
            for (const d of [40, 60, 80]) {
              await cdp.send("Input.dispatchTouchEvent", {
                type: "touchMove",
                touchPoints: fingers(d),
              });
            }
            await cdp.send("Input.dispatchTouchEvent", {
              type: "touchEnd",
              touchPoints: [],
            });
            const after = await page.$eval(
              ".graph-box svg",
              (s) => s.getBoundingClientRect().width,
            );
            ok(after / before > 3, `pinched from ${before} to ${after} px`);
            await cdp.detach();
          }
          await page.setJavaScriptEnabled(false);
          await page.reload({ waitUntil: "load" });
          const first = await labelPx(page);
          ok(Math.min(...first) >= 10, `${path} first paint: ${first}`);
          await page.close();
        }
      },
    );

    await t.step(
      "dark mode: from the system or the toggle, kept across pages, every text at least 4.5:1",
      async () => {
        const { page, errors } = await open("/mlp");
        const pressed = () =>
          page.$eval(".theme-toggle", (b) => b.getAttribute("aria-pressed"));
        equal(await pressed(), "false");
        await page.emulateMediaFeatures([
          { name: "prefers-color-scheme", value: "dark" },
        ]);
        await page.waitForSelector('.theme-toggle[aria-pressed="true"]');
        for (const [what, fg, bg] of await colours(page)) {
          ok(luminance(bg) < 0.1, `${what}: dark background ${bg}`);
          ok(contrast(fg, bg) >= 4.5, `${what}: ${fg} on ${bg}`);
        }
        await settled(page);
        await page.$eval(
          ".graph-view",
          (g) => g.scrollIntoView({ block: "end" }),
        );
        await page.screenshot({ path: `${DOCS}screenshot-dark.png` });
        // The toggle overrides the system and is remembered.
        await page.click(".theme-toggle");
        equal(
          await page.evaluate(() => document.documentElement.dataset.theme),
          "light",
        );
        await page.goto(page.url().replace("/mlp", "/expression"));
        equal(
          await page.evaluate(() => document.documentElement.dataset.theme),
          "light",
        );
        for (const [what, fg, bg] of await colours(page)) {
          ok(luminance(bg) > 0.8, `${what}: light background ${bg}`);
          ok(contrast(fg, bg) >= 4.5, `${what}: ${fg} on ${bg}`);
        }
        await page.emulateMediaFeatures([
          { name: "prefers-color-scheme", value: "light" },
        ]);
        await page.click(".theme-toggle");
        equal(await pressed(), "true");
        for (const [what, fg, bg] of await colours(page)) {
          ok(luminance(bg) < 0.1, `${what}: dark background ${bg}`);
          ok(contrast(fg, bg) >= 4.5, `${what}: ${fg} on ${bg}`);
        }
        await page.evaluate(() => localStorage.clear());
        assertNoErrors(errors);
        await page.close();
      },
    );

    await t.step(
      "each graph downloads as SVG and as PNG, and its nodes are named for screen readers",
      async () => {
        const { page, errors } = await open("/expression");
        await settled(page);
        const svg = await exported(page, "SVG");
        const text = new TextDecoder().decode(new Uint8Array(svg));
        ok(text.startsWith("<svg"), text);
        ok(text.endsWith("|graph-of-l-a-b-c-f.svg"), text);
        const png = await exported(page, "PNG");
        deepEqual(png.slice(0, 8), [
          0x89,
          0x50,
          0x4e,
          0x47,
          0x0d,
          0x0a,
          0x1a,
          0x0a,
        ]);
        // The PNG's width (bytes 16-19 of IHDR) is twice the SVG's, in px.
        const width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) |
          png[19];
        const natural = await page.$eval(
          ".graph-box svg",
          (s) => s.width.baseVal.valueInSpecifiedUnits * 4 / 3,
        );
        ok(Math.abs(width - 2 * natural) <= 1, `${width} vs ${natural}`);
        const names = await page.$$eval(
          '.graph-box g.node[role="img"]',
          (gs) => gs.map((g) => g.getAttribute("aria-label")),
        );
        ok(names.includes("a, data 2.0000, grad 6.0000"), names.join(" | "));
        ok(names.includes("operation *"), names.join(" | "));
        await page.setViewport({ width: 1280, height: 800 });
        await page.evaluate(() =>
          (document.activeElement as HTMLElement).blur()
        );
        await page.$eval(
          ".graph-view",
          (g) => g.scrollIntoView({ block: "end" }),
        );
        await page.screenshot({ path: `${DOCS}screenshot-desktop.png` });
        assertNoErrors(errors);
        await page.close();
      },
    );

    await t.step(
      "a near-limit playground graph is laid out in a worker while typing stays responsive (measured, printed)",
      async () => {
        // The longest chain whose layout cost stays under the limit.
        let lines = 10;
        const program = (n: number) =>
          [
            "x = 0.5",
            ...Array.from(
              { length: n },
              (_, i) => `v${i + 1} = ${i ? `v${i}` : "x"} * 0.9 + x`,
            ),
          ].join("\n");
        while (true) {
          const run = runProgram(program(lines + 5));
          if ("error" in run || run.cost > MAX_LAYOUT_COST) break;
          lines += 5;
        }
        const run = runProgram(program(lines));
        ok(
          !("error" in run) && run.cost > MAX_LAYOUT_COST / 2,
          "near the limit",
        );
        // What the main thread would be blocked for without the worker.
        const { renderSvg } = await import("@gradviz/gradviz/render");
        const layouts: number[] = [];
        for (let i = 0; i < 3; i++) {
          const t0 = performance.now();
          await renderSvg("cost" in run ? run.dot : "");
          layouts.push(performance.now() - t0);
        }
        const { page, errors } = await open("/playground");
        const gaps = await page.evaluate(async (source) => {
          const area = document.querySelector("textarea")!;
          const box = document.querySelector(".graph-box")!;
          let drawn = false;
          new MutationObserver(() => drawn = true).observe(box, {
            childList: true,
          });
          area.value = source;
          area.dispatchEvent(new Event("input", { bubbles: true }));
          // Input latency while Graphviz works: a keystroke's event to the next frame.
          const latencies: number[] = [];
          const start = performance.now();
          while (!drawn && performance.now() - start < 20_000) {
            const t0 = performance.now();
            area.dispatchEvent(new KeyboardEvent("keydown", { key: "Shift" }));
            await new Promise((r) => requestAnimationFrame(r));
            latencies.push(performance.now() - t0);
          }
          return { latencies, drawn };
        }, program(lines));
        ok(gaps.drawn, "the graph was redrawn");
        equal(page.workers().length, 1, "one Graphviz worker");
        const sorted = gaps.latencies.toSorted((a, b) => a - b);
        console.log(
          `  playground, ${lines}-line chain (layout cost ${
            "cost" in run ? run.cost : "?"
          }): ${sorted.length} frames while it was laid out; input to next frame median ${
            sorted[Math.floor(sorted.length / 2)].toFixed(1)
          } ms, slowest ${
            sorted[sorted.length - 1].toFixed(1)
          } ms (the frame that inserts the new SVG); Graphviz alone takes ${
            layouts.toSorted((a, b) => a - b)[1].toFixed(0)
          } ms for it (median of 3, in Deno)`,
        );
        await settled(page);
        deepEqual(await spills(page), []);
        assertNoErrors(errors);
        await page.close();
      },
    );
  },
);
