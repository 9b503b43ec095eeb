/**
 * What is kept of a lookup that found nothing: the query, normalised so equal searches count
 * together, and scrubbed of what identifies a person or a device.
 *
 * Order: Unicode NFKC → drop identifiers (e-mail/UPN, GUIDs, thumbprints — the report redactor's patterns, so
 * the rules live in one place; also URLs, anything with a backslash (DOMAIN\user, paths with user
 * names) and long digit runs such as phone numbers) → lower-case → collapse whitespace → trim → cap the length.
 * Error codes survive: `0x8004de40`, `caa50021` and 10-digit decimal HRESULTs are not identifiers.
 */
import { createRedactor } from "../report/index.ts";

/** Longest normalised query kept, in characters. */
export const SEARCH_QUERY_MAX = 100;

const URLS = /\b(?:https?:\/\/|www\.)\S+/gi;
// 11+ digits (optionally with spaces/dashes between groups): phone numbers, account numbers. A
// decimal HRESULT has at most 10 digits (an optional sign included), so codes are kept.
const LONG_DIGITS = /(?<![\w-])\+?\d(?:[\s-]?\d){10,}(?!\w)/g;
// Anything with a backslash: DOMAIN\user in any case, and paths, which carry user names (C:\Users\ana).
const BACKSLASHED = /\S*\\\S*/g;
const TOKEN = /\[(?:guid|email|thumbprint|account|name)-\d+\]/g;

/** The normalised, scrubbed query; an empty string when nothing searchable is left. */
export function normaliseSearchQuery(raw: string): string {
  const redact = createRedactor();
  let text = raw.normalize("NFKC").replace(URLS, " ");
  // Redact before lower-casing: the DOMAIN\user pattern relies on the capitals.
  text = redact(text).replace(TOKEN, " ").replace(BACKSLASHED, " ").replace(LONG_DIGITS, " ");
  text = text.toLowerCase().replace(/\s+/gu, " ").trim();
  if (text.length > SEARCH_QUERY_MAX) {
    // Cut on a code point and, when there is one near the end, a word boundary.
    const cut = Array.from(text).slice(0, SEARCH_QUERY_MAX).join("");
    const space = cut.lastIndexOf(" ");
    text = (space > SEARCH_QUERY_MAX * 0.6 ? cut.slice(0, space) : cut).trim();
  }
  return text;
}
