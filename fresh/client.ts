/**
 * The browser half of islands: {@linkcode boot} hydrates every
 * `<fresh-island>` marker the server rendered with its island component and
 * its JSON props. The page's inline boot module (with the request's CSP
 * nonce) imports this module and the page's islands, then calls `boot`.
 *
 * @module
 */
import { type ComponentType, h, hydrate } from "preact";

/**
 * Hydrates the page's islands from the props in the
 * `<script type="application/json" id="__FRESH_STATE__">` element and marks
 * each hydrated marker `data-hydrated`. An island that fails is reported to
 * the console; the others still hydrate.
 *
 * @example
 * ```ts ignore
 * import Counter from "/_fresh/js/Counter-5FJX2K3A.js";
 * boot({ Counter });
 * ```
 */
export function boot(
  islands: Record<string, ComponentType<Record<string, unknown>>>,
): void {
  const state = document.getElementById("__FRESH_STATE__")?.textContent;
  const props: Record<string, unknown>[] = state ? JSON.parse(state) : [];
  for (const el of document.querySelectorAll<HTMLElement>("fresh-island")) {
    const name = el.dataset.island ?? "";
    try {
      const island = islands[name];
      if (!island) throw new Error(`no module for island ${name}`);
      hydrate(h(island, props[Number(el.dataset.props)]), el);
      el.dataset.hydrated = ""; // a hook for tests and CSS
    } catch (error) {
      console.error(`Cannot hydrate island ${name}:`, error);
    }
  }
}
