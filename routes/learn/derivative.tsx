/**
 * `/learn/derivative`, chapter 1: the slope of `f(x) = 3x² − 4x + 5` by
 * hand. State in the query: `?x=3&h=0.001`.
 *
 * @module
 */
import { page } from "fresh";
import DerivativeLesson from "../../islands/DerivativeLesson.tsx";
import { DERIVATIVE, STEPS } from "../../lessons/course.ts";
import {
  leafValuesFromQuery,
  numberChoiceFromQuery,
} from "../../server/query.ts";
import { define } from "../../utils.ts";

/** GET: reads x and h (400 if invalid). */
export const handler = define.handlers({
  GET(ctx) {
    const { x } = leafValuesFromQuery(ctx.url, DERIVATIVE);
    const h = numberChoiceFromQuery(ctx.url, "h", STEPS, 0.001);
    ctx.state.title = "1. A derivative by hand";
    return page({ x, h });
  },
});

/** The chapter. */
export default define.page<typeof handler>(function Derivative({ data }) {
  return (
    <>
      <h1>A derivative by hand</h1>
      <p class="lead">
        The derivative of <code>f(x) = 3x² − 4x + 5</code>{" "}
        is how much f moves when x moves a little, per unit of that little:{" "}
        <code>(f(x + h) − f(x))/h</code>{" "}
        as h shrinks. At x = 3 it tends to 14 (6x − 4); with too small an h,
        floating point takes over. Move x, shrink h.
      </p>
      <DerivativeLesson x={data.x} h={data.h} />
    </>
  );
});
