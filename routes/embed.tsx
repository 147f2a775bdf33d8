/**
 * `/embed`: how to put a live gradviz graph in any page, with the snippet
 * (this host's address in it) and the element itself.
 *
 * @module
 */
import { page } from "fresh";
import { define } from "../utils.ts";

// The element's attributes, for JSX (embed/gradviz_graph.ts defines it).
declare module "preact" {
  namespace JSX {
    interface IntrinsicElements {
      "gradviz-graph": {
        program: string;
        controls?: boolean;
        rankdir?: "LR" | "TB";
        label?: string;
        theme?: "dark" | "light";
      };
    }
  }
}

/** GET: the snippet for this host. */
export const handler = define.handlers({
  GET(ctx) {
    ctx.state.title = "Embed a graph";
    return page({ origin: ctx.url.origin });
  },
});

const PROGRAM = "a = 2; b = -3; L = a*b";
const NEURON =
  "x1 = 2; x2 = 0; w1 = -3; w2 = 1; b = 6.8813735870195432; o = tanh(x1*w1 + x2*w2 + b)";

/** The demo: snippet, element, attributes, the iframe alternative. */
export default define.page<typeof handler>(function Embed({ data }) {
  const snippet = `<script type="module" src="${data.origin}/embed.js"></script>
<gradviz-graph program="${PROGRAM}" controls></gradviz-graph>`;
  return (
    <>
      <h1>Embed a live graph</h1>
      <p class="lead">
        One script tag and one element put a live autograd graph in your own
        page or slides: sliders for the leaves, every <code>data</code> and{" "}
        <code>grad</code>{" "}
        updated as they move. The element keeps its styles to itself (a shadow
        root), follows the reader's light or dark mode, and works under a strict
        Content-Security-Policy that allows scripts from this host and{" "}
        <code>'wasm-unsafe-eval'</code> (Graphviz is WebAssembly).
      </p>
      <pre class="snippet"><code>{snippet}</code></pre>
      <div class="embed-demo">
        <gradviz-graph program={PROGRAM} controls />
      </div>
      <h2>Attributes</h2>
      <table class="attributes">
        <thead>
          <tr>
            <th scope="col">attribute</th>
            <th scope="col">what it does</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">program</th>
            <td>
              the graph, in the <a href="/playground">playground</a>'s language:
              {" "}
              <code>name = expression</code>, separated by <code>;</code>{" "}
              or new lines; the last statement is the output
            </td>
          </tr>
          <tr>
            <th scope="row">controls</th>
            <td>a slider for each name given a number</td>
          </tr>
          <tr>
            <th scope="row">rankdir</th>
            <td>
              <code>LR</code> (left to right, the default) or <code>TB</code>
              {" "}
              (top to bottom)
            </td>
          </tr>
          <tr>
            <th scope="row">label</th>
            <td>the drawing's accessible name</td>
          </tr>
          <tr>
            <th scope="row">theme</th>
            <td>
              <code>dark</code> or <code>light</code>{" "}
              to override the reader's light or dark mode (by default the
              element follows <code>prefers-color-scheme</code>)
            </td>
          </tr>
        </tbody>
      </table>
      <p>
        Top to bottom, <code>rankdir="TB"</code>, the lecture's neuron:
      </p>
      <div class="embed-demo">
        <gradviz-graph program={NEURON} rankdir="TB" controls />
      </div>
      <h2>A whole chapter in an iframe</h2>
      <p>
        Any chapter of the <a href="/learn">course</a> with <code>?embed</code>
        {" "}
        added drops the site's header and footer and may be framed by any site:
      </p>
      <pre class="snippet"><code>{`<iframe src="${data.origin}/learn/backprop?embed" width="100%" height="700" title="Backpropagation by hand"></iframe>`}</code></pre>
      <script type="module" src="/embed.js"></script>
    </>
  );
});
