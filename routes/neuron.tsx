/**
 * `/neuron`: the lecture's tanh neuron, and the same neuron with tanh built
 * from exp. Inputs and weights may come from the query (`?x1=1&w2=0.5`).
 *
 * @module
 */
import { page } from "fresh";
import NeuronLesson from "../islands/NeuronLesson.tsx";
import { define } from "../utils.ts";
import { neuronGraphs } from "../server/neuron_graphs.ts";

/** GET: reads the leaves from the query (400 if invalid) and draws both graphs. */
export const handler = define.handlers({
  async GET(ctx) {
    ctx.state.title = "A neuron";
    return page(await neuronGraphs(ctx.url));
  },
});

/** The page: an introduction and the lesson island. */
export default define.page<typeof handler>(function Neuron({ data }) {
  return (
    <>
      <h1>A neuron</h1>
      <p class="lead">
        <code>o = tanh(x1*w1 + x2*w2 + b)</code>{" "}
        with the lecture's numbers (b = 6.8813735870195432 makes o = 0.7071).
        Beside it, the same neuron with tanh written out as{" "}
        <code>(e − 1)/(e + 1)</code> with{" "}
        <code>e = exp(2n)</code>: a different graph, the same leaf grads. Any
        function you can differentiate can be a node; how finely you break it up
        is up to you.
      </p>
      <NeuronLesson
        svgTanh={data.svgTanh}
        svgExp={data.svgExp}
        values={data.values}
      />
    </>
  );
});
