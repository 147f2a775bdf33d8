/**
 * The `<gradviz-graph>` element's bundle: {@linkcode embedBundle} builds
 * `embed/gradviz_graph.ts` with esbuild once (on first request), in memory,
 * into `/embed.js` and its chunks under `/embed/` (Viz.js among them, loaded
 * only when the element first draws); {@linkcode serveEmbed} answers a
 * request for one of them, with CORS so other sites can load them as
 * modules.
 *
 * It is separate from the islands' bundle (`fresh/bundle.ts`): the element
 * runs on other sites, without the app's boot script or Preact.
 *
 * @module
 */
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { readFile } from "node:fs/promises";
import { HttpError } from "fresh";
import { selfImportPlugin } from "../fresh/bundle.ts";
import { BUILD_DIR } from "../utils.ts";

/** One built file. */
export interface EmbedFile {
  /** Its bytes. */
  contents: Uint8Array;
  /** A strong ETag: a hash of its bytes. */
  etag: string;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
/** `/embed.js` may change with each release: revalidated after 5 minutes. */
const ENTRY_CACHE = "public, max-age=300";
/** Chunks are named by their hash. */
const CHUNK_CACHE = "public, max-age=31536000, immutable";

/** Where `deno task build` leaves the element's files, with `files.json` listing them. */
const PREBUILT = join(ROOT, BUILD_DIR, "embed");

let built: Promise<Map<string, EmbedFile>> | undefined;

async function etag(bytes: Uint8Array): Promise<string> {
  const hash = new Uint8Array(
    await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>),
  );
  return `"${
    [...hash.slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("")
  }"`;
}

// The element's files from `deno task build`, or undefined if there are none.
async function prebuilt(): Promise<Map<string, EmbedFile> | undefined> {
  let list: string[];
  try {
    list = JSON.parse(await readFile(join(PREBUILT, "files.json"), "utf8"));
  } catch {
    return undefined;
  }
  const files = new Map<string, EmbedFile>();
  for (const path of list) {
    const contents = new Uint8Array(await readFile(join(PREBUILT, path)));
    files.set(path, { contents, etag: await etag(contents) });
  }
  return files;
}

// esbuild can run only with the permission to start it: a server started
// without it (a build served by `deno task start`'s binary) uses the build.
function canBundle(): boolean {
  return Deno.permissions.querySync({ name: "run" }).state === "granted";
}

async function build(): Promise<Map<string, EmbedFile>> {
  if (!canBundle()) {
    const files = await prebuilt();
    if (files) return files;
  }
  // Named by a variable, so `deno compile` does not embed esbuild (the
  // binary serves the build).
  const name = "esbuild";
  const esbuild: typeof import("esbuild") = await import(name);
  const config = JSON.parse(await readFile(join(ROOT, "deno.json"), "utf8"));
  const outdir = join(ROOT, "_embed");
  try {
    const result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: [{
        in: join(ROOT, "embed", "gradviz_graph.ts"),
        out: "embed",
      }],
      outdir,
      chunkNames: "embed/[name]-[hash]",
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      minify: true,
      plugins: [selfImportPlugin(ROOT, config)],
      write: false,
      logLevel: "silent",
    });
    const files = new Map<string, EmbedFile>();
    for (const file of result.outputFiles) {
      files.set(`/${relative(outdir, file.path)}`, {
        contents: file.contents,
        etag: await etag(file.contents),
      });
    }
    return files;
  } finally {
    await esbuild.stop();
  }
}

/**
 * The built files by URL path (`/embed.js`, `/embed/chunk-HASH.js`, …),
 * built on the first call and kept.
 *
 * @example
 * ```ts ignore
 * const files = await embedBundle();
 * console.log([...files.keys()]); // ["/embed.js", "/embed/chunk-….js", …]
 * ```
 *
 * @throws {Error} With esbuild's messages, if the build fails.
 */
export function embedBundle(): Promise<Map<string, EmbedFile>> {
  built ??= build().catch((error) => {
    built = undefined; // let the next request try again
    throw error;
  });
  return built;
}

/**
 * Builds the element's files into the build folder (`_fresh/embed/`, with
 * `files.json` listing them), for a server that cannot run esbuild (the
 * compiled binary). Returns how many files it wrote.
 *
 * @example
 * ```ts ignore
 * console.log(await writeEmbedBuild()); // 3
 * ```
 */
export async function writeEmbedBuild(): Promise<number> {
  const files = await embedBundle();
  for (const [path, file] of files) {
    const target = join(PREBUILT, path);
    await Deno.mkdir(dirname(target), { recursive: true });
    await Deno.writeFile(target, file.contents);
  }
  await Deno.writeTextFile(
    join(PREBUILT, "files.json"),
    JSON.stringify([...files.keys()]),
  );
  return files.size;
}

/**
 * Answers a request for one of the element's files: JavaScript with CORS
 * (`Access-Control-Allow-Origin: *`), an ETag (304 when it matches) and
 * long caching for the hashed chunks.
 *
 * @example
 * ```ts ignore
 * const res = await serveEmbed(new Request("http://localhost/embed.js"), "/embed.js");
 * console.log(res.headers.get("Content-Type")); // "text/javascript; charset=utf-8"
 * ```
 *
 * @throws {HttpError} 404 if there is no such file.
 */
export async function serveEmbed(
  req: Request,
  path: string,
): Promise<Response> {
  const file = (await embedBundle()).get(path);
  if (!file) throw new HttpError(404);
  const headers = new Headers({
    "Content-Type": "text/javascript; charset=utf-8",
    "Cache-Control": path === "/embed.js" ? ENTRY_CACHE : CHUNK_CACHE,
    "Access-Control-Allow-Origin": "*",
    ETag: file.etag,
  });
  if (req.headers.get("If-None-Match") === file.etag) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(
    req.method === "HEAD" ? null : file.contents as Uint8Array<ArrayBuffer>,
    { headers },
  );
}
