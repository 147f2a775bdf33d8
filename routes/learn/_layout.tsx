/**
 * The frame of every chapter of the course: which chapter it is, the page,
 * a link to the playground with the chapter's program, the previous and
 * next chapters and the table of contents with the reader's progress.
 *
 * @module
 */
import CourseProgress from "../../islands/CourseProgress.tsx";
import {
  chapterHref,
  chapterIndex,
  CHAPTERS,
  playgroundHref,
} from "../../lessons/course.ts";
import { define } from "../../utils.ts";

/** The chapter's number, the page, the playground link and the navigation. */
export default define.page(function CourseLayout({ Component, url }) {
  const i = chapterIndex(url.pathname.replace(/^\/learn\/?/, ""));
  const toc = CHAPTERS.map((c) => ({
    slug: c.slug,
    title: c.title,
    href: chapterHref(c.slug, url),
  }));
  if (i < 0) {
    return (
      <>
        <Component />
        <CourseProgress chapters={toc} current="" />
      </>
    );
  }
  const chapter = CHAPTERS[i];
  const prev = CHAPTERS[i - 1];
  const next = CHAPTERS[i + 1];
  return (
    <article class="chapter" data-chapter={i + 1}>
      <p class="chapter-number">
        <a href={chapterHref("", url)}>Course</a> · chapter {i + 1} of{" "}
        {CHAPTERS.length}
      </p>
      <Component />
      <p class="try-it">
        <a href={playgroundHref(chapter.program)}>
          Try it in the playground
        </a>{" "}
        with this chapter's program.
        {chapter.deeper && (
          <>
            {" "}Deeper: <a href={chapter.deeper.href}>{chapter.deeper.href}</a>
            {" "}
            {chapter.deeper.what}.
          </>
        )}
      </p>
      <nav class="chapter-nav" aria-label="Previous and next chapter">
        {prev
          ? (
            <a href={chapterHref(prev.slug, url)} rel="prev">
              ← {i}. {prev.title}
            </a>
          )
          : <span />}
        {next
          ? (
            <a href={chapterHref(next.slug, url)} rel="next">
              {i + 2}. {next.title} →
            </a>
          )
          : <a href={chapterHref("", url)}>Back to the contents</a>}
      </nav>
      <details class="course-contents">
        <summary>All chapters</summary>
        <CourseProgress chapters={toc} current={chapter.slug} />
      </details>
    </article>
  );
});
