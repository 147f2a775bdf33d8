/**
 * `/learn/backprop`, chapter 3: backpropagation by hand, then by
 * `backward()`, then the lecture's nudge. State in the query: the leaves,
 * the answers (`?d.grad=-2`) and `?backward=1`.
 *
 * @module
 */
import { trace } from "@gradviz/gradviz";
import { renderSvg } from "@gradviz/gradviz/render";
import { page } from "fresh";
import GradQuiz from "../../islands/GradQuiz.tsx";
import { expression } from "../../lessons/lessons.ts";
import {
  answersFromQuery,
  flagFromQuery,
  leafValuesFromQuery,
} from "../../server/query.ts";
import { keepAnswered } from "../../lessons/course.ts";
import { define } from "../../utils.ts";

/** GET: reads the leaves and the flag (400 if invalid) and draws L. */
export const handler = define.handlers({
  async GET(ctx) {
    const values = leafValuesFromQuery(ctx.url, expression);
    const backward = flagFromQuery(ctx.url, "backward");
    ctx.state.title = "3. Backpropagation by hand";
    const L = expression.build(values);
    L.backward();
    const labels = trace(L).nodes.map((node) => node.label);
    const answers = answersFromQuery(ctx.url, labels);
    if (!backward) keepAnswered(L, answers);
    return page({ values, backward, answers, svg: await renderSvg(L) });
  },
});

/** The chapter. */
export default define.page<typeof handler>(function Backprop({ data }) {
  return (
    <>
      <h1>Backpropagation by hand</h1>
      <p class="lead">
        A node's grad is dL/d(node). Start at L (dL/dL = 1) and walk back: for
        {" "}
        <code>L = d*f</code>, dL/dd is f; for a <code>+</code>{" "}
        the grad passes through unchanged; for a <code>*</code>{" "}
        it is the other operand times the grad above (the chain rule). Fill in
        each grad, then let <code>L.backward()</code>{" "}
        do the same. Nudging every leaf by 0.01 × its grad makes L grow, −8 to
        −7.286496.
      </p>
      <GradQuiz
        svg={data.svg}
        values={data.values}
        backward={data.backward}
        answers={data.answers}
      />
    </>
  );
});
