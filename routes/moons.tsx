/**
 * `/moons`: micrograd's demo, MLP(2, [16, 16, 1]) learning the two moons
 * (`data/moons.json`: micrograd's points and initial weights), trained in
 * the browser.
 *
 * @module
 */
import { Trainer } from "@gradviz/gradviz";
import { page } from "fresh";
import MoonsTrainer, {
  type MoonsTrainerProps,
} from "../islands/MoonsTrainer.tsx";
import { define } from "../utils.ts";
import {
  MOONS,
  moonsModel,
  moonsTraining,
  Scorer,
} from "@gradviz/gradviz/moons";
import { gridAround } from "@gradviz/gradviz/render";

let cached: MoonsTrainerProps | undefined;

// The page's data never changes: computed on the first request, then kept.
function moonsProps(): MoonsTrainerProps {
  if (cached) return cached;
  const points = MOONS.points as number[][];
  const labels = MOONS.labels as number[];
  const data = { inputs: points, targets: labels };
  const { loss, accuracy } = new Trainer(moonsModel(), data, moonsTraining())
    .step();
  const grid = gridAround(points);
  return cached = {
    points,
    labels,
    params: MOONS.params as number[],
    initial: { loss, accuracy },
    grid,
    signs: new Scorer(moonsModel()).signs(grid),
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
        at step 99. This is the default of the{" "}
        <a href="/train">training playground</a>, where every setting can
        change.
      </p>
      <MoonsTrainer {...data} />
    </>
  );
});
