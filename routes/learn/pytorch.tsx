/**
 * `/learn/pytorch`, chapter 7: the lecture's PyTorch outputs next to ours.
 * PyTorch's numbers come from `data/torch_lecture.json` (generated from the
 * committed reference in `tests/reference/`); ours are computed here.
 *
 * @module
 */
import { renderSvg } from "@gradviz/gradviz/render";
import { page } from "fresh";
import CourseGraph from "../../islands/CourseGraph.tsx";
import { evaluate } from "../../lessons/evaluate.ts";
import {
  expression,
  lectureValues,
  type Lesson,
  neuron,
} from "../../lessons/lessons.ts";
import { leafValuesFromQuery } from "../../server/query.ts";
import { define } from "../../utils.ts";
import torch from "../../data/torch_lecture.json" with { type: "json" };

/** One row of the table. */
interface Row {
  quantity: string;
  torch: number;
  ours: number;
  video?: number;
}

// Ours, for the lecture's values: the root's data or a leaf's grad.
function rows(lesson: Lesson, name: string, video?: Record<string, number>) {
  const { root, leaves } = evaluate(lesson, lectureValues(lesson));
  const found = torch.cases.find((c) => c.name === name)!;
  return found.rows.map((r): Row => {
    const leaf = leaves.find((l) => `${l.name}.grad` === r.quantity);
    return {
      quantity: r.quantity,
      torch: r.torch,
      ours: leaf ? leaf.grad : root.data,
      video: video?.[r.quantity],
    };
  });
}

/** GET: the tables and the neuron's graph (leaves from the query, 400 if invalid). */
export const handler = define.handlers({
  async GET(ctx) {
    const values = leafValuesFromQuery(ctx.url, neuron);
    ctx.state.title = "7. The same numbers from PyTorch";
    return page({
      values,
      expression: rows(expression, "lecture L = (a*b + c)*f"),
      neuron: rows(neuron, "tanh neuron", torch.video),
      svg: await renderSvg(evaluate(neuron, values).root),
    });
  },
});

function agreement(a: number, b: number): string {
  return a === b ? "equal" : `differ by ${Math.abs(a - b).toExponential(1)}`;
}

function Table(
  { caption, rows, video }: { caption: string; rows: Row[]; video: boolean },
) {
  return (
    <table class="check torch">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">value</th>
          <th scope="col">PyTorch {torch.torch}, float64</th>
          <th scope="col">gradviz</th>
          <th scope="col">agree?</th>
          {video && <th scope="col">the video printed</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr data-quantity={r.quantity}>
            <th scope="row">{r.quantity}</th>
            <td class="torch-value">{String(r.torch)}</td>
            <td class="ours">{String(r.ours)}</td>
            <td>{agreement(r.torch, r.ours)}</td>
            {video && <td>{r.video === undefined ? "" : String(r.video)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The chapter. */
export default define.page<typeof handler>(function Pytorch({ data }) {
  return (
    <>
      <h1>The same numbers from PyTorch</h1>
      <p class="lead">
        PyTorch does the same with tensors: <code>requires_grad = True</code>
        {" "}
        on the leaves, then <code>o.backward()</code> fills each leaf's{" "}
        <code>.grad</code>. In float64 its numbers and ours agree to 15
        significant digits; the last digits differ by a rounding or two. The
        video printed slightly different ones because{" "}
        <code>torch.Tensor([6.88137…]).double()</code>{" "}
        rounds b to float32 first.
      </p>
      <pre><code>{`x1 = torch.Tensor([2.0]).double(); x1.requires_grad = True
x2 = torch.Tensor([0.0]).double(); x2.requires_grad = True
w1 = torch.Tensor([-3.0]).double(); w1.requires_grad = True
w2 = torch.Tensor([1.0]).double(); w2.requires_grad = True
b = torch.Tensor([6.8813735870195432]).double(); b.requires_grad = True
n = x1*w1 + x2*w2 + b
o = torch.tanh(n)
o.backward()`}</code></pre>
      <Table
        caption="The tanh neuron, o = tanh(x1*w1 + x2*w2 + b)"
        rows={data.neuron}
        video
      />
      <Table
        caption="The first expression, L = (a*b + c)*f"
        rows={data.expression}
        video={false}
      />
      <h2>Ours, live</h2>
      <CourseGraph
        lesson="neuron"
        svg={data.svg}
        values={data.values}
        grads
        label="Graph of the tanh neuron"
      />
    </>
  );
});
