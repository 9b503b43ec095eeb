/**
 * `fixpath lookup <text...|-> [--content <dir>] [--limit <n>] [--base-url <url>] [--json]`: the
 * lookup's answer for a code in any form, a whole pasted dialog, a message or symptoms. `-` reads
 * the text from standard input. Exit 0 when the answer is a page or pages hold the words; 1 when
 * there is no page for the code (or nothing matches).
 */
import { MAX_PASTE_BYTES, decodePaste, formatSize } from "../evidence/index.ts";
import { buildLookupIndex, lookupAnswer, type LookupAnswer, type LookupResult, type QueryCode } from "../lookup/index.ts";
import type { Content } from "./content.ts";
import { EXIT, UserError, readStdin, writeLine, type CliIo } from "./io.ts";
import { linkTo, siteBaseUrl } from "./links.ts";
import { plural, printable, wrap } from "./text.ts";

export interface LookupArgs {
  words: readonly string[];
  content: string;
  limit: string;
  json: boolean;
  baseUrl?: string;
}

export async function runLookup(args: LookupArgs, io: CliIo, content: Content): Promise<number> {
  const limit = Number(args.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UserError(`fixpath lookup: --limit takes a whole number from 1 to 100, not "${args.limit}"`);
  const fromStdin = args.words.length === 1 && args.words[0] === "-";
  const query = fromStdin ? await readQuery(io) : args.words.join(" ").trim();
  if (query.trim() === "") {
    throw new UserError(`fixpath lookup: there is nothing to look up${fromStdin ? " (standard input was empty)" : ""}\n  Fix: give the code as shown on screen, the message, or a few words, e.g. fixpath lookup CAA50021`);
  }
  const base = siteBaseUrl(io, "lookup", args.baseUrl);
  const answer = withLinks(lookupAnswer(buildLookupIndex(content.kb(args.content)), query, { limit }), base);
  if (args.json) writeLine(io.stdout, JSON.stringify(answer, null, 2));
  else {
    const text = renderLookup(query, answer);
    // The query is echoed: as printable text, whatever was typed or pasted.
    if (text.stderr) writeLine(io.stderr, printable(text.stderr));
    if (text.stdout) writeLine(io.stdout, printable(text.stdout));
  }
  return lookupExitCode(answer);
}

/** 0 when the answer is a page or pages hold the words; 1 for a code with no page, or nothing. */
export function lookupExitCode(answer: LookupAnswer): number {
  return answer.answer.kind === "page" || answer.answer.kind === "search" ? EXIT.ok : EXIT.problems;
}

/** Reads a pasted dialog from stdin: text in any of the encodings the analyzer reads, up to its limit. */
async function readQuery(io: CliIo): Promise<string> {
  const read = await readStdin(io, MAX_PASTE_BYTES);
  if (read.kind === "none") throw new UserError("fixpath lookup: no standard input to read from\n  Fix: give the text as arguments instead of -");
  if (read.kind === "terminal") throw new UserError("fixpath lookup: - reads standard input, but it is a terminal\n  Fix: pipe the text in, e.g. `Get-Clipboard | npx fixpath lookup -`, or give it as arguments");
  if (read.total > MAX_PASTE_BYTES) throw new UserError(`fixpath lookup: standard input is ${read.complete ? "" : "more than "}${formatSize(read.total)}; at most ${formatSize(MAX_PASTE_BYTES)} is read\n  Fix: paste only the error dialog or message`);
  const decoded = decodePaste(read.bytes);
  if (!decoded.ok) throw new UserError(`fixpath lookup: standard input cannot be read as text: ${decoded.issue.message}\n  Fix: paste the error dialog or message as text`);
  return decoded.text;
}

/** The answer with absolute links when the site's address is known. */
function withLinks(answer: LookupAnswer, base: string | undefined): LookupAnswer {
  if (!base) return answer;
  const fix = <T extends { url: string }>(r: T): T => ({ ...r, url: linkTo(base, r.url) });
  const results = answer.results.map(fix);
  return {
    ...answer,
    results,
    didYouMean: answer.didYouMean.map(fix),
    answer: answer.answer.kind === "page" ? { ...answer.answer, result: results[0]! } : answer.answer,
  };
}

const KIND_WORDS: Record<LookupResult["kind"], string> = { code: "code overview", scenario: "step-by-step guide", checklist: "admin checklist" };

/** The lookup answer as terminal text: the answer and its pages on stdout; "nothing found" on stderr. */
export function renderLookup(query: string, answer: LookupAnswer): { stdout: string; stderr: string } {
  const out: string[] = [];
  const list = (results: readonly LookupResult[]) =>
    results.forEach((r, i) => {
      out.push(`${String(i + 1).padStart(2)}. ${r.title}`);
      out.push(`    ${r.url}`);
      // A code's result says why by the code; word matches beside it add nothing.
      const why = r.match === "text" ? r.why : r.why.filter((w) => !w.startsWith("words: ")).slice(0, 2);
      out.push(wrap(`${KIND_WORDS[r.kind]}; ${why.join("; ")}`, { indent: "    " }));
    });
  const v = answer.answer;
  if (v.kind === "page") {
    const q = answer.codes.find((c) => c.page === v.result.code && c.kind === "code");
    const about = v.match === "message" || !q ? "the message" : q.lookAlike ? `${q.code} (read from ${q.written})` : q.code;
    out.push(`${plural(answer.results.length, "page")} for ${about}:`);
    list(answer.results);
    for (const m of answer.missing) out.push("", ...noPage(m));
  } else if (v.kind === "no-page") {
    for (const [i, m] of answer.missing.entries()) out.push(...(i ? [""] : []), ...noPage(m));
  } else if (v.kind === "search") {
    out.push(`No error code in the text. ${plural(answer.results.length, "page mentions", "pages mention")} these words (none of them is a sure answer):`);
    list(answer.results);
  }
  if (answer.didYouMean.length) {
    out.push("", "Did you mean one of these? (a different code, so a different error: check the code on screen)");
    for (const d of answer.didYouMean) out.push(`  - ${d.title}`, `    ${d.url}   (${d.written}: ${d.how})`);
  }
  if (v.kind === "nothing") {
    return { stdout: out.join("\n").trim(), stderr: `No page matches "${oneLine(query).slice(0, 80)}".\n  Fix: give the code as shown on screen, e.g. CAA50021, or the message as it reads.` };
  }
  return { stdout: out.join("\n"), stderr: "" };
}

/** "No page for X yet", what its family says, and where Microsoft looks it up. */
function noPage(m: QueryCode): string[] {
  const what = m.kind === "tag" ? `the error tag ${m.code}` : m.code;
  const lines = [`No page for ${what} yet.`];
  if (m.family) lines.push(wrap(`It is ${m.family.name}. ${m.family.about}`, { indent: "  ", first: "  " }));
  if (m.family?.more) lines.push(`  ${m.family.more.title}: ${m.family.more.url}`);
  if (m.kind === "code") lines.push(wrap("fixpath analyze reads the whole message or the evidence bundle (fixpath bundle prints its command) and finds what fits.", { indent: "  ", first: "  " }));
  return lines;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
