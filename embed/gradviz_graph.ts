/**
 * `<gradviz-graph>`: a live autograd graph any page can embed with one
 * script tag. Served, bundled, at `/embed.js` (see `server/embed_bundle.ts`):
 *
 * ```html
 * <script type="module" src="https://HOST/embed.js"></script>
 * <gradviz-graph program="a = 2; b = -3; L = a*b" controls></gradviz-graph>
 * ```
 *
 * Attributes:
 *
 * - `program`: a program in gradviz's expression language (as in
 *   `/playground`): statements `name = expression`, the last is the root.
 * - `controls`: a slider for each leaf (a name given a plain number); moving
 *   one updates every `data` and `grad` in place, without a new layout.
 * - `rankdir`: `LR` (left to right, the default) or `TB` (top to bottom).
 * - `label`: the drawing's accessible name (default: "Graph of " the program).
 * - `theme`: `dark` or `light` to override the reader's `prefers-color-scheme`,
 *   for a host page with its own theme switch.
 *
 * Everything lives in an open shadow root with its own stylesheet (a
 * constructed `CSSStyleSheet`, so a host's strict `style-src` does not block
 * it), so the host's CSS does not reach in and ours does not leak out. Colours
 * follow the host's `prefers-color-scheme`. Graphviz (Viz.js, WebAssembly) is
 * a separate chunk imported on first draw from the same host as this
 * script; a host CSP needs `script-src` of that host and `'wasm-unsafe-eval'`.
 * After each update the element fires `gradviz-update` with
 * `detail: { root: number }`.
 *
 * @module
 */
import {
  compile,
  type CompiledGraph,
  parseProgram,
  toDot,
  type Value,
} from "@gradviz/gradviz";
import { graphValues } from "../lessons/evaluate.ts";
import { PLAYGROUND_LIMITS } from "../lessons/program.ts";
import {
  indexRecords,
  patchRecords,
  type RecordIndex,
} from "../components/svg_patch.ts";

const CSS = `
:host {
  --ink: #1f2937; --muted: #6b7280; --line: #d1d5db; --paper: #ffffff;
  --tint: #f3f4f6; --accent: #2563eb; --mark: #dc2626;
  display: block; margin: 1em 0; color: var(--ink); background: var(--paper);
  border: 1px solid var(--line); border-radius: 6px;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  font-variant-numeric: tabular-nums; color-scheme: light;
}
@media (prefers-color-scheme: dark) {
  :host(:not([theme=light])) {
    --ink: #e5e7eb; --muted: #9ca3af; --line: #4b5563; --paper: #111827;
    --tint: #1f2937; --accent: #60a5fa; --mark: #f87171; color-scheme: dark;
  }
}
:host([theme=dark]) {
  --ink: #e5e7eb; --muted: #9ca3af; --line: #4b5563; --paper: #111827;
  --tint: #1f2937; --accent: #60a5fa; --mark: #f87171; color-scheme: dark;
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
.controls {
  display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
  gap: 0.25rem 1rem; padding: 0.5rem 0.75rem; border-bottom: 1px solid var(--line);
}
.controls[hidden] { display: none; }
label { display: grid; grid-template-columns: auto 1fr 5.5rem; gap: 0.5rem; align-items: center; }
label span, output { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
label span { font-weight: 600; }
input[type=range] { width: 100%; min-width: 0; accent-color: var(--accent); }
output { text-align: right; overflow: hidden; }
.graph { overflow: auto; padding: 0.5rem; touch-action: pan-x pan-y; }
.graph svg { display: block; max-width: 100%; height: auto; }
.graph svg .graph > polygon { fill: var(--paper); stroke: none; }
.graph svg text { fill: var(--ink); font-variant-numeric: tabular-nums; }
.graph svg [stroke="black"] { stroke: var(--ink); }
.graph svg [fill="black"] { fill: var(--ink); }
.graph svg [fill="white"] { fill: var(--paper); }
.loading { color: var(--muted); padding: 0.5rem 0.75rem; margin: 0; }
.error { color: var(--mark); padding: 0.5rem 0.75rem; margin: 0; font-family: ui-monospace, monospace; }
`;

let sheet: CSSStyleSheet | undefined;

function styles(root: ShadowRoot): void {
  if ("adoptedStyleSheets" in root) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    }
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement("style");
    style.textContent = CSS;
    (root as ShadowRoot).append(style);
  }
}

const tidy = (x: number) => String(Number(x.toPrecision(6)));

/** A leaf of the program: a name given a plain number. */
interface Leaf {
  name: string;
  node: Value;
}

/** The parts of a program the element keeps between updates. */
interface Run {
  root: Value;
  graph: CompiledGraph;
  leaves: Leaf[];
}

/** Builds the element's class; only where the DOM exists. */
function defineElement(): CustomElementConstructor {
  return class GradvizGraph extends HTMLElement {
    static observedAttributes = ["program", "controls", "rankdir", "label"];
    #shadow: ShadowRoot;
    #controls: HTMLDivElement;
    #graph: HTMLDivElement;
    #message: HTMLParagraphElement;
    #run: Run | null = null;
    #index: RecordIndex = new Map();
    #drawn = ""; // the DOT on show
    #pending = 0;

    constructor() {
      super();
      this.#shadow = this.attachShadow({ mode: "open" });
      styles(this.#shadow);
      this.#controls = document.createElement("div");
      this.#controls.className = "controls";
      this.#controls.setAttribute("part", "controls");
      this.#graph = document.createElement("div");
      this.#graph.className = "graph";
      this.#graph.setAttribute("role", "img");
      this.#graph.setAttribute("part", "graph");
      this.#message = document.createElement("p");
      this.#message.className = "loading";
      this.#message.textContent = "Drawing…";
      this.#shadow.append(this.#controls, this.#message, this.#graph);
    }

    connectedCallback(): void {
      this.#build();
    }

    attributeChangedCallback(
      name: string,
      old: string | null,
      now: string | null,
    ) {
      if (!this.isConnected || old === now) return;
      if (name === "controls") this.#buildControls();
      else if (name === "label") this.#label();
      else this.#build();
    }

    /** The root's value, or NaN before the program runs. */
    get value(): number {
      return this.#run ? this.#run.graph.data(this.#run.root) : NaN;
    }

    #label() {
      this.#graph.setAttribute(
        "aria-label",
        this.getAttribute("label") ??
          `Graph of ${this.getAttribute("program") ?? ""}`,
      );
    }

    #fail(message: string) {
      this.#run = null;
      this.#controls.replaceChildren();
      this.#controls.hidden = true;
      this.#graph.replaceChildren();
      this.#drawn = "";
      this.#message.className = "error";
      this.#message.setAttribute("role", "alert");
      this.#message.textContent = message;
      this.#message.hidden = false;
    }

    #build() {
      this.#label();
      const source = this.getAttribute("program") ?? "";
      let root: Value;
      let names: Map<string, Value>;
      try {
        ({ root, names } = parseProgram(source, PLAYGROUND_LIMITS));
      } catch (e) {
        this.#fail(`gradviz-graph: ${(e as Error).message}`);
        return;
      }
      if (this.#message.className === "error") {
        this.#message.className = "loading";
        this.#message.removeAttribute("role");
        this.#message.textContent = "Drawing…";
      }
      const leaves = [...names]
        .filter(([, node]) => node.op === "" && node.children.length === 0)
        .map(([name, node]) => ({ name, node }));
      const graph = compile(root);
      graph.backward();
      graph.sync();
      this.#run = { root, graph, leaves };
      this.#buildControls();
      const rankdir = this.getAttribute("rankdir")?.toUpperCase() === "TB"
        ? "TB"
        : "LR";
      this.#draw(toDot(root, { rankdir }));
    }

    #buildControls() {
      const run = this.#run;
      this.#controls.replaceChildren();
      this.#controls.hidden = !run || !this.hasAttribute("controls") ||
        run.leaves.length === 0;
      if (this.#controls.hidden || !run) return;
      for (const leaf of run.leaves) {
        const x = run.graph.data(leaf.node);
        const bound = Math.max(10, Math.ceil(Math.abs(x) * 2));
        const label = document.createElement("label");
        const name = document.createElement("span");
        name.textContent = leaf.name;
        const input = document.createElement("input");
        input.type = "range";
        input.min = String(-bound);
        input.max = String(bound);
        input.step = "0.01";
        input.value = String(x);
        input.name = leaf.name;
        input.setAttribute("aria-label", leaf.name);
        const out = document.createElement("output");
        out.textContent = tidy(x);
        input.addEventListener("input", () => {
          const value = Number(input.value);
          out.textContent = tidy(value);
          this.#set(leaf.node, value);
        });
        label.append(name, input, out);
        this.#controls.append(label);
      }
    }

    #set(node: Value, value: number) {
      const run = this.#run;
      if (!run) return;
      run.graph.set(node, value);
      run.graph.forward();
      run.graph.backward();
      run.graph.sync();
      this.#patch();
    }

    #patch() {
      const run = this.#run;
      if (!run) return;
      patchRecords(this.#index, graphValues(run.root));
      this.dispatchEvent(
        new CustomEvent("gradviz-update", {
          detail: { root: run.graph.data(run.root) },
        }),
      );
    }

    async #draw(dot: string) {
      if (dot === this.#drawn) return this.#patch();
      const ticket = ++this.#pending;
      try {
        // Viz.js: its own chunk, fetched on the first drawing.
        const { renderSvg } = await import("@gradviz/gradviz/render");
        const svg = await renderSvg(dot);
        if (ticket !== this.#pending) return;
        this.#graph.innerHTML = svg;
        this.#drawn = dot;
        this.#index = indexRecords(this.#graph.querySelector("svg")!);
        this.#message.hidden = true;
        this.#patch();
      } catch (e) {
        if (ticket === this.#pending) {
          this.#fail(`gradviz-graph: ${(e as Error).message}`);
        }
      }
    }
  };
}

if (
  typeof HTMLElement !== "undefined" && !customElements.get("gradviz-graph")
) {
  customElements.define("gradviz-graph", defineElement());
}
