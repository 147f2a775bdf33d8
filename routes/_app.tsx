/**
 * The HTML shell of every page.
 *
 * @module
 */
import { define } from "../utils.ts";

/** The `<html>` document: head, stylesheet, title from `state.title`. */
export default define.page(function App({ Component, state }) {
  const title = state.title ? `${state.title} · gradviz` : "gradviz";
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta
          name="description"
          content="Backpropagation you can see: micrograd's graphs, live."
        />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link
          rel="preload"
          href="/fonts/arimo-latin-400-normal.woff2"
          as="font"
          type="font/woff2"
          crossorigin="anonymous"
        />
        <link rel="stylesheet" href="/styles.css" />
        {/* Sets the reader's dark or light choice before the first paint. */}
        <script src="/theme.js"></script>
      </head>
      <body>
        <Component />
      </body>
    </html>
  );
});
