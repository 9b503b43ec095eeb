/**
 * What the search box says and does with a lookup's answer (src/lookup's `lookupAnswer`), kept
 * apart from the DOM so it is tested in Node: the result count, what each result says, what
 * Enter opens, the "no page" notice, and the only thing ever reported as a search miss.
 */
import type { LookupAnswer, LookupResult, QueryCode } from "../../../src/lookup/lookup.ts";

const KIND: Record<LookupResult["kind"], string> = { code: "Code overview", scenario: "Step-by-step guide", checklist: "Admin checklist" };

/** The line under a result's title: the page kind, and how it matched. */
export function describeResult(r: LookupResult): string {
  const kind = KIND[r.kind];
  const why = r.why[0] ?? "";
  if (r.match === "text") return kind;
  return `${kind} · ${why}`;
}

/**
 * The result Enter opens: the one chosen with the arrow keys, else the lookup's answer when it is a
 * page (an exact code, a look-alike reading of it such as `caa5002l`, or a message the content
 * gives for one code). A code with no page, words, or nothing: Enter opens nothing.
 */
export function enterTarget(answer: LookupAnswer, active: number): LookupResult | undefined {
  if (active >= 0) return answer.results[active];
  return answer.answer.kind === "page" ? answer.answer.result : undefined;
}

/** The live status line: a grammatical count, and what Enter does. */
export function statusText(answer: LookupAnswer, query: string): string {
  if (!query.trim()) return "";
  const n = answer.results.length;
  const noPage = answer.missing.map((m) => m.code).join(", ");
  if (n === 0) return noPage ? `No page for ${noPage}.` : "No matching pages.";
  const count = `${n} ${n === 1 ? "result" : "results"}`;
  const prefix = noPage ? `No page for ${noPage}. ` : "";
  return enterTarget(answer, -1) ? `${prefix}${count}. Use the arrow keys to choose, Enter to open.` : `${prefix}${count}. Use the arrow keys to choose one.`;
}

/** One line of the "no page" notice for a code without a page: the code, and its family when known. */
export function noPageText(code: QueryCode): string {
  if (!code.family) return `We have no page for ${code.code} yet.`;
  return `We have no page for ${code.code} yet. It is ${code.family.name}. ${code.family.about}`;
}

/**
 * What a lookup reports as a search miss: the first code in the query that has no page, in
 * Fixpath's form (`0x8004010F`, `AADSTS99999`), and nothing else: never the words typed or pasted
 * (nor an error tag: the outcomes API records codes only).
 */
export function missToReport(answer: LookupAnswer): string | undefined {
  return answer.missing.find((m) => m.kind === "code")?.code;
}

/** A group of the search results page: one answer kind, with its heading. */
export interface ResultGroup {
  kind: "exact" | "look-alike" | "message" | "text";
  heading: string;
  results: LookupResult[];
}

const GROUP_HEADINGS: Record<ResultGroup["kind"], string> = {
  exact: "Pages for the code you typed",
  "look-alike": "The code you typed, read as it is usually written",
  message: "Pages for the message you typed",
  text: "Pages that mention your words",
};

/** The search results page's groups, in the lookup's order (exact, look-alike, message, text); empty groups left out. A code one character away is never a result: it is offered under "No page yet" as "did you mean". */
export function resultGroups(answer: LookupAnswer): ResultGroup[] {
  return (["exact", "look-alike", "message", "text"] as const)
    .map((kind) => ({ kind, heading: GROUP_HEADINGS[kind], results: answer.results.filter((r) => r.match === kind) }))
    .filter((g) => g.results.length > 0);
}

/** The results page's summary line for a query. */
export function resultsSummary(answer: LookupAnswer, query: string): string {
  const n = answer.results.length;
  if (n === 0) return answer.missing.length ? `No page matches "${query}" yet.` : `Nothing matches "${query}". Try the code exactly as the error shows it, or fewer words.`;
  return `${n} ${n === 1 ? "page matches" : "pages match"} "${query}".`;
}

/** The address of the search results page for a query. */
export function resultsUrl(query: string): string {
  return `/search/?q=${encodeURIComponent(query.trim().slice(0, 200))}`;
}
