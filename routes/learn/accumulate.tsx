/**
 * `/learn/accumulate`, chapter 5: the `a + a` bug, `=` beside `+=`.
 * State in the query: `?a=3`.
 *
 * @module
 */
import { renderSvg } from "@gradviz/gradviz/render";
import { page } from "fresh";
import AccumulateBug from "../../islands/AccumulateBug.tsx";
import { doubled } from "../../lessons/course.ts";
import { leafValuesFromQuery } from "../../server/query.ts";
import { define } from "../../utils.ts";

/** GET: reads a (400 if invalid) and draws `b = a + a` (its grads are patched in by the island). */
export const handler = define.handlers({
  async GET(ctx) {
    const values = leafValuesFromQuery(ctx.url, doubled);
    ctx.state.title = "5. The a + a bug";
    return page({ values, svg: await renderSvg(doubled.build(values)) });
  },
});

/** The chapter. */
export default define.page<typeof handler>(function Accumulate({ data }) {
  return (
    <>
      <h1>The a + a bug</h1>
      <p class="lead">
        In{" "}
        <code>b = a + a</code>, a is used twice, so db/da is 2. The lecture's
        first <code>_backward</code> <em>set</em>{" "}
        each operand's grad, and the second use overwrote the first: a.grad came
        out 1. Grads must <em>add up</em> over every use:{" "}
        <code>+=</code>, with the grads zeroed before each backward pass.
      </p>
      <AccumulateBug svg={data.svg} values={data.values} />
    </>
  );
});
