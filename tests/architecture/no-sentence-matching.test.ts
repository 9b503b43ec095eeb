// No behaviour decided by matching our own sentences (issue 24): code reads typed data (a fact
// name, a gap kind, a note's `about`), never the first words of a note, reason or message. A
// sentence matched by its words breaks silently the day someone improves the words.
//
// A careful grep over the code, not the comments: it looks for a text method (startsWith,
// includes, match…) on a value named like our own words (note, reason, message, because, cause,
// detail, words, why), for a list of them (notes, reasons, messages…) searched by its text, and
// for a sentence literal matched by its first words. Pasted text (a line, `text`, a value) is
// not our words: parsers match what Windows prints, mostly with regular expressions.
import { readFileSync, readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

/** Where the rule holds: every shell and the pure core that words things (the engine, the report). */
const SCANNED = ["src/engine", "src/report", "src/evidence", "src/cli", "site/src"];

const WORDS = "note|reason|message|because|cause|detail|words|why|sentence|hint";
const LISTS = "notes|reasons|messages|causes|details|sentences|hints";
const MATCH = "startsWith|endsWith|includes|match|matchAll|search|indexOf|lastIndexOf";

const RULES: readonly { what: string; re: RegExp }[] = [
  { what: "a text method on our own words", re: new RegExp(`\\b(?:${WORDS})\\??\\.(?:${MATCH})\\(`) },
  { what: "a regular expression tried on our own words", re: new RegExp(`\\.(?:test|exec)\\(\\s*[\\w.?!]*\\b(?:${WORDS})\\s*\\)`) },
  {
    what: "a list of our own words searched by their text",
    re: new RegExp(`\\b(?:${LISTS})\\??\\.(?:find|filter|some|every|findIndex|findLast|findLastIndex)\\(\\s*\\(?\\s*(\\w+)\\s*\\)?\\s*=>\\s*!?\\s*(?:\\1\\??\\.(?:${MATCH})\\(|/.+/\\w*\\.test\\(\\s*\\1\\s*\\))`),
  },
  { what: "a list of our own words searched for a sentence", re: new RegExp(`\\b(?:${LISTS})\\??\\.(?:includes|indexOf)\\(\\s*["'\`]`) },
  { what: "a loop over our own words that matches their text", re: new RegExp(`for\\s*\\(\\s*const\\s+(\\w+)\\s+of\\s+[\\w.?]*\\b(?:${LISTS})\\s*\\).*\\b\\1\\??\\.(?:${MATCH})\\(`) },
  { what: "a sentence matched by its first words", re: /\.(?:startsWith|endsWith|includes)\(\s*["'`][A-Z][\w']*,? [A-Za-z]/ },
  { what: "a sentence cut by its first words", re: /\.replace\(\s*\/\^[A-Z][\w']*,? [A-Za-z]/ },
];

/** The lines of code (comment lines left out) that break a rule, as `what: code`. */
export function sentenceMatches(text: string): { line: number; what: string; code: string }[] {
  const out: { line: number; what: string; code: string }[] = [];
  text.split("\n").forEach((code, i) => {
    if (/^\s*(?:\*|\/\/|\/\*)/.test(code)) return;
    for (const { what, re } of RULES) if (re.test(code)) out.push({ line: i + 1, what, code: code.trim() });
  });
  return out;
}

function sourceFiles(dir: string): string[] {
  return (readdirSync(join(ROOT, dir), { recursive: true }) as string[])
    .filter((f) => /\.(?:ts|astro)$/.test(f))
    .map((f) => join(dir, f).split("\\").join("/"))
    .sort();
}

describe("the sentence-matching grep", () => {
  it.each([
    // What the code did before issue 24.
    [`detail: facts.notes.find((n) => n.startsWith("Whether the device is managed")) ?? "",`],
    [`dsFacts?.notes.find((n) => n.startsWith("Hybrid join stays unknown: "))?.replace(/^Hybrid join stays unknown: /, "")`],
    [`for (const n of diff.notes) if (!n.startsWith("Nothing in both")) lines.push(n);`],
    [`...diff.notes.filter((n) => !n.startsWith("The captures look swapped")).map((n) => n),`],
    [`if (!part.known && !/printed an error instead/.test(part.why)) return unknown(part.why);`],
    // And what it must not start doing.
    [`if (reason.includes("administrator")) return "ask-admin";`],
    [`const managed = notes.includes("Whether the device is managed stays unknown.");`],
    [`if (f.message.startsWith("This window ran")) elevated = true;`],
    [`const u = reasons.some((r) => /managed/.test(r));`],
    [`if (text.endsWith("Run the command again in a normal window.")) fix = true;`],
  ])("finds %s", (code) => {
    expect(sentenceMatches(code)).not.toEqual([]);
  });

  it.each([
    [`const cut = ev.notes.find((n) => n.code === "bundle/cut-off");`],
    [`const u = facts.unknown.find((x) => x.fact === "managed");`],
    [`if (seen.has(line) || line.includes("FIXPATH:")) return;`],
    [`const hex = others.filter((c) => c.key.startsWith("hex:"));`],
    [`if (c.display.startsWith("AADSTS") && eid === 1081) add();`],
    [`const name = words.replace(/^the /, "");`],
    [`if (!c.reasons.includes(reason)) c.reasons.push(reason);`],
    [` * facts.notes.find((n) => n.startsWith("Whether")) is what this replaced`],
  ])("leaves %s alone", (code) => {
    expect(sentenceMatches(code)).toEqual([]);
  });
});

describe.each(SCANNED)("%s/", (dir) => {
  it("decides nothing by matching a note, reason or message by its words", () => {
    const files = sourceFiles(dir);
    expect(files.length).toBeGreaterThan(0);
    const found = files.flatMap((f) => sentenceMatches(readFileSync(join(ROOT, f), "utf8")).map((m) => `${relative(ROOT, join(ROOT, f))}:${m.line}  ${m.what}\n    ${m.code}`));
    expect(found, `Read typed data instead (a fact name, a kind, an id), and keep the words for people:\n${found.join("\n")}`).toEqual([]);
  });
});
