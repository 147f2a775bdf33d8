/**
 * `/moons`: micrograd's demo, MLP(2, [16, 16, 1]) learning the two moons
 * (`data/moons.json`: micrograd's points and initial weights), trained in
 * the browser.
 *
 * @module
 */
import { Trainer } from "@gradviz/gradviz";
import { page } from "../fresh/mod.ts";
import MoonsTrainer, {
  type MoonsTrainerProps,
} from "../islands/MoonsTrainer.tsx";
import { define } from "../lib/define.ts";
import {
  BoundaryPainter,
  gridAround,
  MOONS_TRAINING,
  moonsModel,
} from "../lib/moons.ts";
import moons from "../data/moons.json" with { type: "json" };

let cached: MoonsTrainerProps | undefined;

// The page's data never changes: computed on the first request, then kept.
function moonsProps(): MoonsTrainerProps {
  if (cached) return cached;
  const data = { inputs: moons.X, targets: moons.y };
  const { loss, accuracy } = new Trainer(
    moonsModel(moons.params),
    data,
    MOONS_TRAINING,
  )
    .step();
  const grid = gridAround(moons.X);
  return cached = {
    points: moons.X,
    labels: moons.y,
    params: moons.params,
    initial: { loss, accuracy },
    grid,
    signs: new BoundaryPainter(grid).signs(moons.params),
  };
}

export const handler = define.handlers({
  GET(ctx) {
    ctx.state.title = "Two moons";
    return page(moonsProps());
  },
});

export default define.page<typeof handler>(function Moons({ data }) {
  return (
    <>
      <h1>Two moons: micrograd's demo</h1>
      <p class="lead">
        micrograd's{" "}
        <code>demo.ipynb</code>, with its 100 points and its initial weights: an
        MLP(2, [16, 16, 1]) with ReLU hidden layers (337 parameters) learns to
        separate the two moons. The loss is the mean SVM max-margin loss{" "}
        <code>relu(1 − y·score)</code> plus{" "}
        <code>1e-4 · Σ p²</code>; step k moves every parameter by{" "}
        <code>(1 − 0.9·k/100) × grad</code>. Training runs here, in your
        browser, on a compiled graph: the numbers are the notebook's, from
        0.8958441028683222 at step 0 to 0.010978370135492717 and 100% accuracy
        at step 99.
      </p>
      <MoonsTrainer {...data} />
    </>
  );
});
