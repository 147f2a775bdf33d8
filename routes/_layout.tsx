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
  { href: "/expression", name: "Expression" },
  { href: "/neuron", name: "Neuron" },
  { href: "/mlp", name: "MLP" },
  { href: "/playground", name: "Playground" },
  { href: "/moons", name: "Moons" },
  { href: "/train", name: "Train" },
];

/** The header with the lessons' navigation, the page, the footer. */
export default define.page(function Layout({ Component, url }) {
  return (
    <>
      <header class="site">
        <a class="brand" href="/">gradviz</a>
        <nav aria-label="Lessons">
          {PAGES.map((p) => (
            <a
              href={p.href}
              aria-current={url.pathname === p.href ? "page" : undefined}
            >
              {p.name}
            </a>
          ))}
        </nav>
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
