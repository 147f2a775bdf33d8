/**
 * Browser-test harness: starts the real server (`main.ts`, a free port) and
 * headless Chromium (puppeteer-core, Debian's `/usr/bin/chromium`), opens
 * pages that record console errors, and stops everything afterwards.
 *
 * ```ts ignore
 * import { browserTest } from "./_browser.ts";
 *
 * browserTest("the home page loads", async ({ open }) => {
 *   const { page, errors } = await open("/");
 *   // … drive `page` …
 *   assertNoErrors(errors);
 * });
 * ```
 *
 * Without Chromium the tests are skipped with a message, except when
 * `CI=true`: then they fail, so CI never passes without them.
 *
 * @module
 */
import { deepEqual } from "node:assert/strict";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { createApp } from "fresh";

/** The Chromium binary: `CHROMIUM` from the environment, else Debian's. */
export const CHROMIUM: string = Deno.env.get("CHROMIUM") ??
  "/usr/bin/chromium";

/** Flags that work on our machines (see PLATFORM.md). */
const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const ROOT = new URL("..", import.meta.url).pathname;

/** A running server. */
export interface Server {
  /** Its base URL, without trailing slash: `http://localhost:8123`. */
  url: string;
  /** Stops it and waits for it to exit. */
  close(): Promise<void>;
}

/**
 * Starts `main.ts` in a child process on a free port (`PORT=0`, or `port`)
 * and waits until it listens.
 */
export async function startServer(port = 0): Promise<Server> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-net",
      "--allow-read",
      "--allow-env",
      "--allow-run",
      "--allow-write",
      "main.ts",
    ],
    cwd: ROOT,
    env: { PORT: String(port), NO_COLOR: "1" },
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  let url = "";
  while (!url) {
    const { value, done } = await lines.read();
    if (done) {
      await child.status;
      throw new Error("Cannot start server: main.ts exited before listening");
    }
    buffered += value;
    url = /gradviz: (http:\/\/\S+?)\/?\n/.exec(buffered)?.[1] ?? "";
  }
  // Keep draining stdout so the server never blocks on a full pipe.
  const drained = (async () => {
    while (!(await lines.read()).done) { /* discard */ }
  })();
  return {
    url,
    async close() {
      child.kill("SIGTERM");
      await child.status;
      await drained;
    },
  };
}

/**
 * Serves the app in folder `root` (for example a test fixture) from this
 * process, on a free port.
 */
export async function serveApp(root: string | URL): Promise<Server> {
  const app = await createApp({ root });
  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen() {} },
    app.handler,
  );
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    close: () => server.shutdown(),
  };
}

/** Launches headless Chromium with a fresh profile; closing it removes the profile. */
export async function launchBrowser(): Promise<Browser> {
  const profile = await Deno.makeTempDir({ prefix: "gradviz-chromium-" });
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...FLAGS, `--user-data-dir=${profile}`],
  });
  browser.once("disconnected", () => {
    Deno.remove(profile, { recursive: true }).catch(() => {});
  });
  return browser;
}

/** A page opened by {@linkcode BrowserContext.open}, with what went wrong on it. */
export interface OpenedPage {
  /** The page, loaded, its islands hydrated. */
  page: Page;
  /** Console errors, uncaught exceptions and failed requests, as text. */
  errors: string[];
}

/** What a {@linkcode browserTest} receives. */
export interface BrowserContext {
  /** The server's base URL. */
  url: string;
  /** The browser. */
  browser: Browser;
  /** Opens `path` in a new page (1200×900 unless told) and waits for the islands to hydrate. */
  open(
    path: string,
    viewport?: { width: number; height: number },
  ): Promise<OpenedPage>;
}

/** Whether Chromium is installed. */
export function hasChromium(): boolean {
  try {
    return Deno.statSync(CHROMIUM).isFile;
  } catch {
    return false;
  }
}

/** Fails with the list of errors a page recorded, if any. */
export function assertNoErrors(errors: string[]): void {
  deepEqual(errors, [], `the page reported errors:\n${errors.join("\n")}`);
}

/** Options for {@linkcode browserTest}. */
export interface BrowserTestOptions {
  /** Serve this app folder in-process instead of running `main.ts`. */
  root?: string | URL;
}

/**
 * Registers a test that gets a running server (`main.ts` in a child
 * process, or `options.root` served in-process) and a browser, both stopped
 * at the end. Skipped with a message when Chromium is missing, unless
 * `CI=true`, where it fails instead.
 */
export function browserTest(
  name: string,
  fn: (ctx: BrowserContext, t: Deno.TestContext) => Promise<void>,
  options: BrowserTestOptions = {},
): void {
  const missing = !hasChromium();
  const ci = Deno.env.get("CI") === "true";
  if (missing && !ci) {
    console.warn(
      `Skipping browser test "${name}": no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM)`,
    );
  }
  Deno.test({ name, ignore: missing && !ci }, async (t) => {
    if (missing) {
      throw new Error(
        `Cannot run browser test: no Chromium at ${CHROMIUM}, and CI=true requires browser tests to run`,
      );
    }
    const server = options.root
      ? await serveApp(options.root)
      : await startServer();
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser();
      const b = browser;
      await fn({
        url: server.url,
        browser: b,
        async open(path, viewport = { width: 1200, height: 900 }) {
          const page = await b.newPage();
          await page.setViewport(viewport);
          const errors: string[] = [];
          page.on("console", (m) => {
            if (m.type() === "error") errors.push(`console: ${m.text()}`);
          });
          page.on("pageerror", (e) => errors.push(`page: ${e}`));
          page.on(
            "requestfailed",
            (r) =>
              errors.push(
                `request failed: ${r.url()} ${r.failure()?.errorText}`,
              ),
          );
          page.on("response", (r) => {
            if (r.status() >= 400) {
              errors.push(`HTTP ${r.status()}: ${r.url()}`);
            }
          });
          await page.goto(server.url + path, { waitUntil: "load" });
          await page.waitForFunction(() =>
            [...document.querySelectorAll("fresh-island")].every((el) =>
              el.hasAttribute("data-hydrated")
            )
          );
          return { page, errors };
        },
      }, t);
    } finally {
      await browser?.close();
      await server.close();
    }
  });
}

/** Each drawn value's `[data, grad]` texts by label, in the `graph`-th graph of the page. */
export function drawnNodes(
  page: Page,
  graph = 0,
): Promise<Record<string, [string, string]>> {
  return page.evaluate((graph) => {
    const box = document.querySelectorAll(".graph-box")[graph];
    const out: Record<string, [string, string]> = {};
    for (const g of box.querySelectorAll("g.node")) {
      const texts = [...g.querySelectorAll("text")].map((t) =>
        t.textContent ?? ""
      );
      if (texts.length === 3 && texts[0].trim()) {
        out[texts[0]] = [texts[1], texts[2]];
      }
    }
    return out;
  }, graph);
}

/**
 * The address bar's parameters named in `expected`, read once they all match
 * it (pages write the address a moment after their state settles:
 * `URL_DELAY` in components/url_state.ts) or, failing that, after 5 s, for
 * the caller's assertion to show what they were.
 */
export async function settledQuery(
  page: Page,
  expected: Record<string, string | null>,
): Promise<Record<string, string | null>> {
  await page.waitForFunction(
    (expected: Record<string, string | null>) => {
      const query = new URL(location.href).searchParams;
      return Object.entries(expected).every(([k, v]) => query.get(k) === v);
    },
    { timeout: 5_000 },
    expected,
  ).catch(() => {});
  const query = new URL(page.url()).searchParams;
  return Object.fromEntries(
    Object.keys(expected).map((k) => [k, query.get(k)]),
  );
}

/** Records the scripts `page` loads; call the result for their bytes so far. */
export function recordScripts(page: Page): () => Promise<Uint8Array[]> {
  const scripts: Promise<Uint8Array>[] = [];
  page.on("response", (r) => {
    if (r.url().endsWith(".js") && r.status() === 200) {
      scripts.push(r.buffer().then((b) => new Uint8Array(b)));
    }
  });
  return () => Promise.all(scripts);
}

/** The JavaScript a fresh page loads until its islands are hydrated. */
export interface InitialScripts {
  /** How many script files. */
  files: number;
  /** Their total size, each gzipped. */
  gzipBytes: number;
  /** The largest one, uncompressed. */
  largestBytes: number;
}

/** Opens `url` in a fresh page and measures the scripts it loads until its islands run. */
export async function initialScripts(
  browser: Browser,
  url: string,
): Promise<InitialScripts> {
  const page = await browser.newPage();
  const scripts = recordScripts(page);
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector("fresh-island[data-hydrated]");
  const loaded = await scripts();
  await page.close();
  let gzipBytes = 0;
  for (const bytes of loaded) {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream()
      .pipeThrough(new CompressionStream("gzip"));
    gzipBytes += (await new Response(stream).arrayBuffer()).byteLength;
  }
  const largestBytes = Math.max(0, ...loaded.map((b) => b.byteLength));
  return { files: loaded.length, gzipBytes, largestBytes };
}
