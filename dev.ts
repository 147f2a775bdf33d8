/**
 * `deno task dev`: the app with development bundles (readable, with source
 * maps). The task runs it under `deno run --watch`, watching `routes/`,
 * `islands/`, `components/`, `lessons/`, `server/` and `static/` too, so any change
 * restarts it: routes are scanned and islands bundled again.
 *
 * `deno task build` runs it as `dev.ts build`, as in a Fresh 2 app: the
 * islands are bundled once for production, content-hashed, with a
 * `manifest.json`, into `_fresh/`, which `deno task start` then serves.
 *
 * @module
 */
import { buildApp } from "fresh";
import { BUILD_DIR, createApp, serve } from "./main.ts";
import { writeEmbedBuild } from "./server/embed_bundle.ts";

if (Deno.args[0] === "build") {
  const started = performance.now();
  const root = import.meta.dirname!;
  const manifest = await buildApp({ root, outDir: `${root}/${BUILD_DIR}` });
  const embedded = await writeEmbedBuild();
  console.log(
    `gradviz: built ${manifest.files.length} files for ${
      Object.keys(manifest.islands).length
    } islands and ${embedded} of <gradviz-graph> into ${BUILD_DIR}/ in ${
      Math.round(performance.now() - started)
    } ms`,
  );
} else {
  serve(await createApp({ dev: true }));
}
