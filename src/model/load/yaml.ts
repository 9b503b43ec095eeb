/**
 * YAML for content files: parsing (codes stay text), syntax problems with a fix that fits the
 * line (most are indentation), and positions of field paths for every other problem.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Tags, type YAMLError } from "yaml";
import { formatPath, type Issue, type PathSegment } from "../issue.ts";
import type { KbCode } from "../issue-codes.ts";
import type { Draft } from "../rules/rule.ts";

export interface Located {
  doc: Document;
  lines: LineCounter;
}

/**
 * Content has no numeric fields, and YAML would read `0xCAA50021` and `3399811105` as numbers:
 * without the int and float tags, every such scalar stays the text the author wrote.
 */
const withoutNumbers = (tags: Tags): Tags =>
  tags.filter((t) => (typeof t === "string" ? !/^(?:int|float)/.test(t) : !/:(?:int|float)$/.test(t.tag)));

/** Parses one content file with its line counter, the same way for loading and for positions. */
export function parseYaml(text: string): Located {
  const lines = new LineCounter();
  return { doc: parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, customTags: withoutNumbers }), lines };
}

/**
 * A file's YAML errors as issues. After a syntax error the parser has lost its place, and what it
 * reports for the lines below is mostly the same slip seen again: only the first syntax error is
 * reported (with every duplicate key, which does not derail the parser).
 */
export function yamlIssues(file: string, text: string, { doc, lines }: Located): (Issue & { code: KbCode })[] {
  const out: (Issue & { code: KbCode })[] = [];
  const textLines = text.split(/\r?\n/);
  const syntax = doc.errors.filter((e) => e.code !== "DUPLICATE_KEY");
  const first = syntax[0]?.pos[0] ?? Infinity;
  const shown = [...doc.errors.filter((e) => e.code === "DUPLICATE_KEY" && e.pos[0] < first), ...syntax.slice(0, 1)];
  for (const err of shown) {
    const pos = err.linePos?.[0] ?? lines.linePos(err.pos[0]);
    const code: KbCode = err.code === "DUPLICATE_KEY" ? "kb/duplicate-key" : "kb/yaml-syntax";
    const indent = indentProblem(err, textLines, pos.line);
    let hint = indent?.hint ?? yamlHint(err.code);
    if (code === "kb/yaml-syntax" && syntax.length > 1) hint += "; then validate again: the rest of the file is checked once it parses";
    out.push({
      code,
      severity: "error",
      file,
      line: indent?.line ?? pos.line,
      col: indent?.col ?? pos.col,
      path: "(file)",
      message: indent?.message ?? err.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, ""),
      hint,
    });
  }
  return out.sort((a, b) => a.line! - b.line!);
}

function yamlHint(code: string): string {
  switch (code) {
    case "DUPLICATE_KEY":
      return "remove or rename one of the two keys";
    case "BLOCK_AS_IMPLICIT_KEY":
      return 'put the value in quotes: text that contains ": " must be quoted';
    case "MISSING_CHAR":
      return "close the quote or bracket that opens before this position";
    case "BAD_INDENT":
      return "indent this line like its siblings (spaces, not tabs)";
    default:
      return "fix the YAML syntax at this position (indentation, quotes, a missing colon)";
  }
}

interface LineShape {
  /** 1-based line number. */
  line: number;
  indent: number;
  /** Column (0-based) where the line's first key starts, after any `- `. */
  keyAt: number;
  item: boolean;
  key?: string;
}

function shape(textLines: readonly string[], line: number): LineShape | undefined {
  const raw = textLines[line - 1];
  if (raw === undefined || /^\s*(?:#.*)?$/.test(raw)) return undefined;
  const m = /^( *)((?:- +)*)/.exec(raw)!;
  const indent = m[1]!.length;
  const key = /^ *(?:- +)*([A-Za-z$][\w$-]*):(?:\s|$)/.exec(raw)?.[1];
  return { line, indent, keyAt: indent + m[2]!.length, item: m[2]!.length > 0, key };
}

function previous(textLines: readonly string[], line: number, accept: (s: LineShape) => boolean): LineShape | undefined {
  for (let l = line - 1; l >= 1; l--) {
    const s = shape(textLines, l);
    if (s && accept(s)) return s;
  }
  return undefined;
}

/**
 * An indentation slip, the commonest YAML error in content, in plain words with its fix: a field
 * of a list item indented unlike the item's other fields, or a list item indented unlike the
 * items before it. The parser's own words ("Sequence item without - indicator") name its state,
 * not the author's slip.
 */
function indentProblem(err: YAMLError, textLines: readonly string[], line: number): { message: string; hint: string; line: number; col: number } | undefined {
  const message = err.message;
  // "Nested mappings are not allowed in compact mappings" on a field: the next line is indented too far.
  if (err.code === "BLOCK_AS_IMPLICIT_KEY" && /Nested mappings/.test(message)) {
    const here = shape(textLines, line);
    const next = shape(textLines, line + 1);
    if (here?.key && next?.key && next.indent > here.keyAt) {
      return { line: next.line, col: next.indent + 1, message: `"${next.key}" is indented more than the field above it`, hint: `start "${next.key}" at column ${here.keyAt + 1}, like "${here.key}" (spaces, not tabs)` };
    }
    return undefined;
  }
  const here = shape(textLines, line);
  if (!here) return undefined;
  const misIndent = err.code === "BAD_INDENT" || /without - indicator/.test(message) || (err.code === "BLOCK_AS_IMPLICIT_KEY" && here.item);
  if (!misIndent) return undefined;
  if (here.item) {
    const sibling = previous(textLines, line, (s) => s.item && s.indent !== here.indent);
    if (!sibling) return undefined;
    return {
      line,
      col: here.indent + 1,
      message: `this list item starts at column ${here.indent + 1}, the item above it (line ${sibling.line}) at column ${sibling.indent + 1}`,
      hint: `start its "- " at column ${sibling.indent + 1} to add it to that list (spaces, not tabs)`,
    };
  }
  const above = previous(textLines, line, (s) => s.key !== undefined && s.keyAt !== here.indent);
  if (above && here.key) {
    const target = above.keyAt + 1;
    const owner = above.item ? `the list item on line ${above.line}` : `"${above.key}" on line ${above.line}`;
    return {
      line,
      col: here.indent + 1,
      message: `"${here.key}" starts at column ${here.indent + 1}, but the fields of ${owner} start at column ${target}`,
      hint: `indent "${here.key}" to column ${target} (spaces, not tabs), or start a new list item with "- "`,
    };
  }
  return undefined;
}

/** Finds files' YAML documents for issue positions, parsing a file again when needed. */
export class Locator {
  private readonly texts = new Map<string, string>();
  private readonly parsed = new Map<string, Located>();
  private current?: { file: string; located: Located };

  /** Registers a file; its document stays at hand until the next file is added. */
  add(file: string, text: string, located: Located): void {
    this.texts.set(file, text);
    this.current = { file, located };
  }

  get(file: string): Located | undefined {
    if (this.current?.file === file) return this.current.located;
    let located = this.parsed.get(file);
    const text = this.texts.get(file);
    if (!located && text !== undefined) {
      located = parseYaml(text);
      this.parsed.set(file, located);
    }
    return located;
  }
}

/** Places a draft at its line and column. */
export function locateDraft(draft: Draft, docs: Locator): Issue & { code: KbCode } {
  const { at, path, ...rest } = draft;
  const issue = { ...rest, severity: draft.severity ?? "error", path: formatPath(path) };
  const located = docs.get(draft.file);
  if (!located) return issue;
  const target = at === "parent" ? path.slice(0, -1) : path;
  const node = nodeAt(located.doc, target, at === "key");
  const offset = node?.range?.[0] ?? 0;
  const pos = located.lines.linePos(offset);
  return { ...issue, line: pos.line, col: pos.col };
}

/** The deepest node along `path` (the key node itself when `key` is set). */
export function nodeAt(doc: Document, path: readonly PathSegment[], key: boolean): Node | undefined {
  let node: unknown = doc.contents;
  let best = node as Node | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
      if (!pair) break;
      if (key && i === path.length - 1 && pair.key) return pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number") {
      node = node.items[seg];
    } else break;
    if (node && (node as Node).range) best = node as Node;
    else break;
  }
  return best;
}
