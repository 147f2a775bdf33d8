// /playground in headless Chromium when the server's layout pool is full:
// the page comes with its table and a busy notice, and the island lays the
// graph out in the browser. (tests/app_load_test.ts fills the pool for real;
// here the app runs in this process and its pool answers busy to every job,
// so the page is busy whatever the timing.)
import { deepEqual, equal, ok } from "node:assert/strict";
import { assertNoErrors, browserTest, drawnNodes } from "./_browser.ts";
import { layoutPool } from "../server/layout.ts";
import { SLOW_Y, slowProgram } from "./_slow_programs.ts";

const BUSY = "Server busy, not drawn — it draws in your browser.";

browserTest(
  "a playground graph the busy server did not draw is drawn in the browser",
  async ({ open }) => {
    const layout = layoutPool.layout;
    layoutPool.layout = () => Promise.resolve({ busy: true });
    try {
      const { page, errors } = await open(
        `/playground?program=${encodeURIComponent(slowProgram(20))}`,
      );
      equal(
        await page.$eval(".layout-busy", (e) => e.textContent),
        ` · ${BUSY}`,
      );
      equal(
        await page.$eval("#program-output", (e) => e.textContent),
        `${SLOW_Y}.0000`,
      );
      // The island draws it with Viz.js in the browser: y = 244, dy/dy = 1,
      // and a, used 7 times, has grad 7.
      await page.waitForSelector(".graph-box svg", { timeout: 60_000 });
      const nodes = await drawnNodes(page);
      deepEqual(nodes.y, [`data ${SLOW_Y}.0000`, "grad 1.0000"]);
      deepEqual(nodes.a, ["data 1.0000", "grad 7.0000"]);
      ok(await page.$eval(".graph-box", (e) => !e.closest("[hidden]")));
      assertNoErrors(errors);
      await page.close();
    } finally {
      layoutPool.layout = layout;
    }
  },
  { root: new URL("..", import.meta.url) },
);
