/**
 * The search island: an ARIA 1.2 combobox over the shared lookup index. Loaded by the inline boot
 * script on the first focus of (or input in) a search box; fetches `/api/lookup.json` once.
 * On the 404 page it also resolves the address (`/codes/CAA-50021/`) to the right page.
 * A lookup that finds nothing is reported to `POST /api/search-misses`, debounced (only the query
 * the person settled on, once), so the knowledge base can grow where people look; it fails silently.
 */
import { loadLookupIndex, lookup, type LookupIndex, type LookupResult } from "../../../src/lookup/lookup.ts";
import { createMissReporter } from "../lib/outcomes.ts";
import { hubUrl, scenarioUrl } from "../../../src/model/urls.ts";
import { postJson } from "./api.ts";
import { h } from "./dom.ts";

const misses = createMissReporter((query) => postJson("/api/search-misses", { query }));
addEventListener("pagehide", () => misses.flush());

let indexPromise: Promise<LookupIndex> | undefined;

/** The lookup index, fetched on first use. */
function getIndex(): Promise<LookupIndex> {
  indexPromise ??= fetch("/api/lookup.json")
    .then((r) => r.text())
    .then(loadLookupIndex);
  return indexPromise;
}

const KIND: Record<string, string> = { code: "Code overview", scenario: "Step-by-step guide", checklist: "Admin checklist" };

function describe(r: LookupResult): string {
  const why = r.why[0] ?? "";
  const kind = KIND[r.kind] ?? "";
  return why.startsWith("text:") ? kind : `${kind} · ${r.near ? "did you mean this? " : ""}${why.replace(/^near match for [^:]+: /, "")}`;
}

function wire(input: HTMLInputElement): void {
  if (input.dataset.wired) return;
  input.dataset.wired = "1";
  const form = input.closest("form");
  const list = document.getElementById(input.getAttribute("aria-controls") ?? "") as HTMLUListElement | null;
  const status = form?.querySelector("[data-search-status]");
  if (!form || !list) return;
  let results: LookupResult[] = [];
  let active = -1;
  let seq = 0;

  const render = (): void => {
    list.replaceChildren(
      ...results.map((r, i) =>
        h("li", { id: `${list.id}-${i}`, role: "option", "aria-selected": i === active ? "true" : "false", "data-url": r.url }, h("strong", {}, r.title), h("span", { class: "why" }, describe(r))),
      ),
    );
    const open = results.length > 0 && document.activeElement === input;
    list.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    if (open && active >= 0) input.setAttribute("aria-activedescendant", `${list.id}-${active}`);
    else input.removeAttribute("aria-activedescendant");
    if (status) status.textContent = input.value.trim() ? (results.length ? `${results.length} results. Use the arrow keys to choose, Enter to open.` : "No matching pages.") : "";
  };
  const close = (): void => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  };
  const run = async (): Promise<void> => {
    const q = input.value;
    const mine = ++seq;
    if (!q.trim()) {
      results = [];
      active = -1;
      render();
      return;
    }
    const index = await getIndex();
    if (mine !== seq) return;
    results = lookup(index, q, { limit: 8 });
    active = -1;
    render();
    misses.looked(q, results.length);
  };
  const go = (r: LookupResult | undefined): void => {
    if (r) location.assign(r.url);
  };

  input.addEventListener("input", () => void run());
  input.addEventListener("focus", () => void run());
  input.addEventListener("blur", () => {
    misses.flush();
    setTimeout(close, 150);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (list.hidden && results.length) {
        render();
      }
      if (!results.length) return;
      active = e.key === "ArrowDown" ? Math.min(active + 1, results.length - 1) : Math.max(active - 1, 0);
      render();
      list.children[active]?.scrollIntoView({ block: "nearest" });
    } else if (e.key === "Enter") {
      e.preventDefault();
      if (results.length) go(results[active] ?? results[0]);
      else
        void run().then(() => {
          misses.flush();
          go(results[0]);
        });
    } else if (e.key === "Escape") {
      if (!list.hidden) close();
      else input.value = "";
    }
  });
  list.addEventListener("mousedown", (e) => e.preventDefault());
  list.addEventListener("click", (e) => {
    const li = e.target instanceof Element ? e.target.closest("li") : null;
    if (li) go(results[[...list.children].indexOf(li)]);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void run().then(() => {
      misses.flush();
      go(results[0]);
    });
  });
  if (document.activeElement === input && input.value) void run();
}

/** On the 404 page: read a code (and app) from the address and go there, or show matches. */
async function resolveNotFound(): Promise<void> {
  const out = document.querySelector("[data-notfound-results]");
  if (!out) return;
  const parts = location.pathname.split("/").filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  const words = (parts[0] === "codes" ? parts.slice(1) : parts).join(" ").replace(/[-_]+/g, " ").trim();
  if (!words) return;
  const index = await getIndex();
  const results = lookup(index, words.slice(0, 100), { limit: 6 });
  const top = results[0];
  if (parts[0] === "codes" && top && !top.near && top.why.some((w) => w.startsWith("code "))) {
    const hub = index.docs.get(top.id)?.code ?? top.id;
    const sub = parts[2]?.toLowerCase();
    const target = sub && index.docs.has(`${hub}/${sub}`) ? scenarioUrl(hub, sub) : hubUrl(hub);
    location.replace(target + location.hash);
    return;
  }
  const statusEl = document.querySelector("[data-notfound-status]");
  if (statusEl) statusEl.textContent = results.length ? `Pages that match "${words}":` : `Nothing matches "${words}". Try the search box:`;
  out.replaceChildren(...results.map((r) => h("li", {}, h("a", { class: "tile", href: r.url }, h("strong", {}, r.title), h("span", {}, describe(r))))));
}

for (const input of document.querySelectorAll<HTMLInputElement>("input[data-search]")) wire(input);
if (document.body.hasAttribute("data-search-now")) void resolveNotFound();
