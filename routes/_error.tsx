/**
 * The page for errors other than 404: it shows an HttpError's status and
 * message (for a 400, what was wrong with the request).
 *
 * @module
 */
import { HttpError } from "fresh";
import { define } from "../utils.ts";

/** Shows the status, and the message of a client error (4xx). */
export default define.page(function ErrorPage({ error }) {
  const status = error instanceof HttpError ? error.status : 500;
  const message = error instanceof HttpError && status < 500
    ? error.message
    : "Something went wrong on our side.";
  return (
    <section class="error-page">
      <h1>Error {status}</h1>
      <p class="error-message">{message}</p>
      <p>
        <a href="/">Back to the home page</a>
      </p>
    </section>
  );
});
