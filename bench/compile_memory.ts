// Memory of a compiled graph (issue 12): bytes per node that compile() keeps
// for micrograd's moons loss graph, MLP(2, [n, n, 1]) on its 100 points: the
// JS heap (its `nodes` array, the slot index once built) and the typed
// arrays outside it (values, grads, the program), GC forced around it.
//   deno run -A --v8-flags=--expose-gc bench/compile_memory.ts [16 32 64 128]
import { getHeapStatistics } from "node:v8";
import { compile, MLP, seededRandom, type Value } from "../mod.ts";
import { moonsLoss, moonsModel } from "../tests/_moons.ts";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("Run with --v8-flags=--expose-gc");

// The JS heap and the memory outside it (typed arrays' buffers), after GC.
function memory(): { heap: number; external: number } {
  gc!();
  gc!();
  const s = getHeapStatistics();
  return { heap: s.used_heap_size, external: s.external_memory };
}

function model(n: number): MLP {
  if (n === 16) return moonsModel();
  return new MLP(2, [n, n, 1], {
    activation: "relu",
    outputActivation: "linear",
    bias: "zero",
    random: seededRandom(1),
  });
}

const sizes = Deno.args.length > 0 ? Deno.args.map(Number) : [16, 32, 64];
console.log(
  "| n | nodes | after compile(): heap + typed arrays = bytes/node | + backward() (grads) | + slot() of an inner node (index) |",
);
console.log("|---|---|---|---|---|");
for (const n of sizes) {
  let { loss }: { loss: Value | null } = moonsLoss(model(n));
  const m0 = memory();
  let g: ReturnType<typeof compile> | null = compile(loss!);
  const m1 = memory();
  g.backward();
  const m2 = memory();
  g.slot(g.nodes[g.leafCount]); // indexes every node
  const m3 = memory();
  const nodes = g.nodes.length;
  const per = (m: { heap: number; external: number }) => {
    const heap = (m.heap - m0.heap) / nodes;
    const external = (m.external - m0.external) / nodes;
    return `${heap.toFixed(1)} + ${external.toFixed(1)} = ${
      (heap + external).toFixed(1)
    }`;
  };
  console.log(
    `| ${n} | ${nodes.toLocaleString("en")} | ${per(m1)} | ${per(m2)} | ${
      per(m3)
    } |`,
  );
  g = null;
  loss = null;
}
