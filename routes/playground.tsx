/**
 * `/playground`: type a program in the expression language and see its
 * graph and grads. The program lives in the query (`?program=…`), so a graph
 * can be shared as a link; a program that does not parse is answered with
 * status 400 and its error shown at its line and column. Small graphs are
 * drawn in-process; bigger ones in the server's bounded layout pool, with a
 * deadline. When the pool is full (or the layout overruns its deadline) the
 * page is sent without a drawing (`busy`), and the island draws the graph in
 * the browser. Graphs that would
 * take Graphviz minutes are not drawn at all.
 *
 * @module
 */
import { Fragment } from "preact";
import { renderSvg } from "@gradviz/gradviz/render";
import { HttpError, page } from "fresh";
import Playground from "../islands/Playground.tsx";
import { define } from "../utils.ts";
import {
  DEFAULT_PROGRAM,
  MAX_LAYOUT_COST,
  PLAYGROUND_LIMITS,
  runProgram,
} from "../lessons/program.ts";
import { layoutPool } from "../server/layout.ts";

/** Graphs this easy are drawn in-process (a few ms); harder ones in the layout pool. */
const INLINE_COST = 200;

/** Programs to start from, each a link. */
const EXAMPLES = [
  { name: "the lecture's expression", program: DEFAULT_PROGRAM },
  {
    name: "the lecture's neuron",
    program: `x1 = 2; x2 = 0; w1 = -3; w2 = 1
b = 6.8813735870195432
n = x1*w1 + x2*w2 + b
o = tanh(n)`,
  },
  {
    name: "micrograd's README expression",
    program: `a = -4; b = 2
c1 = a + b
d1 = a*b + b**3
c2 = c1 + (c1 + 1)
c3 = c2 + (1 + c2 + (-a))
d2 = d1 + (d1*2 + relu(b + a))
d3 = d2 + (3*d2 + relu(b - a))
e = c3 - d3
f = e**2
g1 = f / 2.0
g = g1 + 10.0 / f`,
  },
];

export const handler = define.handlers({
  async GET(ctx) {
    ctx.state.title = "Playground";
    const given = ctx.url.searchParams.getAll("program");
    const bad = (why: string) =>
      new HttpError(400, `Invalid query parameter program: ${why}`);
    if (given.length > 1) throw bad("given more than once");
    // Line ends as a textarea sends them: "\r\n" and a bare "\r" become "\n".
    const program = (given[0] ?? DEFAULT_PROGRAM).replace(/\r\n?/g, "\n");
    if (program.length > PLAYGROUND_LIMITS.maxLength) {
      throw bad(`longer than ${PLAYGROUND_LIMITS.maxLength} characters`);
    }
    const run = runProgram(program);
    if ("error" in run) {
      return page({ program, svg: "", busy: false }, { status: 400 });
    }
    let svg = "";
    let busy = false;
    if (run.cost <= INLINE_COST) svg = await renderSvg(run.dot);
    else if (run.cost <= MAX_LAYOUT_COST) {
      // Not drawn for want of time (the pool was full, or the layout
      // overran its deadline on a loaded server): the browser draws it. A
      // graph Graphviz refuses is not drawn at all.
      const layout = await layoutPool.layout(run.dot).catch(() => null);
      if (layout && "svg" in layout) svg = layout.svg;
      busy = layout !== null && !("svg" in layout);
    }
    return page({ program, svg, busy });
  },
});

export default define.page<typeof handler>(function PlaygroundPage({ data }) {
  return (
    <>
      <h1>Playground</h1>
      <p class="lead">
        Write a program, one statement per line (or separated by{" "}
        <code>;</code>): <code>name = expression</code> with numbers, names,
        {" "}
        <code>+ - * / **</code> and{" "}
        <code>tanh exp log relu sigmoid</code>. The last statement is the
        output; every named value shows its <code>data</code> and its{" "}
        <code>grad</code>, d(output)/d(value). The address bar holds the
        program: copy it to share the graph.
      </p>
      <p class="examples">
        Examples: {EXAMPLES.map((e, i) => (
          <Fragment key={e.name}>
            {i > 0 && ", "}
            <a href={`/playground?program=${encodeURIComponent(e.program)}`}>
              {e.name}
            </a>
          </Fragment>
        ))}.
      </p>
      <Playground program={data.program} svg={data.svg} busy={data.busy} />
    </>
  );
});
