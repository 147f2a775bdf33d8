/**
 * `/learn/tanh`, chapter 6: tanh decomposed into `exp` and division, beside
 * tanh as one node (the `NeuronLesson` island of `/neuron`). Leaves in the
 * query.
 *
 * @module
 */
import { renderSvg } from "@gradviz/gradviz/render";
import { page } from "fresh";
import NeuronLesson from "../../islands/NeuronLesson.tsx";
import { evaluate } from "../../lessons/evaluate.ts";
import { neuron, neuronExp } from "../../lessons/lessons.ts";
import { leafValuesFromQuery } from "../../server/query.ts";
import { define } from "../../utils.ts";

const TB = { rankdir: "TB" } as const;

/** GET: reads the leaves (400 if invalid) and draws both graphs. */
export const handler = define.handlers({
  async GET(ctx) {
    const values = leafValuesFromQuery(ctx.url, neuron);
    ctx.state.title = "6. tanh from exp";
    return page({
      values,
      svgTanh: await renderSvg(evaluate(neuron, values).root, TB),
      svgExp: await renderSvg(evaluate(neuronExp, values).root, TB),
    });
  },
});

/** The chapter. */
export default define.page<typeof handler>(function Tanh({ data }) {
  return (
    <>
      <h1>tanh from exp</h1>
      <p class="lead">
        <code>tanh(n) = (e − 1)/(e + 1)</code> with <code>e = exp(2n)</code>
        {" "}
        needs only <code>exp</code>, <code>+</code>, <code>*</code>{" "}
        and powers, each with its own local derivative. The graph is bigger, the
        leaf grads are the same: how finely a function is broken into nodes is a
        choice, as long as each node knows its local derivative.
      </p>
      <NeuronLesson
        svgTanh={data.svgTanh}
        svgExp={data.svgExp}
        values={data.values}
      />
    </>
  );
});
