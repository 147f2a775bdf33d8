/**
 * `/embed/:chunk`: the chunks `/embed.js` imports (Viz.js among them).
 *
 * @module
 */
import { serveEmbed } from "../../server/embed_bundle.ts";
import { define } from "../../utils.ts";

/** GET: one chunk, or 404. */
export const handler = define.handlers({
  GET: (ctx) => serveEmbed(ctx.req, `/embed/${ctx.params.chunk}`),
});
