/**
 * Loads content files (already read by a shell) into a KnowledgeBase. Reports every problem of
 * every file in one run, each with its file, line, column and field path.
 *
 * Stages: YAML parse (syntax) → file role from its name → zod schema → cross-checks over all files.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Tags } from "yaml";
import type { z } from "zod";
import { APPS } from "./facts.ts";
import { checkKnowledgeBase, type Draft } from "./cross-check.ts";
import { formatPath, suggest, type Issue, type PathSegment } from "./issue.ts";
import { describeValue, zodProblems, type ZodIssueLike, type ZodProblem } from "./zod-problems.ts";
import type { KnowledgeBase } from "./kb.ts";
import { BUNDLE_FILE, isBundleFile, loadBundleFile, type EvidenceBundle } from "./bundle.ts";
import { CONTENT_SCHEMAS, type Checklist, type CodeHub, type ContentKind, type Scenario, type SourcesFile } from "./schema.ts";

export interface ContentFile {
  /** Path inside the content folder, with forward slashes: `caa50021/onedrive.yaml`. */
  name: string;
  /** Path shown in messages, e.g. `content/caa50021/onedrive.yaml`. */
  display: string;
  text: string;
}

export interface LoadResult {
  /** Present when there is no error (warnings allowed). */
  kb?: KnowledgeBase;
  issues: Issue[];
  /** What was read, for summaries even when there are errors. */
  counts: { files: number; codes: number; scenarios: number; checklists: number; steps: number };
}

/** One parsed content file and what it holds. */
export type Parsed =
  | { kind: "code"; file: ContentFile; folder: string; data: CodeHub }
  | { kind: "scenario"; file: ContentFile; folder: string; data: Scenario }
  | { kind: "checklist"; file: ContentFile; folder: string; data: Checklist }
  | { kind: "sources"; file: ContentFile; folder: string; data: SourcesFile };

interface Located {
  doc: Document;
  lines: LineCounter;
}

/** Validates and cross-checks content files; pure. */
export function loadKnowledgeBase(files: readonly ContentFile[]): LoadResult {
  const issues: Issue[] = [];
  const parsed: Parsed[] = [];
  if (files.length === 0) {
    issues.push({ code: "kb/no-content", severity: "error", path: "(folder)", message: "no content files (*.yaml) were found", hint: "point at the content folder (it holds sources.yaml and one folder per code)" });
  }
  // Only the text is kept: a file is parsed again for positions when an issue needs one, so a
  // large valid knowledge base does not hold every YAML document in memory.
  const docs = new Locator();
  const brokenHubs = new Set<string>();
  const sorted = [...files].sort((a, b) => a.name.localeCompare(b.name));

  let bundle: EvidenceBundle | undefined;
  for (const file of sorted) {
    if (isBundleFile(file.name)) {
      const loaded = file.name === BUNDLE_FILE ? loadBundleFile(file.display, file.text, new Map(files.map((f) => [f.name, f.text]))) : { issues: [] };
      bundle ??= loaded.bundle;
      issues.push(...loaded.issues);
      continue;
    }
    const role = roleOf(file.name);
    if (typeof role === "string" && role.startsWith("!")) {
      issues.push({ code: "kb/unexpected-file", severity: "error", file: file.display, line: 1, col: 1, path: "(file)", message: role.slice(1), hint: "content files are sources.yaml (or sources-<topic>.yaml), <code>/code.yaml, <code>/<app>.yaml (onedrive, outlook, teams, office) and <code>/admin.yaml" });
      continue;
    }
    const { kind, folder } = role as { kind: ContentKind; folder: string };
    const { doc, lines } = parseYaml(file.text);
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        const pos = err.linePos?.[0] ?? lines.linePos(err.pos[0]);
        issues.push({
          code: err.code === "DUPLICATE_KEY" ? "kb/duplicate-key" : "kb/yaml-syntax",
          severity: "error",
          file: file.display,
          line: pos.line,
          col: pos.col,
          path: "(file)",
          message: err.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, ""),
          hint: yamlHint(err.code),
        });
      }
      continue;
    }
    docs.add(file.display, file.text, { doc, lines });
    const data: unknown = doc.toJS();
    const located = (drafts: Draft[]) => issues.push(...drafts.map((dr) => locateDraft(dr, docs)));

    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      located([{ code: "kb/wrong-type", file: file.display, path: [], message: "a content file is a YAML mapping (key: value lines)", expected: "a mapping", received: describeValue(data), hint: `start the file with "kind: ${kind}"` }]);
      continue;
    }
    const declared = (data as Record<string, unknown>).kind;
    if (declared !== kind) {
      located([{
        code: "kb/wrong-kind",
        file: file.display,
        path: ["kind"],
        message: declared === undefined ? `missing "kind"` : `this file's name makes it a ${kind} file`,
        expected: kind,
        received: declared === undefined ? undefined : String(declared),
        hint: `set "kind: ${kind}", or move the file to where a ${String(declared)} file belongs`,
      }]);
      continue;
    }
    const schema = CONTENT_SCHEMAS[kind] as z.ZodType;
    const result = schema.safeParse(data);
    if (!result.success) {
      if (kind === "code") brokenHubs.add(folder);
      located(zodProblems(result.error.issues as ZodIssueLike[], data).map((p) => contentDraft(p, schema, file.display)));
      continue;
    }
    parsed.push({ kind, file, folder, data: result.data } as Parsed);
  }

  const checked = checkKnowledgeBase(parsed, brokenHubs);
  issues.push(...checked.drafts.map((dr) => locateDraft(dr, docs)));

  const counts = {
    files: files.length,
    codes: parsed.filter((p) => p.kind === "code").length,
    scenarios: parsed.filter((p) => p.kind === "scenario").length,
    checklists: parsed.filter((p) => p.kind === "checklist").length,
    steps: parsed.reduce((n, p) => n + (p.kind === "scenario" ? p.data.steps.length : 0), 0),
  };
  issues.sort(
    (a, b) => (a.file ?? "").localeCompare(b.file ?? "") || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0),
  );
  const hasError = issues.some((i) => i.severity === "error");
  return { kb: hasError ? undefined : bundle ? { ...checked.kb, bundle } : checked.kb, issues, counts };
}

/** What a file is, from its path in the content folder; a string starting with "!" is a problem. */
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

/**
 * Content has no numeric fields, and YAML would read `0xCAA50021` and `3399811105` as numbers:
 * without the int and float tags, every such scalar stays the text the author wrote.
 */
const withoutNumbers = (tags: Tags): Tags =>
  tags.filter((t) => (typeof t === "string" ? !/^(?:int|float)/.test(t) : !/:(?:int|float)$/.test(t.tag)));

function roleOf(name: string): { kind: ContentKind; folder: string } | string {
  const parts = name.split("/");
  if (parts.length === 1) {
    if (/^sources(?:-[a-z0-9-]+)?\.ya?ml$/.test(name)) return { kind: "sources", folder: "" };
    return `!a content file at the top level is sources.yaml or sources-<topic>.yaml, not ${name}`;
  }
  if (parts.length !== 2) return `!content files sit one folder deep: <code>/<file>.yaml, not ${name}`;
  const [folder, base] = parts as [string, string];
  const stem = base.replace(/\.ya?ml$/, "");
  if (stem === "code") return { kind: "code", folder };
  if (stem === "admin") return { kind: "checklist", folder };
  if ((APPS as readonly string[]).includes(stem)) return { kind: "scenario", folder };
  return `!"${base}" is not a content file name: ${suggest(stem, ["code", "admin", ...APPS])}`;
}

// ---------------------------------------------------------------- zod issues → drafts

/** Words a zod problem in content terms (`kb/…`), with a fix. */
function contentDraft(p: ZodProblem, rootSchema: z.ZodType, file: string): Draft {
  const { path, field, value } = p;
  switch (p.kind) {
    case "missing-field":
      return { code: "kb/missing-field", file, path, message: `missing required field "${field}"`, expected: p.expected, hint: `add "${field}:" here (see the schema's description of it)`, at: "parent" };
    case "wrong-type":
      return { code: "kb/wrong-type", file, path, message: `"${field}" has the wrong type`, expected: p.expected, received: describeValue(value) };
    case "unknown-field": {
      const allowed = allowedKeys(rootSchema, path.slice(0, -1));
      return { code: "kb/unknown-field", file, path, message: `unknown field "${p.key}"`, hint: allowed.length ? suggest(p.key, allowed, "a known field") : "remove it", at: "key" };
    }
    case "invalid-value": {
      const isFact = path[path.length - 1] === "fact" || path[path.length - 1] === "switchToFact";
      return { code: isFact ? "kb/unknown-fact" : "kb/invalid-value", file, path, message: isFact ? `unknown fact ${JSON.stringify(value)}: conditions use the design's facts only` : `"${field}" is not one of the allowed values`, expected: p.values.map((v) => `"${v}"`).join(" | "), received: JSON.stringify(value), hint: typeof value === "string" ? suggest(value, p.values) : `use one of: ${p.values.join(", ")}` };
    }
    case "too-small":
      if (p.origin === "array") {
        return { code: "kb/empty-list", file, path, message: `"${field}" needs at least ${String(p.minimum)} item(s)`, received: `${(value as unknown[] | undefined)?.length ?? 0}`, hint: `add the missing item(s) to "${field}"` };
      }
      return { code: "kb/too-short", file, path, message: `"${field}" is empty or too short`, hint: "write the text, or remove the field if it is optional" };
    case "too-big":
      return { code: "kb/too-long", file, path, message: `"${field}" is too long`, expected: `at most ${String(p.maximum)}`, received: typeof value === "string" ? `${value.length}` : undefined, hint: "shorten it" };
    case "invalid-format": {
      const kebab = typeof value === "string" && /kebab-case/.test(p.message) ? toKebab(value) : undefined;
      return { code: "kb/invalid-format", file, path, message: `"${field}" is not in the right format`, expected: p.message, received: JSON.stringify(value), hint: kebab ? `write it as "${kebab}"` : `write ${p.message}` };
    }
    case "no-branch":
      return { code: "kb/wrong-type", file, path, message: `"${field}" does not fit any allowed form`, received: describeValue(value), hint: "see the schema description of this field" };
    case "custom":
      return { code: p.code ?? "kb/invalid", file, path, message: p.message, at: value === undefined ? "parent" : undefined };
  }
}

/** The keys an object schema allows at `path`, for "did you mean" hints on unknown fields. */
function allowedKeys(schema: z.ZodType, path: PathSegment[]): string[] {
  let current: unknown = schema;
  for (const seg of path) {
    current = unwrap(current);
    const def = defOf(current);
    if (def?.type === "object") current = (def.shape as Record<string, unknown>)[String(seg)];
    else if (def?.type === "array") current = def.element;
    else if (def?.type === "union") {
      const options = (def.options as unknown[]).map(unwrap);
      current = options.find((o) => defOf(o)?.type === (typeof seg === "number" ? "array" : "object"));
      if (current && typeof seg !== "number") current = (defOf(current)!.shape as Record<string, unknown>)[seg];
      else if (current) current = defOf(current)!.element;
    } else return [];
  }
  current = unwrap(current);
  const def = defOf(current);
  if (def?.type === "union") {
    const obj = (def.options as unknown[]).map(unwrap).find((o) => defOf(o)?.type === "object");
    return obj ? Object.keys(defOf(obj)!.shape as object) : [];
  }
  return def?.type === "object" ? Object.keys(def.shape as object) : [];
}

interface DefLike {
  type: string;
  shape?: unknown;
  element?: unknown;
  options?: unknown;
  innerType?: unknown;
  getter?: () => unknown;
  in?: unknown;
}

function defOf(schema: unknown): DefLike | undefined {
  return (schema as { _zod?: { def?: DefLike } } | undefined)?._zod?.def;
}

function unwrap(schema: unknown): unknown {
  let current = schema;
  for (let i = 0; i < 10; i++) {
    const def = defOf(current);
    if (!def) return current;
    if (def.type === "optional" || def.type === "default" || def.type === "nullable") current = def.innerType;
    else if (def.type === "lazy") current = def.getter!();
    else if (def.type === "pipe") current = def.in;
    else return current;
  }
  return current;
}

function toKebab(value: string): string {
  return value
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

// ---------------------------------------------------------------- positions

/** Parses one content file with its line counter, the same way for loading and for positions. */
function parseYaml(text: string): Located {
  const lines = new LineCounter();
  return { doc: parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, customTags: withoutNumbers }), lines };
}

/** Finds files' YAML documents for issue positions, parsing a file again when needed. */
class Locator {
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

function locateDraft(draft: Draft, docs: Locator): Issue {
  const { at, path, ...rest } = draft;
  const issue: Issue = { ...rest, severity: draft.severity ?? "error", path: formatPath(path) };
  const located = docs.get(draft.file);
  if (!located) return issue;
  const target = at === "parent" ? path.slice(0, -1) : path;
  const node = nodeAt(located.doc, target, at === "key");
  const offset = node?.range?.[0] ?? 0;
  const pos = located.lines.linePos(offset);
  return { ...issue, line: pos.line, col: pos.col };
}

/** The deepest node along `path` (the key node itself when `key` is set). */
function nodeAt(doc: Document, path: readonly PathSegment[], key: boolean): Node | undefined {
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
