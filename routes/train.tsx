/**
 * `/train`: the training playground. Every setting is a query parameter
 * (`?data=spiral&layers=8,8&activation=tanh`, read by `parseSetup`, 400 if
 * invalid); no parameter at all is micrograd's demo, bit for bit.
 *
 * @module
 */
import { HttpError, page } from "fresh";
import {
  DATASET_TITLES,
  DATASETS,
  parseSetup,
  PRESETS,
  Run,
  type Setup,
} from "@gradviz/gradviz/train";
import TrainPlayground from "../islands/TrainPlayground.tsx";
import { define } from "../utils.ts";

function readSetup(url: URL): Setup {
  try {
    return parseSetup(url.searchParams);
  } catch (e) {
    if (e instanceof RangeError) {
      throw new HttpError(
        400,
        `Invalid query: ${e.message.replace(/^Cannot read setup: /, "")}`,
      );
    }
    throw e;
  }
}

/** GET: reads the setup and measures it before training. */
export const handler = define.handlers({
  GET(ctx) {
    const setup = readSetup(ctx.url);
    ctx.state.title = "Training playground";
    const run = new Run(setup);
    const train = run.evaluate(run.data.train);
    const test = run.data.test.points.length
      ? run.evaluate(run.data.test)
      : null;
    return page({
      setup,
      initial: {
        step: 0,
        loss: train.loss,
        accuracy: train.accuracy,
        testLoss: test?.loss ?? null,
        testAccuracy: test?.accuracy ?? null,
      },
    });
  },
});

/** The page: what it is, then the playground. */
export default define.page<typeof handler>(function Train({ data }) {
  return (
    <>
      <h1>Training playground</h1>
      <p class="lead">
        Choose a data set, the inputs, the network and how it learns, then train
        it here, in your browser: a Web Worker replays the network's compiled
        graph of{" "}
        <code>Value</code>s, step after step. Click any point to open the graph
        of its prediction and loss. With no setting changed this is micrograd's
        demo, bit for bit: loss 0.8958441028683222 at step 0,
        0.010978370135492717 and 100% accuracy at step 99 (as on{" "}
        <a href="/moons">/moons</a>). Every setting is in the address, so a
        configuration is a link, and <code>deno task train</code>{" "}
        takes the same options and prints the same losses.
      </p>
      <p class="train-presets">
        Presets that train each data set to 90% or more:{" "}
        {DATASETS.map((d, i) => (
          <>
            {i > 0 && " · "}
            <a href={PRESETS[d] ? `/train?${PRESETS[d]}` : "/train"}>
              {DATASET_TITLES[d]}
            </a>
          </>
        ))}
        .
      </p>
      <TrainPlayground setup={data.setup} initial={data.initial} />
    </>
  );
});
