// components/svg_patch.ts without a browser: patching a drawing's numbers must give
// the texts a fresh drawing of the new numbers has.
import { deepEqual, equal, ok } from "node:assert/strict";
import { renderSvg } from "@gradviz/gradviz/render";
import { expression, lectureValues, neuronExp } from "../lessons/lessons.ts";
import { fieldText, toDot } from "@gradviz/gradviz";
import { evaluate, graphValues } from "../lessons/evaluate.ts";
import {
  type ElementLike,
  indexRecords,
  overflowing,
  patchRecords,
  type TextLike,
  textWidth,
  withValues,
} from "../components/svg_patch.ts";

// The texts of every node group, by id, entities decoded: what a reader sees.
function texts(svg: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (
    const [, id, body] of svg.matchAll(
      /<g id="([^"]+)" class="node">([\s\S]*?)<\/g>/g,
    )
  ) {
    out[id] = [...body.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) =>
      m[1].replaceAll("&#45;", "-")
    );
  }
  return out;
}

// A minimal DOM over SVG markup: node groups with their <text> elements.
function fakeDom(svg: string): ElementLike {
  const groups = Object.entries(texts(svg)).map(([id, list]) => {
    const nodes = list.map((t) => ({
      id: "",
      textContent: t,
      querySelectorAll: () => [],
    }));
    return { id, textContent: null, querySelectorAll: () => nodes };
  });
  return {
    id: "",
    querySelectorAll: (
      selector: string,
    ) => (selector === "g.node" ? groups : []),
  };
}

Deno.test("patchRecords() rewrites only the texts whose numbers changed", async () => {
  const lecture = evaluate(expression, lectureValues(expression));
  const dom = fakeDom(await renderSvg(lecture.root));
  const index = indexRecords(dom);
  equal(index.size, 7); // a, b, e, c, d, f, L; op nodes have no records
  equal(patchRecords(index, lecture.graph), 0);
  // a = 3 changes the data of a, e, d and L, b's grad (a*f) and f's grad (d).
  const moved = evaluate(expression, { ...lectureValues(expression), a: 3 });
  equal(patchRecords(index, moved.graph), 6);
  const a = index.get(moved.leaves[0].id)!;
  deepEqual([a.data?.textContent, a.grad?.textContent], [
    "data 3.0000",
    "grad 6.0000",
  ]);
  const b = index.get(moved.leaves[1].id)!;
  equal(b.grad?.textContent, "grad −6.0000");
});

Deno.test("patchRecords() matches fresh drawings on a bigger graph, field by field", async () => {
  const values = { x1: 1, x2: -2, w1: 0.5, w2: 3, b: 0.25 };
  const dom = fakeDom(
    await renderSvg(evaluate(neuronExp, lectureValues(neuronExp)).root),
  );
  const index = indexRecords(dom);
  const after = evaluate(neuronExp, values);
  patchRecords(index, after.graph);
  const fresh = texts(await renderSvg(after.root));
  for (const [id, { data, grad }] of index) {
    deepEqual([data?.textContent, grad?.textContent], fresh[id].slice(1), id);
  }
});

Deno.test("patchRecords() leaves out fields and ids it is not given", () => {
  const data: TextLike = { textContent: "data 1.0000" };
  const grad: TextLike = { textContent: "grad 2.0000" };
  const index = new Map([["n0", { data, grad }]]);
  equal(patchRecords(index, { n0: { grad: -0.5 }, n9: { data: 1 } }), 1);
  deepEqual([data.textContent, grad.textContent], [
    "data 1.0000",
    "grad −0.5000",
  ]);
});

Deno.test("fieldText() writes numbers as toDot does", () => {
  deepEqual(
    [
      fieldText("data", 0.70710678),
      fieldText("grad", -1.5),
      fieldText("data", 1e-9),
    ],
    ["data 0.7071", "grad −1.5000", "data 0.0000"],
  );
});

Deno.test("graphValues() numbers nodes as toDot does", async () => {
  const { root } = evaluate(expression, lectureValues(expression));
  const values = graphValues(root);
  const drawn = texts(await renderSvg(root));
  for (const [id, v] of Object.entries(values)) {
    deepEqual(drawn[id].slice(1), [
      fieldText("data", v.data!),
      fieldText("grad", v.grad!),
    ], id);
  }
});

// A DOM over SVG markup with attributes: node groups with their outline,
// separators and texts, as indexRecords() measures them in a browser.
function measuredDom(svg: string): ElementLike {
  const attrs = (tag: string) => {
    const map = new Map<string, string>();
    for (const [, k, v] of tag.matchAll(/([\w:-]+)="([^"]*)"/g)) map.set(k, v);
    return (name: string) => map.get(name) ?? null;
  };
  const element = (tag: string, textContent: string | null = null) => {
    const get = attrs(tag);
    const el: ElementLike & TextLike = {
      id: "",
      textContent,
      getAttribute: get,
      setAttribute() {},
      removeAttribute() {},
      querySelectorAll: () => [],
    };
    return el;
  };
  const groups = [
    ...svg.matchAll(/<g id="([^"]+)" class="node">([\s\S]*?)<\/g>/g),
  ].map(([, id, body]) => {
    const texts = [...body.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)].map((
      [, tag, text],
    ) => element(tag, text.replaceAll("&#45;", "-")));
    const polygons = [...body.matchAll(/<polygon ([^>]*)\/>/g)].map((m) =>
      element(m[1])
    );
    const polylines = [...body.matchAll(/<polyline ([^>]*)\/>/g)].map((m) =>
      element(m[1])
    );
    const parts: Record<string, (ElementLike & TextLike)[]> = {
      text: texts,
      polygon: polygons,
      polyline: polylines,
    };
    return {
      id,
      textContent: null,
      querySelectorAll: (selector: string) => parts[selector] ?? [],
    };
  });
  return {
    id: "",
    querySelectorAll: (s: string) => (s === "g.node" ? groups : []),
  };
}

Deno.test("indexRecords() measures each field: the lecture's numbers fit, grad −16.9400 does not until laid out again", async () => {
  const lecture = evaluate(expression, lectureValues(expression));
  const dot = toDot(lecture.root);
  const index = indexRecords(measuredDom(await renderSvg(dot)));
  for (const [id, fields] of index) {
    for (const field of ["data", "grad"] as const) {
      const room = fields.room?.[field];
      ok(room !== undefined && fields.fontSize === 14, id);
      // Graphviz gave each field its Arial width plus a margin.
      const width = textWidth(fields[field]!.textContent!, 14);
      ok(
        width <= room && room <= width + 16,
        `${id} ${field}: ${width} in ${room}`,
      );
    }
  }
  deepEqual(overflowing(index), []);
  // b = 8.47: a's grad is b*f = −16.94, wider than its field.
  const moved = evaluate(expression, { ...lectureValues(expression), b: 8.47 });
  patchRecords(index, moved.graph);
  const a = moved.leaves[0].id;
  equal(index.get(a)?.grad?.textContent, "grad −16.9400");
  ok(overflowing(index).includes(a));
  // The same DOT with the new numbers, laid out again, fits them all.
  const again = indexRecords(
    measuredDom(await renderSvg(withValues(dot, moved.graph))),
  );
  patchRecords(again, moved.graph);
  deepEqual(overflowing(again), []);
});

Deno.test("patchRecords() squeezes a text wider than its field and lets go once it fits", () => {
  const attributes = new Map<string, string>();
  const grad: TextLike = {
    textContent: "grad 6.0000",
    setAttribute: (name, value) => attributes.set(name, value),
    removeAttribute: (name) => attributes.delete(name),
  };
  // 80 units hold "grad 6.0000" (74.7 at 14 pt) but not "grad −16.9400" (90.7).
  const index = new Map([["n0", { grad, room: { grad: 80 }, fontSize: 14 }]]);
  patchRecords(index, { n0: { grad: -16.94 } });
  deepEqual(Object.fromEntries(attributes), {
    textLength: "80.00",
    lengthAdjust: "spacingAndGlyphs",
  });
  patchRecords(index, { n0: { grad: 2 } });
  deepEqual(Object.fromEntries(attributes), {});
});
