// Dark or light: the reader's choice (kept in localStorage) on <html
// data-theme>, before the page is first painted; without a choice the
// system's (prefers-color-scheme) applies through the stylesheet. Loaded
// from the site by <head>, so the Content-Security-Policy allows it.
(() => {
  const KEY = "gradviz-theme";
  const root = document.documentElement;
  let saved = null;
  try {
    saved = localStorage.getItem(KEY);
  } catch { /* storage blocked: follow the system */ }
  if (saved === "dark" || saved === "light") root.dataset.theme = saved;
  const system = () =>
    matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  const current = () => root.dataset.theme ?? system();
  // A toggle button: "Dark mode", pressed while the page is dark.
  function label(button) {
    button.textContent = "Dark mode";
    button.setAttribute("aria-pressed", String(current() === "dark"));
  }
  document.addEventListener("DOMContentLoaded", () => {
    const button = document.querySelector(".theme-toggle");
    if (!button) return;
    button.hidden = false;
    label(button);
    matchMedia("(prefers-color-scheme: dark)").addEventListener(
      "change",
      () => label(button),
    );
    button.addEventListener("click", () => {
      const next = current() === "dark" ? "light" : "dark";
      root.dataset.theme = next;
      try {
        localStorage.setItem(KEY, next);
      } catch { /* not kept: still switched for this page */ }
      label(button);
      document.dispatchEvent(
        new CustomEvent("gradviz-theme", { detail: next }),
      );
    });
  });
})();
