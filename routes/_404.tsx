/**
 * The page for unknown paths (status 404).
 *
 * @module
 */
import { define } from "../utils.ts";

/** Says which path has no page and links home. */
export default define.page(function NotFound({ url }) {
  return (
    <section class="error-page">
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{url.pathname}</code>. The lessons start at
        {" "}
        <a href="/">the home page</a>.
      </p>
    </section>
  );
});
