/**
 * `/mlp`: the lecture's MLP(3, [4, 4, 1]) learning its four examples. The
 * query holds the moment, so it can be shared as a link: the seed of the
 * initial weights (`?seed=42`), the learning rate (`lr=0.1`), the drawing
 * (`view=full` for every value of a forward pass) and the training done
 * (`train=20@0.1,5@0.5`: 20 steps at 0.1, then 5 at 0.5).
 *
 * @module
 */
import { renderSvg } from "@gradviz/gradviz/render";
import { page } from "fresh";
import MlpTrainer from "../islands/MlpTrainer.tsx";
import { define } from "../utils.ts";
import {
  DEFAULT_SEED,
  forwardDot,
  LEARNING_RATE,
  lectureRun,
  MAX_STEPS,
} from "../lessons/lecture_mlp.ts";
import {
  choiceFromQuery,
  integerFromQuery,
  numberFromQuery,
  scheduleFromQuery,
} from "../server/query.ts";

/** GET: reads the moment from the query (400 if invalid), replays it and draws the network. */
export const handler = define.handlers({
  async GET(ctx) {
    const url = ctx.url;
    const seed = integerFromQuery(url, "seed", {
      min: 0,
      max: Number.MAX_SAFE_INTEGER,
      fallback: DEFAULT_SEED,
    });
    const view = choiceFromQuery(url, "view", ["network", "full"], "network");
    const rate = numberFromQuery(url, "lr", {
      ...LEARNING_RATE,
      fallback: LEARNING_RATE.initial,
    });
    const history = scheduleFromQuery(url, "train", {
      ...LEARNING_RATE,
      maxSteps: MAX_STEPS,
    });
    ctx.state.title = "An MLP";
    const { model } = lectureRun(seed, history);
    const svg = await renderSvg(forwardDot(model, view, 0));
    return page({ seed, view, rate, history, svg });
  },
});

export default define.page<typeof handler>(function Mlp({ data }) {
  return (
    <>
      <h1>An MLP learns four examples</h1>
      <p class="lead">
        The lecture's network: 3 inputs, two hidden layers of 4 tanh neurons,
        one tanh output, 41 parameters. Its loss is the sum of squared errors
        over the four examples; each step runs the forward pass,{" "}
        <code>backward()</code> and moves every parameter against its grad,{" "}
        <code>p.data -= learning_rate * p.grad</code>. Steps replay a compiled
        graph, with the same numbers as the <code>Value</code> engine.
      </p>
      <form class="seed-form" method="get" action="/mlp">
        <label>
          Initial weights from seed{" "}
          <input name="seed" type="number" min={0} step={1} value={data.seed} />
        </label>{" "}
        <input type="hidden" name="lr" value={String(data.rate)} />
        <input type="hidden" name="view" value={data.view} />
        <button type="submit">New network</button>
      </form>
      <MlpTrainer
        seed={data.seed}
        view={data.view}
        rate={data.rate}
        history={data.history}
        svg={data.svg}
      />
    </>
  );
});
