import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { Lexer, Marked, type Token } from "marked";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { plainText, type LinkWords } from "../../src/model/index.ts";
import { ROOT } from "../helpers/io.ts";

/** The site's parser settings (site/src/lib/md.ts): GFM on. */
const MARKED_OPTIONS = new Marked({ async: false, gfm: true }).defaults;

/** The oracle: marked's inline tokens, their text concatenated; a link's address after it in the url mode. */
function markedText(markdown: string, links: LinkWords): string {
  const walk = (tokens: readonly Token[]): string =>
    tokens
      .map((t) => {
        switch (t.type) {
          case "link":
          case "image":
            return walk(t.tokens ?? []) + (links === "text-and-url" && !(t as { autolink?: boolean }).autolink ? ` (${t.href as string})` : "");
          case "strong":
          case "em":
          case "del":
            return walk(t.tokens ?? []);
          case "br":
            return "\n";
          default:
            return (t as { text: string }).text;
        }
      })
      .join("");
  return walk(Lexer.lexInline(markdown, MARKED_OPTIONS))
    .replace(/[ \t\n\r\f\v]+/g, " ")
    .replace(/^ | $/g, "");
}

const MODES: readonly LinkWords[] = ["text", "text-and-url"];

describe("plainText", () => {
  it.each([
    // [markdown, links: "text", links: "text-and-url"]
    ["Run `dsregcmd /status` in a Command Prompt.", "Run dsregcmd /status in a Command Prompt.", "Run dsregcmd /status in a Command Prompt."],
    ["`` `code` with ticks ``", "`code` with ticks", "`code` with ticks"],
    ["Delete `%LOCALAPPDATA%\\*` and `C:\\Users\\*\\AppData`.", "Delete %LOCALAPPDATA%\\* and C:\\Users\\*\\AppData.", "Delete %LOCALAPPDATA%\\* and C:\\Users\\*\\AppData."],
    // Outside a code span `\*` is an escaped star (CommonMark): the star stays, its backslash goes, and no emphasis.
    ["Open C:\\Users\\*\\AppData and %LOCALAPPDATA%\\* then *more*", "Open C:\\Users*\\AppData and %LOCALAPPDATA%* then more", "Open C:\\Users*\\AppData and %LOCALAPPDATA%* then more"],
    ["A * is no emphasis, nor is 2 * 3 * 4.", "A * is no emphasis, nor is 2 * 3 * 4.", "A * is no emphasis, nor is 2 * 3 * 4."],
    ["the user_SID and Microsoft.AAD.BrokerPlugin_cw5n1h2txyewy_x", "the user_SID and Microsoft.AAD.BrokerPlugin_cw5n1h2txyewy_x", "the user_SID and Microsoft.AAD.BrokerPlugin_cw5n1h2txyewy_x"],
    ["_emphasis_ and __strong__ and *em* and **strong**", "emphasis and strong and em and strong", "emphasis and strong and em and strong"],
    ["See **[the checklist](/codes/caa50021/admin/)** first.", "See the checklist first.", "See the checklist (/codes/caa50021/admin/) first."],
    ["[**Settings** > `Accounts`](https://example.com/a_(b) \"title\")", "Settings > Accounts", "Settings > Accounts (https://example.com/a_(b))"],
    ["Go to https://login.microsoftonline.com. It", "Go to https://login.microsoftonline.com. It", "Go to https://login.microsoftonline.com. It"],
    ["<https://aka.ms/authscripts> and [aka.ms/x](https://aka.ms/x)", "https://aka.ms/authscripts and aka.ms/x", "https://aka.ms/authscripts and aka.ms/x (https://aka.ms/x)"],
    ["Something went wrong [1001]", "Something went wrong [1001]", "Something went wrong [1001]"],
    ["a \\[not a link](x) and \\`no code\\`", "a [not a link](x) and `no code`", "a [not a link](x) and `no code`"],
    ["![the **Accounts** page](/img/accounts.png) then C:/a/*/b", "the Accounts page then C:/a/*/b", "the Accounts page (/img/accounts.png) then C:/a/*/b"],
    ["  line one\n  line two  \nthree\\\nfour\n\n", "line one line two three four", "line one line two three four"],
  ])("%j → %j (or with URLs %j)", (markdown, text, withUrl) => {
    expect(plainText(markdown, { links: "text" })).toBe(text);
    expect(plainText(markdown, { links: "text-and-url" })).toBe(withUrl);
    for (const links of MODES) expect(markedText(markdown, links), "agrees with marked").toBe(plainText(markdown, { links }));
  });
});

// ---------------------------------------------------------------- generated Markdown against marked

/** Words as content writes them: `\*` in a path outside a code span is an escaped star, no emphasis. */
const WORDS = [
  "OneDrive",
  "sign",
  "in",
  "again",
  "it's",
  "e.g.",
  "x2",
  "naïve",
  "ёлка",
  "snake_case_word",
  "0xCAA50021",
  "[1001]",
  "File > Account",
  "dsregcmd /status",
  "C:\\Users\\*\\AppData",
  "%LOCALAPPDATA%\\*",
  "&",
];
/** Only inside code spans, as content writes them: outside, the star would open emphasis. */
const CODE_WORDS = ["*.msftauth.net", "HKEY_USERS\\<user_SID>\\SOFTWARE", "Get-AppxPackage *AAD.BrokerPlugin*"];
// No lone backtick or bracket: which backticks pair into code spans then decides where a link's
// text ends, and a lone `[` makes a link of whatever stands before the next `](`; marked's pattern
// for a link's text differs from CommonMark on both (see the link text below).
const PUNCTUATION = [".", ",", ";", ":", "!", "?", "(", ")", "'", '"', "-", "/", "—", "…", "\\", "\\*", "\\_", "\\`", "\\[", "\\]"];
/** Bare URLs (GFM), spaces around them as content writes them, trailing punctuation included. */
const BARE_URLS = [" https://aka.ms/authscripts ", " https://login.microsoftonline.com. ", " http://www.msftconnecttest.com/connecttest.txt ", " www.example.com, "];
/** Marks that are no emphasis: spaces on both sides, as in `2 * 3`. */
const LONE_MARKS = [" * ", " _ ", " ** ", " __ ", " *** "];
const STARS = ["*", "**", "***"];
const UNDERSCORES = ["_", "__"];
// No `*` in an address: marked hides a link from emphasis only when its text has no brackets, so in
// `*[[1]](a*b) x*` the star in the address closes the emphasis and the link falls apart (CommonMark:
// links bind tighter than emphasis). Content's addresses hold no star.
const URLS = ["/codes/caa50021/admin/", "/codes/caa70007/teams/#fix-repair-broker-plugin", "https://learn.microsoft.com/en-us/entra/identity/", "https://aka.ms/SaRA-OfficeSignIn-sarahome", "a_b_c", "x(y)z", "<with space>", ""];
const TITLES = ["", ' "A title"', " 'single'", " (parens)"];

const word = fc.constantFrom(...WORDS);
const punctuation = fc.constantFrom(...PUNCTUATION);
const space = fc.constantFrom(" ", " ", "", "\n", "  \n");
/** A code span of one backtick around anything but a backtick. */
const simpleCode = fc
  .array(fc.oneof(word, fc.constantFrom(...CODE_WORDS), punctuation.filter((p) => !p.includes("`")), fc.constant(" ")), { minLength: 1, maxLength: 4 })
  .map((xs) => `\`${xs.join("")}\``);
/** A code span of two backticks around text that holds single ones. */
const fencedCode = fc
  .array(fc.oneof(word, fc.constant("`"), fc.constant(" ")), { minLength: 1, maxLength: 4 })
  .map((xs) => xs.join(""))
  .filter((code) => !code.includes("``"))
  .map((code) => `\`\` ${code} \`\``);
const autolink = fc.constantFrom(...URLS.filter((u) => u.startsWith("https:"))).map((u) => `<${u}>`);

/** Items with a separator after each: a space, none, a line break or a hard line break. */
const sequence = (item: fc.Arbitrary<string>, maxLength: number) => fc.array(fc.tuple(item, space), { maxLength }).map(joinItems);

/**
 * Emphasis as content writes it: a pair of marks around text that starts and ends with no space
 * and no mark (nor a backslash, which would escape the closing mark), the pair a word of its own (a space on each side); emphasis inside emphasis takes the other mark
 * (`**a _b_ c**`). A mark that could open or close but finds no partner (`__a_ _b__`), or the same
 * mark nested (`***a* *b***`), is where marked's patterns and CommonMark's delimiter stack part
 * ways: strong around `a_ _b` for marked, emphasis around two emphases in CommonMark.
 */
const emphasis = (marks: readonly string[], inner: fc.Arbitrary<string>) =>
  fc
    .tuple(
      fc.constantFrom(...marks),
      inner.map((t) => t.trim()).filter((t) => /^[^\s*_]/.test(t) && /[^\s*_\\]$/.test(t)),
    )
    .map(([mark, text]) => ` ${mark}${text}${mark} `);
/** Emphasis of either mark around `inner(the other mark)`. */
const eitherEmphasis = (inner: (marks: readonly string[]) => fc.Arbitrary<string>) => fc.oneof(emphasis(STARS, inner(UNDERSCORES)), emphasis(UNDERSCORES, inner(STARS)));

// Link text holds no brackets, so no link either. marked hides a link from the emphasis around it
// only when its text has no brackets (`__[__[1] x __](u)` is strong for marked, a link in
// CommonMark, where links bind tighter), and it finds the link's end with a pattern of one level of
// brackets where CommonMark keeps a bracket stack. Nor a lone backtick or a code span of two
// backticks around single ones: marked's pattern for a link's text wants its backticks paired its
// own way, or the link falls apart (`[a ` b](u)`, `[`` ` ``](u)`, `[\`a`](u)` and `[`a``.`](u)`,
// two code spans side by side, are links in CommonMark only).
const labelLeaf = fc.oneof(word.filter((w) => !/[[\]]/.test(w)), punctuation.filter((p) => !/[[\]`]/.test(p)), fc.constantFrom(...LONE_MARKS), simpleCode);
// Nor a lone backslash at its end: it would escape the `]`, and what was generated as a link would be none.
const labelText = sequence(fc.oneof(labelLeaf, eitherEmphasis((marks) => sequence(fc.oneof(labelLeaf, emphasis(marks, sequence(labelLeaf, 3))), 3))), 4).filter(
  (t) => !/``|\\`/.test(t) && !/(?:^|[^\\])(?:\\\\)*\\$/.test(t),
);
// No title after an empty address: `[a]( "a title")` is no link, but marked still hides it from the
// emphasis around it.
const link = fc
  .tuple(fc.constantFrom("[", "!["), labelText, fc.constantFrom(...URLS), fc.constantFrom(...TITLES))
  .map(([open, text, url, title]) => `${open}${text}](${url}${url ? title : ""})`);

const leaf = fc.oneof(word, punctuation, fc.constantFrom(...LONE_MARKS, ...BARE_URLS), simpleCode, fencedCode, autolink, link);
/**
 * No `_` between two `**` with no other marks (nor `*` between two `__`): looking for the `_` that
 * closes emphasis, marked skips such a stretch as if it were strong emphasis, even when the first
 * `**` can neither open nor close (`_a ** b_ **c**` is emphasis around `a ** b` in CommonMark,
 * none for marked). Like marked, this looks past code spans, escapes, autolinks and links, and
 * into each link's text on its own.
 */
function markedSkipsAMark(markdown: string): boolean {
  const skips = (text: string) => /\*\*[^_*]*_[^_*]*\*\*|__[^_*]*\*[^_*]*__/.test(text);
  // Code spans and escapes in one pass from the left, as marked masks them.
  const masked = markdown.replace(/(`+)(?:[^`]|[^`][^]*?[^`])\1(?!`)|`+|\\./g, (m) => (m.startsWith("\\") ? "e" : /^`+$/.test(m) ? m : "c")).replace(/<[^>]*>/g, "a");
  const link = /!?\[([^[\]]*)\]\((?:[^()]|\([^()]*\))*\)/g;
  return skips(masked.replace(link, "l")) || [...masked.matchAll(link)].some((m) => skips(m[1]!));
}

/** Inline Markdown: words, punctuation, code spans, links and autolinks, emphasis two deep. */
const inline = sequence(fc.oneof(leaf, leaf, eitherEmphasis((marks) => sequence(fc.oneof(leaf, emphasis(marks, sequence(leaf, 4))), 4))), 8).filter((markdown) => !markedSkipsAMark(markdown));

/**
 * The items with their separators; a space after a lone backslash (it would escape what follows: a
 * code span's fence, an autolink's `<`), between two backticks that would touch (a code span
 * against another or against an escaped backtick) and between `]` and `(` (`[1001](` would start a
 * link that is none, which marked still hides from emphasis), so what was generated stays what it was.
 */
function joinItems(items: readonly (readonly [string, string])[]): string {
  let out = "";
  for (const [item, sep] of items) {
    const apart = out.endsWith("\\") || (out.endsWith("`") && item.startsWith("`")) || (out.endsWith("]") && item.startsWith("("));
    out += apart ? ` ${item}${sep}` : item + sep;
  }
  return out;
}

describe("plainText agrees with marked", () => {
  it.each(MODES)("on generated inline Markdown (links: %s)", (links) => {
    fc.assert(
      fc.property(inline, (markdown) => {
        expect(plainText(markdown, { links })).toBe(markedText(markdown, links));
      }),
      { numRuns: 3000 },
    );
  });

  it("on every string in content/", () => {
    const strings = contentStrings();
    expect(strings.length).toBeGreaterThan(1000);
    const differ = strings.flatMap(({ file, text }) =>
      MODES.flatMap((links) => {
        const ours = plainText(text, { links });
        const theirs = markedText(text, links);
        return ours === theirs ? [] : [{ file, links, text, ours, theirs }];
      }),
    );
    expect(differ).toEqual([]);
  });
});

/** Every string value in the YAML under content/, with its file. */
function contentStrings(): { file: string; text: string }[] {
  const dir = join(ROOT, "content");
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(".yaml")).sort();
  const out: { file: string; text: string }[] = [];
  const visit = (file: string, value: unknown): void => {
    if (typeof value === "string") out.push({ file, text: value });
    else if (Array.isArray(value)) for (const v of value) visit(file, v);
    else if (value && typeof value === "object") for (const v of Object.values(value)) visit(file, v);
  };
  for (const file of files) for (const doc of parseAllDocuments(readFileSync(join(dir, file), "utf8"))) visit(file, doc.toJS());
  return out;
}
