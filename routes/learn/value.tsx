/**
 * `/learn/value`, chapter 2: `Value` with `+` and `*`, the lecture's
 * `L = d*f` drawn as `draw_dot(L)` draws it, before any backward pass.
 * Leaves in the query: `?a=3`.
 *
 * @module
 */
import { renderSvg } from "@gradviz/gradviz/render";
import { page } from "fresh";
import CourseGraph from "../../islands/CourseGraph.tsx";
import { expression } from "../../lessons/lessons.ts";
import { leafValuesFromQuery } from "../../server/query.ts";
import { define } from "../../utils.ts";

/** GET: reads the leaves (400 if invalid) and draws L before backward(). */
export const handler = define.handlers({
  async GET(ctx) {
    const values = leafValuesFromQuery(ctx.url, expression);
    ctx.state.title = "2. Value, + and *";
    return page({ values, svg: await renderSvg(expression.build(values)) });
  },
});

/** The chapter. */
export default define.page<typeof handler>(function ValueChapter({ data }) {
  return (
    <>
      <h1>Value, + and *</h1>
      <p class="lead">
        A <code>Value</code>{" "}
        wraps a number and remembers the values and the operation that made it.
        With <code>a = 2, b = −3, c = 10, e = a*b, d = e + c, f = −2</code> and
        {" "}
        <code>L = d*f</code>, L prints as <code>Value(data=-8)</code> and{" "}
        <code>draw_dot(L)</code>{" "}
        draws the whole expression: each value's data, and a grad that is still
        0.
      </p>
      <pre><code>{`a = Value(2.0, label='a')
b = Value(-3.0, label='b')
c = Value(10.0, label='c')
e = a*b; e.label = 'e'
d = e + c; d.label = 'd'
f = Value(-2.0, label='f')
L = d * f; L.label = 'L'`}</code></pre>
      <CourseGraph
        lesson="expression"
        svg={data.svg}
        values={data.values}
        grads={false}
        label="Graph of L = (a*b + c)*f"
      />
    </>
  );
});
