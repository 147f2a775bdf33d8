/**
 * gradviz: a scalar autograd engine in the style of micrograd, with its
 * graphs drawn.
 *
 * @example
 * ```ts
 * import { deepEqual } from "node:assert/strict";
 * import { Value } from "@gradviz/gradviz";
 *
 * const a = new Value(2, { label: "a" });
 * const b = new Value(-3, { label: "b" });
 * const L = a.mul(b);
 * L.backward();
 * deepEqual([L.data, a.grad, b.grad], [-6, -3, 2]);
 * ```
 *
 * @module
 */
// The engine: micrograd's engine.py and nn.py. It imports nothing else.
export {
  OpCode,
  type Tape,
  tape,
  topologicalOrder,
  Value,
  type ValueOptions,
} from "./src/engine/value.ts";
export { type Graph, trace } from "./src/engine/graph.ts";
export {
  type Activation,
  Layer,
  type LayerOptions,
  MLP,
  type MLPOptions,
  Module,
  Neuron,
  type NeuronOptions,
} from "./src/engine/nn.ts";
export { seededRandom } from "./src/engine/random.ts";
// Drawing as text (Viz.js stays behind "./render"); a `Value` shows as its
// graph in Jupyter once this import has run.
export {
  fieldText,
  GRAPH_FONT,
  nodeId,
  numberText,
  toDot,
  type ToDotOptions,
} from "./src/draw/dot.ts";
export {
  networkToDot,
  type NetworkToDotOptions,
} from "./src/draw/network_dot.ts";
export { layoutCost, MAX_LAYOUT_COST } from "./src/draw/cost.ts";
import "./src/draw/jupyter.ts";
// Compiled replay and training.
export { compile, CompiledGraph } from "./src/replay/compile.ts";
export {
  train,
  type TrainData,
  Trainer,
  type TrainerOptions,
  type TrainOptions,
  type TrainStep,
} from "./src/replay/train.ts";
// The expression language.
export {
  type ParseOptions,
  parseProgram,
  type Program,
} from "./src/lang/expr.ts";
