/**
 * Security headers for every response, and a Content-Security-Policy that
 * lets scripts run only from this site or the page's nonce'd boot script.
 * `'wasm-unsafe-eval'` lets Viz.js compile its WebAssembly. Pages asked for
 * with `?embed` may be framed by any site, and responses sent with
 * `Access-Control-Allow-Origin: *` (`/embed.js`) may be loaded by any site.
 *
 * @module
 */
import { define } from "../utils.ts";

/** Adds the security headers to whatever the rest of the app answers. */
export const handler = define.middleware(async (ctx) => {
  const res = await ctx.next();
  const headers = new Headers(res.headers);
  // Issue 10: pages asked for with `?embed` may be framed by any site, and
  // the embed scripts (sent with CORS) may be loaded by any site.
  const framable = ctx.url.searchParams.has("embed") &&
    headers.get("Content-Type")?.startsWith("text/html");
  const shared = headers.get("Access-Control-Allow-Origin") === "*";
  headers.set(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${ctx.nonce}' 'wasm-unsafe-eval'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      framable ? "frame-ancestors *" : "frame-ancestors 'none'",
    ].join("; "),
  );
  headers.set("X-Content-Type-Options", "nosniff");
  if (!framable) headers.set("X-Frame-Options", "DENY");
  headers.set("Referrer-Policy", "no-referrer");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  headers.set(
    "Cross-Origin-Resource-Policy",
    shared ? "cross-origin" : "same-origin",
  );
  headers.set(
    "Permissions-Policy",
    "camera=(), microphone=(), geolocation=(), interest-cohort=()",
  );
  return new Response(res.body, {
    status: res.status,
    statusText: res.statusText,
    headers,
  });
});
