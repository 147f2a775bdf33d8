/**
 * `deno task dev`: the app with development bundles (readable, with source
 * maps). The task runs it under `deno run --watch`, watching `routes/`,
 * `islands/`, `components/`, `lessons/`, `server/` and `static/` too, so any change
 * restarts it: routes are scanned and islands bundled again.
 *
 * @module
 */
import { createApp, serve } from "./main.ts";

serve(await createApp({ dev: true }));
