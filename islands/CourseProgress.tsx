/**
 * The course's table of contents with the reader's progress: chapters
 * visited are ticked, remembered in `localStorage` on this device only.
 *
 * @module
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";

/** One entry of the table of contents. */
export interface ProgressEntry {
  /** The chapter's slug (the key remembered). */
  slug: string;
  /** Its title. */
  title: string;
  /** Its link. */
  href: string;
}

/** Props of {@linkcode CourseProgress}. */
export interface CourseProgressProps {
  /** The chapters, in order. */
  chapters: ProgressEntry[];
  /** The slug of the chapter shown, or `""` on the course's index. */
  current: string;
}

/**
 * The key under which the visited chapters are kept.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { PROGRESS_KEY } from "./CourseProgress.tsx";
 *
 * equal(PROGRESS_KEY, "gradviz.course.visited");
 * ```
 */
export const PROGRESS_KEY = "gradviz.course.visited";

function load(): string[] {
  try {
    const saved = JSON.parse(localStorage.getItem(PROGRESS_KEY) ?? "[]");
    return Array.isArray(saved)
      ? saved.filter((s) => typeof s === "string")
      : [];
  } catch {
    return []; // storage blocked (a sandboxed frame) or corrupt: start afresh
  }
}

/**
 * The chapters as an ordered list, the current one marked, the visited
 * ones ticked, and on the index a link to the first chapter not yet read.
 *
 * @example
 * ```ts
 * import { ok } from "node:assert/strict";
 * import { h } from "preact";
 * import { renderToString } from "preact-render-to-string";
 * import CourseProgress from "./CourseProgress.tsx";
 *
 * const chapters = [{ slug: "a", title: "A", href: "/learn/a" }, { slug: "b", title: "B", href: "/learn/b" }];
 * const html = renderToString(h(CourseProgress, { chapters, current: "b" }));
 * ok(html.includes('<a href="/learn/b" aria-current="page">'));
 * ```
 */
export default function CourseProgress(
  { chapters, current }: CourseProgressProps,
): JSX.Element {
  const [visited, setVisited] = useState<string[]>([]);
  useEffect(() => {
    const saved = load();
    if (current && !saved.includes(current)) saved.push(current);
    try {
      localStorage.setItem(PROGRESS_KEY, JSON.stringify(saved));
    } catch { /* not remembered: still works */ }
    setVisited(saved);
  }, [current]);
  // Where to continue: the first unread chapter after the furthest one read.
  const furthest = chapters.findLastIndex((c) => visited.includes(c.slug));
  const next =
    chapters.find((c, i) => i > furthest && !visited.includes(c.slug)) ??
      chapters.find((c) => !visited.includes(c.slug));
  const count = chapters.filter((c) => visited.includes(c.slug)).length;
  return (
    <nav class="course-toc" aria-label="Chapters">
      <ol>
        {chapters.map((c) => (
          <li
            key={c.slug}
            class={visited.includes(c.slug) ? "visited" : undefined}
          >
            <a
              href={c.href}
              aria-current={c.slug === current ? "page" : undefined}
            >
              {c.title}
            </a>
            {visited.includes(c.slug) && (
              <span class="tick" aria-label="visited">✓</span>
            )}
          </li>
        ))}
      </ol>
      {!current && (
        <p class="course-progress" aria-live="polite">
          {count === 0
            ? <a href={chapters[0].href}>Start with chapter 1</a>
            : next
            ? (
              <>
                {count} of {chapters.length} chapters visited.{" "}
                <a href={next.href} id="continue">
                  Continue with chapter {chapters.indexOf(next) + 1}
                </a>
              </>
            )
            : <>All {chapters.length} chapters visited.</>}
        </p>
      )}
    </nav>
  );
}
