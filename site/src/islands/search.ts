/**
 * The search island: an ARIA 1.2 combobox over the shared lookup index. Loaded by the inline boot
 * script on the first focus of (or input in) a search box, or on `/`; fetches the split index's
 * manifest `/api/lookup.json` once, then the parts each query needs from `/api/lookup/<version>/`
 * (src/lookup/split.ts: a code's shard; the word index only when words are searched). It shows
 * the lookup's answer as the CLI gets it (src/lookup's `lookupAnswer`): results marked by how they matched, and for a code we have no page for, a "no page" notice with the
 * code's family and the analyzer. Enter opens only an exact (or look-alike) code match or the
 * result chosen with the arrow keys (see lib/search-text.ts).
 * On the 404 page it also resolves the address (`/codes/CAA-50021/`) to the right page.
 * A code with no page is reported to `POST /api/search-misses` as `{ query: "<the code>" }`,
 * debounced, the code alone and never the words typed; it fails silently.
 */
import { lookupAnswerFrom, type LookupAnswer, type LookupData, type LookupResult } from "../../../src/lookup/lookup.ts";
import { SplitLookup, StaleLookupIndex } from "../../../src/lookup/split.ts";
import { createMissReporter } from "../lib/outcomes.ts";
import { describeResult, enterTarget, missToReport, noPageText, resultGroups, resultsSummary, resultsUrl, statusText } from "../lib/search-text.ts";
import { codeLinkTarget } from "../lib/code-links.ts";
import { hubUrl, scenarioUrl } from "../../../src/model/index.ts";
import { postJson } from "./api.ts";
import { h } from "./dom.ts";

const misses = createMissReporter((code) => postJson("/api/search-misses", { query: code }));
addEventListener("pagehide", () => misses.flush());

let indexPromise: Promise<SplitLookup> | undefined;

/** The split lookup index's manifest, fetched on first use (`fresh`: past any cached copy). */
function getIndex(fresh = false): Promise<SplitLookup> {
  if (fresh || !indexPromise) {
    indexPromise = fetch("/api/lookup.json", fresh ? { cache: "reload" } : {})
      .then((r) => r.text())
      .then((json) =>
        SplitLookup.fromJson(json, (path) =>
          fetch(`/api/lookup/${path}`).then((r) => {
            // A folder that is gone belongs to an earlier build: the manifest we hold is stale.
            if (!r.ok) throw new StaleLookupIndex(path);
            return r.text();
          }),
        ),
      );
    indexPromise.catch(() => (indexPromise = undefined));
  }
  return indexPromise;
}

/** Runs a question over the index; once more over a fresh manifest when a part belongs to another build. */
async function ask<T>(question: (data: LookupData) => T, beforeWords?: () => Promise<void>): Promise<T> {
  try {
    return await (await getIndex()).run(question, beforeWords);
  } catch (e) {
    if (!(e instanceof StaleLookupIndex)) throw e;
    return (await getIndex(true)).run(question, beforeWords);
  }
}

/** The lookup's answer to a query (src/lookup's `lookupAnswer`), from the parts of the index it needs. */
function lookupAnswer(query: string, options: { limit: number }, beforeWords?: () => Promise<void>): Promise<LookupAnswer> {
  return ask((data) => lookupAnswerFrom(data, query, options), beforeWords);
}

/** A newer keystroke replaced the query before the word index was needed. */
class Superseded extends Error {}

/**
 * How long the box waits, while typing, before loading the word index (once per page): typing a
 * code passes through word searches (`0x`, `CA`, `AADS`), and a code search must not load it.
 */
const WORDS_PAUSE_MS = 300;

const EMPTY: LookupAnswer = { answer: { kind: "nothing" }, results: [], codes: [], missing: [], didYouMean: [] };

/** The "no page" notice: each code without a page, its family, and the analyzer (as paragraphs, or spans inside one). */
function noPageNotice(answer: LookupAnswer, tag: "p" | "span" = "p"): Node[] {
  if (answer.missing.length === 0 && answer.didYouMean.length === 0) return [];
  const sep = tag === "span" ? " " : "";
  return [
    ...answer.missing.map((m) => h(tag, {}, noPageText(m) + sep)),
    // Codes one slip away: only "did you mean", below the "no page" answer.
    ...(answer.didYouMean.length ? [h(tag, {}, "Did you mean ", ...answer.didYouMean.flatMap((d, i) => [i ? ", " : "", h("a", { href: d.url }, d.title)]), "?" + sep)] : []),
    h(tag, {}, "The analyzer reads a whole message or the output of dsregcmd /status and finds what fits: ", h("a", { href: "/analyze/" }, "open the analyzer"), "."),
  ];
}

function wire(input: HTMLInputElement): void {
  if (input.dataset.wired) return;
  input.dataset.wired = "1";
  const form = input.closest("form");
  const list = document.getElementById(input.getAttribute("aria-controls") ?? "") as HTMLUListElement | null;
  const status = form?.querySelector("[data-search-status]");
  if (!form || !list) return;
  // One drop-down under the box: the "no page" notice, then the results.
  const notice = h("div", { class: "nopage", "data-search-nopage": true, hidden: true });
  const drop = h("div", { class: "search-drop" });
  list.before(drop);
  drop.append(notice, list);
  let answer = EMPTY;
  /** The input value `answer` is for. */
  let answered = "";
  let active = -1;
  let seq = 0;

  const render = (): void => {
    list.replaceChildren(
      ...answer.results.map((r, i) =>
        h("li", { id: `${list.id}-${i}`, role: "option", "aria-selected": i === active ? "true" : "false", "data-url": r.url, "data-match": r.match }, h("strong", {}, r.title), h("span", { class: "why" }, describeResult(r))),
      ),
    );
    const focused = document.activeElement === input;
    const open = answer.results.length > 0 && focused;
    list.hidden = !open;
    notice.replaceChildren(...noPageNotice(answer));
    notice.hidden = !(focused && (answer.missing.length > 0 || answer.didYouMean.length > 0) && answer.answer.kind !== "page");
    input.setAttribute("aria-expanded", String(open));
    if (open && active >= 0) input.setAttribute("aria-activedescendant", `${list.id}-${active}`);
    else input.removeAttribute("aria-activedescendant");
    if (status) status.textContent = statusText(answer, input.value);
  };
  const close = (): void => {
    list.hidden = true;
    notice.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  };
  const run = async (): Promise<void> => {
    const q = input.value;
    const mine = ++seq;
    if (!q.trim()) {
      answer = EMPTY;
      answered = q;
      active = -1;
      render();
      return;
    }
    let found: LookupAnswer;
    try {
      found = await lookupAnswer(q, { limit: 8 }, async () => {
        await new Promise((ok) => setTimeout(ok, WORDS_PAUSE_MS));
        if (mine !== seq) throw new Superseded();
      });
    } catch (e) {
      if (e instanceof Superseded) return;
      throw e;
    }
    if (mine !== seq) return;
    answer = found;
    answered = q;
    active = -1;
    render();
    const miss = missToReport(answer);
    misses.looked(miss ?? "", miss ? 0 : 1);
  };
  /** Enter or submit: open what Enter may open, else show the list or the notice. */
  const enter = (): void => {
    const go = (): void => {
      misses.flush();
      const target = enterTarget(answer, active);
      if (target) location.assign(target.url);
      else if (input.value.trim()) location.assign(resultsUrl(input.value));
      else render();
    };
    // The answer on screen (and the result chosen with the arrows) stays when it is for this text.
    if (answered === input.value) go();
    else void run().then(go);
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
      if (!answer.results.length) return;
      active = e.key === "ArrowDown" ? Math.min(active + 1, answer.results.length - 1) : Math.max(active - 1, 0);
      render();
      list.children[active]?.scrollIntoView({ block: "nearest" });
    } else if (e.key === "Enter") {
      e.preventDefault();
      enter();
    } else if (e.key === "Escape") {
      if (!list.hidden || !notice.hidden) close();
      else input.value = "";
    }
  });
  list.addEventListener("mousedown", (e) => e.preventDefault());
  notice.addEventListener("mousedown", (e) => {
    if (!(e.target instanceof Element && e.target.closest("a"))) e.preventDefault();
  });
  list.addEventListener("click", (e) => {
    const li = e.target instanceof Element ? e.target.closest("li") : null;
    const r = li ? answer.results[[...list.children].indexOf(li)] : undefined;
    if (r) location.assign(r.url);
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    enter();
  });
  if (document.activeElement === input && input.value) void run();
}

/** The page a written code form leads to (its app's scenario when there is one), or undefined. */
function linkTarget(data: LookupData, form: string, app: string | undefined): string | undefined {
  const hub = codeLinkTarget({ get: (key) => data.hubOf(key) }, form);
  if (!hub) return undefined;
  return app && data.doc(`${hub}/${app}`) ? scenarioUrl(hub, app) : hubUrl(hub);
}

/** A result tile: the page's title and how it matched. */
function tile(r: LookupResult): HTMLElement {
  return h("li", {}, h("a", { class: "tile", href: r.url, "data-match": r.match }, h("strong", {}, r.title), h("span", {}, describeResult(r))));
}

/**
 * On the 404 page: read a code (and app) from the address and go there, or say there is no page
 * for it yet. It offers only real matches: pages for a code in the address, or one slip away;
 * never pages that merely share a word with a mistyped address.
 */
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
  const words = (parts[0] === "codes" ? parts.slice(1) : parts).join(" ").replace(/[_]+/g, " ").trim();
  if (!words) return;
  const sub = parts[2]?.toLowerCase();
  const target = parts[0] === "codes" && parts[1] ? await ask((data) => linkTarget(data, parts[1]!, sub)) : undefined;
  if (target) {
    location.replace(target + location.hash);
    return;
  }
  const found = await lookupAnswer(words.slice(0, 100), { limit: 6 });
  const real = found.results.filter((r) => r.match !== "text");
  const statusEl = document.querySelector("[data-notfound-status]");
  if (statusEl) statusEl.replaceChildren(...(found.missing.length || found.didYouMean.length ? noPageNotice(found, "span") : [real.length ? `Did you mean one of these codes?` : `No page matches this address. Search for the code or the message instead:`]));
  out.replaceChildren(...real.map(tile));
}

/** `/?code=<any form>`: open the code's page (its app's with `&app=`), or say there is no page for it yet. */
async function resolveDeepLink(): Promise<void> {
  const out = document.querySelector<HTMLElement>("[data-deeplink]");
  const params = new URLSearchParams(location.search);
  const form = (params.get("code") ?? "").trim().slice(0, 100);
  if (!out || !form) return;
  const app = (params.get("app") ?? "").toLowerCase();
  const target = await ask((data) => linkTarget(data, form, app));
  if (target) {
    location.replace(target);
    return;
  }
  const found = await lookupAnswer(form, { limit: 6 });
  const real = found.results.filter((r) => r.match !== "text");
  out.hidden = false;
  out.replaceChildren(
    h("h2", { id: "deeplink-h" }, `The code ${form}`),
    ...(found.missing.length ? noPageNotice(found) : [h("p", {}, `"${form}" is not written like an error code we know.`)]),
    ...(real.length ? [h("p", {}, "Codes close to it:"), h("ul", { class: "grid" }, ...real.map(tile))] : []),
  );
  const missing = missToReport(found);
  if (missing) {
    misses.looked(missing, 0);
    misses.flush();
  }
}

/** The search results page (`/search/?q=`): every answer kind the lookup gives, grouped, with the query in the box. */
async function showResults(): Promise<void> {
  const out = document.querySelector<HTMLElement>("[data-results]");
  const query = (new URLSearchParams(location.search).get("q") ?? "").trim().slice(0, 500);
  if (!out) return;
  const box = document.querySelector<HTMLInputElement>("main input[data-search]");
  if (box && !box.value) box.value = query;
  const summary = out.querySelector("[data-results-summary]");
  const list = out.querySelector("[data-results-list]");
  if (!summary || !list) return;
  if (!query) {
    summary.textContent = "Type a code or the words of the message in the box above.";
    return;
  }
  const found = await lookupAnswer(query, { limit: 20 });
  document.title = `Results for "${query.slice(0, 60)}" | Fixpath`;
  summary.textContent = resultsSummary(found, query);
  list.replaceChildren(
    ...(found.missing.length ? [h("section", { class: "nopage", "aria-labelledby": "nopage-h" }, h("h2", { id: "nopage-h" }, "No page yet"), ...noPageNotice(found))] : []),
    ...resultGroups(found).map((g) => h("section", { "aria-labelledby": `r-${g.kind}` }, h("h2", { id: `r-${g.kind}` }, g.heading), h("ul", { class: "grid" }, ...g.results.map(tile)))),
  );
  const missing = missToReport(found);
  if (missing) {
    misses.looked(missing, 0);
    misses.flush();
  }
}

for (const input of document.querySelectorAll<HTMLInputElement>("input[data-search]")) wire(input);
// Each of these does nothing on a page without its element.
void resolveNotFound();
void resolveDeepLink();
void showResults();
