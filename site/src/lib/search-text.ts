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
