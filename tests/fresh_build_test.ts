// The Fresh-style layer's production build on the fixture app
// (tests/fixtures/app): buildApp() writes it, createApp({ build }) serves it
// while it fits the sources, and bundles afresh when it does not.
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";
import { buildApp, createApp } from "fresh";

const FIXTURE = new URL("./fixtures/app", import.meta.url);

async function withBuild(
  body: (outDir: string) => Promise<void>,
): Promise<void> {
  const outDir = await Deno.makeTempDir({ prefix: "gradviz-build-" });
  try {
    await body(outDir);
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
}

// Runs `fn` with console.warn captured.
async function warned<T>(fn: () => Promise<T>): Promise<[T, string]> {
  const original = console.warn;
  let logged = "";
  console.warn = (...args: unknown[]) => logged += args.join(" ") + "\n";
  try {
    return [await fn(), logged];
  } finally {
    console.warn = original;
  }
}

Deno.test("buildApp() writes content-hashed bundles and a manifest of them", async () => {
  await withBuild(async (outDir) => {
    const manifest = await buildApp({ root: FIXTURE, outDir });
    deepEqual(Object.keys(manifest.islands), ["Counter", "Lazy", "Total"]);
    match(manifest.boot.url, /^\/_fresh\/js\/boot-[A-Z0-9]{8}\.js$/);
    for (const url of manifest.files) {
      match(url, /^\/_fresh\/js\/[A-Za-z]+-[A-Z0-9]{8}\.js$/);
      ok((await Deno.stat(join(outDir, url.slice("/_fresh/".length)))).isFile);
    }
    ok(manifest.files.includes(manifest.islands.Counter.url));
    // The fixture's own sources, hashed; no node_modules.
    ok("islands/Counter.tsx" in manifest.inputs);
    ok("lib/shared.ts" in manifest.inputs);
    ok(Object.keys(manifest.inputs).every((p) => !p.includes("node_modules")));
    deepEqual(
      JSON.parse(await Deno.readTextFile(join(outDir, "manifest.json"))),
      manifest,
    );
  });
});

Deno.test("createApp({ build }) serves the build, byte for byte, with immutable caching", async () => {
  await withBuild(async (outDir) => {
    const manifest = await buildApp({ root: FIXTURE, outDir });
    const app = await createApp({ root: FIXTURE, build: outDir });
    ok(app.fromBuild);
    const html = await (await app.handler(new Request("http://x/counter")))
      .text();
    ok(html.includes(manifest.islands.Counter.url));
    for (const url of manifest.files) {
      const res = await app.handler(new Request(`http://x${url}`));
      equal(res.status, 200, url);
      equal(
        res.headers.get("Cache-Control"),
        "public, max-age=31536000, immutable",
      );
      deepEqual(
        new Uint8Array(await res.arrayBuffer()),
        await Deno.readFile(join(outDir, url.slice("/_fresh/".length))),
      );
    }
  });
});

Deno.test("a build that no longer fits the sources is not served: the islands are bundled at start", async () => {
  await withBuild(async (outDir) => {
    const manifest = await buildApp({ root: FIXTURE, outDir });
    const path = join(outDir, "manifest.json");
    // As if islands/Counter.tsx had changed since the build.
    manifest.inputs["islands/Counter.tsx"] = "0".repeat(64);
    await Deno.writeTextFile(path, JSON.stringify(manifest));
    const [stale, log] = await warned(() =>
      createApp({ root: FIXTURE, build: outDir })
    );
    equal(stale.fromBuild, false);
    match(
      log,
      /^Not serving the build in .*: islands\/Counter\.tsx changed; bundling the islands instead/,
    );
    // As if an island had been added since.
    manifest.inputs["islands/Counter.tsx"] =
      (await buildApp({ root: FIXTURE, outDir })).inputs["islands/Counter.tsx"];
    delete manifest.islands.Total;
    await Deno.writeTextFile(path, JSON.stringify(manifest));
    const [fewer, why] = await warned(() =>
      createApp({ root: FIXTURE, build: outDir })
    );
    equal(fewer.fromBuild, false);
    match(why, /it has the islands Counter, Lazy, not Counter, Lazy, Total/);
  });
});

Deno.test("without a build, or in development, the islands are bundled at start", async () => {
  await withBuild(async (outDir) => {
    const [none, log] = await warned(() =>
      createApp({ root: FIXTURE, build: join(outDir, "missing") })
    );
    equal(none.fromBuild, false);
    equal(log, "");
    await buildApp({ root: FIXTURE, outDir });
    const dev = await createApp({ root: FIXTURE, build: outDir, dev: true });
    equal(dev.fromBuild, false);
  });
});
