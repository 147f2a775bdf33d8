// Writes data/torch_lecture.json, the numbers /learn/pytorch shows, from the
// committed PyTorch reference (torch_reference.json, made by make_torch.py):
//   deno run --allow-read --allow-write tests/reference/make_torch_lecture.ts
// tests/course_test.ts checks the file is what this script writes.
import reference from "./torch_reference.json" with { type: "json" };

/** The reference cases the lecture shows, and the labels of their roots. */
const CASES = [
  { name: "lecture L = (a*b + c)*f", root: "L" },
  { name: "tanh neuron", root: "o" },
];

/**
 * What the video's PyTorch cell printed. It made its tensors with
 * `torch.Tensor([…]).double()`, so b went through float32 first
 * (6.8813735870195432 became 6.881373882293701); tests/course_test.ts
 * recomputes these from Math.fround(b).
 */
const VIDEO = {
  o: 0.7071066904050358,
  "x2.grad": 0.5000001283844369,
  "w2.grad": 0,
  "x1.grad": -1.5000003851533106,
  "w1.grad": 1.0000002567688737,
};

/** The file's contents. */
export function torchLecture(): string {
  const cases = CASES.map(({ name, root }) => {
    const result = reference.results.find((r) => r.name === name);
    if (!result) throw new Error(`Cannot find reference case: ${name}`);
    return {
      name,
      rows: [
        { quantity: root, torch: result.data },
        ...Object.entries(result.grads).map(([leaf, grad]) => ({
          quantity: `${leaf}.grad`,
          torch: grad,
        })),
      ],
    };
  });
  const data = {
    source:
      "tests/reference/torch_reference.json (PyTorch, float64), written by tests/reference/make_torch_lecture.ts",
    torch: reference.torch,
    cases,
    video: VIDEO,
  };
  return JSON.stringify(data, null, 1) + "\n";
}

if (import.meta.main) {
  const out = new URL("../../data/torch_lecture.json", import.meta.url);
  await Deno.writeTextFile(out, torchLecture());
  console.log(`wrote ${out.pathname}`);
}
