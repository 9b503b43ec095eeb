/**
 * Content Markdown → plain words, the one copy for the report, the CLI, the lookup index and the
 * site's titles. Hand-written on purpose: `marked`, the site's parser, would do it, but the browser
 * islands import this module and the diagnostic island's 25 KB budget has no room for `marked`.
 * It follows CommonMark's inline rules (with GFM's bare URLs) as far as content uses them: code
 * spans, backslash escapes, `*` and `_` emphasis by the delimiter-run algorithm, inline links and
 * images, `<autolinks>`. tests/model/plain-text.test.ts holds it to marked's own tokens, on
 * generated Markdown and on every string in content/.
 */

/**
 * What a link keeps: its `text` alone (titles, attributes, search words), or its `text-and-url`,
 * as `text (url)`, where the words leave the site and the address must survive (a report pasted
 * into a ticket). Autolinks and bare URLs are their own text either way.
 */
export type LinkWords = "text" | "text-and-url";

/** How `plainText` renders what has no plain form. */
export interface PlainTextOptions {
  /** What a link keeps: see `LinkWords`. */
  readonly links: LinkWords;
}

/**
 * Inline Markdown → plain words: code spans, emphasis and escapes lose their marks, links keep their
 * text (and their address with `links: "text-and-url"`), and whitespace runs (line breaks too)
 * become one space, trimmed.
 */
export function plainText(markdown: string, options: PlainTextOptions): string {
  return collapseSpace(render(parseInline(markdown, 0, markdown.length, { options, inLink: false }).nodes));
}

/**
 * Runs of ASCII whitespace (line breaks too) → one space, none at the ends. A no-break space is
 * the author's choice and stays.
 */
function collapseSpace(text: string): string {
  return text.replace(/[ \t\n\r\f\v]+/g, " ").replace(/^ | $/g, "");
}

/** Literal text, or a `*`/`_` run that may still become emphasis. */
type Node = { kind: "text"; text: string } | Delimiter;

interface Delimiter {
  kind: "delim";
  char: "*" | "_";
  /** Marks left: a match for emphasis takes one or two. */
  count: number;
  open: boolean;
  close: boolean;
  /** Still on the delimiter stack (false: plain text from now on). */
  live: boolean;
}

/** What the text being read sits in. */
interface Context {
  readonly options: PlainTextOptions;
  /** Inside a link's or image's text: no bare URLs there (marked's rule). */
  readonly inLink: boolean;
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
/** marked's classes (CommonMark 0.31: punctuation is Unicode P and S). */
const PUNCTUATION = /[\p{P}\p{S}]/u;
const WHITESPACE = /\s/;
/** CommonMark's autolink, `<scheme:…>` or `<address@host>`, as marked reads it. */
// eslint-disable-next-line no-control-regex -- as CommonMark says: no control character in an autolink
const AUTOLINK = /^<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s\x00-\x1f<>]*|[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+(?![-_]))>/;
/** GFM's bare URL as marked reads it (its `url` rule), before trailing punctuation is dropped. */
const BARE_URL = /^(?:(?:[hH][tT][tT][pP][sS]?|[fF][tT][pP]):\/\/|www\.)(?:[a-zA-Z0-9-]+\.?)+[^\s<]*/;
/** marked's `_backpedal`: what a bare URL keeps once trailing punctuation is dropped. */
const BACKPEDAL = /(?:[^?!.,:;*_'"~()&]+|\([^)]*\)|&(?![a-zA-Z0-9]+;$)|[?!.,:;*_'"~)]+(?!$))+/;

/** The text of `src` from `from` to `to` as nodes, emphasis resolved; `linked` when it holds a link. */
function parseInline(src: string, from: number, to: number, ctx: Context): { nodes: Node[]; linked: boolean } {
  const nodes: Node[] = [];
  const text = (t: string) => nodes.push({ kind: "text", text: t });
  let linked = false;
  let i = from;
  while (i < to) {
    const c = src[i]!;
    const rest = () => src.slice(i, to);
    if (c === "\\") {
      const next = i + 1 < to ? src[i + 1]! : "";
      if (ASCII_PUNCTUATION.test(next)) {
        text(next);
        i += 2;
      } else if (next === "\n" && /\S/.test(src.slice(i + 2, to))) {
        text(" "); // a hard line break
        i += 2;
      } else {
        text("\\");
        i += 1;
      }
    } else if (c === "`") {
      const span = codeSpan(src, i, to);
      text(span.text);
      i = span.end;
    } else if (c === "*" || c === "_") {
      let end = i;
      while (end < to && src[end] === c) end++;
      // A link's text is read as a string of its own (as marked reads it): its ends count as spaces.
      nodes.push(delimiter(c, end - i, i > from ? src[i - 1] : undefined, end < to ? src[end] : undefined));
      i = end;
    } else if (c === "[" || (c === "!" && src[i + 1] === "[" && i + 1 < to)) {
      const link = linkAt(src, i, to, ctx);
      if (link) {
        text(link.words);
        linked ||= c === "[";
        i = link.end;
      } else {
        text(c);
        i += 1;
      }
    } else if (c === "<" && AUTOLINK.test(rest())) {
      const m = AUTOLINK.exec(rest())!;
      text(m[1]!);
      i += m[0].length;
    } else if (!ctx.inLink && /[hHfFw]/.test(c) && (c !== "w" || i === 0 || /[\s*_~(]/.test(src[i - 1]!)) && BARE_URL.test(rest())) {
      const url = bareUrl(rest());
      text(url);
      i += url.length;
    } else {
      let end = i + 1;
      while (end < to && !/[\\`*_[!<hHfFw]/.test(src[end]!)) end++;
      text(src.slice(i, end));
      i = end;
    }
  }
  processEmphasis(nodes);
  return { nodes, linked };
}

/** A backtick run: a code span up to the next run of the same length, or the backticks themselves. */
function codeSpan(src: string, start: number, to: number): { text: string; end: number } {
  let open = start;
  while (open < to && src[open] === "`") open++;
  const fence = open - start;
  for (let at = open; at < to; ) {
    if (src[at] !== "`") {
      at++;
      continue;
    }
    let close = at;
    while (close < to && src[close] === "`") close++;
    if (close - at === fence) {
      let code = src.slice(open, at).replace(/\n/g, " ");
      if (/^ [^]*[^ ][^]* $/.test(code)) code = code.slice(1, -1);
      return { text: code, end: close };
    }
    at = close;
  }
  return { text: "`".repeat(fence), end: open };
}

/** A `*` or `_` run and whether it may open or close emphasis (CommonMark's flanking rules). */
function delimiter(char: "*" | "_", length: number, before: string | undefined, after: string | undefined): Delimiter {
  const spaceBefore = before === undefined || WHITESPACE.test(before);
  const spaceAfter = after === undefined || WHITESPACE.test(after);
  const punctBefore = before !== undefined && PUNCTUATION.test(before);
  const punctAfter = after !== undefined && PUNCTUATION.test(after);
  const left = !spaceAfter && (!punctAfter || spaceBefore || punctBefore);
  const right = !spaceBefore && (!punctBefore || spaceAfter || punctAfter);
  const open = char === "*" ? left : left && (!right || punctBefore);
  const close = char === "*" ? right : right && (!left || punctAfter);
  return { kind: "delim", char, count: length, open, close, live: true };
}

/** GFM's bare URL at the start of `src`, trailing punctuation dropped as marked drops it. */
function bareUrl(src: string): string {
  let url = BARE_URL.exec(src)![0];
  for (let before = ""; before !== url; ) {
    before = url;
    url = BACKPEDAL.exec(url)?.[0] ?? "";
  }
  return url;
}

/**
 * The link or image opening at `at` (`[` or `![`): its text up to the matching `]` (code spans and
 * escapes skipped, brackets balanced), then `(destination "title")`. Undefined when there is none,
 * or when the text holds a link of its own (the inner link wins, as in CommonMark).
 */
function linkAt(src: string, at: number, to: number, ctx: Context): { words: string; end: number } | undefined {
  const image = src[at] === "!";
  const start = at + (image ? 2 : 1);
  let depth = 0;
  let close = start;
  for (; close < to; close++) {
    const c = src[close]!;
    if (c === "\\") close++;
    else if (c === "`") close = codeSpan(src, close, to).end - 1;
    else if (c === "[") depth++;
    else if (c === "]" && depth-- === 0) break;
  }
  if (close >= to) return undefined;
  const target = destination(src.slice(0, to), close + 1);
  if (!target) return undefined;
  const label = parseInline(src, start, close, { ...ctx, inLink: true });
  if (label.linked && !image) return undefined;
  const words = render(label.nodes);
  return { words: ctx.options.links === "text-and-url" ? `${words} (${target.href})` : words, end: target.end };
}

/** An inline link's `(destination "title")` starting at `start`: its address and where it ends. */
function destination(src: string, start: number): { href: string; end: number } | undefined {
  if (src[start] !== "(") return undefined;
  let i = skipSpace(src, start + 1);
  let href = "";
  if (src[i] === "<") {
    const m = /^<((?:\\.|[^\n<>\\])*)>/.exec(src.slice(i));
    if (!m) return undefined;
    href = m[1]!;
    i += m[0].length;
  } else {
    let depth = 0;
    const from = i;
    for (; i < src.length; i++) {
      const c = src[i]!;
      if (c === "\\" && i + 1 < src.length && ASCII_PUNCTUATION.test(src[i + 1]!)) i++;
      else if (c === "(") depth++;
      else if (c === ")" && depth-- === 0) break;
      // eslint-disable-next-line no-control-regex -- as CommonMark says: a destination ends at a space or control character
      else if (/[\s\x00-\x1f]/.test(c)) break;
    }
    if (depth > 0) return undefined;
    href = src.slice(from, i);
  }
  const afterHref = i;
  i = skipSpace(src, i);
  if (i > afterHref && /["'(]/.test(src[i] ?? "")) {
    const close = src[i] === "(" ? ")" : src[i]!;
    let j = i + 1;
    while (j < src.length && src[j] !== close) j += src[j] === "\\" ? 2 : 1;
    if (j >= src.length) return undefined;
    i = skipSpace(src, j + 1);
  }
  if (src[i] !== ")") return undefined;
  return { href: href.replace(/\\([!-/:-@[-`{-~])/g, "$1"), end: i + 1 };
}

/** Past spaces, tabs and at most one line ending. */
function skipSpace(src: string, at: number): number {
  const m = /^[ \t]*(?:\n[ \t]*)?/.exec(src.slice(at))!;
  return at + m[0].length;
}

/**
 * CommonMark's "process emphasis": each closer, from the left, takes the nearest opener of its kind,
 * two marks (strong) when both have two, else one (emphasis); the marks between them are plain text
 * from then on. Only the marks left matter for plain words, so no tree is built. The rule of 3 reads
 * the marks left, as marked and micromark do (CommonMark's text reads the runs as written).
 */
function processEmphasis(nodes: Node[]): void {
  for (let c = 0; c < nodes.length; c++) {
    const closer = nodes[c]!;
    if (closer.kind !== "delim" || !closer.live || !closer.close) continue;
    while (closer.count > 0) {
      const o = nodes.findLastIndex((opener, at) => at < c && opener.kind === "delim" && opener.live && opener.open && opener.char === closer.char && !oddMatch(opener, closer));
      if (o < 0) {
        if (!closer.open) closer.live = false;
        break;
      }
      const opener = nodes[o] as Delimiter;
      const used = opener.count >= 2 && closer.count >= 2 ? 2 : 1;
      opener.count -= used;
      closer.count -= used;
      for (const n of nodes.slice(o + 1, c)) if (n.kind === "delim") n.live = false;
      if (opener.count === 0) opener.live = false;
    }
    if (closer.count === 0) closer.live = false;
  }
}

/** The rule of 3: a run that can both open and close pairs only when the marks add up to no multiple of 3 (unless both are). */
function oddMatch(opener: Delimiter, closer: Delimiter): boolean {
  return (opener.close || closer.open) && (opener.count + closer.count) % 3 === 0 && !(opener.count % 3 === 0 && closer.count % 3 === 0);
}

function render(nodes: readonly Node[]): string {
  let out = "";
  for (const n of nodes) out += n.kind === "text" ? n.text : n.char.repeat(n.count);
  return out;
}
