/**
 * Island bundles: {@linkcode bundleIslands} builds the browser boot script
 * and one ES module per island with esbuild, splitting shared code (Preact,
 * signals, the engine) into content-hashed chunks, in memory.
 *
 * esbuild does not read `deno.json`'s import map: bare imports resolve from
 * `node_modules` (`"nodeModulesDir": "auto"`), and the package's own name and
 * its `exports` (`"@gradviz/gradviz"`, `"@gradviz/gradviz/render"`) resolve
 * through {@linkcode selfImportPlugin}. A dynamic `import()` becomes its own
 * chunk, loaded only when it runs.
 *
 * @module
 */
import type * as esbuild from "esbuild";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readFile } from "node:fs/promises";

/** A built file served by the app. */
export interface BundleFile {
  /** Its URL path: `/_fresh/js/Counter-5FJX2K3A.js`. */
  url: string;
  /** Its contents. */
  contents: Uint8Array;
}

/** An entry of a bundle: the boot script or one island. */
export interface BundleEntry {
  /** The URL of its module. */
  url: string;
  /** The URLs of every chunk it imports statically, directly or not (to preload). */
  imports: string[];
}

/** The result of {@linkcode bundleIslands}. */
export interface Bundle {
  /** Every output file, by URL path. */
  files: Map<string, BundleFile>;
  /** The boot script's entry. */
  boot: BundleEntry;
  /** Each island's entry, by island name. */
  islands: Map<string, BundleEntry>;
  /** The project's own source files bundled (not `node_modules`), by path from the root. */
  inputs?: string[];
}

/** Options for {@linkcode bundleIslands}. */
export interface BundleOptions {
  /** The project root: where `node_modules` and `deno.json` are. */
  root: string;
  /** The island modules to build, by island name. */
  islands: ReadonlyMap<string, string>;
  /** The browser boot module (default: this folder's `client.ts`). */
  client?: string;
  /** The URL path the files are served under (default `/_fresh/js`). */
  base?: string;
  /** Development build: not minified, with inline source maps. */
  dev?: boolean;
}

/**
 * An esbuild plugin resolving a Deno package's imports of itself: its
 * `deno.json` `name` (and `name/sub` for each entry of `exports`) to the
 * exported files.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { selfImportPlugin } from "./bundle.ts";
 *
 * const plugin = selfImportPlugin("/app", { name: "@me/pkg", exports: { ".": "./mod.ts", "./render": "./src/render.ts" } });
 * equal(plugin.name, "self-import");
 * ```
 */
export function selfImportPlugin(
  root: string,
  config: { name?: string; exports?: string | Record<string, string> },
): esbuild.Plugin {
  const paths = new Map<string, string>();
  const exports = typeof config.exports === "string"
    ? { ".": config.exports }
    : config.exports ?? {};
  if (config.name) {
    for (const [key, file] of Object.entries(exports)) {
      paths.set(
        join(config.name, key).replace(/\/\.?$/, ""),
        resolve(root, file),
      );
    }
  }
  return {
    name: "self-import",
    setup(build) {
      build.onResolve({ filter: /^@?[\w./-]+$/ }, (args) => {
        const path = paths.get(args.path);
        return path ? { path } : undefined;
      });
    },
  };
}

// One build at a time: esbuild.stop() ends the service all builds share.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Builds the boot script and the islands into ES modules with shared chunks
 * (esbuild, `splitting: true`), named `Name-HASH.js` and `chunk-HASH.js`,
 * and stops esbuild's service afterwards. Nothing is written to disk.
 *
 * @example
 * ```ts ignore
 * const bundle = await bundleIslands({ root: ".", islands: new Map([["Counter", "./islands/Counter.tsx"]]) });
 * console.log(bundle.islands.get("Counter")?.url); // "/_fresh/js/Counter-5FJX2K3A.js"
 * ```
 *
 * @throws {Error} With esbuild's messages, if the build fails.
 */
export function bundleIslands(options: BundleOptions): Promise<Bundle> {
  const run = queue.then(() => build(options));
  queue = run.catch(() => {});
  return run;
}

async function build(options: BundleOptions): Promise<Bundle> {
  // Loaded here, so importing the layer does not start esbuild; named by a
  // variable, so `deno compile` does not embed it (a build needs none).
  const name = "esbuild";
  const esbuild: typeof import("esbuild") = await import(name);
  const root = resolve(options.root);
  const base = options.base ?? "/_fresh/js";
  const client = options.client ??
    join(dirname(fileURLToPath(import.meta.url)), "client.ts");
  let config = {};
  try {
    config = JSON.parse(await readFile(join(root, "deno.json"), "utf8"));
  } catch { /* no deno.json: no self imports */ }
  const entryPoints = [{ in: client, out: "boot" }];
  for (const [name, file] of options.islands) {
    entryPoints.push({ in: resolve(root, file), out: name });
  }
  const outdir = join(root, "_fresh", "js");
  try {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints,
      outdir,
      entryNames: "[name]-[hash]",
      chunkNames: "chunk-[hash]",
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      jsx: "automatic",
      jsxImportSource: "preact",
      minify: !options.dev,
      sourcemap: options.dev ? "inline" : false,
      plugins: [selfImportPlugin(root, config)],
      metafile: true,
      write: false,
      logLevel: "silent",
    });
    const files = new Map<string, BundleFile>();
    for (const file of result.outputFiles) {
      const url = `${base}/${relative(outdir, file.path)}`;
      files.set(url, { url, contents: file.contents });
    }
    const outputs = result.metafile.outputs;
    const urlOf = (out: string) =>
      `${base}/${relative(outdir, join(root, out))}`;
    const closure = (out: string, acc: Set<string>) => {
      for (const imp of outputs[out]?.imports ?? []) {
        if (imp.kind !== "import-statement" || acc.has(imp.path)) continue;
        acc.add(imp.path);
        closure(imp.path, acc);
      }
      return acc;
    };
    const entries = new Map<string, BundleEntry>();
    for (const [out, meta] of Object.entries(outputs)) {
      if (!meta.entryPoint) continue;
      const entry = entryPoints.find((e) =>
        resolve(root, meta.entryPoint!) === e.in
      );
      if (!entry) continue;
      entries.set(entry.out, {
        url: urlOf(out),
        imports: [...closure(out, new Set())].map(urlOf),
      });
    }
    const islands = new Map(
      [...options.islands.keys()].map((name) => [name, entries.get(name)!]),
    );
    const inputs = Object.keys(result.metafile.inputs)
      .filter((input) =>
        !input.startsWith("..") && !input.includes("node_modules/") &&
        !input.includes(":")
      )
      .sort();
    return { files, boot: entries.get("boot")!, islands, inputs };
  } finally {
    await esbuild.stop();
  }
}
