// The production build (`deno task build`, served by main.ts without
// esbuild) and the one-file binary (`deno task compile`), each run as a real
// server on loopback and asked for every page, static file and bundle.
import { deepEqual, equal, match, ok } from "node:assert/strict";
import { join } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname;
const PAGES = [
  "/",
  "/expression",
  "/neuron",
  "/mlp",
  "/playground",
  "/moons",
  "/train",
  "/learn",
  "/learn/backprop",
  "/embed",
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(cmd: string, args: string[]): Promise<Run> {
  const out = await new Deno.Command(cmd, {
    args,
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  return {
    code: out.code,
    stdout: text.decode(out.stdout),
    stderr: text.decode(out.stderr),
  };
}

/** Starts `cmd args` with PORT=0 in `cwd`, waits for its address, returns it and what it printed first. */
async function start(cmd: string, args: string[], cwd: string) {
  const child = new Deno.Command(cmd, {
    args,
    cwd,
    env: { PORT: "0", NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let printed = "";
  let url = "";
  while (!url) {
    const { value, done } = await lines.read();
    if (done) {
      const err = await new Response(child.stderr).text();
      throw new Error(`Cannot start ${cmd}: it exited: ${err}`);
    }
    printed += value;
    url = /gradviz: (http:\/\/\S+?)\/?\n/.exec(printed)?.[1] ?? "";
  }
  const drained = (async () => {
    while (!(await lines.read()).done) { /* discard */ }
  })();
  const stderr = new Response(child.stderr).text();
  return {
    url,
    printed,
    async close(): Promise<string> {
      child.kill("SIGTERM");
      await child.status;
      await drained;
      return await stderr;
    },
  };
}

/** Every file under `static/`, as the URL paths it is served at. */
async function staticPaths(
  dir = join(ROOT, "static"),
  at = "",
): Promise<string[]> {
  const paths: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = `${at}/${entry.name}`;
    if (entry.isDirectory) {
      paths.push(...await staticPaths(join(dir, entry.name), path));
    } else paths.push(path);
  }
  return paths.sort();
}

/**
 * Asks the server at `url` for every page, every static file and every file
 * of the build, and checks each page's scripts are files of the build.
 */
async function servesTheSite(url: string, built: Set<string>): Promise<void> {
  for (const path of PAGES) {
    const res = await fetch(url + path);
    equal(res.status, 200, path);
    const html = await res.text();
    ok(html.includes("</html>"), path);
    // Every bundle a page loads is a file of the build.
    for (
      const [, src] of html.matchAll(/(?:src|href)="(\/_fresh\/js\/[^"]+)"/g)
    ) {
      ok(built.has(src), `${path} loads ${src}, not in the build`);
    }
  }
  // The embeddable element comes from the build too: no esbuild ran for it.
  const embedded: string[] = JSON.parse(
    await Deno.readTextFile(join(ROOT, "_fresh", "embed", "files.json")),
  );
  ok(embedded.includes("/embed.js"));
  for (const path of embedded) {
    const res = await fetch(url + path);
    equal(res.status, 200, path);
    equal(res.headers.get("Access-Control-Allow-Origin"), "*", path);
    await res.body?.cancel();
  }
  for (const path of [...await staticPaths(), ...built]) {
    const res = await fetch(url + path);
    equal(res.status, 200, path);
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (!path.startsWith("/_fresh/")) {
      deepEqual(bytes, await Deno.readFile(join(ROOT, "static", path)), path);
    }
  }
  // A playground graph big enough for the layout pool is drawn by a Worker.
  const program = encodeURIComponent(
    "x = 1\ny = " + Array(30).fill("x").join(" + "),
  );
  const drawn = await (await fetch(`${url}/playground?program=${program}`))
    .text();
  ok(
    drawn.includes(">data 30.0000</text>"),
    "the layout Worker drew the graph",
  );
}

Deno.test("deno task build writes content-hashed bundles and a manifest, and main.ts serves them without esbuild", async () => {
  const build = await run(Deno.execPath(), ["task", "build"]);
  equal(build.code, 0, build.stderr);
  match(
    build.stdout,
    /^gradviz: built \d+ files for \d+ islands and \d+ of <gradviz-graph> into _fresh\/ in \d+ ms$/m,
  );
  const islands: string[] = [];
  for await (const entry of Deno.readDir(join(ROOT, "islands"))) {
    if (entry.name.endsWith(".tsx")) islands.push(entry.name.slice(0, -4));
  }
  const manifest = JSON.parse(
    await Deno.readTextFile(join(ROOT, "_fresh", "manifest.json")),
  );
  deepEqual(Object.keys(manifest.islands).sort(), islands.sort());
  for (const url of manifest.files) {
    match(url, /^\/_fresh\/js\/[A-Za-z]+-[A-Z0-9]{8}\.js$/);
    ok((await Deno.stat(join(ROOT, url))).isFile, url);
  }
  ok(manifest.inputs["islands/Playground.tsx"].match(/^[0-9a-f]{64}$/));

  // No --allow-run and no --allow-write: esbuild could not run.
  const server = await start(Deno.execPath(), [
    "run",
    "--allow-net",
    "--allow-read",
    "--allow-env",
    "main.ts",
  ], ROOT);
  try {
    ok(server.printed.includes("gradviz: serving the build in _fresh/"));
    await servesTheSite(server.url, new Set(manifest.files));
  } finally {
    equal(await server.close(), "");
  }
});

// `deno compile` needs Deno's standalone runtime (denort): from DENORT_BIN,
// or downloaded once into Deno's cache. A machine that can do neither (no
// network but the package registries) cannot compile, so the test is skipped
// there, with this message.
function denortAvailable(): boolean {
  if (Deno.env.get("DENORT_BIN")) return true;
  const home = Deno.env.get("DENO_DIR") ??
    join(Deno.env.get("HOME") ?? "/root", ".cache", "deno");
  try {
    for (
      const entry of Deno.readDirSync(
        join(home, "dl", "release", `v${Deno.version.deno}`),
      )
    ) {
      if (entry.name.startsWith("denort-")) return true;
    }
  } catch { /* not cached */ }
  return Deno.env.get("GRADVIZ_COMPILE") === "1";
}
const canCompile = denortAvailable();
if (!canCompile) {
  console.warn(
    "Skipping the compiled binary test: deno compile needs its denort runtime (set DENORT_BIN, or GRADVIZ_COMPILE=1 to let it download)",
  );
}

Deno.test({
  name:
    "deno task compile makes one binary that serves every page, static file and bundle from any folder",
  ignore: !canCompile,
  async fn() {
    const compile = await run(Deno.execPath(), ["task", "compile"]);
    equal(compile.code, 0, compile.stderr);
    const binary = join(ROOT, "dist", "gradviz");
    const { size } = await Deno.stat(binary);
    console.log(`dist/gradviz: ${(size / 2 ** 20).toFixed(1)} MiB`);
    const manifest = JSON.parse(
      await Deno.readTextFile(join(ROOT, "_fresh", "manifest.json")),
    );
    // Run from an empty folder: everything must come from inside the binary.
    const away = await Deno.makeTempDir({ prefix: "gradviz-binary-" });
    const started = performance.now();
    const server = await start(binary, [], away);
    console.log(
      `dist/gradviz: listening after ${
        Math.round(performance.now() - started)
      } ms`,
    );
    try {
      ok(server.printed.includes("gradviz: serving the build in _fresh/"));
      await servesTheSite(server.url, new Set(manifest.files));
    } finally {
      await server.close();
      await Deno.remove(away, { recursive: true });
    }
  },
});
