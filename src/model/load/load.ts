/**
 * Loads content files (already read by a shell) into a KnowledgeBase. Reports every problem of
 * every file in one run, each with its file, line, column and field path, and one problem once:
 * a file that did not load is reported for what is wrong in it, and the rules do not report it
 * again as missing from the files that name it.
 *
 * Stages: file role from its name → YAML parse (syntax) → zod schema (`../schema/`) → the content
 * rules over all files (`../rules/`).
 */
import type { z } from "zod";
import { BUNDLE_FILE, isBundleFile, loadBundleFile, type EvidenceBundle } from "./bundle.ts";
import { APPS } from "../facts.ts";
import { suggest, type Issue } from "../issue.ts";
import type { KbCode } from "../issue-codes.ts";
import type { Draft } from "../rules/rule.ts";
import { runRules } from "../rules/index.ts";
import { CONTENT_SCHEMAS, type ContentKind } from "../schema/index.ts";
import { describeValue, type ZodIssueLike } from "../zod-problems.ts";
import { schemaDrafts } from "./schema-drafts.ts";
import { Library, composeScenario, remap, type Origins } from "./compose.ts";
import { FACT_NAMES } from "../facts.ts";
import { LIBRARY_KINDS, type LibraryFolder } from "../schema/library.ts";
import type { ContentFile, LoadResult, Parsed } from "./types.ts";
import { Locator, locateDraft, parseYaml, yamlIssues } from "./yaml.ts";

const FILE_NAMES_HINT = "content files are sources.yaml (or sources-<topic>.yaml), <code>/code.yaml, <code>/<app>.yaml (onedrive, outlook, teams, office), <code>/admin.yaml and library/<steps|questions|avoid|stops|managed>/<id>.yaml";

/** Validates content files and runs the content rules over them; pure. */
export function loadKnowledgeBase(files: readonly ContentFile[]): LoadResult {
  const issues: (Issue & { code: KbCode })[] = [];
  const parsed: Parsed[] = [];
  if (files.length === 0) {
    issues.push({ code: "kb/no-content", severity: "error", path: "(folder)", message: "no content files (*.yaml) were found", hint: "point at the content folder (it holds sources.yaml and one folder per code)" });
  }
  // Only the text is kept: a file is parsed again for positions when an issue needs one, so a
  // large valid knowledge base does not hold every YAML document in memory.
  const docs = new Locator();
  const broken = { hubs: new Set<string>(), pages: new Set<string>(), sources: new Set<string>(), sourcesFile: false };
  // The library first: scenarios are composed from it.
  const isLibrary = (name: string) => name.startsWith("library/");
  const sorted = [...files].sort((a, b) => Number(isLibrary(b.name)) - Number(isLibrary(a.name)) || a.name.localeCompare(b.name));
  const library = new Library();
  const origins = new Map<string, Origins>();
  const where = (file: string, path: (string | number)[]) => {
    const placed = locateDraft({ code: "kb/library-redefined", file, path, message: "" }, docs);
    return placed.line ? `${file}:${placed.line}:${placed.col}` : file;
  };

  let bundle: EvidenceBundle | undefined;
  for (const file of sorted) {
    if (isBundleFile(file.name) && file.unreadable === undefined) {
      const loaded = file.name === BUNDLE_FILE ? loadBundleFile(file.display, file.text, new Map(files.map((f) => [f.name, f.text]))) : { issues: [] };
      bundle ??= loaded.bundle;
      issues.push(...loaded.issues);
      continue;
    }
    if (isLibrary(file.name)) {
      loadLibraryFile(file, library, docs, issues);
      continue;
    }
    const role = roleOf(file.name);
    if (file.unreadable !== undefined) {
      issues.push({ code: "kb/unreadable-file", severity: "error", file: file.display, path: "(file)", message: `cannot be read: ${file.unreadable}`, hint: "restore the file, or remove it (a symlink whose target is gone counts as a missing file)" });
      if (typeof role !== "string") markBroken(broken, role.kind, role.folder, file.name, undefined);
      continue;
    }
    if (typeof role === "string") {
      issues.push({ code: "kb/unexpected-file", severity: "error", file: file.display, line: 1, col: 1, path: "(file)", message: role, hint: FILE_NAMES_HINT });
      continue;
    }
    const { kind, folder } = role;
    const failed = (data?: unknown) => markBroken(broken, kind, folder, file.name, data);
    const located = parseYaml(file.text);
    if (located.doc.errors.length > 0) {
      issues.push(...yamlIssues(file.display, file.text, located));
      failed();
      continue;
    }
    docs.add(file.display, file.text, located);
    const data: unknown = located.doc.toJS();
    const place = (drafts: Draft[]) => issues.push(...drafts.map((dr) => locateDraft(dr, docs)));

    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      place([{ code: "kb/wrong-type", file: file.display, path: [], message: "a content file is a YAML mapping (key: value lines)", expected: "a mapping", received: describeValue(data), hint: `start the file with "kind: ${kind}"` }]);
      failed();
      continue;
    }
    const declared = (data as Record<string, unknown>).kind;
    if (declared !== kind) {
      place([{
        code: "kb/wrong-kind",
        file: file.display,
        path: ["kind"],
        message: declared === undefined ? `missing "kind"` : `this file's name makes it a ${kind} file`,
        expected: kind,
        received: declared === undefined ? undefined : String(declared),
        hint: `set "kind: ${kind}", or move the file to where a ${String(declared)} file belongs`,
      }]);
      failed(data);
      continue;
    }
    let content: unknown = data;
    if (kind === "scenario") {
      const composed = composeScenario(data as Record<string, unknown>, library, file.display, where);
      if (composed.blocked || composed.drafts.some((dr) => (dr.severity ?? "error") === "error")) {
        place(composed.drafts);
        failed(data);
        continue;
      }
      content = composed.data;
      origins.set(file.display, composed.origins);
    }
    const schema = CONTENT_SCHEMAS[kind] as z.ZodType;
    const result = schema.safeParse(content);
    if (!result.success) {
      place(schemaDrafts(result.error.issues as ZodIssueLike[], content, schema, file.display).map((dr) => remap(dr, file.display, origins.get(file.display))));
      failed(data);
      continue;
    }
    parsed.push({ kind, file, folder, data: result.data } as Parsed);
  }

  const checked = runRules(parsed, broken);
  issues.push(...checked.drafts.map((dr) => locateDraft(remap(dr, dr.file, origins.get(dr.file)), docs)));
  if (!issues.some((i) => i.severity === "error" && i.code === "kb/unknown-library-item")) issues.push(...library.unused().map((dr) => locateDraft(dr, docs)));

  const counts = {
    files: files.length,
    codes: parsed.filter((p) => p.kind === "code").length,
    scenarios: parsed.filter((p) => p.kind === "scenario").length,
    checklists: parsed.filter((p) => p.kind === "checklist").length,
    library: library.items.size,
    steps: parsed.reduce((n, p) => n + (p.kind === "scenario" ? p.data.steps.length : 0), 0),
  };
  issues.sort(
    (a, b) => (a.file ?? "").localeCompare(b.file ?? "") || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0),
  );
  const hasError = issues.some((i) => i.severity === "error");
  return { kb: hasError ? undefined : bundle ? { ...checked.kb, bundle } : checked.kb, issues, counts };
}

/** Records what a file that did not load would have declared, as far as its data shows. */
function markBroken(
  broken: { hubs: Set<string>; pages: Set<string>; sources: Set<string>; sourcesFile: boolean },
  kind: ContentKind,
  folder: string,
  name: string,
  data: unknown,
): void {
  if (kind === "code") broken.hubs.add(folder);
  else if (kind === "checklist") broken.pages.add(`${folder}/admin`);
  else if (kind === "scenario") broken.pages.add(`${folder}/${name.split("/")[1]!.replace(/\.ya?ml$/, "")}`);
  else {
    broken.sourcesFile = true;
    const list = (data as { sources?: unknown } | undefined)?.sources;
    if (Array.isArray(list)) {
      for (const s of list) {
        const id = (s as { id?: unknown } | null)?.id;
        if (typeof id === "string") broken.sources.add(id);
      }
    }
  }
}

/** What a file is, from its path in the content folder; a string is the problem with its name. */
function roleOf(name: string): { kind: ContentKind; folder: string } | string {
  const parts = name.split("/");
  if (parts.length === 1) {
    if (/^sources(?:-[a-z0-9-]+)?\.ya?ml$/.test(name)) return { kind: "sources", folder: "" };
    return `a content file at the top level is sources.yaml or sources-<topic>.yaml, not ${name}`;
  }
  if (parts.length !== 2) return `content files sit one folder deep: <code>/<file>.yaml, not ${name}`;
  const [folder, base] = parts as [string, string];
  const stem = base.replace(/\.ya?ml$/, "");
  if (stem === "code") return { kind: "code", folder };
  if (stem === "admin") return { kind: "checklist", folder };
  if ((APPS as readonly string[]).includes(stem)) return { kind: "scenario", folder };
  return `"${base}" is not a content file name: ${suggest(stem, ["code", "admin", ...APPS])}`;
}

/** Reads one library file (content/library/<folder>/<id>.yaml) into the library; problems go to `issues`. */
function loadLibraryFile(file: ContentFile, library: Library, docs: Locator, issues: (Issue & { code: KbCode })[]): void {
  const parts = file.name.split("/");
  const folder = parts[1] as LibraryFolder;
  const id = (parts[2] ?? "").replace(/\.ya?ml$/, "");
  const spec = parts.length === 3 ? LIBRARY_KINDS[folder] : undefined;
  if (!spec) {
    issues.push({ code: "kb/unexpected-file", severity: "error", file: file.display, line: 1, col: 1, path: "(file)", message: `a library file sits at library/<steps|questions|avoid|stops|managed>/<id>.yaml, not ${file.name}`, hint: FILE_NAMES_HINT });
    return;
  }
  const blocked = (): void => void library.broken.add(`${folder}/${id}`);
  if (file.unreadable !== undefined) {
    issues.push({ code: "kb/unreadable-file", severity: "error", file: file.display, path: "(file)", message: `cannot be read: ${file.unreadable}`, hint: "restore the file, or remove it" });
    return blocked();
  }
  const validId = folder === "questions" ? (FACT_NAMES as readonly string[]).includes(id) : /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id);
  if (!validId) {
    issues.push({ code: "kb/library-file-name", severity: "error", file: file.display, line: 1, col: 1, path: "(file)", message: folder === "questions" ? `a library question is named after its fact, and "${id}" is not one` : `"${id}" is not a kebab-case id`, hint: folder === "questions" ? suggest(id, FACT_NAMES) : "rename the file: lower-case letters, digits and single dashes" });
    return blocked();
  }
  const located = parseYaml(file.text);
  if (located.doc.errors.length > 0) {
    issues.push(...yamlIssues(file.display, file.text, located));
    return blocked();
  }
  docs.add(file.display, file.text, located);
  const data: unknown = located.doc.toJS();
  const place = (drafts: Draft[]) => issues.push(...drafts.map((dr) => locateDraft(dr, docs)));
  const declared = typeof data === "object" && data !== null ? (data as Record<string, unknown>).kind : undefined;
  if (declared !== spec.kind) {
    place([{ code: "kb/wrong-kind", file: file.display, path: ["kind"], message: declared === undefined ? `missing "kind"` : `a file in library/${folder}/ is a library ${spec.kind}`, expected: spec.kind, received: declared === undefined ? undefined : String(declared), hint: `set "kind: ${spec.kind}"` }]);
    return blocked();
  }
  const result = (spec.schema as z.ZodType).safeParse(data);
  if (!result.success) {
    place(schemaDrafts(result.error.issues as ZodIssueLike[], data, spec.schema as z.ZodType, file.display));
    return blocked();
  }
  const { kind: _kind, $schema: _schema, ...fields } = result.data as Record<string, unknown>;
  // A wording under `variants` words only what the item leaves open: otherwise two texts compete.
  const overlaps: Draft[] = Object.entries((fields.variants as Record<string, Record<string, unknown>> | undefined) ?? {}).flatMap(([name, wording]) =>
    Object.keys(wording)
      .filter((f) => f in fields)
      .map((f) => ({ code: "kb/library-redefined" as const, file: file.display, path: ["variants", name, f], at: "key" as const, message: `the wording "${name}" gives "${f}", which this item already gives for every scenario`, hint: `remove "${f}" from the wording, or move the item's own "${f}" into a wording of its own` })),
  );
  if (overlaps.length) {
    place(overlaps);
    return blocked();
  }
  library.add({ folder, id, file: file.display, fields });
}
