// /train through the app's handler: the setup from the query (400 when it
// is invalid), micrograd's step-0 numbers by default, the page's rules.
import { deepEqual, equal, ok } from "node:assert/strict";
import { createApp } from "../main.ts";

const app = await createApp();

async function get(path: string) {
  const res = await app.handler(new Request(`http://localhost${path}`));
  return { res, html: await res.text() };
}

// The island's props: the JSON of the page's only island.
function props(html: string) {
  const json =
    /<script type="application\/json" id="__FRESH_STATE__"[^>]*>(.*?)<\/script>/s
      .exec(html)![1];
  return JSON.parse(json)[0];
}

Deno.test("/train answers micrograd's demo by default, with its step-0 loss and no inline styles or handlers", async () => {
  const { res, html } = await get("/train");
  equal(res.status, 200);
  ok(html.includes('data-island="TrainPlayground"'));
  ok(html.includes('<output id="train-loss">0.8958441028683222</output>'));
  ok(html.includes('<span id="train-accuracy">50%</span>'));
  ok(html.includes('<a href="/train" aria-current="page"'));
  ok(!/\son[a-z]+=/i.test(html));
  ok(!/\sstyle=/i.test(html));
  const { setup, initial } = props(html);
  deepEqual(setup.layers, [16, 16]);
  equal(initial.loss, 0.8958441028683222);
  equal(initial.testLoss, null);
});

Deno.test("/train reads every setting from the query", async () => {
  const { res, html } = await get(
    "/train?data=spiral&points=200&test=20&features=x,y,sinx&layers=8,8&activation=tanh&loss=mse&rate=0.3&decay=off&reg=l1&lambda=0.001&batch=10&steps=300&speed=5",
  );
  equal(res.status, 200);
  const { setup, initial } = props(html);
  equal(setup.data, "spiral");
  deepEqual(setup.features, ["x", "y", "sinx"]);
  deepEqual(setup.layers, [8, 8]);
  equal(setup.batch, 10);
  ok(initial.testLoss > 0);
  ok(html.includes('id="train-test-loss"'));
});

Deno.test("/train answers a bad setting with 400 naming it", async () => {
  for (
    const [query, message] of [
      ["layers=4,99", 'layers must be up to 6 sizes from 1 to 16, got "4,99"'],
      [
        "data=swirl",
        "data must be one of moons, circles, xor, spiral, gauss, yinyang",
      ],
      ["points=abc", 'points must be an integer from 10 to 1000, got "abc"'],
      ["colour=red", 'unknown parameter "colour"'],
    ]
  ) {
    const { res, html } = await get(`/train?${query}`);
    equal(res.status, 400, query);
    ok(
      html.includes(`Invalid query: ${message}`.replaceAll('"', "&quot;")),
      `${query}: ${html.slice(html.indexOf("<main"), html.indexOf("</main>"))}`,
    );
  }
});

Deno.test("/train ships under 40 KB gzip of initial JavaScript, without Viz.js", async () => {
  const { html } = await get("/train");
  const urls = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)]
    .map((m) => m[1]);
  let total = 0;
  for (const url of urls) {
    const file = app.bundle.files.get(url)!;
    ok(file.contents.byteLength < 200_000, `${url} is not Viz.js`);
    const stream = new Blob([file.contents as Uint8Array<ArrayBuffer>])
      .stream()
      .pipeThrough(new CompressionStream("gzip"));
    total += (await new Response(stream).arrayBuffer()).byteLength;
  }
  ok(total > 0 && total < 40_000, `${total} bytes gzip`);
});
