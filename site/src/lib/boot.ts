/**
 * The only script every page carries, inline (no download): copy buttons on commands, and the
 * search island's loader, which fetches the island on the first focus of or input in a search box.
 * Written as a function so tsc checks it; pages inline `bootScript(url)`.
 */
function boot(searchUrl: string): void {
  let loaded = false;
  const load = (): void => {
    if (loaded) return;
    loaded = true;
    const s = document.createElement("script");
    s.type = "module";
    s.src = searchUrl;
    document.head.append(s);
  };
  const isSearch = (t: EventTarget | null): boolean => t instanceof HTMLInputElement && t.hasAttribute("data-search");
  document.addEventListener("focusin", (e) => {
    if (isSearch(e.target)) load();
  });
  document.addEventListener("input", (e) => {
    if (isSearch(e.target)) load();
  });
  if (document.body.hasAttribute("data-search-now")) load();
  document.addEventListener("click", (e) => {
    const btn = e.target instanceof Element ? e.target.closest("[data-copy]") : null;
    const code = btn?.closest(".cmd")?.querySelector("code");
    if (!btn || !code) return;
    const done = (word: string): void => {
      btn.textContent = word;
      setTimeout(() => (btn.textContent = "Copy"), 1600);
    };
    navigator.clipboard.writeText(code.textContent ?? "").then(
      () => done("Copied"),
      () => done("Select and copy"),
    );
  });
}

/** The inline script for a page, given the search island's URL. */
export function bootScript(searchUrl: string): string {
  return `(${boot.toString()})(${JSON.stringify(searchUrl)})`;
}
