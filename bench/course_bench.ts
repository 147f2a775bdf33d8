// The course and the embed script: server time for each chapter of /learn
// (the app's handler answering GET, drawing the chapter's graph to SVG), and,
// run as a script, the size of /embed.js and its chunks and of each chapter's
// initial JavaScript in headless Chromium:
//   deno bench --allow-read --allow-env --allow-run bench/course_bench.ts
//   deno run -A bench/course_bench.ts        # medians and sizes
// (Under plain `deno task bench` it is skipped with a note.)
import { createApp } from "../main.ts";
import { CHAPTERS } from "../lessons/course.ts";

const PATHS = ["/learn", ...CHAPTERS.map((c) => `/learn/${c.slug}`)];
const allowed = (["env", "run"] as const).every((name) =>
  Deno.permissions.querySync({ name }).state === "granted"
);

async function gzipSize(bytes: Uint8Array): Promise<number> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream()
    .pipeThrough(new CompressionStream("gzip"));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

if (!allowed) {
  console.warn(
    "bench/course_bench.ts skipped: it needs --allow-env --allow-run to build the app",
  );
  for (const path of PATHS) {
    Deno.bench({ name: `GET ${path}`, ignore: true, fn() {} });
  }
} else {
  const app = await createApp();
  const get = async (path: string) => {
    const res = await app.handler(new Request(`http://localhost${path}`));
    return new Uint8Array(await res.arrayBuffer());
  };
  for (const path of PATHS) {
    Deno.bench(`GET ${path}`, { group: "course" }, async () => {
      await get(path);
    });
  }
  if (import.meta.main) {
    for (const path of PATHS) {
      for (let k = 0; k < 10; k++) await get(path); // warm up
      const times: number[] = [];
      for (let k = 0; k < 100; k++) {
        const t = performance.now();
        await get(path);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      console.log(
        `GET ${path}`.padEnd(28),
        `median ${times[50].toFixed(2)} ms`,
      );
    }
    const { embedBundle } = await import("../server/embed_bundle.ts");
    for (const [path, file] of await embedBundle()) {
      console.log(
        path.padEnd(28),
        `${(file.contents.length / 1024).toFixed(1)} KB, ${
          ((await gzipSize(file.contents)) / 1024).toFixed(1)
        } KB gzip`,
      );
    }
    const { hasChromium, initialScripts, launchBrowser, startServer } =
      await import("../tests/_browser.ts");
    if (hasChromium()) {
      const server = await startServer();
      const browser = await launchBrowser();
      try {
        for (const path of PATHS.slice(1)) {
          const s = await initialScripts(browser, server.url + path);
          console.log(
            `initial JS ${path}`.padEnd(28),
            `${(s.gzipBytes / 1024).toFixed(1)} KB gzip in ${s.files} files`,
          );
        }
      } finally {
        await browser.close();
        await server.close();
      }
    }
  }
}
