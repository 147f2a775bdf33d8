import { deepEqual, equal, ok, throws } from "node:assert/strict";
import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import {
  assertSerialisable,
  IslandRegistry,
  renderWithIslands,
  serialiseProps,
} from "../fresh/islands.ts";
import { bootScripts } from "../fresh/render.ts";

function Counter(props: { start: number }) {
  return h("button", null, props.start);
}

function Outer(props: { n: number }) {
  return h("div", null, h(Counter, { start: props.n }));
}

function registry(): IslandRegistry {
  const r = new IslandRegistry();
  r.add(Counter, { name: "Counter", file: "/islands/Counter.tsx" });
  r.add(Outer, { name: "Outer", file: "/islands/Outer.tsx" });
  return r;
}

Deno.test("renderWithIslands() wraps each island in a marker with its props' index", () => {
  const { result, islands } = renderWithIslands(
    registry(),
    () =>
      renderToString(
        h(
          "main",
          null,
          h(Counter, { start: 1 }),
          h("p", null, "text"),
          h(Counter, { start: 2 }),
        ),
      ),
  );
  equal(
    result,
    '<main><fresh-island data-island="Counter" data-props="0"><button>1</button></fresh-island>' +
      '<p>text</p><fresh-island data-island="Counter" data-props="1"><button>2</button></fresh-island></main>',
  );
  deepEqual(islands, [
    { name: "Counter", props: { start: 1 } },
    { name: "Counter", props: { start: 2 } },
  ]);
});

Deno.test("renderWithIslands() renders an island inside an island as a plain component", () => {
  const { result, islands } = renderWithIslands(
    registry(),
    () => renderToString(h(Outer, { n: 5 })),
  );
  equal(
    result,
    '<fresh-island data-island="Outer" data-props="0"><div><button>5</button></div></fresh-island>',
  );
  deepEqual(islands, [{ name: "Outer", props: { n: 5 } }]);
});

Deno.test("islands are plain components outside renderWithIslands()", () => {
  equal(renderToString(h(Counter, { start: 3 })), "<button>3</button>");
});

Deno.test("renderWithIslands() fails clearly on props that are not JSON data", () => {
  const render = (props: Record<string, unknown>) =>
    renderWithIslands(
      registry(),
      () => renderToString(h(Counter as never, props)),
    );
  throws(
    () => render({ start: 1, onClick: () => {} }),
    {
      name: "TypeError",
      message:
        "Cannot serialise island props: props of island Counter.onClick is a function; island props must be JSON data",
    },
  );
  throws(
    () => render({ start: new Date(0) }),
    /props of island Counter\.start is a Date/,
  );
  throws(
    () => render({ start: 1, children: "x" }),
    /island Counter was given children/,
  );
});

Deno.test("assertSerialisable() accepts JSON data and names the first value that is not", () => {
  assertSerialisable({
    a: [1, "two", null, true, { b: -0.5 }],
    skipped: undefined,
  }, "p");
  throws(
    () => assertSerialisable({ a: [1, Infinity] }, "p"),
    /p\.a\[1\] is Infinity/,
  );
  throws(() => assertSerialisable({ a: 1n }, "p"), /p\.a is a bigint/);
  throws(() => assertSerialisable({ m: new Map() }, "p"), /p\.m is a Map/);
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  throws(() => assertSerialisable(cycle, "p"), /p\.self refers back to itself/);
  // The same object twice is fine: it is no cycle.
  const shared = { x: 1 };
  assertSerialisable({ a: shared, b: shared }, "p");
});

Deno.test("serialiseProps() round-trips and cannot close its script element", () => {
  const props = [{ label: "</script><script>alert(1)</script>", n: 2.5 }];
  const json = serialiseProps(props);
  ok(!json.includes("<"));
  deepEqual(JSON.parse(json), props);
});

Deno.test("bootScripts() imports each island once and preloads every static chunk", () => {
  const bundle = {
    files: new Map(),
    boot: { url: "/_fresh/js/boot-A.js", imports: ["/_fresh/js/chunk-P.js"] },
    islands: new Map([
      ["Counter", {
        url: "/_fresh/js/Counter-B.js",
        imports: ["/_fresh/js/chunk-P.js", "/_fresh/js/chunk-S.js"],
      }],
    ]),
  };
  const islands = [
    { name: "Counter", props: { start: 1 } },
    { name: "Counter", props: { start: 2 } },
  ];
  const { head, body } = bootScripts(islands, bundle, "abc");
  equal(
    head,
    '<link rel="modulepreload" href="/_fresh/js/boot-A.js"><link rel="modulepreload" href="/_fresh/js/chunk-P.js">' +
      '<link rel="modulepreload" href="/_fresh/js/Counter-B.js"><link rel="modulepreload" href="/_fresh/js/chunk-S.js">',
  );
  equal(
    body,
    '<script type="application/json" id="__FRESH_STATE__">[{"start":1},{"start":2}]</script>' +
      '<script type="module" nonce="abc">import { boot } from "/_fresh/js/boot-A.js";' +
      'import I0 from "/_fresh/js/Counter-B.js";boot({ "Counter": I0 });</script>',
  );
});

Deno.test("IslandRegistry.add() refuses a module without a component", () => {
  throws(
    () =>
      new IslandRegistry().add(undefined, {
        name: "Broken",
        file: "/islands/Broken.tsx",
      }),
    /Cannot register island Broken: its default export must be a component function/,
  );
});
