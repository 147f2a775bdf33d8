// The course and the embeddable graph in headless Chromium: the course
// walked from chapter 1 to 8 with the keyboard, chapter 3's grads filled
// in (wrong, then right), and a plain page on another origin, with a strict
// CSP, embedding two <gradviz-graph> elements and a chapter in an iframe.
import { deepEqual, equal, ok } from "node:assert/strict";
import type { Page } from "puppeteer-core";
import {
  assertNoErrors,
  browserTest,
  drawnNodes,
  settledQuery,
} from "./_browser.ts";
import { CHAPTERS } from "../lessons/course.ts";

const hydrated = (page: Page) =>
  page.waitForFunction(() =>
    [...document.querySelectorAll("fresh-island")].every((el) =>
      el.hasAttribute("data-hydrated")
    )
  );

// Presses Tab until the focused element matches `selector`.
async function tabTo(page: Page, selector: string, limit = 200) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (
      await page.evaluate((s) => document.activeElement?.matches(s), selector)
    ) {
      return;
    }
  }
  throw new Error(`Cannot reach ${selector} with Tab in ${limit} presses`);
}

browserTest(
  "a reader walks the course from chapter 1 to 8 with the keyboard, and the contents remember it",
  async ({ open }) => {
    const { page, errors } = await open("/learn/value", {
      width: 390,
      height: 844,
    });
    // Read chapter 2 first: the contents offer chapter 3 next.
    await page.goto(page.url().replace("/learn/value", "/learn"));
    await page.waitForSelector("#continue");
    equal(
      await page.$eval("#continue", (a) => a.textContent),
      "Continue with chapter 3",
    );
    await page.goto(page.url() + "/derivative");
    await hydrated(page);
    for (const [i, chapter] of CHAPTERS.entries()) {
      equal(
        await page.$eval(
          "article.chapter",
          (a) => a.getAttribute("data-chapter"),
        ),
        String(i + 1),
      );
      ok(page.url().endsWith(`/learn/${chapter.slug}`), page.url());
      // Readable on a phone: nothing wider than the screen.
      const width = await page.evaluate(() =>
        document.documentElement.scrollWidth
      );
      ok(width <= 390, `${chapter.slug} is ${width}px wide`);
      if (i === CHAPTERS.length - 1) break;
      await tabTo(page, 'a[rel="next"]');
      await Promise.all([
        page.waitForNavigation(),
        page.keyboard.press("Enter"),
      ]);
      await hydrated(page);
    }
    equal(await page.$('a[rel="next"]'), null);
    await page.goto(page.url().replace(/\/learn\/.*$/, "/learn"));
    await page.waitForSelector(".course-progress");
    await page.waitForFunction(() =>
      document.querySelector(".course-progress")?.textContent?.includes("All 8")
    );
    equal(await page.$$eval(".course-toc li.visited", (l) => l.length), 8);
    assertNoErrors(errors);
  },
);

browserTest(
  "chapter 3 checks each grad against the engine, then backward() fills them and the nudge takes L to −7.286496",
  async ({ open }) => {
    const { page, errors } = await open("/learn/backprop");
    const verdict = (name: string) =>
      page.$eval(
        `#grad-${name} ~ .verdict`,
        (o) => o.textContent,
      );
    await page.type("#grad-L", "1");
    equal(await verdict("L"), "L.grad = 1 ✓");
    await page.type("#grad-d", "3");
    ok((await verdict("d"))!.startsWith("✗ not 3: d.grad = ∂L/∂d × L.grad"));
    equal(
      await page.$eval("#grad-d", (i) => i.getAttribute("aria-invalid")),
      "true",
    );
    deepEqual((await drawnNodes(page)).d, ["data 4.0000", "grad 0.0000"]);
    // The right answers, root down.
    const answers = { f: "4", d: "-2", c: "-2", e: "-2", b: "-4", a: "6" };
    for (const [name, value] of Object.entries(answers)) {
      await page.click(`#grad-${name}`, { count: 3 });
      await page.keyboard.press("Backspace");
      await page.type(`#grad-${name}`, value);
    }
    equal(await verdict("d"), "d.grad = −2 ✓");
    equal(await verdict("a"), "a.grad = 6 ✓");
    deepEqual(await settledQuery(page, { "d.grad": "-2" }), { "d.grad": "-2" });
    const drawn = await drawnNodes(page);
    deepEqual(
      Object.fromEntries(Object.entries(drawn).map(([k, [, g]]) => [k, g])),
      {
        a: "grad 6.0000",
        b: "grad −4.0000",
        c: "grad −2.0000",
        d: "grad −2.0000",
        e: "grad −2.0000",
        f: "grad 4.0000",
        L: "grad 1.0000",
      },
    );
    // Start again, let backward() do it, then nudge.
    await page.click("#reset");
    deepEqual(await settledQuery(page, { "d.grad": null }), { "d.grad": null });
    deepEqual((await drawnNodes(page)).a, ["data 2.0000", "grad 0.0000"]);
    await page.click("#run-backward");
    deepEqual((await drawnNodes(page)).a, ["data 2.0000", "grad 6.0000"]);
    equal(await verdict("b"), "b.grad = −4 ✓");
    await page.click("#nudge");
    equal(await page.$eval("#L-value", (o) => o.textContent), "L = −7.286496");
    const nudged = { a: "2.06", backward: "1" };
    deepEqual(await settledQuery(page, nudged), nudged);
    assertNoErrors(errors);
  },
);

browserTest(
  "two <gradviz-graph> elements live on another site's page under a strict CSP, and a slider moves only its own graph",
  async ({ url, browser }) => {
    const html = (await Deno.readTextFile(
      new URL("./fixtures/embed_host.html", import.meta.url),
    )).replaceAll("{{ORIGIN}}", url);
    // The teacher's site: another origin (127.0.0.1 vs localhost), its own CSP.
    const csp = [
      "default-src 'none'",
      `script-src ${url} 'wasm-unsafe-eval'`,
      "style-src 'self'",
      "img-src data:", // the fixture's blank favicon
      `frame-src ${url}`,
    ].join("; ");
    const host = Deno.serve(
      { port: 0, hostname: "127.0.0.1", onListen() {} },
      (req) => {
        const path = new URL(req.url).pathname;
        if (path === "/host.css") {
          return new Response(
            "svg, input, output { display: none !important; } * { color: red; }",
            { headers: { "Content-Type": "text/css" } },
          );
        }
        return new Response(html, {
          headers: {
            "Content-Type": "text/html; charset=utf-8",
            "Content-Security-Policy": csp,
          },
        });
      },
    );
    const page = await browser.newPage();
    try {
      const errors: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(`console: ${m.text()}`);
      });
      page.on("pageerror", (e) => errors.push(`page: ${e}`));
      page.on(
        "requestfailed",
        (r) =>
          errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`),
      );
      await page.emulateMediaFeatures([
        { name: "prefers-color-scheme", value: "dark" },
      ]);
      await page.goto(`http://127.0.0.1:${host.addr.port}/`, {
        waitUntil: "load",
      });
      await page.waitForFunction(() =>
        [...document.querySelectorAll("gradviz-graph")].every((el) =>
          el.shadowRoot?.querySelector("svg")
        )
      );
      // Each graph's record texts by label.
      const texts = (id: string) =>
        page.$eval(`#${id}`, (el) => {
          const out: Record<string, string[]> = {};
          for (const g of el.shadowRoot!.querySelectorAll("g.node")) {
            const t = [...g.querySelectorAll("text")].map((t) =>
              t.textContent!
            );
            if (t.length === 3) out[t[0]] = t.slice(1);
          }
          return out;
        });
      deepEqual(await texts("first"), {
        a: ["data 2.0000", "grad −3.0000"],
        b: ["data −3.0000", "grad 2.0000"],
        L: ["data −6.0000", "grad 1.0000"],
      });
      const second = await texts("second");
      deepEqual(second.x, ["data 3.0000", "grad 6.0000"]);
      deepEqual(second.y, ["data 10.0000", "grad 1.0000"]);
      // The host's CSS does not reach inside: the drawing and sliders show.
      const shown = await page.$eval("#first", (el) => {
        const svg = el.shadowRoot!.querySelector("svg")!
          .getBoundingClientRect();
        const input = el.shadowRoot!.querySelector("input")!
          .getBoundingClientRect();
        return svg.width > 100 && input.width > 50;
      });
      ok(shown);
      // Dark mode follows the host's prefers-color-scheme.
      equal(
        await page.$eval(
          "#first",
          (el) => getComputedStyle(el).backgroundColor,
        ),
        "rgb(17, 24, 39)",
      );
      // …unless the host says otherwise (theme="light").
      equal(
        await page.$eval(
          "#second",
          (el) => getComputedStyle(el).backgroundColor,
        ),
        "rgb(255, 255, 255)",
      );
      // Top to bottom by attribute: the second graph is taller than wide.
      ok(
        await page.$eval("#second", (el) => {
          const r = el.shadowRoot!.querySelector("svg")!
            .getBoundingClientRect();
          return r.height > r.width;
        }),
      );
      // Move slider a of the first graph to 3.
      await page.$eval("#first", (el) => {
        const input = el.shadowRoot!.querySelector<HTMLInputElement>(
          'input[name="a"]',
        )!;
        input.value = "3";
        input.dispatchEvent(new Event("input", { bubbles: true }));
      });
      deepEqual(await texts("first"), {
        a: ["data 3.0000", "grad −3.0000"],
        b: ["data −3.0000", "grad 3.0000"],
        L: ["data −9.0000", "grad 1.0000"],
      });
      deepEqual(await texts("second"), second);
      // A new program by attribute: a bad one shows its error, a good one redraws.
      await page.$eval("#second", (el) => el.setAttribute("program", "y = z"));
      equal(
        await page.$eval(
          "#second",
          (el) => el.shadowRoot!.querySelector(".error")?.textContent,
        ),
        "gradviz-graph: 1:5: unknown name 'z'",
      );
      await page.$eval(
        "#second",
        (el) => el.setAttribute("program", "q = 4; r = q*q"),
      );
      await page.waitForFunction(() =>
        document.querySelector("#second")!.shadowRoot!.querySelector("svg")
      );
      deepEqual((await texts("second")).q, ["data 4.0000", "grad 8.0000"]);
      // The chapter in the iframe: framed, without the site's header.
      const frame = page.frames().find((f) => f.url().includes("/learn/value"));
      ok(frame, "the chapter's iframe loaded");
      await frame.waitForSelector("main.embedded");
      equal(await frame.$("header.site"), null);
      assertNoErrors(errors);
    } finally {
      await page.close();
      await host.shutdown();
    }
  },
);

browserTest(
  "chapters 1, 2, 4 and 5 follow their controls and keep their state in the address",
  async ({ open }) => {
    // Chapter 1: a step button changes the slope and the address.
    let { page, errors } = await open("/learn/derivative");
    const buttons = await page.$$(".derivative .actions button");
    await buttons[1].click(); // h = 0.1
    equal(
      await page.$eval("#slope", (o) => o.textContent),
      "(f(x + h) − f(x))/h = 14.300000",
    );
    deepEqual(await settledQuery(page, { h: "0.1" }), { h: "0.1" });
    assertNoErrors(errors);
    await page.close();

    // Chapter 2: a leaf's number box changes L and the address.
    ({ page, errors } = await open("/learn/value"));
    await page.click("#leaf-a", { count: 3 });
    await page.type("#leaf-a", "3");
    equal(
      await page.$eval("#root-value", (o) => o.textContent),
      "L = Value(data=-2)",
    );
    deepEqual((await drawnNodes(page)).L, ["data −2.0000", "grad 0.0000"]);
    deepEqual(await settledQuery(page, { a: "3" }), { a: "3" });
    assertNoErrors(errors);
    await page.close();

    // Chapter 4: cell 1 is redrawn by the lazy Viz.js; back at cell 5, the
    // lecture's b and o.backward() give 0.7071 and the grads.
    ({ page, errors } = await open("/learn/neuron"));
    equal(await page.$eval("#root-value", (o) => o.textContent), "o = 0.6044");
    const cells = await page.$$(".cells button");
    await cells[0].click();
    await page.waitForFunction(() =>
      document.querySelectorAll(".graph-box g.node").length === 4
    );
    deepEqual(Object.keys(await drawnNodes(page)).sort(), [
      "w1",
      "x1",
      "x1*w1",
    ]);
    deepEqual(await settledQuery(page, { cell: "1" }), { cell: "1" });
    await cells[4].click();
    await page.waitForFunction(() =>
      [...document.querySelectorAll(".graph-box text")].some((t) =>
        t.textContent === "o"
      )
    );
    await page.click("#lecture-b");
    await page.click("#run-backward");
    equal(await page.$eval("#root-value", (o) => o.textContent), "o = 0.7071");
    deepEqual((await drawnNodes(page)).x1, ["data 2.0000", "grad −1.5000"]);
    const lecture = { b: "6.881373587019543", backward: "1" };
    deepEqual(await settledQuery(page, lecture), lecture);
    assertNoErrors(errors);
    await page.close();

    // Chapter 5: both graphs follow a; the grads stay 1 and 2.
    ({ page, errors } = await open("/learn/accumulate"));
    await page.click("#leaf-a", { count: 3 });
    await page.type("#leaf-a", "-2");
    deepEqual((await drawnNodes(page, 0)).b, ["data −4.0000", "grad 1.0000"]);
    deepEqual((await drawnNodes(page, 0)).a, ["data −2.0000", "grad 1.0000"]);
    deepEqual((await drawnNodes(page, 1)).a, ["data −2.0000", "grad 2.0000"]);
    assertNoErrors(errors);
  },
);
