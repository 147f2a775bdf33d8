/**
 * `/expression`: the lecture's `L = (a*b + c)*f`. The query holds the
 * moment, so it can be shared as a link: leaf values (`?a=3&f=-1`), the
 * drawing's direction (`rankdir=TB`) and the backward step shown (`step=3`,
 * 1 being the root's).
 *
 * @module
 */
import { topologicalOrder } from "@gradviz/gradviz";
import { renderSvg } from "@gradviz/gradviz/render";
import { page } from "fresh";
import ExpressionLesson from "../islands/ExpressionLesson.tsx";
import { define } from "../utils.ts";
import { evaluate } from "../lessons/evaluate.ts";
import { expression } from "../lessons/lessons.ts";
import {
  choiceFromQuery,
  integerFromQuery,
  leafValuesFromQuery,
} from "../server/query.ts";

/** GET: reads the moment from the query (400 if invalid) and draws the graph. */
export const handler = define.handlers({
  async GET(ctx) {
    const values = leafValuesFromQuery(ctx.url, expression);
    const rankdir = choiceFromQuery(ctx.url, "rankdir", ["LR", "TB"], "LR");
    ctx.state.title = "An expression";
    const { root } = evaluate(expression, values);
    const step = integerFromQuery(ctx.url, "step", {
      min: 1,
      max: topologicalOrder(root).length,
      fallback: 0,
    });
    return page({
      values,
      rankdir,
      step: step === 0 ? null : step - 1,
      svg: await renderSvg(root, { rankdir }),
    });
  },
});

/** The page: an introduction and the lesson island. */
export default define.page<typeof handler>(function Expression({ data }) {
  return (
    <>
      <h1>An expression: L = (a*b + c)*f</h1>
      <p class="lead">
        The lecture's first graph: <code>e = a*b</code>, <code>d = e + c</code>,
        {" "}
        <code>L = d*f</code>. Each node shows its <code>data</code> and its{" "}
        <code>grad</code>, dL/d(node). Move a leaf and every number follows;
        {" "}
        <em>nudge</em>{" "}
        moves each leaf a little along its grad, so L grows (−8 becomes
        −7.286496); <em>step backward</em>{" "}
        runs the chain rule one node at a time.
      </p>
      <ExpressionLesson
        svg={data.svg}
        values={data.values}
        rankdir={data.rankdir}
        step={data.step}
      />
    </>
  );
});
