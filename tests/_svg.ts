// Reading Graphviz SVG in tests: the text of each node group, by id.

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

/** XML text with its entity and character references replaced. */
export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== "#") return ENTITIES[ref] ?? whole;
    const code = ref[1] === "x" || ref[1] === "X"
      ? parseInt(ref.slice(2), 16)
      : parseInt(ref.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/** Every `<g id=… class="node">` of an SVG: its id mapped to its text lines, trimmed. */
export function svgNodes(svg: string): Map<string, string[]> {
  const nodes = new Map<string, string[]>();
  for (
    const [, id, body] of svg.matchAll(
      /<g id="([^"]*)" class="node">([\s\S]*?)<\/g>/g,
    )
  ) {
    const texts = [...body.matchAll(/<text[^>]*>([^<]*)<\/text>/g)]
      .map(([, text]) => unescapeXml(text).replace(/\u00a0/g, " ").trim());
    nodes.set(unescapeXml(id), texts);
  }
  return nodes;
}

/** The text lines of the node whose first line is `label`; throws if not exactly one. */
export function nodeByLabel(
  nodes: Map<string, string[]>,
  label: string,
): string[] {
  const found = [...nodes.values()].filter((texts) => texts[0] === label);
  if (found.length !== 1) {
    throw new Error(
      `Expected one node labelled ${
        JSON.stringify(label)
      }, found ${found.length}`,
    );
  }
  return found[0];
}
