/**
 * `/mlp`: the lecture's MLP(3, [4, 4, 1]) learning its four examples. The
 * seed of its initial weights is in the query (`?seed=42`), and so is the
 * drawing (`?view=full` for every value of a forward pass).
 *
 * @module
 */
import { renderSvg } from "@gradviz/gradviz/render";
import { HttpError, page } from "fresh";
import MlpTrainer from "../islands/MlpTrainer.tsx";
import { define } from "../utils.ts";
import {
  DEFAULT_SEED,
  forwardDot,
  lectureModel,
  type MlpView,
} from "../lessons/lecture_mlp.ts";

// The one value of a query parameter, or undefined; twice is an error.
function single(url: URL, name: string): string | undefined {
  const given = url.searchParams.getAll(name);
  if (given.length > 1) {
    throw new HttpError(
      400,
      `Invalid query parameter ${name}: given more than once`,
    );
  }
  return given[0];
}

// `?seed=`: a non-negative safe integer (seededRandom's domain), default 42.
function seedOf(url: URL): number {
  const text = single(url, "seed");
  if (text === undefined) return DEFAULT_SEED;
  const bad = (why: string) =>
    new HttpError(400, `Invalid query parameter seed: ${why}`);
  if (text.length > 16) throw bad("longer than 16 characters");
  if (!/^\d+$/.test(text)) {
    throw bad(`${JSON.stringify(text)} is not a non-negative integer`);
  }
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) {
    throw bad(`${text} is larger than ${Number.MAX_SAFE_INTEGER}`);
  }
  return seed;
}

// `?view=`: network (neuron by neuron, the default) or full.
function viewOf(url: URL): MlpView {
  const view = single(url, "view") ?? "network";
  if (view === "network" || view === "full") return view;
  throw new HttpError(
    400,
    `Invalid query parameter view: expected "network" or "full", got ${
      JSON.stringify(view.slice(0, 20))
    }`,
  );
}

export const handler = define.handlers({
  async GET(ctx) {
    const seed = seedOf(ctx.url);
    const view = viewOf(ctx.url);
    ctx.state.title = "An MLP";
    const svg = await renderSvg(forwardDot(lectureModel(seed), view, 0));
    return page({ seed, view, svg });
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
        <input type="hidden" name="view" value={data.view} />
        <button type="submit">New network</button>
      </form>
      <MlpTrainer seed={data.seed} view={data.view} svg={data.svg} />
    </>
  );
});
