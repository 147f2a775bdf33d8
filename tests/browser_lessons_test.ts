// The lesson pages' behaviour in real Chromium: stepping backward and back,
// the gradient's edge, hover between tables and graphs, number boxes that
// keep to their range, the URL following the state (and a reload restoring
// it), the playground's unclosed bracket and stale graph, /mlp's saturation.
import { equal, match, ok } from "node:assert/strict";
import type { Page } from "puppeteer-core";
import { topologicalOrder } from "@gradviz/gradviz";
import { evaluate } from "../lessons/evaluate.ts";
import { expression, lectureValues, neuron } from "../lessons/lessons.ts";
import { lectureRun } from "../lessons/lecture_mlp.ts";
import { fixed } from "../components/format.ts";
import { URL_DELAY } from "../components/url_state.ts";
import { assertNoErrors, browserTest, drawnNodes } from "./_browser.ts";

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

const text = (page: Page, selector: string) =>
  page.$eval(selector, (e) => e.textContent ?? "");

/** A form control's property (`value`, `disabled`, …). */
const prop = (page: Page, selector: string, name: string) =>
  page.$eval(
    selector,
    (e, name) => (e as unknown as Record<string, unknown>)[name],
    name,
  );

/** Replaces the text of a box as a reader would: select all, then type. */
async function retype(page: Page, selector: string, text: string) {
  await page.click(selector);
  await page.keyboard.down("Control");
  await page.keyboard.press("KeyA");
  await page.keyboard.up("Control");
  if (text === "") await page.keyboard.press("Backspace");
  else await page.keyboard.type(text);
}

// The page's query, once the address bar has caught up with the state.
async function query(page: Page): Promise<Record<string, string>> {
  const search = await page.evaluate(async (delay) => {
    await new Promise((r) => setTimeout(r, delay + 100));
    return location.search;
  }, URL_DELAY);
  return Object.fromEntries(new URLSearchParams(search));
}

async function reload(page: Page): Promise<void> {
  await page.reload({ waitUntil: "load" });
  await page.waitForFunction(() =>
    [...document.querySelectorAll("fresh-island")].every((el) =>
      el.hasAttribute("data-hydrated")
    )
  );
}

// The label of the one highlighted node, and the labels on highlighted edges.
function marks(page: Page): Promise<{ node: string; edges: string[] }> {
  return page.evaluate(() => {
    const nodes = document.querySelectorAll(".graph-box g.gv-highlight");
    if (nodes.length !== 1) throw new Error(`${nodes.length} highlighted`);
    return {
      node: nodes[0].querySelector("text")?.textContent ?? "",
      edges: [...document.querySelectorAll(".graph-box g.gv-flow")].map((g) =>
        g.querySelector("text.gv-flow-label")?.textContent ?? ""
      ),
    };
  });
}

browserTest(
  "the lesson pages' controls work in Chromium",
  async ({ open }, t) => {
    await t.step(
      "/expression steps backward to a done state, and back with Previous and ←",
      async () => {
        const { page, errors } = await open("/expression");
        const { root } = evaluate(expression, lectureValues(expression));
        const order = topologicalOrder(root).toReversed().map((n) => n.label);
        equal(await prop(page, "#step-prev", "disabled"), true);
        for (let i = 0; i < order.length; i++) {
          await page.click("#step");
          equal((await marks(page)).node, order[i]);
        }
        // The end: a, reached from e along one edge, −3 × −2.
        equal(order.at(-1), "a");
        equal(await prop(page, "#step", "disabled"), true);
        match(await text(page, ".step-panel"), /Step 7 of 7, node a/);
        match(await text(page, ".step-panel"), /backward\(\) is done/);
        equal((await marks(page)).edges.join(), "−3.0000 × −2.0000");
        // Clicking Next at the end changes nothing.
        await page.click("#step").catch(() => {});
        match(await text(page, ".step-panel"), /Step 7 of 7/);

        await page.click("#step-prev");
        equal((await marks(page)).node, order[5]);
        match(await text(page, ".step-panel"), /Step 6 of 7/);
        ok(!(await text(page, ".step-panel")).includes("done"));
        // Grads not yet reached show 0 again: a's is back to 0.
        equal((await drawnNodes(page)).a[1], "grad 0.0000");
        // The arrow keys, with the focus outside the sliders.
        await page.evaluate(() =>
          (document.activeElement as HTMLElement).blur()
        );
        await page.keyboard.press("ArrowLeft");
        equal((await marks(page)).node, order[4]);
        await page.keyboard.press("ArrowLeft");
        await page.keyboard.press("ArrowRight");
        equal((await marks(page)).node, order[4]);
        // The step list jumps anywhere: d is step 3.
        await page.click('.step-list button[aria-label="Step 3: d"]');
        equal((await marks(page)).node, "d");
        equal(
          await page.$eval(
            ".step-list button[aria-current=step]",
            (b) => b.textContent,
          ),
          "d",
        );
        // d's grad comes from L's product: ∂L/∂d × L.grad = f × 1.
        equal((await marks(page)).edges.join(), "−2.0000 × 1.0000");
        equal((await query(page)).step, "3");
        // Reloaded, the page is at the same step.
        await reload(page);
        equal((await marks(page)).node, "d");
        match(await text(page, ".step-panel"), /Step 3 of 7, node d/);
        assertNoErrors(errors);
        await page.close();
      },
    );

    await t.step(
      "/expression's URL follows the sliders and the drawing, and a reload restores them",
      async () => {
        const { page, errors } = await open("/expression");
        equal(await page.evaluate(() => location.search), "");
        await slide(page, "a", 3);
        const q = await query(page);
        equal(q.a, "3");
        equal(q.b, "-3");
        await page.click("#rankdir");
        equal((await query(page)).rankdir, "TB");
        await reload(page);
        equal(await text(page, "#L-value"), "−2.000000");
        equal(await prop(page, "#leaf-a", "value"), "3");
        equal(
          await prop(page, 'input[aria-label="a slider"]', "value"),
          "3",
        );
        equal(await text(page, "#rankdir"), "Draw left to right");
        // The nudge's values are written so that they read back exactly.
        await page.click("#reset");
        await page.click("#nudge");
        const nudged = await text(page, "#L-value");
        equal(nudged, "−7.286496");
        equal((await query(page)).a, "2.06");
        await reload(page);
        equal(await text(page, "#L-value"), nudged);
        assertNoErrors(errors);
        await page.close();
      },
    );

    await t.step(
      "/expression's table rows and graph nodes highlight each other",
      async () => {
        const { page, errors } = await open("/expression");
        await page.hover('tr[data-leaf="b"]');
        equal(
          await page.$eval(
            ".graph-box g.gv-hover",
            (g) => g.querySelector("text")?.textContent,
          ),
          "b",
        );
        await page.hover('.graph-box g.node[id="n0"] polygon');
        equal(
          await page.$eval("tr.hovered", (r) => r.getAttribute("data-leaf")),
          "a",
        );
        assertNoErrors(errors);
        await page.close();
      },
    );

    await t.step(
      "a number box given 99 shows its range and settles at the range's end on blur",
      async () => {
        const { page, errors } = await open("/expression");
        await retype(page, "#leaf-b", "99");
        equal(await prop(page, "#leaf-b", "ariaInvalid"), "true");
        equal(await text(page, "#leaf-b-range"), "Must be from −10 to 10");
        ok(await page.$eval("#leaf-b-range", (e) => e.clientWidth > 20));
        await page.keyboard.press("Tab");
        equal(await prop(page, "#leaf-b", "value"), "10");
        equal(
          await prop(page, 'input[aria-label="b slider"]', "value"),
          "10",
        );
        // L = (2*10 + 10)*-2 = -60, and the box is valid again.
        equal(await text(page, "#L-value"), "−60.000000");
        equal(await prop(page, "#leaf-b", "ariaInvalid"), "false");
        // Text that is no number goes back to the last good value.
        await retype(page, "#leaf-c", "");
        await page.keyboard.press("Tab");
        equal(await prop(page, "#leaf-c", "value"), "10");
        assertNoErrors(errors);
        await page.close();
      },
    );

    await t.step(
      "/neuron's URL follows the sliders, and its playground links give the same o",
      async () => {
        const { page, errors } = await open("/neuron");
        equal(await text(page, "#o-value"), "0.7071");
        await slide(page, "x2", 1);
        equal((await query(page)).x2, "1");
        // b keeps every digit: 6.8813735870195432 reads back as itself.
        equal(Number((await query(page)).b), neuron.leaves[4].value);
        const o = await text(page, "#o-value");
        await reload(page);
        equal(await text(page, "#o-value"), o);
        equal((await drawnNodes(page, 1)).x2[0], "data 1.0000");
        for (const id of ["#playground-tanh", "#playground-exp"]) {
          const href = await page.$eval(id, (a) => a.getAttribute("href")!);
          const { page: pg, errors: pgErrors } = await open(href);
          equal(await text(pg, "#program-output"), o, id);
          assertNoErrors(pgErrors);
          await pg.close();
        }
        assertNoErrors(errors);
        await page.close();
      },
    );

    await t.step(
      "/mlp's URL holds seed, rate, view and training; a reload gives the same loss",
      async () => {
        const { page, errors } = await open("/mlp");
        await retype(page, "#learning-rate", "0.05");
        await page.click("#step-once");
        await retype(page, "#learning-rate", "0.2");
        await page.click("#train-n");
        await page.click("#view-full");
        const q = await query(page);
        equal(q.seed, "42");
        equal(q.lr, "0.2");
        equal(q.view, "full");
        equal(q.train, "1@0.05,20@0.2");
        const run = lectureRun(42, [{ steps: 1, rate: 0.05 }, {
          steps: 20,
          rate: 0.2,
        }]);
        equal(await text(page, "#loss"), fixed(run.losses[21], 6));
        await reload(page);
        equal(await text(page, "#step-count"), "21");
        equal(await text(page, "#loss"), fixed(run.losses[21], 6));
        equal(await prop(page, "#learning-rate", "value"), "0.2");
        equal(
          await page.$eval("#view-full", (b) => b.getAttribute("aria-pressed")),
          "true",
        );
        equal(await page.$("#saturation"), null);
        assertNoErrors(errors);
        await page.close();
      },
    );

    await t.step(
      "/mlp says why a learning rate of 1 leaves the loss at 8",
      async () => {
        const { page, errors } = await open("/mlp");
        await retype(page, "#learning-rate", "1");
        await retype(page, "#steps", "100");
        await page.click("#train-n");
        equal(await text(page, "#loss"), "8.000000");
        match(await text(page, "#saturation"), /saturated/);
        // Out of range, the box shows why and settles on blur.
        await retype(page, "#learning-rate", "5");
        match(await text(page, ".readout"), /must be from 0.001 to 1/);
        await page.keyboard.press("Tab");
        equal(await prop(page, "#learning-rate", "value"), "1");
        assertNoErrors(errors);
        await page.close();
      },
    );

    await t.step(
      "/playground points at an unclosed bracket and marks its last graph stale",
      async () => {
        const { page, errors } = await open("/playground");
        ok(!(await page.$(".program-graph.stale")));
        await page.evaluate(() => {
          const area = document.querySelector<HTMLTextAreaElement>("#program")!;
          area.value = "a = 2\nb = a * (3 +\nc = b";
          area.dispatchEvent(new Event("input", { bubbles: true }));
        });
        equal(
          await text(page, ".program-error .error-message"),
          "Line 2, column 9: '(' was never closed",
        );
        equal(await text(page, ".caret"), "b = a * (3 +\n        ^");
        ok(await page.$(".program-graph.stale"));
        match(await text(page, "#stale-note"), /Not up to date/);
        // Closing it brings the graph up to date: 2 * (3 + 1) = 8.
        await page.evaluate(() => {
          const area = document.querySelector<HTMLTextAreaElement>("#program")!;
          area.value = "a = 2\nb = a * (3 +\n1)";
          area.dispatchEvent(new Event("input", { bubbles: true }));
        });
        equal(await text(page, "#program-output"), "8.0000");
        ok(!(await page.$(".program-graph.stale")));
        // 400 for the program in the URL is the page's answer, not an error.
        assertNoErrors(errors);
        await page.close();
      },
    );
  },
);
