/**
 * `LeafControl`: a slider and a number box for one leaf of a graph.
 *
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { Leaf, LeafValues } from "../lessons/lessons.ts";
import { signed } from "./format.ts";

/** Props of {@linkcode LeafControl}. */
export interface LeafControlProps {
  /** The leaf: its name and range. */
  leaf: Leaf;
  /** Its current value. */
  value: number;
  /** Called with each new valid value. */
  onChange(value: number): void;
}

/**
 * A number as the box shows it: no floating-point noise.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { tidy } from "./LeafControl.tsx";
 *
 * equal(tidy(2 + 0.01 * 6), "2.06");
 * equal(tidy(0.1 + 0.2), "0.3");
 * ```
 */
export function tidy(x: number): string {
  return String(Number(x.toPrecision(12)));
}

/**
 * The value a number box's text stands for once the reader leaves it: a
 * number out of range is brought to the nearest end of the range; text that
 * is not a number gives back `value`, the last valid one.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { settle } from "./LeafControl.tsx";
 *
 * const leaf = { name: "a", value: 2, min: -10, max: 10 };
 * equal(settle("99", leaf, -1.5), 10);
 * equal(settle("-1e9", leaf, -1.5), -10);
 * equal(settle("abc", leaf, -1.5), -1.5);
 * equal(settle("", leaf, -1.5), -1.5);
 * ```
 */
export function settle(text: string, leaf: Leaf, value: number): number {
  const x = Number(text);
  if (text.trim() === "" || Number.isNaN(x)) return value;
  return Math.min(leaf.max, Math.max(leaf.min, x));
}

/**
 * A labelled slider and number box kept in step; the box accepts any
 * number in range and marks anything else invalid, showing the allowed
 * range, without losing the text being typed. On leaving the box, a number
 * out of range is clamped to the range and anything else reverts, so the box
 * and the slider always agree.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { h } from "preact";
 * import { renderToString } from "preact-render-to-string";
 * import LeafControl from "./LeafControl.tsx";
 *
 * const leaf = { name: "a", value: 2, min: -10, max: 10 };
 * const html = renderToString(h(LeafControl, { leaf, value: 2.06, onChange() {} }));
 * ok(html.includes('<input id="leaf-a" type="number" min="-10" max="10" step="any" value="2.06"'));
 * ```
 */
export default function LeafControl(
  { leaf, value, onChange }: LeafControlProps,
): JSX.Element {
  const [text, setText] = useState(tidy(value));
  useEffect(() => {
    if (Number(text) !== value) setText(tidy(value));
  }, [value]);
  const valid = text.trim() !== "" && Number(text) >= leaf.min &&
    Number(text) <= leaf.max;
  const id = `leaf-${leaf.name}`;
  const range = `from ${signed(leaf.min)} to ${signed(leaf.max)}`;
  return (
    <div class="leaf">
      <label for={id}>{leaf.name}</label>
      <input
        type="range"
        min={leaf.min}
        max={leaf.max}
        step="0.01"
        value={value}
        aria-label={`${leaf.name} slider`}
        onInput={(e) => onChange(Number(e.currentTarget.value))}
      />
      <input
        id={id}
        type="number"
        min={leaf.min}
        max={leaf.max}
        step="any"
        value={text}
        aria-invalid={!valid}
        aria-describedby={`${id}-range`}
        onInput={(e) => {
          const t = e.currentTarget.value;
          setText(t);
          const x = Number(t);
          if (t.trim() !== "" && x >= leaf.min && x <= leaf.max) onChange(x);
        }}
        onBlur={(e) => {
          if (valid) return;
          const x = settle(e.currentTarget.value, leaf, value);
          setText(tidy(x));
          if (x !== value) onChange(x);
        }}
      />
      <small
        id={`${id}-range`}
        class={valid ? "leaf-range" : "leaf-range invalid"}
      >
        {valid ? range : `Must be ${range}`}
      </small>
    </div>
  );
}

/** Props of {@linkcode LeafControls}. */
export interface LeafControlsProps {
  /** The leaves, in the order to show them. */
  leaves: readonly Leaf[];
  /** Every leaf's value, by name. */
  values: LeafValues;
  /** Called with all the values whenever one leaf changes. */
  onChange(update: (values: LeafValues) => LeafValues): void;
}

/**
 * A {@linkcode LeafControl} for each of a lesson's leaves.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { h } from "preact";
 * import { renderToString } from "preact-render-to-string";
 * import { LeafControls } from "./LeafControl.tsx";
 *
 * const leaves = [{ name: "a", value: 2, min: -10, max: 10 }, { name: "b", value: -3, min: -10, max: 10 }];
 * const html = renderToString(h(LeafControls, { leaves, values: { a: 2, b: -3 }, onChange() {} }));
 * ok(html.includes('id="leaf-a"') && html.includes('id="leaf-b"'));
 * ```
 */
export function LeafControls(
  { leaves, values, onChange }: LeafControlsProps,
): JSX.Element {
  return (
    <div class="leaves">
      {leaves.map((leaf) => (
        <LeafControl
          key={leaf.name}
          leaf={leaf}
          value={values[leaf.name]}
          onChange={(x) => onChange((v) => ({ ...v, [leaf.name]: x }))}
        />
      ))}
    </div>
  );
}
