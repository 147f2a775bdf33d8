/**
 * `/`: what gradviz is, the lessons, and a small live graph.
 *
 * @module
 */
import { renderSvg } from "@gradviz/gradviz/render";
import { page } from "fresh";
import TinyGraph from "../islands/TinyGraph.tsx";
import { define } from "../utils.ts";
import { lectureValues, tiny } from "../lessons/lessons.ts";
import { evaluate } from "../lessons/evaluate.ts";

/** GET: draws the small graph for the lecture values. */
export const handler = define.handlers({
  async GET(ctx) {
    const values = lectureValues(tiny);
    ctx.state.title = "Backpropagation you can see";
    return page({ values, svg: await renderSvg(evaluate(tiny, values).root) });
  },
});

const LESSONS = [
  {
    href: "/expression",
    name: "Expression",
    line:
      "L = (a*b + c)*f from the lecture: move a leaf, nudge it, step through backward().",
  },
  {
    href: "/neuron",
    name: "Neuron",
    line:
      "A tanh neuron, and the same neuron with tanh made of exp: same grads, different graphs.",
  },
  {
    href: "/mlp",
    name: "MLP",
    line:
      "The lecture's MLP(3, [4, 4, 1]) learning its four examples, step by step.",
  },
  {
    href: "/playground",
    name: "Playground",
    line:
      "Type an expression, see its graph and every grad; share it as a link.",
  },
  {
    href: "/moons",
    name: "Moons",
    line:
      "micrograd's demo: a 2-16-16-1 network learns the two moons in your browser.",
  },
];

/** The home page: the paragraph, the live graph, the lessons. */
export default define.page<typeof handler>(function Home({ data }) {
  return (
    <>
      <h1>Backpropagation you can see</h1>
      <p class="lead">
        gradviz is micrograd, Andrej Karpathy's tiny autograd engine, in
        TypeScript. Every number is a <code>Value</code>{" "}
        that remembers how it was made, so <code>backward()</code>{" "}
        can apply the chain rule from the output back to every input. Here the
        graphs are drawn and kept live: change a number and watch each{" "}
        <code>grad</code>, the slope of the output in that number, follow.
      </p>
      {/* The course (issue 10) */}
      <p class="course-link">
        New to backpropagation? <a href="/learn">Take the course</a>:{" "}
        the lecture in eight short chapters, each with a live graph.
      </p>
      <h2>Try it</h2>
      <p>
        <code>c = a * b</code>: the grad of a is b, the grad of b is a.
      </p>
      <TinyGraph svg={data.svg} values={data.values} />
      <h2>Lessons</h2>
      <ul class="lessons">
        {LESSONS.map((l) => (
          <li>
            <a href={l.href}>{l.name}</a> — {l.line}
          </li>
        ))}
      </ul>
    </>
  );
});
