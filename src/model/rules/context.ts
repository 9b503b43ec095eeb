/**
 * What every rule reads: the files that passed their schema, assembled into the knowledge base,
 * plus lookups between pages. Assembly decides which file wins when two disagree (the first
 * source id, the first hub of a code, files whose code and name fit their place); the rules that
 * report those conflicts use the same helpers (`placeOf`, `formKey`), so a file they report is
 * the file left out.
 */
import { parseCode, type CodeKey } from "../codes.ts";
import type { KnowledgeBase } from "../kb.ts";
import type { Broken, Parsed } from "../load/types.ts";
import type { Checklist, CodeHub, Scenario, Source } from "../schema/index.ts";

/** One page of the knowledge base with the file it came from. */
export interface Entry<T> {
  /** The hub's code id, the scenario's page id (`caa50021/onedrive`), or the checklist's code. */
  readonly id: string;
  /** The file as shown in messages. */
  readonly file: string;
  readonly data: T;
}

export interface RuleContext {
  /** Every file that passed its schema, in name order. */
  readonly parsed: readonly Parsed[];
  readonly kb: KnowledgeBase;
  readonly hubs: readonly Entry<CodeHub>[];
  readonly scenarios: readonly Entry<Scenario>[];
  readonly checklists: readonly Entry<Checklist>[];
  /** What files that did not load would have declared (their problems are reported already). */
  readonly broken: Broken;
  /** The hub id of a code in any written form, among the hubs that loaded. */
  resolve(code: string): string | undefined;
  /** Whether a code has a hub file, loaded or not. */
  codeExists(code: string): boolean;
  /** Whether a page exists (its file may have failed to load: then it is not reported missing). */
  pageExists(pageId: string): boolean;
  /** Every page id that loaded, for "did you mean" hints. */
  allPageIds(): string[];
  /** A page id with its code resolved: `0xCAA50021/onedrive` → `caa50021/onedrive`. */
  normalisePage(pageId: string): string;
}

/** Where a scenario or checklist file belongs, or why it is left out of the knowledge base. */
export type Place =
  | { ok: true; code: string; id: string }
  | { ok: false; problem: "unknown-code" }
  | { ok: false; problem: "code-mismatch"; code: string }
  | { ok: false; problem: "app-mismatch"; code: string; stem: string };

export type PageFile = Extract<Parsed, { kind: "scenario" | "checklist" }>;

/** Where a scenario or checklist file goes, given the resolved hubs. */
export function placeOf(p: PageFile, resolve: (code: string) => string | undefined, broken: Broken): Place {
  // A hub that failed its schema is reported already: check its pages without cascading errors.
  const code = resolve(p.data.code) ?? (broken.hubs.has(p.folder) ? p.folder : undefined);
  if (code === undefined) return { ok: false, problem: "unknown-code" };
  if (code !== p.folder) return { ok: false, problem: "code-mismatch", code };
  if (p.kind === "checklist") return { ok: true, code, id: code };
  const stem = fileStem(p);
  if (p.data.app !== stem) return { ok: false, problem: "app-mismatch", code, stem };
  return { ok: true, code, id: `${code}/${p.data.app}` };
}

/** `onedrive` for `caa50021/onedrive.yaml`. */
export function fileStem(p: Parsed): string {
  return p.file.name.split("/").pop()!.replace(/\.ya?ml$/, "");
}

/** The key under which a code form is indexed (`hex:caa50021`, or its text for other ids). */
export function formKey(form: string): CodeKey {
  return parseCode(form) ?? `text:${form.toLowerCase()}`;
}

/** Assembles the knowledge base from the files that loaded, and the lookups the rules share. */
export function buildContext(parsed: readonly Parsed[], broken: Broken): RuleContext {
  const sources = new Map<string, Source>();
  for (const p of parsed) {
    if (p.kind === "sources") for (const s of p.data.sources) if (!sources.has(s.id)) sources.set(s.id, s);
  }

  const codes = new Map<string, CodeHub>();
  const codeIndex = new Map<CodeKey, string>();
  const hubs: Entry<CodeHub>[] = [];
  for (const p of parsed) {
    if (p.kind !== "code" || codes.has(p.data.id)) continue;
    const hub = p.data;
    codes.set(hub.id, hub);
    hubs.push({ id: hub.id, file: p.file.display, data: hub });
    for (const form of [hub.id, ...hub.aliases]) {
      const key = formKey(form);
      if (!codeIndex.has(key)) codeIndex.set(key, hub.id);
    }
  }

  const resolve = (input: string): string | undefined => {
    const lower = input.toLowerCase();
    if (codes.has(lower)) return lower;
    return codeIndex.get(formKey(input));
  };

  const scenarios = new Map<string, Scenario>();
  const checklists = new Map<string, Checklist>();
  const scenarioEntries: Entry<Scenario>[] = [];
  const checklistEntries: Entry<Checklist>[] = [];
  for (const p of parsed) {
    if (p.kind !== "scenario" && p.kind !== "checklist") continue;
    const place = placeOf(p, resolve, broken);
    if (!place.ok) continue;
    if (p.kind === "scenario") {
      scenarios.set(place.id, p.data);
      scenarioEntries.push({ id: place.id, file: p.file.display, data: p.data });
    } else {
      checklists.set(place.id, p.data);
      checklistEntries.push({ id: place.id, file: p.file.display, data: p.data });
    }
  }

  const normalisePage = (pageId: string): string => {
    const [code = "", part] = pageId.split("/");
    const resolved = resolve(code) ?? code.toLowerCase();
    return part === undefined ? resolved : `${resolved}/${part.toLowerCase()}`;
  };

  const kb: KnowledgeBase = { sources, codes, scenarios, checklists, codeIndex };
  return {
    parsed,
    kb,
    hubs,
    scenarios: scenarioEntries,
    checklists: checklistEntries,
    broken,
    resolve,
    codeExists: (code) => resolve(code) !== undefined || broken.hubs.has(code.toLowerCase()),
    pageExists: (pageId) => {
      const [code = "", part] = pageId.split("/");
      if (broken.pages.has(pageId) || (part === undefined && broken.hubs.has(code))) return true;
      if (part === undefined) return codes.has(code);
      if (part === "admin") return checklists.has(code);
      return scenarios.has(pageId);
    },
    allPageIds: () => [...codes.keys(), ...scenarios.keys(), ...[...checklists.keys()].map((c) => `${c}/admin`)],
    normalisePage,
  };
}
