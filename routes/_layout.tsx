/**
 * The frame of every page: the site's name, the lessons' navigation, the
 * page, and a footer.
 *
 * @module
 */
import { define } from "../utils.ts";

/** The pages, in reading order. */
const PAGES = [
  { href: "/", name: "Home" },
  { href: "/learn", name: "Course" },
  { href: "/expression", name: "Expression" },
  { href: "/neuron", name: "Neuron" },
  { href: "/mlp", name: "MLP" },
  { href: "/playground", name: "Playground" },
  { href: "/moons", name: "Moons" },
  { href: "/train", name: "Train" },
];

/** The header with the lessons' navigation, the page, the footer. */
export default define.page(function Layout({ Component, url }) {
  // `?embed`: the page alone, for an <iframe> (issue 10).
  if (url.searchParams.has("embed")) {
    return (
      <main class="embedded">
        <Component />
      </main>
    );
  }
  return (
    <>
      <header class="site">
        <a class="brand" href="/">gradviz</a>
        <nav aria-label="Lessons">
          {PAGES.map((p) => (
            <a
              href={p.href}
              aria-current={url.pathname === p.href ||
                  (p.href === "/learn" && url.pathname.startsWith("/learn/"))
                ? "page"
                : undefined}
            >
              {p.name}
            </a>
          ))}
        </nav>
        {/* Shown and wired by static/theme.js; without script the system's choice holds. */}
        <button type="button" class="theme-toggle" hidden>
          Dark mode
        </button>
      </header>
      <main>
        <Component />
      </main>
      <footer class="site">
        A TypeScript port of{" "}
        <a href="https://github.com/karpathy/micrograd">micrograd</a>, after
        Andrej Karpathy's lecture{" "}
        <a href="https://www.youtube.com/watch?v=VMj-3S1tku0">
          The spelled-out intro to neural networks and backpropagation
        </a>.
      </footer>
    </>
  );
});
