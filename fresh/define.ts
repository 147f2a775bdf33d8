/**
 * The authoring API of route modules, in the style of Fresh 2:
 * {@linkcode createDefine} (and the ready-made {@linkcode define}) to type
 * pages, handlers and middleware, and {@linkcode page} for a handler to ask
 * for its page to be rendered with some data.
 *
 * @module
 */

/** The HTTP methods a route's handler object may answer. */
export type Method =
  | "GET"
  | "HEAD"
  | "POST"
  | "PUT"
  | "PATCH"
  | "DELETE"
  | "OPTIONS";

/** What handlers and middleware receive for one request. */
export interface Context<State = Record<string, unknown>> {
  /** The request. */
  readonly req: Request;
  /** The request's URL, parsed. */
  readonly url: URL;
  /** The route's parameters: `{ name: "x" }` for `routes/[name].tsx` at `/x`. */
  readonly params: Readonly<Record<string, string>>;
  /** Per-request state shared by middleware, handler and page (for example a page title). */
  state: State;
  /**
   * A fresh random nonce for this request. The layer puts it on the inline
   * boot script; a Content-Security-Policy set by middleware must allow
   * `'nonce-…'` with it.
   */
  readonly nonce: string;
  /**
   * In middleware: runs the rest of the chain (later middleware, then the
   * route) and returns its response. It does not reject: whatever the rest
   * throws comes back as its error page, for this middleware to dress.
   */
  next(): Promise<Response>;
}

/** A handler's request to render its page with `data`, made by {@linkcode page}. */
export interface PageResponse<Data> {
  /** Marks the object as made by {@linkcode page}. */
  readonly kind: "page";
  /** What the page component receives as `data`. */
  readonly data: Data;
  /** The response status (default 200). */
  readonly status?: number;
  /** Extra response headers. */
  readonly headers?: HeadersInit;
}

/** Options for {@linkcode page}. */
export interface PageInit {
  /** The response status (default 200). */
  status?: number;
  /** Extra response headers. */
  headers?: HeadersInit;
}

/**
 * Asks for the route's page component to be rendered with `data`: return it
 * from a handler.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { isPageResponse, page } from "./define.ts";
 *
 * const result = page({ answer: 42 }, { status: 201 });
 * deepEqual([isPageResponse(result), result.data, result.status], [true, { answer: 42 }, 201]);
 * ```
 */
export function page<Data = undefined>(
  data?: Data,
  init: PageInit = {},
): PageResponse<Data> {
  return {
    kind: "page",
    data: data as Data,
    status: init.status,
    headers: init.headers,
  };
}

/**
 * Whether `x` was made by {@linkcode page}.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { isPageResponse, page } from "./define.ts";
 *
 * equal(isPageResponse(page()), true);
 * equal(isPageResponse(new Response("hi")), false);
 * ```
 */
export function isPageResponse(x: unknown): x is PageResponse<unknown> {
  return typeof x === "object" && x !== null &&
    (x as { kind?: unknown }).kind === "page";
}

/** One method's handler: a `Response`, or {@linkcode page} to render the route's page. */
export type HandlerFn<Data, State> = (
  ctx: Context<State>,
) =>
  | Response
  | PageResponse<Data>
  | Promise<Response | PageResponse<Data>>;

/** A route's `handler` export: one function for every method, or one per method. */
export type RouteHandler<Data, State> =
  | HandlerFn<Data, State>
  | Partial<Record<Method, HandlerFn<Data, State>>>;

/** The data a route handler passes to its page. */
export type HandlerData<H> = H extends RouteHandler<infer Data, infer _State>
  ? Data
  : undefined;

/** What page components (and `_app`, `_layout`, `_404`, `_error`) receive. */
export interface PageProps<Data = undefined, State = Record<string, unknown>> {
  /** The handler's data, from `page(data)` (undefined without a handler). */
  data: Data;
  /** The request's URL. */
  url: URL;
  /** The route's parameters. */
  params: Readonly<Record<string, string>>;
  /** The request's state. */
  state: State;
  /** On an error page: what was thrown (an {@linkcode HttpError} for a 404, 405 or a handler's HttpError). */
  error?: unknown;
  /** In `_app` and `_layout`: what to render inside (the page, or an inner layout). */
  // deno-lint-ignore no-explicit-any
  Component: (props: any) => Rendered;
}

/**
 * What a page, layout or `_app` renders: a Preact element (a `VNode`) or
 * `null`. Typed loosely on purpose, so the framework's public types name no
 * Preact type (`deno doc --lint` would count those as undocumented).
 */
// deno-lint-ignore no-explicit-any
export type Rendered = any;

/** A route's default export. */
export type PageComponent<Data = undefined, State = Record<string, unknown>> = (
  props: PageProps<Data, State>,
) => Rendered;

/** A `_middleware.ts` handler: call `ctx.next()` to go on, or answer itself. */
export type Middleware<State = Record<string, unknown>> = (
  ctx: Context<State>,
) => Response | Promise<Response>;

/** Typed helpers for route modules, made by {@linkcode createDefine}. */
export interface Define<State> {
  /** Types a page component; `define.page<typeof handler>(...)` types `data` from the handler. */
  page<H = undefined>(
    component: PageComponent<HandlerData<H>, State>,
  ): PageComponent<HandlerData<H>, State>;
  /** Types a route's handlers. */
  handlers<
    Data,
    H extends RouteHandler<Data, State> = RouteHandler<Data, State>,
  >(
    handlers: H,
  ): H;
  /** Types a middleware. */
  middleware(middleware: Middleware<State>): Middleware<State>;
}

/**
 * Makes the `define` helpers for an app whose request state has type
 * `State`. They only return their argument: they exist for the types.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { createDefine, page } from "./define.ts";
 *
 * const define = createDefine<{ title?: string }>();
 * const handler = define.handlers({
 *   GET(ctx) {
 *     ctx.state.title = "Hello";
 *     return page({ name: ctx.url.searchParams.get("name") ?? "world" });
 *   },
 * });
 * const Page = define.page<typeof handler>(({ data }) => null);
 * equal(typeof Page, "function");
 * ```
 */
export function createDefine<State = Record<string, unknown>>(): Define<
  State
> {
  return {
    page: (component) => component,
    handlers: (handlers) => handlers,
    middleware: (middleware) => middleware,
  };
}
