/**
 * Production builds: {@linkcode buildApp} bundles a project's islands once
 * and writes them, content-hashed, with a `manifest.json`, to a build folder
 * (`_fresh/` by default), as `deno task build` does in a Fresh 2 app;
 * {@linkcode loadBuild} reads such a folder back into a {@linkcode Bundle}
 * with no esbuild, so a server (or a `deno compile`d binary) starts without
 * bundling.
 *
 * @module
 */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Bundle, type BundleEntry, bundleIslands } from "./bundle.ts";

/** The name of a build's manifest, in its folder. */
export const MANIFEST = "manifest.json";

/** What a build folder's `manifest.json` holds. */
export interface BuildManifest {
  /** The manifest's format: 1. */
  version: 1;
  /** When it was built (ISO 8601). */
  built: string;
  /** The boot script's entry. */
  boot: BundleEntry;
  /** Each island's entry, by island name. */
  islands: Record<string, BundleEntry>;
  /** Every file's URL path; its file is the path under the build folder. */
  files: string[];
  /** SHA-256 (hex) of each of the project's own source files that went into the bundles, by path from the root. */
  inputs: Record<string, string>;
}

/** A file name an island module may have: `Name.tsx`, capitalised. */
export const ISLAND_FILE: RegExp = /^([A-Z][A-Za-z0-9]*)\.(tsx|jsx|ts|js)$/;

/**
 * The island modules in `root/islands/`, by island name, sorted.
 *
 * @example
 * ```ts ignore
 * console.log(await findIslands("/app")); // Map { "Counter" => "/app/islands/Counter.tsx" }
 * ```
 */
export async function findIslands(root: string): Promise<Map<string, string>> {
  const dir = join(root, "islands");
  let names: string[] = [];
  try {
    names = (await readdir(dir)).sort();
  } catch { /* no islands folder */ }
  const islands = new Map<string, string>();
  for (const file of names) {
    const m = ISLAND_FILE.exec(file);
    if (m) islands.set(m[1], join(dir, file));
  }
  return islands;
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    bytes as Uint8Array<ArrayBuffer>,
  );
  return [...new Uint8Array(digest)]
    .map((b) => b.toString(16).padStart(2, "0")).join("");
}

const rootOf = (root: string | URL) =>
  resolve(root instanceof URL ? fileURLToPath(root) : root);

/** Options for {@linkcode buildApp}. */
export interface BuildOptions {
  /** The project folder (a path or a `file:` URL), holding `islands/`. */
  root: string | URL;
  /** The build folder; default `_fresh` under the root. Emptied first. */
  outDir?: string;
}

/**
 * Bundles the islands of the project in `options.root` for production
 * (minified, content-hashed names) and writes them to the build folder
 * with a {@linkcode BuildManifest}, replacing what was there.
 *
 * @example
 * ```ts ignore
 * const manifest = await buildApp({ root: "." });
 * console.log(manifest.islands.Counter.url); // "/_fresh/js/Counter-5FJX2K3A.js"
 * ```
 *
 * @returns The manifest written.
 * @throws {Error} If the islands fail to build.
 */
export async function buildApp(options: BuildOptions): Promise<BuildManifest> {
  const root = rootOf(options.root);
  const outDir = resolve(options.outDir ?? join(root, "_fresh"));
  const bundle = await bundleIslands({
    root,
    islands: await findIslands(root),
  });
  await rm(outDir, { recursive: true, force: true });
  const files: string[] = [];
  for (const file of bundle.files.values()) {
    const path = join(outDir, ...file.url.split("/").filter(Boolean).slice(1));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.contents);
    files.push(file.url);
  }
  const inputs: Record<string, string> = {};
  for (const input of bundle.inputs ?? []) {
    inputs[input] = await sha256(await readFile(join(root, input)));
  }
  const manifest: BuildManifest = {
    version: 1,
    built: new Date().toISOString(),
    boot: bundle.boot,
    islands: Object.fromEntries(bundle.islands),
    files: files.sort(),
    inputs,
  };
  await writeFile(
    join(outDir, MANIFEST),
    JSON.stringify(manifest, null, 2) + "\n",
  );
  return manifest;
}

/**
 * Reads the build in `outDir` back into a {@linkcode Bundle}: `null` if
 * there is none (no manifest), `{ stale }` saying why if it no longer fits
 * the project (one of the source files that went into it, under `root`, has
 * changed, or the islands are not the ones in `islands`). A source file that
 * cannot be read (a compiled binary may hold only the build) counts as
 * unchanged.
 *
 * @example
 * ```ts ignore
 * const build = await loadBuild(".", "./_fresh", ["Counter"]);
 * if (build && "bundle" in build) console.log(build.bundle.boot.url); // "/_fresh/js/boot-QX3K2H7A.js"
 * ```
 *
 * @throws {Error} If the manifest names a file the folder does not hold.
 */
export async function loadBuild(
  root: string | URL,
  outDir: string,
  islands: string[],
): Promise<
  { bundle: Bundle; manifest: BuildManifest } | { stale: string } | null
> {
  let manifest: BuildManifest;
  try {
    manifest = JSON.parse(await readFile(join(outDir, MANIFEST), "utf8"));
  } catch {
    return null;
  }
  if (manifest.version !== 1) return { stale: "its format is not version 1" };
  const built = Object.keys(manifest.islands).sort().join(", ");
  if (built !== [...islands].sort().join(", ")) {
    return {
      stale: `it has the islands ${built || "(none)"}, not ${
        islands.join(", ") || "(none)"
      }`,
    };
  }
  const base = rootOf(root);
  for (const [input, hash] of Object.entries(manifest.inputs)) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(join(base, input));
    } catch {
      continue;
    }
    if (await sha256(bytes) !== hash) return { stale: `${input} changed` };
  }
  const files = new Map<string, { url: string; contents: Uint8Array }>();
  for (const url of manifest.files) {
    const path = join(outDir, ...url.split("/").filter(Boolean).slice(1));
    try {
      files.set(url, { url, contents: await readFile(path) });
    } catch (e) {
      throw new Error(
        `Cannot load build in ${outDir}: ${
          relative(outDir, path)
        } is missing (${(e as Error).message}); run the build again`,
      );
    }
  }
  return {
    manifest,
    bundle: {
      files,
      boot: manifest.boot,
      islands: new Map(Object.entries(manifest.islands)),
      inputs: Object.keys(manifest.inputs),
    },
  };
}
