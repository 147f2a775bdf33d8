/**
 * Static files: {@linkcode loadStaticFiles} reads a `static/` folder into
 * memory with an ETag per file, and {@linkcode serveFile} answers a request
 * for one, with `304 Not Modified` when the browser's `If-None-Match` still
 * matches. Only files found under the folder at startup are ever served, so
 * no URL (`..`, `%2e%2e`, absolute paths) can reach outside it.
 *
 * @module
 */
import { readdir, readFile } from "node:fs/promises";
import { extname, join } from "node:path";

/** A file ready to serve. */
export interface StaticFile {
  /** Its bytes. */
  contents: Uint8Array;
  /** Its strong ETag: a hash of the contents, quoted. */
  etag: string;
  /** Its `Content-Type`. */
  type: string;
}

const TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".txt": "text/plain; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".woff2": "font/woff2",
  ".webmanifest": "application/manifest+json",
};

/**
 * The `Content-Type` for a file name.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { contentType } from "./static.ts";
 *
 * equal(contentType("styles.css"), "text/css; charset=utf-8");
 * equal(contentType("data.bin"), "application/octet-stream");
 * ```
 */
export function contentType(name: string): string {
  return TYPES[extname(name).toLowerCase()] ?? "application/octet-stream";
}

/**
 * Makes a {@linkcode StaticFile} of some bytes: a strong ETag from their
 * SHA-256.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { staticFile } from "./static.ts";
 *
 * const file = await staticFile("a.txt", new TextEncoder().encode("hi"));
 * equal(file.etag, '"j0NDRmSPa5bfid2pAcUXaxCm2Dlh3TwayItZstwyeqQ"');
 * equal(file.type, "text/plain; charset=utf-8");
 * ```
 */
export async function staticFile(
  name: string,
  contents: Uint8Array,
): Promise<StaticFile> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", contents as Uint8Array<ArrayBuffer>),
  );
  const hash = btoa(String.fromCharCode(...digest))
    .replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
  return { contents, etag: `"${hash}"`, type: contentType(name) };
}

/**
 * Reads every file under `dir` (recursively) into a map from URL path
 * (`/styles.css`, `/img/logo.svg`) to {@linkcode StaticFile}. A missing
 * folder gives an empty map.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { loadStaticFiles } from "./static.ts";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/styles.css`, "body {}");
 * deepEqual([...(await loadStaticFiles(dir)).keys()], ["/styles.css"]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function loadStaticFiles(
  dir: string,
): Promise<Map<string, StaticFile>> {
  const files = new Map<string, StaticFile>();
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return files;
    throw error;
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const url = path.slice(dir.length).replaceAll("\\", "/");
    files.set(url, await staticFile(entry.name, await readFile(path)));
  }
  return files;
}

/**
 * Whether an `If-None-Match` header matches `etag` (weak comparison, as
 * RFC 9110 asks for `If-None-Match`).
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { etagMatches } from "./static.ts";
 *
 * equal(etagMatches('"a", W/"b"', '"b"'), true);
 * equal(etagMatches("*", '"b"'), true);
 * equal(etagMatches('"c"', '"b"'), false);
 * ```
 */
export function etagMatches(header: string | null, etag: string): boolean {
  if (header === null) return false;
  if (header.trim() === "*") return true;
  const strip = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => strip(tag) === strip(etag));
}

/**
 * Answers `req` with `file`: `200` with the body (none for `HEAD`), or
 * `304` when `If-None-Match` matches its ETag.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { serveFile, staticFile } from "./static.ts";
 *
 * const file = await staticFile("a.txt", new TextEncoder().encode("hi"));
 * const first = serveFile(new Request("http://x/a.txt"), file, "no-cache");
 * equal(await first.text(), "hi");
 * const again = serveFile(new Request("http://x/a.txt", { headers: { "If-None-Match": file.etag } }), file, "no-cache");
 * equal(again.status, 304);
 * ```
 */
export function serveFile(
  req: Request,
  file: StaticFile,
  cacheControl: string,
): Response {
  const headers = new Headers({
    "Content-Type": file.type,
    "ETag": file.etag,
    "Cache-Control": cacheControl,
  });
  if (etagMatches(req.headers.get("If-None-Match"), file.etag)) {
    return new Response(null, { status: 304, headers });
  }
  headers.set("Content-Length", String(file.contents.byteLength));
  const body = req.method === "HEAD" ? null : file.contents;
  return new Response(body as BodyInit | null, { headers });
}
