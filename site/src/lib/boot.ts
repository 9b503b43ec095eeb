/**
 * The script every page carries at its end, inline (no download), and the same text on every page
 * (the server allows it by its hash; page data comes from data-* attributes): copy buttons on
 * commands; the theme toggle; heading and step anchors that copy their link; the "On this page"
 * list marking the section being read; tabs; the search island's loader, which fetches the island on the first focus of or input
 * in a search box; outcome counts beside a scenario's steps, fetched once when the steps come near
 * the viewport; the page-feedback widget; and on the diagnose page, the preload of its scenario. Calls to the API fail silently (a static copy of
 * the site has none). Written as a function so tsc checks it; pages inline `bootScript(url)`
 * (Node-only: it minifies with esbuild at build time).
 */
import { transformSync } from "esbuild";
import { MIN_TRIED, fixedFor } from "./outcomes.ts";
import { THEME_KEY } from "./theme.ts";

function boot(searchUrl: string, fixedText: (stat: unknown, min: number) => string | null, min: number, themeKey: string): void {
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
  // The 404 page and the results page need the island at once, and so does the home page opened as `/?code=…`.
  if (document.body.hasAttribute("data-search-now") || (document.querySelector("[data-deeplink]") && new URLSearchParams(location.search).has("code"))) load();
  // `/` focuses search (the page's own box first, else the header's), unless the person is typing.
  document.addEventListener("keydown", (e) => {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    const t = e.target;
    if (t instanceof HTMLElement && (t.isContentEditable || t.closest("input, textarea, select"))) return;
    const box = document.querySelector<HTMLInputElement>("main input[data-search]") ?? document.querySelector<HTMLInputElement>("input[data-search]");
    if (!box) return;
    e.preventDefault();
    box.focus();
  });
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

  // Theme toggle (header): remembers the choice; without one, the OS setting rules (theme.ts).
  const root = document.documentElement;
  const themeBtn = document.querySelector<HTMLButtonElement>("[data-theme-toggle]");
  if (themeBtn) {
    const dark = (): boolean => (root.dataset.theme ? root.dataset.theme === "dark" : matchMedia("(prefers-color-scheme: dark)").matches);
    themeBtn.hidden = false;
    themeBtn.setAttribute("aria-pressed", String(dark()));
    themeBtn.addEventListener("click", () => {
      const next = dark() ? "light" : "dark";
      root.dataset.theme = next;
      try {
        localStorage.setItem(themeKey, next);
      } catch {
        // private mode: the choice lasts for this page only
      }
      themeBtn.setAttribute("aria-pressed", String(next === "dark"));
    });
  }

  // A link beside each section heading and step: it goes there and copies the address.
  const copyLink = (a: HTMLAnchorElement): void => {
    const done = (word: string): void => {
      a.dataset.done = word;
      setTimeout(() => delete a.dataset.done, 1600);
    };
    navigator.clipboard?.writeText(a.href).then(
      () => done("Link copied"),
      () => done("Address bar has the link"),
    );
  };
  const anchored: [HTMLElement, string, string][] = [];
  for (const h of document.querySelectorAll<HTMLElement>("main h2[id]")) if (h.id !== "quick" && !h.closest(".card")) anchored.push([h, h.id, h.textContent ?? ""]);
  for (const card of document.querySelectorAll<HTMLElement>("main .card.step[id]")) {
    const h = card.querySelector<HTMLElement>("h2, h3");
    if (h) anchored.push([h, card.id, h.textContent ?? ""]);
  }
  for (const [h, id, text] of anchored) {
    const a = document.createElement("a");
    a.className = "anchor";
    a.href = `#${id}`;
    a.setAttribute("aria-label", `Copy link to “${text.trim()}”`);
    a.textContent = "#";
    a.addEventListener("click", () => copyLink(a));
    h.append(a);
  }

  // "On this page": the section being read is marked (and named in the folded box on phones).
  const toc = document.querySelector<HTMLDetailsElement>("[data-toc]");
  const tocLinks = toc ? [...toc.querySelectorAll<HTMLAnchorElement>("a[href^='#']")] : [];
  const now = toc?.querySelector("[data-toc-now]");
  if (toc && tocLinks.length && "IntersectionObserver" in window) {
    const narrow = matchMedia("(max-width: 77.99rem)");
    if (narrow.matches) toc.open = false;
    toc.addEventListener("click", (e) => {
      if (narrow.matches && e.target instanceof HTMLAnchorElement) toc.open = false;
    });
    const targets = tocLinks.map((a) => document.getElementById(decodeURIComponent(a.hash.slice(1)))).filter((t): t is HTMLElement => t !== null);
    const mark = (): void => {
      let current = -1;
      for (const [i, t] of targets.entries()) if (t.getBoundingClientRect().top < 120) current = i;
      tocLinks.forEach((a, i) => (i === current ? a.setAttribute("aria-current", "location") : a.removeAttribute("aria-current")));
      if (now) now.textContent = current >= 0 ? `: ${tocLinks[current]!.textContent}` : "";
    };
    const watch = new IntersectionObserver(mark, { rootMargin: "0px 0px -60% 0px" });
    targets.forEach((t) => watch.observe(t));
    addEventListener("scroll", mark, { passive: true });
    mark();
  }

  // Tabs (the evidence command's PowerShell and Command Prompt forms): without script, both show.
  for (const box of document.querySelectorAll<HTMLElement>("[data-tabs]")) {
    const list = box.querySelector<HTMLElement>("[role=tablist]");
    const tabs = [...box.querySelectorAll<HTMLButtonElement>("[role=tab]")];
    if (!list || tabs.length < 2) continue;
    const select = (tab: HTMLButtonElement, focus: boolean): void => {
      for (const t of tabs) {
        const on = t === tab;
        t.setAttribute("aria-selected", String(on));
        t.tabIndex = on ? 0 : -1;
        const panel = document.getElementById(t.getAttribute("aria-controls") ?? "");
        if (panel) panel.hidden = !on;
      }
      if (focus) tab.focus();
    };
    list.hidden = false;
    select(tabs[0]!, false);
    list.addEventListener("click", (e) => {
      const t = e.target instanceof Element ? e.target.closest<HTMLButtonElement>("[role=tab]") : null;
      if (t) select(t, false);
    });
    list.addEventListener("keydown", (e) => {
      const i = tabs.indexOf(document.activeElement as HTMLButtonElement);
      const to = e.key === "ArrowRight" ? (i + 1) % tabs.length : e.key === "ArrowLeft" ? (i - 1 + tabs.length) % tabs.length : e.key === "Home" ? 0 : e.key === "End" ? tabs.length - 1 : -1;
      if (to < 0 || i < 0) return;
      e.preventDefault();
      select(tabs[to]!, true);
    });
  }

  // The diagnostic's one scenario (`data-diagnose` on its root), requested while the island
  // downloads; the island's first fetch is this same URL (kb-client.ts getScenarioFile).
  const dxParams = new URLSearchParams(location.search);
  const dxCode = (dxParams.get("code") ?? "").trim().toLowerCase();
  const dxApp = dxParams.get("app") ?? "";
  if (document.querySelector("[data-diagnose]") && dxCode && dxApp) {
    const link = document.createElement("link");
    link.rel = "preload";
    link.as = "fetch";
    link.crossOrigin = "anonymous";
    link.href = `/api/codes/${encodeURIComponent(dxCode)}/${encodeURIComponent(dxApp)}.json`;
    document.head.append(link);
  }

  // "Fixed it for N of M" beside each step of a scenario page (`data-stats="<code>/<app>"`).
  const scenario = document.querySelector<HTMLElement>("[data-stats]")?.dataset.stats;
  const steps = document.querySelectorAll<HTMLElement>(".step[id^='fix-']");
  if (scenario && steps.length > 0 && "IntersectionObserver" in window) {
    const seen = new IntersectionObserver(
      (entries) => {
        if (!entries.some((en) => en.isIntersecting)) return;
        seen.disconnect();
        fetch(`/api/stats/${scenario}`)
          .then((r) => (r.ok ? r.json() : undefined))
          .then((data: { steps?: { stepId?: unknown }[] } | undefined) => {
            for (const s of Array.isArray(data?.steps) ? data.steps : []) {
              const text = fixedText(s, min);
              const card = typeof s.stepId === "string" ? document.getElementById(`fix-${s.stepId}`) : null;
              if (!text || !card || card.querySelector(".stat")) continue;
              const p = document.createElement("p");
              p.className = "stat";
              p.textContent = text;
              card.querySelector("h3")?.after(p);
            }
          })
          .catch(() => undefined);
      },
      { rootMargin: "800px 0px" },
    );
    steps.forEach((s) => seen.observe(s));
  }

  // "Was this page helpful?" (`data-feedback="<page id>"`): shown only with JavaScript.
  const box = document.querySelector<HTMLElement>("[data-feedback]");
  const form = box?.querySelector("form");
  if (box && form) {
    const ask = box.querySelector<HTMLElement>("[data-fb-ask]");
    const status = box.querySelector<HTMLElement>("[data-fb-done]");
    const send = (body: Record<string, unknown>): void => {
      if (ask) ask.hidden = true;
      form.hidden = true;
      fetch("/api/feedback", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ page: box.dataset.feedback, ...body }) })
        .then((r) => r.ok)
        .catch(() => false)
        .then((ok) => {
          if (ok && status) status.textContent = "Thank you for your feedback.";
          else box.hidden = true;
        });
    };
    box.hidden = false;
    box.addEventListener("click", (e) => {
      const b = e.target instanceof Element ? e.target.closest<HTMLElement>("[data-fb]") : null;
      if (!b) return;
      if (b.dataset.fb === "yes") return send({ helpful: true });
      if (ask) ask.hidden = true;
      form.hidden = false;
      form.querySelector("input")?.focus();
    });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const data = new FormData(form);
      const reason = data.get("reason");
      const comment = String(data.get("comment") ?? "").trim();
      send({ helpful: false, ...(typeof reason === "string" && reason ? { reason } : {}), ...(comment ? { comment } : {}) });
    });
  }
}

let cached: { url: string; code: string } | undefined;

/** The inline script for a page, given the search island's URL: minified, the same text on every page of a build. */
export function bootScript(searchUrl: string): string {
  if (cached?.url !== searchUrl) {
    const source = `(${boot.toString()})(${JSON.stringify(searchUrl)},${fixedFor.toString()},${MIN_TRIED},${JSON.stringify(THEME_KEY)})`;
    cached = { url: searchUrl, code: transformSync(source, { minify: true, target: "es2020", legalComments: "none" }).code.trim() };
  }
  return cached.code;
}
