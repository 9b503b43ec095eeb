/**
 * The evidence bundle's content file (`content/evidence-bundle.yaml`): the read-only command a
 * person pastes into PowerShell or Command Prompt, what it reads, what it never touches, its
 * sections and the points nobody has confirmed yet. Its own schema and loader, so the knowledge
 * base's schema (schema.ts, load.ts) only gains a hook: `loadKnowledgeBase` hands this file here
 * and puts the result on `kb.bundle`.
 *
 * The commands live in their own files next to it (`evidence-bundle.ps1`, `evidence-bundle.cmd`):
 * an editor highlights them, the grammar test reads them as they are, and the prose check
 * (copycheck) does not mistake a copied command for copied prose.
 *
 * Cross-checks (besides the zod schema):
 * - every section listed is printed by the PowerShell command (`S '<id>'`), and every section
 *   the command prints is listed;
 * - every `===== FIXPATH:<id> <token> =====` of the Command Prompt line is a listed section;
 * - every `unconfirmed` id a section names exists, and every unconfirmed point is used or general.
 */
import { LineCounter, parseDocument } from "yaml";
import { nodeAt } from "./yaml.ts";
import { z } from "zod";
import { formatPath, type Issue, type PathSegment } from "../issue.ts";
import type { KbCode } from "../issue-codes.ts";
import { zodProblems, type ZodIssueLike } from "../zod-problems.ts";

/** The content file's name inside the content folder. */
export const BUNDLE_FILE = "evidence-bundle.yaml";
/** The command files next to it, one command each, exactly as the page shows them. */
export const BUNDLE_COMMAND_FILES = ["evidence-bundle.ps1", "evidence-bundle.cmd"] as const;

/** Whether a content file belongs to the bundle (the loader hands these to `loadBundleFile`). */
export function isBundleFile(name: string): boolean {
  return name === BUNDLE_FILE || (BUNDLE_COMMAND_FILES as readonly string[]).includes(name);
}

/** A section id as the marker line carries it: `===== FIXPATH:whoami-groups =====`. */
const SECTION_ID = /^[a-z][a-z0-9-]{0,39}$/;

const Prose = z.string().trim().min(1);

export const BundleSectionSchema = z.strictObject({
  id: z.string().regex(SECTION_ID, "a section id is lower-case words joined by hyphens"),
  title: Prose,
  reads: Prose,
  unconfirmed: z.array(z.string()).optional(),
});

export const BundleCommandSchema = z.strictObject({
  label: Prose,
  howToRun: Prose,
  /** The command's file next to this one. */
  file: z.enum(BUNDLE_COMMAND_FILES),
  notes: z.array(Prose).optional(),
});

export const EvidenceBundleSchema = z.strictObject({
  kind: z.literal("evidence-bundle"),
  version: z.literal(1),
  title: Prose,
  reads: Prose,
  neverTouches: Prose,
  powershell: BundleCommandSchema,
  cmd: BundleCommandSchema,
  sections: z.array(BundleSectionSchema).min(1),
  unconfirmed: z.array(z.strictObject({ id: z.string().regex(SECTION_ID), text: Prose })),
});

type BundleCommand = z.infer<typeof BundleCommandSchema> & { /** The command text, from `file`. */ command: string };
/** The loaded bundle: the YAML with each command's text read from its file. */
export type EvidenceBundle = Omit<z.infer<typeof EvidenceBundleSchema>, "powershell" | "cmd"> & { powershell: BundleCommand; cmd: BundleCommand };

/** Section ids the PowerShell command prints, in order (`S 'meta'; …`). */
export function powershellSectionIds(command: string): string[] {
  return [...command.matchAll(/\bS '([^']*)'/g)].map((m) => m[1]!);
}

/** Section ids of literal marker lines (`===== FIXPATH:ver %t =====`, the run's token after the id), in order. */
export function markerSectionIds(command: string): string[] {
  return [...command.matchAll(/===== FIXPATH:([^\s=]+)(?: [^\s=]+)? =====/g)].map((m) => m[1]!);
}

/**
 * Validates the bundle file; pure. `display` is the path shown in messages; `commands` holds the
 * command files' texts by name (`evidence-bundle.ps1` → text).
 */
/** The loader's code for each kind of schema problem, the same codes content files get. */
const SCHEMA_CODES: Record<string, KbCode> = {
  "missing-field": "kb/missing-field",
  "unknown-field": "kb/unknown-field",
  "invalid-value": "kb/invalid-value",
  "invalid-format": "kb/invalid-format",
  "too-small": "kb/too-short",
  "too-big": "kb/too-long",
  "wrong-type": "kb/wrong-type",
  "no-branch": "kb/wrong-type",
  custom: "kb/wrong-type",
};

export function loadBundleFile(display: string, text: string, commands: ReadonlyMap<string, string>): { bundle?: EvidenceBundle; issues: (Issue & { code: KbCode })[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (path: PathSegment[]): { line: number; col: number } => {
    const node = nodeAt(doc, path, false);
    return lines.linePos(node?.range?.[0] ?? 0);
  };
  const issue = (code: KbCode, path: PathSegment[], message: string, extra: Partial<Omit<Issue, "code">> = {}): Issue & { code: KbCode } => ({
    code,
    severity: "error",
    file: display,
    ...at(path),
    path: formatPath(path),
    message,
    ...extra,
  });
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((e) => {
        const pos = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
        return { code: "kb/yaml-syntax" as const, severity: "error" as const, file: display, line: pos.line, col: pos.col, path: "(file)", message: e.message.split("\n")[0]!, hint: "fix the YAML syntax at this position" };
      }),
    };
  }
  const data: unknown = doc.toJS();
  const parsed = EvidenceBundleSchema.safeParse(data);
  if (!parsed.success) {
    return {
      issues: zodProblems(parsed.error.issues as ZodIssueLike[], data).map((p) => {
        const expected = "expected" in p ? p.expected : "values" in p ? p.values.join(" | ") : undefined;
        const message =
          p.kind === "missing-field" ? `missing "${p.field}"`
          : p.kind === "unknown-field" ? `"${p.key}" is not a field of the evidence bundle`
          : p.kind === "invalid-format" || p.kind === "custom" ? p.message
          : `"${p.field}" does not fit the evidence bundle's schema`;
        return issue(SCHEMA_CODES[p.kind] ?? "kb/wrong-type", p.path, message, {
          ...(expected ? { expected: String(expected) } : {}),
          hint: "see src/model/load/bundle.ts for the fields of content/evidence-bundle.yaml",
        });
      }),
    };
  }
  const issues: (Issue & { code: KbCode })[] = [];
  const command = (which: "powershell" | "cmd"): BundleCommand => {
    const file = parsed.data[which].file;
    const body = commands.get(file)?.replace(/\r\n?/g, "\n").replace(/\n+$/, "");
    if (!body?.trim()) issues.push(issue("kb/bundle-command-missing", [which, "file"], `${file} is missing or empty`, { hint: `put the ${which === "cmd" ? "Command Prompt" : "PowerShell"} command in content/${file}` }));
    return { ...parsed.data[which], command: body ?? "" };
  };
  const bundle: EvidenceBundle = { ...parsed.data, powershell: command("powershell"), cmd: command("cmd") };
  const listed = new Set(bundle.sections.map((s) => s.id));
  const printed = powershellSectionIds(bundle.powershell.command);
  bundle.sections.forEach((s, i) => {
    if (!printed.includes(s.id)) issues.push(issue("kb/bundle-section-not-printed", ["sections", i, "id"], `the PowerShell command prints no section "${s.id}"`, { hint: `add S '${s.id}'; … to the command, or remove the section` }));
    (s.unconfirmed ?? []).forEach((u, j) => {
      if (!bundle.unconfirmed.some((x) => x.id === u)) issues.push(issue("kb/bundle-unknown-unconfirmed", ["sections", i, "unconfirmed", j], `no unconfirmed point "${u}"`, { expected: bundle.unconfirmed.map((x) => x.id).join(" | ") }));
    });
  });
  for (const id of new Set(printed)) {
    if (!listed.has(id)) issues.push(issue("kb/bundle-section-unlisted", ["powershell", "file"], `the PowerShell command prints a section "${id}" that "sections" does not list`, { hint: "add it to sections with a title and what it reads" }));
  }
  for (const id of new Set(markerSectionIds(bundle.cmd.command))) {
    if (!listed.has(id)) issues.push(issue("kb/bundle-section-unlisted", ["cmd", "file"], `the Command Prompt line prints a section "${id}" that "sections" does not list`, { hint: "add it to sections, or use a listed id" }));
  }
  return issues.length > 0 ? { issues } : { bundle, issues };
}
