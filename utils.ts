/**
 * The app's `define` helpers, typed with its request state.
 *
 * @module
 */
import { createDefine, type Define } from "fresh";

/** What handlers tell `_app.tsx` and the layout through `ctx.state`. */
export interface State {
  /** The page's title, shown as `Title · gradviz`. */
  title?: string;
}

/**
 * `define.page`, `define.handlers` and `define.middleware` for this app.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { page } from "fresh";
 * import { define } from "./utils.ts";
 *
 * const handler = define.handlers({ GET: (ctx) => { ctx.state.title = "Hi"; return page(); } });
 * equal(typeof handler.GET, "function");
 * ```
 */
export const define: Define<State> = createDefine<State>();

/**
 * The build folder `deno task build` writes and `deno task start` serves,
 * relative to the project root: the islands' bundles and their manifest, and
 * the embeddable element's files under `embed/`.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { BUILD_DIR } from "./utils.ts";
 *
 * equal(BUILD_DIR, "_fresh");
 * ```
 */
export const BUILD_DIR = "_fresh";
