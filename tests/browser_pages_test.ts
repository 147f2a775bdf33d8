// /playground, /mlp and /moons in real headless Chromium: they load cleanly,
// the playground redraws typed programs and points at parse errors, /mlp
// trains with the Value engine's numbers, /moons reaches micrograd's.
import { deepEqual, equal, ok } from "node:assert/strict";
import type { Page } from "puppeteer-core";
import { valueEngineLosses } from "./_lecture.ts";
import {
  assertNoErrors,
  browserTest,
  drawnNodes,
  initialScripts,
  settledQuery,
} from "./_browser.ts";

/** Replaces the playground's program, as pasting it would (one input event). */
async function setProgram(page: Page, text: string): Promise<void> {
  await page.$eval("#program", (el, text) => {
    (el as HTMLTextAreaElement).value = text;
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);
}

/** Waits until the drawn node `label` shows `data`. */
async function waitForData(
  page: Page,
  label: string,
  data: string,
): Promise<void> {
  await page.waitForFunction(
    (label, data) =>
      [...document.querySelectorAll(".graph-box g.node")].some((g) => {
        const texts = [...g.querySelectorAll("text")].map((t) => t.textContent);
        return texts[0] === label && texts[1] === data;
      }),
    {},
    label,
    data,
  );
}

const text = (page: Page, selector: string) =>
  page.$eval(selector, (e) => e.textContent);
const title = (page: Page, selector: string) =>
  page.$eval(selector, (e) => Number(e.getAttribute("title")));

browserTest(
  "the playground, MLP and moons pages work in Chromium",
  async ({ open, url, browser }, t) => {
    await t.step(
      "/playground redraws a typed program and shows a parse error at its position",
      async () => {
        const { page, errors } = await open("/playground");
        deepEqual((await drawnNodes(page)).L, ["data −8.0000", "grad 1.0000"]);
        deepEqual((await drawnNodes(page)).a, ["data 2.0000", "grad 6.0000"]);

        // A new shape: redrawn by the lazily loaded Viz.js. dy/dx = 2x = 6.
        await setProgram(page, "x = 3\ny = x*x + 1");
        await waitForData(page, "y", "data 10.0000");
        deepEqual((await drawnNodes(page)).x, ["data 3.0000", "grad 6.0000"]);
        equal(await text(page, 'tr[data-name="x"] .grad'), "6.0000");
        const program = { program: "x = 3\ny = x*x + 1" };
        deepEqual(await settledQuery(page, program), program);

        // Only a number changes: the same drawing, patched in place.
        await page.$eval(
          ".graph-box svg",
          (s) => s.setAttribute("data-mark", "kept"),
        );
        await setProgram(page, "x = 4\ny = x*x + 1");
        deepEqual((await drawnNodes(page)).y, ["data 17.0000", "grad 1.0000"]);
        deepEqual((await drawnNodes(page)).x, ["data 4.0000", "grad 8.0000"]);
        equal(
          await page.$eval(
            ".graph-box svg",
            (s) => s.getAttribute("data-mark"),
          ),
          "kept",
        );

        // A parse error: line 2, column 11, with a caret under it.
        await setProgram(page, "x = 4\ny = x*x + q");
        const error = await page.$eval(".program-error", (e) => ({
          line: e.getAttribute("data-line"),
          col: e.getAttribute("data-col"),
          message: e.querySelector(".error-message")?.textContent,
          caret: e.querySelector("pre.caret")?.textContent,
        }));
        deepEqual(error, {
          line: "2",
          col: "11",
          message: "Line 2, column 11: unknown name 'q'",
          caret: "y = x*x + q\n          ^",
        });
        equal(
          await page.$eval("#program", (e) => e.getAttribute("aria-invalid")),
          "true",
        );
        // The last good graph stays.
        deepEqual((await drawnNodes(page)).y, ["data 17.0000", "grad 1.0000"]);

        // Typed with the keyboard: q becomes x, y = x*x + x = 20.
        await page.focus("#program");
        await page.keyboard.press("End");
        await page.keyboard.press("Backspace");
        await page.keyboard.type("x");
        await waitForData(page, "y", "data 20.0000");
        equal(await page.$(".program-error"), null);

        // The address is a link to the same graph, drawn by the server.
        const typed = { program: "x = 4\ny = x*x + x" };
        deepEqual(await settledQuery(page, typed), typed);
        const shared = await open(
          new URL(page.url()).pathname + new URL(page.url()).search,
        );
        deepEqual((await drawnNodes(shared.page)).y, [
          "data 20.0000",
          "grad 1.0000",
        ]);
        deepEqual((await drawnNodes(shared.page)).x, [
          "data 4.0000",
          "grad 9.0000",
        ]);
        assertNoErrors(errors);
        assertNoErrors(shared.errors);
        await shared.page.close();
        await page.close();
      },
    );

    await t.step(
      "/mlp training lowers the loss, with the Value engine's numbers",
      async () => {
        const { page, errors } = await open("/mlp?seed=42");
        const reference = valueEngineLosses(42, 22, 0.1);
        equal(await title(page, "#loss"), reference[0]);
        await page.click("#train-n"); // 20 steps
        equal(await text(page, "#step-count"), "20");
        equal(await title(page, "#loss"), reference[20]);
        ok(reference[20] < reference[0] / 10);
        await page.click("#step-once");
        equal(await title(page, "#loss"), reference[21]);
        ok(reference[21] < reference[20]);

        // A learning rate out of range is refused.
        await page.$eval("#learning-rate", (el) => {
          (el as HTMLInputElement).value = "5";
          el.dispatchEvent(new Event("input", { bubbles: true }));
        });
        equal(
          await page.$eval(
            "#step-once",
            (b) => (b as HTMLButtonElement).disabled,
          ),
          true,
        );

        // Every value of the forward pass, drawn by the lazy Viz.js chunk, then back.
        await page.click("#view-full");
        await page.waitForFunction(() =>
          document.querySelectorAll(".graph-box g.node").length > 100
        );
        deepEqual(await settledQuery(page, { view: "full" }), { view: "full" });
        await page.click("#view-network");
        await page.waitForFunction(() =>
          document.querySelector(".graph-box g#l0n0") !== null
        );

        await page.click("#reset");
        equal(await text(page, "#step-count"), "0");
        equal(await title(page, "#loss"), reference[0]);
        assertNoErrors(errors);
        await page.close();
      },
    );

    await t.step(
      "/moons trains in the browser to micrograd's step-99 numbers",
      async () => {
        const { page, errors } = await open("/moons");
        equal(await text(page, "#moons-loss"), "0.8958441028683222");
        equal(await text(page, "#moons-accuracy"), "50%");
        await page.click("#moons-train");
        await page.waitForFunction(
          () => document.querySelector("#moons-steps")?.textContent === "100",
          { timeout: 60_000 },
        );
        // micrograd's demo.ipynb: step 99 loss 0.010978370135492717, accuracy 100%.
        equal(await text(page, "#moons-loss"), "0.010978370135492717");
        equal(await text(page, "#moons-accuracy"), "100%");
        // The table is drawn once the <details> opens (a toggle event, then a render).
        await page.click("#moons-log summary");
        await page.waitForFunction(() =>
          document.querySelectorAll("#moons-log tbody tr").length === 100
        );
        const rows = await page.$$eval(
          "#moons-log tbody tr",
          (trs) =>
            trs.map((tr) =>
              [...tr.querySelectorAll("td")].map((td) => td.textContent)
            ),
        );
        equal(rows.length, 100);
        deepEqual(rows[0].slice(0, 3), ["0", "0.8958441028683222", "50%"]);
        deepEqual(rows[99].slice(0, 3), ["99", "0.010978370135492717", "100%"]);
        ok(
          await page.$("svg.moons-plot .region-pos"),
          "the boundary shows both classes",
        );
        equal(
          await page.$eval(
            "#moons-train",
            (b) => (b as HTMLButtonElement).disabled,
          ),
          true,
        );
        console.log(`/moons in Chromium: ${await text(page, "#moons-timing")}`);

        await page.click("#moons-reset");
        equal(await text(page, "#moons-steps"), "0");
        equal(await text(page, "#moons-loss"), "0.8958441028683222");
        assertNoErrors(errors);
        await page.close();
      },
    );

    await t.step("the three pages fit a phone's width", async () => {
      for (const path of ["/playground", "/mlp", "/moons"]) {
        const { page, errors } = await open(path, { width: 390, height: 844 });
        const [scrollWidth, width] = await page.evaluate(() => [
          document.documentElement.scrollWidth,
          globalThis.innerWidth,
        ]);
        ok(scrollWidth <= width, `${path}: ${scrollWidth} > ${width}`);
        assertNoErrors(errors);
        await page.close();
      }
    });

    await t.step(
      "their initial JavaScript stays under 40 KB gzip (measured, printed)",
      async () => {
        const report: string[] = [];
        for (const path of ["/playground", "/mlp", "/moons"]) {
          const { files, gzipBytes, largestBytes } = await initialScripts(
            browser,
            url + path,
          );
          report.push(
            `${path}: initial JavaScript ${files} files, ${
              (gzipBytes / 1024).toFixed(1)
            } KB gzip`,
          );
          ok(largestBytes < 1_000_000, `${path}: Viz.js is not loaded`);
          ok(gzipBytes < 40 * 1024, `${path}: ${gzipBytes} bytes`);
        }
        console.log(report.join("\n"));
      },
    );
  },
);
