/**
 * `/learn/tanh`, chapter 6: tanh decomposed into `exp` and division, beside
 * tanh as one node (the `NeuronLesson` island of `/neuron`). Leaves in the
 * query.
 *
 * @module
 */
import { page } from "fresh";
import NeuronLesson from "../../islands/NeuronLesson.tsx";
import { neuronGraphs } from "../../server/neuron_graphs.ts";
import { define } from "../../utils.ts";

/** GET: reads the leaves (400 if invalid) and draws both graphs. */
export const handler = define.handlers({
  async GET(ctx) {
    ctx.state.title = "6. tanh from exp";
    return page(await neuronGraphs(ctx.url));
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
