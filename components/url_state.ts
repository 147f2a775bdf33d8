/**
 * The address bar following a page's state, so that any moment can be
 * shared as a link.
 *
 * @module
 */
import { useEffect, useRef } from "preact/hooks";

/**
 * How long the state must stay still before the address bar follows it, in
 * ms. `history.replaceState` costs Chromium several milliseconds, too much
 * for every step of a dragged slider (the update budget is 5 ms).
 */
export const URL_DELAY = 150;

/**
 * Puts `query` (`a=2&b=-3`) in the address bar with `history.replaceState`
 * once it has stopped changing for {@linkcode URL_DELAY} ms; the query the
 * page was loaded with is left as it is.
 *
 * @example
 * ```tsx ignore
 * useQueryInUrl(new URLSearchParams({ seed: String(seed) }).toString());
 * ```
 */
export function useQueryInUrl(query: string): void {
  const loaded = useRef(query);
  useEffect(() => {
    if (query === loaded.current) return;
    loaded.current = "";
    const timer = setTimeout(() => {
      const url = new URL(location.href);
      url.search = query;
      history.replaceState(history.state, "", url);
    }, URL_DELAY);
    return () => clearTimeout(timer);
  }, [query]);
}
