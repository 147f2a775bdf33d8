/**
 * The playground's editor, graph and table. Each edit re-runs the program:
 * when only numbers changed the drawing is patched in place, when the shape
 * changed it is redrawn (Viz.js, loaded on first need). The address bar
 * follows the program. Without JavaScript the form sends it to the server.
 *
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import GraphView from "../components/GraphView.tsx";
import { fixed } from "../components/format.ts";
import { nodeAt, useGraphMarks } from "../components/graph_marks.ts";
import {
  MAX_LAYOUT_COST,
  PLAYGROUND_LIMITS,
  type ProgramError,
  type ProgramRun,
  runProgram,
} from "../lessons/program.ts";

/** Props of {@linkcode Playground}. */
export interface PlaygroundProps {
  /** The program to start with. */
  program: string;
  /** The server's drawing of its graph, or `""` if it has none. */
  svg: string;
  /** The server was too busy to draw it: the browser lays it out. */
  busy?: boolean;
}

/**
 * An editor for a program, its graph, its error or its value/grad table.
 *
 * @example
 * ```tsx ignore
 * <Playground program="a = 2; b = a*a" svg={await renderSvg(runProgram("a = 2; b = a*a").dot)} />
 * ```
 */
export default function Playground(props: PlaygroundProps): JSX.Element {
  const [source, setSource] = useState(props.program);
  const [live, setLive] = useState(false);
  const run = useMemo(() => runProgram(source), [source]);
  const first = useMemo(() => run, []);
  // While the program has an error, the last good numbers stay on show.
  const good = useRef<ProgramRun | null>(null);
  const drawn = useRef<ProgramRun | null>(null);
  if (!("error" in run)) {
    good.current = run;
    if (run.cost <= MAX_LAYOUT_COST) drawn.current = run;
  }
  const table = good.current;
  // A new DOT only when the layout changes: GraphView redraws on a new DOT.
  const dot = useMemo(() => drawn.current?.dot ?? "", [
    drawn.current?.structure,
  ]);
  const tooBig = !("error" in run) && run.cost > MAX_LAYOUT_COST;
  // A program that does not parse leaves the last good drawing up: say so.
  const stale = "error" in run && table !== null;
  // The server gave up on the first graph: not drawn until its shape changes.
  const firstShape = !("error" in first) &&
    drawn.current?.structure === first.structure;
  const gaveUp = props.svg === "" && !props.busy && firstShape;
  const busy = props.busy && firstShape;

  useEffect(() => setLive(true), []);

  // A row under the pointer marks its node, and a node its row.
  const [hovered, setHovered] = useState<string | null>(null);
  const graph = useRef<HTMLDivElement>(null);
  const marks = useMemo(() => ({ nodes: hovered ? [hovered] : [] }), [
    hovered,
  ]);
  useGraphMarks(graph, marks);

  // The address bar follows the program, so it can be shared as a link.
  function edit(text: string) {
    setSource(text);
    const url = new URL(location.href);
    url.searchParams.set("program", text);
    history.replaceState(null, "", url);
  }

  return (
    <div class="lesson playground">
      <form
        method="get"
        action="/playground"
        onSubmit={(e) => e.preventDefault()}
      >
        <div class="program-head">
          <label for="program">Program</label>
          {/* Without JavaScript, the server draws the program. */}
          {!live && <button type="submit">Draw</button>}
        </div>
        <textarea
          id="program"
          name="program"
          rows={8}
          maxLength={PLAYGROUND_LIMITS.maxLength}
          spellcheck={false}
          autocomplete="off"
          aria-invalid={"error" in run}
          aria-describedby="program-status"
          value={source}
          onInput={(e) => edit(e.currentTarget.value)}
        />
      </form>
      <div id="program-status" class="program-status" aria-live="polite">
        {"error" in run
          ? <ErrorReport source={source} error={run.error} />
          : (
            <p class="program-ok">
              Output <output id="program-output">{fixed(run.root.data)}</output>
              {tooBig &&
                ` · Too tangled to draw (layout cost ${run.cost}, limit ${MAX_LAYOUT_COST}): values are used far from where they are made.`}
              {gaveUp && !tooBig &&
                " · The server gave up laying this graph out; change its shape to try again."}
              {busy && (
                <span class="layout-busy">
                  {" · Server busy, not drawn — it draws in your browser."}
                </span>
              )}
            </p>
          )}
      </div>
      <div
        ref={graph}
        hidden={tooBig || gaveUp || !drawn.current}
        class={stale ? "program-graph stale" : "program-graph"}
        onPointerOver={(e) => setHovered(nodeAt(e.target as Element))}
        onPointerLeave={() => setHovered(null)}
      >
        {stale && (
          <p class="stale-note" id="stale-note">
            Not up to date: the graph and table show the last program that ran,
            until this one parses.
          </p>
        )}
        <GraphView
          svg={props.svg}
          label="Graph of the program"
          dot={props.busy && !live ? "" : dot}
          values={drawn.current?.values}
        />
      </div>
      {table && (
        <table
          class={stale ? "check program-table stale" : "check program-table"}
        >
          <caption>
            Every named value: its data and its grad, d(output)/d(value)
          </caption>
          <thead>
            <tr>
              <th scope="col">name</th>
              <th scope="col">data</th>
              <th scope="col">grad</th>
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr
                key={row.name}
                data-name={row.name}
                class={row.id !== "" && hovered === row.id
                  ? "hovered"
                  : undefined}
                onPointerEnter={() => setHovered(row.id || null)}
                onPointerLeave={() => setHovered(null)}
              >
                <th scope="row">{row.name}</th>
                <td class="data" title={String(row.data)}>{fixed(row.data)}</td>
                <td class="grad" title={String(row.grad)}>{fixed(row.grad)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

interface ErrorReportProps {
  source: string;
  error: ProgramError;
}

// The error's message, and its source line with a caret under the column.
function ErrorReport({ source, error }: ErrorReportProps): JSX.Element {
  const { line, col, message } = error;
  const text = line > 0
    ? (source.split("\n")[line - 1] ?? "").replaceAll("\t", " ")
    : "";
  return (
    <div class="program-error" role="alert" data-line={line} data-col={col}>
      <p class="error-message">
        {line > 0 ? `Line ${line}, column ${col}: ${message}` : message}
      </p>
      {line > 0 && (
        <pre
          class="caret"
          aria-hidden="true"
        >{`${text}\n${" ".repeat(col - 1)}^`}</pre>
      )}
    </div>
  );
}
