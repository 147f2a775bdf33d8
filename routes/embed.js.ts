/**
 * `/embed.js`: the `<gradviz-graph>` element for other sites (see
 * `embed/gradviz_graph.ts`).
 *
 * @module
 */
import { serveEmbed } from "../server/embed_bundle.ts";
import { define } from "../utils.ts";

/** GET: the element's module. */
export const handler = define.handlers({
  GET: (ctx) => serveEmbed(ctx.req, "/embed.js"),
});
