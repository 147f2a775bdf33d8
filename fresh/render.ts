/**
 * Page rendering: {@linkcode renderPage} renders a page inside its layouts
 * and `_app` to an HTML document, and {@linkcode bootScripts} writes what a
 * page with islands needs in the browser: the islands' props as JSON,
 * `modulepreload` links and the nonce'd inline boot module. A page without
 * islands gets no script at all.
 *
 * @module
 */
import { type ComponentType, Fragment, h } from "preact";
import { renderToString } from "preact-render-to-string";
import type { PageComponent, PageProps } from "./define.ts";
import {
  type IslandRegistry,
  type RenderedIsland,
  renderWithIslands,
  serialiseProps,
} from "./islands.ts";
import type { Bundle } from "./bundle.ts";

/** The components that make up a page, outermost first. */
export interface PageParts {
  /** `_app.tsx`: the `<html>` shell (a bare document is used without it). */
  // deno-lint-ignore no-explicit-any
  app?: PageComponent<any, any>;
  /** The `_layout.tsx` files that apply, outermost first. */
  // deno-lint-ignore no-explicit-any
  layouts: PageComponent<any, any>[];
  /** The page itself. */
  // deno-lint-ignore no-explicit-any
  page: PageComponent<any, any>;
}

/** A page rendered by {@linkcode renderPage}. */
export interface RenderedPage {
  /** The HTML document, `<!DOCTYPE html>` first, boot scripts included. */
  html: string;
  /** The islands on the page, in document order. */
  islands: RenderedIsland[];
}

/** What {@linkcode renderPage} passes to every part of a page (each also gets its `Component`). */
// deno-lint-ignore no-explicit-any
export type RenderProps = Omit<PageProps<any, any>, "Component">;

function Empty(): null {
  return null;
}

/**
 * Renders `parts` with `props` to an HTML document, with islands detected
 * through `registry` and booted from `bundle` (see {@linkcode bootScripts}).
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { h } from "preact";
 * import { IslandRegistry } from "./islands.ts";
 * import { renderPage } from "./render.ts";
 *
 * const { html } = renderPage(
 *   { layouts: [], page: ({ data }) => h("p", null, `Hello ${data}`) },
 *   { data: "world", url: new URL("http://x/"), params: {}, state: {} },
 *   { registry: new IslandRegistry(), nonce: "abc" },
 * );
 * equal(html, "<!DOCTYPE html><html><head></head><body><p>Hello world</p></body></html>");
 * ```
 *
 * @throws {TypeError} If an island's props are not JSON data.
 */
export function renderPage(
  parts: PageParts,
  props: RenderProps,
  options: { registry: IslandRegistry; nonce: string; bundle?: Bundle },
): RenderedPage {
  let inner: ComponentType = () =>
    h(parts.page, { ...props, Component: Empty });
  for (const layout of parts.layouts.toReversed()) {
    const Component: ComponentType = inner;
    inner = () => h(layout, { ...props, Component });
  }
  const root = parts.app
    ? h(parts.app, { ...props, Component: inner })
    : h("html", null, h("head", null), h("body", null, h(inner, null)));
  const { result, islands } = renderWithIslands(
    options.registry,
    () => renderToString(h(Fragment, null, root)),
  );
  let html = result;
  if (islands.length > 0 && options.bundle) {
    const { head, body } = bootScripts(islands, options.bundle, options.nonce);
    html = insertBefore(html, "</head>", head);
    html = insertBefore(html, "</body>", body);
  }
  return { html: `<!DOCTYPE html>${html}`, islands };
}

function insertBefore(html: string, tag: string, text: string): string {
  const at = html.lastIndexOf(tag);
  return at < 0 ? html + text : html.slice(0, at) + text + html.slice(at);
}

const escapeAttr = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");

/**
 * The markup that boots a page's islands: `modulepreload` links for the
 * `<head>` (every chunk the boot script and the page's islands import, so
 * they load in parallel), and for the end of `<body>` the props as JSON and
 * the inline module script, with `nonce`, that imports the islands and
 * calls `boot`.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { bootScripts } from "./render.ts";
 *
 * const bundle = {
 *   files: new Map(),
 *   boot: { url: "/_fresh/js/boot-A.js", imports: ["/_fresh/js/chunk-C.js"] },
 *   islands: new Map([["Counter", { url: "/_fresh/js/Counter-B.js", imports: ["/_fresh/js/chunk-C.js"] }]]),
 * };
 * const { head, body } = bootScripts([{ name: "Counter", props: { start: 1 } }], bundle, "n0nce");
 * ok(head.includes('<link rel="modulepreload" href="/_fresh/js/chunk-C.js">'));
 * ok(body.includes('<script type="module" nonce="n0nce">'));
 * ok(body.includes('import I0 from "/_fresh/js/Counter-B.js"'));
 * ```
 */
export function bootScripts(
  islands: readonly RenderedIsland[],
  bundle: Bundle,
  nonce: string,
): { head: string; body: string } {
  const names = [...new Set(islands.map((i) => i.name))];
  const preload = new Set([bundle.boot.url, ...bundle.boot.imports]);
  const imports = [`import { boot } from ${JSON.stringify(bundle.boot.url)};`];
  const map: string[] = [];
  names.forEach((name, i) => {
    const entry = bundle.islands.get(name);
    if (!entry) throw new Error(`Cannot boot island ${name}: it was not built`);
    preload.add(entry.url);
    for (const url of entry.imports) preload.add(url);
    imports.push(`import I${i} from ${JSON.stringify(entry.url)};`);
    map.push(`${JSON.stringify(name)}: I${i}`);
  });
  const head = [...preload]
    .map((url) => `<link rel="modulepreload" href="${escapeAttr(url)}">`)
    .join("");
  const body =
    `<script type="application/json" id="__FRESH_STATE__">${
      serialiseProps(islands.map((i) => i.props))
    }</script>` +
    `<script type="module" nonce="${escapeAttr(nonce)}">${
      imports.join("")
    }boot({ ${map.join(", ")} });</script>`;
  return { head, body };
}
