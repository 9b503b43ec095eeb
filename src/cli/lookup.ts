/**
 * `fixpath lookup <text...> [--content <dir>] [--limit <n>] [--json]`: the pages for a code in any
 * form, a message or symptoms. All of the text rendering is in `renderLookup`.
 */
import { buildLookupIndex, lookup, type LookupResult } from "../lookup/index.ts";
import type { Content } from "./content.ts";
import { EXIT, UserError, writeLine, type CliIo } from "./io.ts";

export interface LookupArgs {
  words: readonly string[];
  content: string;
  limit: string;
  json: boolean;
}

export function runLookup(args: LookupArgs, io: CliIo, content: Content): number {
  const limit = Number(args.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UserError(`fixpath lookup: --limit takes a whole number from 1 to 100, not "${args.limit}"`);
  const query = args.words.join(" ").trim();
  if (query === "") {
    throw new UserError('fixpath lookup: there is nothing to look up\n  Fix: give the code as shown on screen, the message, or a few words, e.g. fixpath lookup CAA50021');
  }
  const results = lookup(buildLookupIndex(content.kb(args.content)), query, { limit });
  if (args.json) writeLine(io.stdout, JSON.stringify(results, null, 2));
  else {
    const text = renderLookup(query, results);
    if (text.stdout) writeLine(io.stdout, text.stdout);
    if (text.stderr) writeLine(io.stderr, text.stderr);
  }
  return results.length === 0 ? EXIT.problems : EXIT.ok;
}

/** The lookup answer as terminal text: the results on stdout, or what to try on stderr. */
export function renderLookup(query: string, results: readonly LookupResult[]): { stdout: string; stderr: string } {
  if (results.length === 0) {
    return { stdout: "", stderr: `No page matches "${query.slice(0, 80)}". Try the code as shown on screen, e.g. CAA50021.` };
  }
  const lines: string[] = [];
  for (const [i, r] of results.entries()) {
    lines.push(`${String(i + 1).padStart(2)}. ${r.title}${r.near ? "  (near match)" : ""}`);
    lines.push(`    ${r.url}   score ${r.score}   ${r.why.join("; ")}`);
  }
  return { stdout: lines.join("\n"), stderr: "" };
}
