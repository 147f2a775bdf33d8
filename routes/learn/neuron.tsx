/**
 * `/learn/neuron`, chapter 4: the seed notebook's neuron, built one cell at
 * a time. State in the query: the leaves, `?cell=1` to `5` and
 * `?backward=1`.
 *
 * @module
 */
import { renderSvg } from "@gradviz/gradviz/render";
import { page } from "fresh";
import NeuronCells from "../../islands/NeuronCells.tsx";
import { NEURON_CELLS } from "../../lessons/course.ts";
import {
  flagFromQuery,
  integerFromQuery,
  leafValuesFromQuery,
} from "../../server/query.ts";
import { define } from "../../utils.ts";

/** GET: reads the leaves, the cell and the flag (400 if invalid) and draws the cell's graph. */
export const handler = define.handlers({
  async GET(ctx) {
    const values = leafValuesFromQuery(ctx.url, NEURON_CELLS[4]);
    const cell = integerFromQuery(ctx.url, "cell", {
      min: 1,
      max: 5,
      fallback: 5,
    });
    const backward = flagFromQuery(ctx.url, "backward") && cell === 5;
    ctx.state.title = "4. A neuron";
    const root = NEURON_CELLS[cell - 1].build(values);
    if (backward) root.backward();
    return page({
      values,
      cell,
      backward,
      svg: await renderSvg(root, { rankdir: "TB" }),
    });
  },
});

/** The chapter. */
export default define.page<typeof handler>(function NeuronChapter({ data }) {
  return (
    <>
      <h1>A neuron</h1>
      <p class="lead">
        A neuron weighs its inputs, adds a bias and squashes the sum:{" "}
        <code>o = tanh(x1*w1 + x2*w2 + b)</code>. The notebook builds it cell by
        cell with <code>x1 = 2, x2 = 0, w1 = −3, w2 = 1, b = 6.7</code>{" "}
        (o = 0.6044); the lecture then picks <code>b = 6.8813735870195432</code>
        {" "}
        so that o = 0.7071 and the grads come out round. Step through the cells,
        change b, run <code>o.backward()</code>.
      </p>
      <NeuronCells
        svg={data.svg}
        values={data.values}
        cell={data.cell}
        backward={data.backward}
      />
    </>
  );
});
