/**
 * Islands on the server: {@linkcode IslandRegistry} knows which components
 * are islands, and {@linkcode renderWithIslands} renders a page so that each
 * island (outside another island) is wrapped in a `<fresh-island>` marker
 * element with the index of its props, which it collects for the browser.
 * Detection works as in Fresh 1: a Preact `options.vnode` hook looks every
 * new element's component up in the registry while a page renders.
 *
 * Props are sent to the browser as JSON, so they must be JSON data: `null`,
 * booleans, strings, finite numbers, arrays and plain objects
 * ({@linkcode assertSerialisable}).
 *
 * @module
 */
import { type ComponentType, h, options, type VNode } from "preact";

/** An island component's registration. */
export interface IslandInfo {
  /** Its name: the file's base name (`ExpressionLesson` for `islands/ExpressionLesson.tsx`). */
  name: string;
  /** The island module's path (for the bundler). */
  file: string;
}

/** One island instance rendered on a page. */
export interface RenderedIsland {
  /** The island's name. */
  name: string;
  /** Its props, checked to be JSON data. */
  props: Record<string, unknown>;
}

/**
 * The island components of an app, by component function.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { IslandRegistry } from "./islands.ts";
 *
 * function Counter() {
 *   return null;
 * }
 * const registry = new IslandRegistry();
 * registry.add(Counter, { name: "Counter", file: "/app/islands/Counter.tsx" });
 * equal(registry.get(Counter)?.name, "Counter");
 * ```
 */
export class IslandRegistry {
  #byComponent = new Map<unknown, IslandInfo>();

  /**
   * Registers `component` as an island.
   *
   * @example
   * ```ts
   * import { equal } from "node:assert/strict";
   * import { IslandRegistry } from "./islands.ts";
   *
   * const registry = new IslandRegistry();
   * registry.add(() => null, { name: "A", file: "/islands/A.tsx" });
   * equal(registry.size, 1);
   * ```
   *
   * @throws {TypeError} If `component` is not a function.
   */
  add(component: unknown, info: IslandInfo): void {
    if (typeof component !== "function") {
      throw new TypeError(
        `Cannot register island ${info.name}: its default export must be a component function`,
      );
    }
    this.#byComponent.set(component, info);
  }

  /**
   * The registration of `component`, if it is an island.
   *
   * @example
   * ```ts
   * import { equal } from "node:assert/strict";
   * import { IslandRegistry } from "./islands.ts";
   *
   * equal(new IslandRegistry().get(() => null), undefined);
   * ```
   */
  get(component: unknown): IslandInfo | undefined {
    return this.#byComponent.get(component);
  }

  /**
   * The number of islands.
   *
   * @example
   * ```ts
   * import { equal } from "node:assert/strict";
   * import { IslandRegistry } from "./islands.ts";
   *
   * equal(new IslandRegistry().size, 0);
   * ```
   */
  get size(): number {
    return this.#byComponent.size;
  }

  /**
   * Every registered island.
   *
   * @example
   * ```ts
   * import { deepEqual } from "node:assert/strict";
   * import { IslandRegistry } from "./islands.ts";
   *
   * deepEqual([...new IslandRegistry().values()], []);
   * ```
   */
  values(): IterableIterator<IslandInfo> {
    return this.#byComponent.values();
  }
}

function describe(x: unknown): string {
  if (x === undefined) return "undefined";
  if (typeof x === "function") return "a function";
  if (typeof x === "number") return String(x);
  if (typeof x === "object" && x !== null) {
    return `a ${(x as object).constructor?.name ?? "null-prototype object"}`;
  }
  return `a ${typeof x}`;
}

/**
 * Checks that `value` is JSON data that survives `JSON.stringify` and
 * `JSON.parse` unchanged: `null`, booleans, strings, finite numbers, arrays
 * and plain objects (an `undefined` property is dropped, like JSON does).
 *
 * @example
 * ```ts
 * import { throws } from "node:assert/strict";
 * import { assertSerialisable } from "./islands.ts";
 *
 * assertSerialisable({ svg: "<svg/>", values: [1, 2.5], nested: { ok: true } }, "props");
 * throws(() => assertSerialisable({ onClick() {} }, "props"), /props\.onClick is a function/);
 * throws(() => assertSerialisable({ x: NaN }, "props"), /props\.x is NaN/);
 * ```
 *
 * @param path How to name `value` in the error, for example `props of island Counter`.
 * @throws {TypeError} Naming the first value that is not JSON data, and where it is.
 */
export function assertSerialisable(
  value: unknown,
  path: string,
  seen: Set<object> = new Set(),
): void {
  if (value === null || typeof value === "string") return;
  if (typeof value === "boolean") return;
  if (typeof value === "number") {
    if (Number.isFinite(value)) return;
    throw new TypeError(
      `Cannot serialise island props: ${path} is ${value}, which JSON cannot hold`,
    );
  }
  const proto = typeof value === "object" ? Object.getPrototypeOf(value) : 0;
  const array = Array.isArray(value);
  if (!array && proto !== Object.prototype && proto !== null) {
    throw new TypeError(
      `Cannot serialise island props: ${path} is ${
        describe(value)
      }; island props must be JSON data`,
    );
  }
  const object = value as Record<string, unknown>;
  if (seen.has(object)) {
    throw new TypeError(
      `Cannot serialise island props: ${path} refers back to itself`,
    );
  }
  seen.add(object);
  if (array) {
    (value as unknown[]).forEach((item, i) =>
      assertSerialisable(item, `${path}[${i}]`, seen)
    );
  } else {
    for (const [key, item] of Object.entries(object)) {
      if (item !== undefined) assertSerialisable(item, `${path}.${key}`, seen);
    }
  }
  seen.delete(object);
}

/**
 * The JSON of the islands' props, safe inside a `<script>` element (every
 * `<` is escaped, so no `</script>` can end it early).
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { serialiseProps } from "./islands.ts";
 *
 * equal(serialiseProps([{ label: "</script>" }]), '[{"label":"\\u003c/script>"}]');
 * equal(JSON.parse(serialiseProps([{ label: "</script>" }]))[0].label, "</script>");
 * ```
 */
export function serialiseProps(props: readonly unknown[]): string {
  return JSON.stringify(props).replaceAll("<", "\\u003c");
}

// The render in progress: set only during renderWithIslands (which is synchronous).
interface Render {
  registry: IslandRegistry;
  islands: RenderedIsland[];
  depth: number; // > 0 while inside an island: nested islands are plain components there
}
let current: Render | null = null;

function Enter(): null {
  current!.depth++;
  return null;
}

function Exit(): null {
  current!.depth--;
  return null;
}

interface MarkerProps {
  info: IslandInfo;
  component: ComponentType<Record<string, unknown>>;
  props: Record<string, unknown>;
}

// Renders an island inside its marker; Enter/Exit bracket its subtree, which
// renderToString renders depth first, in order.
// deno-lint-ignore no-explicit-any
function IslandMarker({ info, component, props }: MarkerProps): VNode<any> {
  const render = current!;
  if ("children" in props && props.children !== undefined) {
    throw new TypeError(
      `Cannot serialise island props: island ${info.name} was given children; pass data as props instead`,
    );
  }
  assertSerialisable(props, `props of island ${info.name}`);
  const index = render.islands.push({ name: info.name, props }) - 1;
  render.depth++; // the inner element is no island marker again
  const inner = h(component, props);
  render.depth--;
  return h(
    "fresh-island",
    { "data-island": info.name, "data-props": String(index) },
    h(Enter, null),
    inner,
    h(Exit, null),
  );
}

const previousVnode = options.vnode;
options.vnode = (vnode) => {
  const render = current;
  if (render && render.depth === 0 && typeof vnode.type === "function") {
    const info = render.registry.get(vnode.type);
    if (info) {
      const props = vnode.props as Record<string, unknown>;
      const marker: MarkerProps = {
        info,
        component: vnode.type as ComponentType<Record<string, unknown>>,
        props,
      };
      (vnode as { props: unknown }).props = marker;
      vnode.type = IslandMarker as ComponentType;
    }
  }
  previousVnode?.(vnode);
};

/**
 * Runs `render` (which must render synchronously, like `renderToString`)
 * with island detection on: islands outside other islands are wrapped in
 * `<fresh-island data-island="Name" data-props="i">` and their props are
 * returned in order.
 *
 * @example
 * ```ts
 * import { deepEqual, equal } from "node:assert/strict";
 * import { h } from "preact";
 * import { renderToString } from "preact-render-to-string";
 * import { IslandRegistry, renderWithIslands } from "./islands.ts";
 *
 * const Counter = ({ start }: { start: number }) => h("button", null, start);
 * const registry = new IslandRegistry();
 * registry.add(Counter, { name: "Counter", file: "/islands/Counter.tsx" });
 * const { result, islands } = renderWithIslands(registry, () =>
 *   renderToString(h("main", null, h(Counter, { start: 3 }))));
 * equal(result, '<main><fresh-island data-island="Counter" data-props="0"><button>3</button></fresh-island></main>');
 * deepEqual(islands, [{ name: "Counter", props: { start: 3 } }]);
 * ```
 *
 * @throws {TypeError} If an island's props are not JSON data (see {@linkcode assertSerialisable}).
 */
export function renderWithIslands<T>(
  registry: IslandRegistry,
  render: () => T,
): { result: T; islands: RenderedIsland[] } {
  const outer = current;
  current = { registry, islands: [], depth: 0 };
  try {
    const result = render();
    return { result, islands: current.islands };
  } finally {
    current = outer;
  }
}
