// The app under issue 13's hostile load, through its handler: twenty slow
// playground programs at once fill the layout pool, and the rest of the
// site keeps answering. (Speed is measured in bench/app_load.ts.)
import { equal, ok } from "node:assert/strict";
import { createApp } from "../main.ts";
import { layoutPool } from "../server/layout.ts";
import { SLOW_PROGRAMS, SLOW_Y } from "./_slow_programs.ts";

const app = await createApp();

async function get(path: string) {
  const res = await app.handler(new Request(`http://localhost${path}`));
  return { res, html: await res.text() };
}

const BUSY = "Server busy, not drawn — it draws in your browser.";

Deno.test("GET / is answered while twenty slow playground programs fill the layout pool", async () => {
  // What finished, in order: "drawn" for a playground page with its graph.
  const finished: string[] = [];
  const slow = SLOW_PROGRAMS.map(async (program) => {
    const page = await get(
      `/playground?program=${encodeURIComponent(program)}`,
    );
    finished.push(page.html.includes("<svg") ? "drawn" : "not drawn");
    return page;
  });
  // The pool took what it can hold: every Worker runs, the queue is full.
  const accepted = layoutPool.workers + layoutPool.queue;
  const stats = layoutPool.stats();
  equal(stats.running, layoutPool.workers);
  equal(stats.waiting, layoutPool.queue);
  const home = await get("/");
  finished.push("/");
  equal(home.res.status, 200);
  ok(home.html.includes("<h1>Backpropagation you can see</h1>"));
  // GET / did not wait for any layout: none had finished before it.
  equal(finished.indexOf("drawn"), -1, finished.join(", "));
  ok(layoutPool.stats().running > 0);

  const pages = await Promise.all(slow);
  let busy = 0;
  for (const { res, html } of pages) {
    equal(res.status, 200);
    // Every page has its table and output, drawn or not.
    ok(html.includes(`<output id="program-output">${SLOW_Y}.0000</output>`));
    ok(html.includes('<tr data-name="y">'));
    if (html.includes(BUSY)) {
      busy++;
      ok(!html.includes("<svg"));
      ok(html.includes('"svg":"","busy":true}'));
    }
  }
  // The programs the pool could not take were sent at once, to be drawn in
  // the browser.
  ok(busy >= SLOW_PROGRAMS.length - accepted, `${busy} busy`);
  equal(layoutPool.stats().running, 0);
});
