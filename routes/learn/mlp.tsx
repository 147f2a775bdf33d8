/**
 * `/learn/mlp`, chapter 8: `Neuron`, `Layer`, `MLP(3, [4, 4, 1])`, the four
 * examples, the loss and the training loop, with `/mlp`'s trainer. The
 * seed of the initial weights is in the query (`?seed=42`).
 *
 * @module
 */
import { renderSvg } from "@gradviz/gradviz/render";
import { page } from "fresh";
import MlpTrainer from "../../islands/MlpTrainer.tsx";
import {
  DEFAULT_SEED,
  forwardDot,
  LEARNING_RATE,
  LECTURE_DATA,
  lectureLoss,
  lectureModel,
} from "../../lessons/lecture_mlp.ts";
import { fixed } from "../../components/format.ts";
import { integerFromQuery } from "../../server/query.ts";
import { define } from "../../utils.ts";

/** GET: reads the seed (400 if invalid) and draws the untrained network. */
export const handler = define.handlers({
  async GET(ctx) {
    const seed = integerFromQuery(ctx.url, "seed", {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      fallback: DEFAULT_SEED,
    });
    ctx.state.title = "8. An MLP learns";
    const model = lectureModel(seed);
    return page({
      seed,
      loss: lectureLoss(model).loss,
      svg: await renderSvg(forwardDot(model, "network", 0)),
    });
  },
});

/** The chapter. */
export default define.page<typeof handler>(function MlpChapter({ data }) {
  return (
    <>
      <h1>An MLP learns</h1>
      <p class="lead">
        A <code>Neuron(nin)</code> holds nin weights and a bias; a{" "}
        <code>Layer</code> is a list of neurons fed the same inputs; an{" "}
        <code>MLP(3, [4, 4, 1])</code>{" "}
        chains layers: 41 parameters. Its loss on the four examples is the sum
        of squared errors; each step runs forward, zeroes the grads, calls{" "}
        <code>loss.backward()</code> and moves every parameter by{" "}
        <code>−0.1 × grad</code>. Train it and watch the loss fall.
      </p>
      <pre><code>{`n = MLP(3, [4, 4, 1])
xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
ys = [1.0, -1.0, -1.0, 1.0]
for k in range(20):
  ypred = [n(x) for x in xs]
  loss = sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))
  for p in n.parameters(): p.grad = 0.0
  loss.backward()
  for p in n.parameters(): p.data += -0.1 * p.grad`}</code></pre>
      <table class="check examples">
        <caption>
          The four examples; with seed {data.seed} the untrained loss is{" "}
          <output id="initial-loss">{fixed(data.loss)}</output>
        </caption>
        <thead>
          <tr>
            <th scope="col">x</th>
            <th scope="col">target y</th>
          </tr>
        </thead>
        <tbody>
          {LECTURE_DATA.inputs.map((x, i) => (
            <tr>
              <th scope="row">[{x.join(", ")}]</th>
              <td>{LECTURE_DATA.targets[i]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <MlpTrainer
        seed={data.seed}
        view="network"
        rate={LEARNING_RATE.initial}
        history={[]}
        svg={data.svg}
      />
      <p>
        The same trainer, with a seed and the full drawing of every value, is at
        {" "}
        <a href={`/mlp?seed=${data.seed}`}>/mlp</a>.
      </p>
    </>
  );
});
