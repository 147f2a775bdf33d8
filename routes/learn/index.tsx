/**
 * `/learn`: the course's contents. The layout adds the chapter list with
 * the reader's progress.
 *
 * @module
 */
import { page } from "fresh";
import { define } from "../../utils.ts";

/** GET: the title. */
export const handler = define.handlers({
  GET(ctx) {
    ctx.state.title = "The course";
    return page();
  },
});

/** The course's introduction. */
export default define.page(function Course() {
  return (
    <>
      <h1>Backpropagation, chapter by chapter</h1>
      <p class="lead">
        Andrej Karpathy's lecture{" "}
        <em>The spelled-out intro to neural networks and backpropagation</em>
        {" "}
        in eight short chapters, following its notebook cell by cell. Each has a
        sentence or two and a live graph to change: a derivative by hand, the
        {" "}
        <code>Value</code>{" "}
        object, backpropagation by hand and by the engine, a neuron, the bug
        that taught micrograd to add its grads, tanh from exp, PyTorch's
        numbers, and an MLP that learns. Your progress stays in this browser.
      </p>
    </>
  );
});
