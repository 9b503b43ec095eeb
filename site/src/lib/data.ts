/**
 * The machine-readable knowledge base the site publishes (`/api/codes.json`,
 * `/api/codes/<code>.json`) and the islands read. Pure: built from the loaded knowledge base.
 */
import type { App } from "../../../src/model/facts.ts";
import type { KnowledgeBase } from "../../../src/model/kb.ts";
import { checklistUrl, hubUrl, scenarioUrl } from "../../../src/model/urls.ts";
import type { Checklist, CodeHub, Scenario, Source } from "../../../src/model/schema.ts";
import { hubForms, scenarioApps } from "./view.ts";

/** One entry of `/api/codes.json`. */
export interface CodeSummary {
  id: string;
  title: string;
  description: string;
  family: string;
  forms: string[];
  url: string;
  reviewed: string;
  scenarios: { app: App; title: string; url: string }[];
  checklist?: string;
  /** Messages people see with the code (the analyzer recognises them in pasted text). */
  messages: { text: string; apps: App[] }[];
}

/** `/api/codes.json`: every hub, and the table from every code form's key to its hub. */
export interface CodesFile {
  version: 1;
  codes: CodeSummary[];
  /** Code key (`hex:caa50021`) → hub id, exactly the knowledge base's `codeIndex`. */
  codeIndex: [string, string][];
}

/** `/api/codes/<code>.json`: a hub with its scenarios, checklist and the sources they cite. */
export interface CodeFile {
  version: 1;
  code: CodeHub;
  scenarios: Scenario[];
  checklist?: Checklist;
  sources: Record<string, Source>;
}

/** Builds `/api/codes.json`. */
export function buildCodesFile(kb: KnowledgeBase): CodesFile {
  const codes = [...kb.codes.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((hub): CodeSummary => {
      const summary: CodeSummary = {
        id: hub.id,
        title: hub.title,
        description: hub.description,
        family: hub.family,
        forms: hubForms(hub),
        url: hubUrl(hub.id),
        reviewed: hub.reviewed,
        messages: hub.messages.map((m) => ({ text: m.text, apps: [...m.apps] })),
        scenarios: scenarioApps(kb, hub.id).map((app) => ({ app, title: kb.scenarios.get(`${hub.id}/${app}`)!.title, url: scenarioUrl(hub.id, app) })),
      };
      if (kb.checklists.has(hub.id)) summary.checklist = checklistUrl(hub.id);
      return summary;
    });
  return { version: 1, codes, codeIndex: [...kb.codeIndex] };
}

/** Builds `/api/codes/<code>.json`. */
export function buildCodeFile(kb: KnowledgeBase, code: string): CodeFile {
  const hub = kb.codes.get(code);
  if (!hub) throw new Error(`no hub ${code}`);
  const scenarios = scenarioApps(kb, code).map((app) => kb.scenarios.get(`${code}/${app}`)!);
  const checklist = kb.checklists.get(code);
  const cited = new Set<string>();
  collectSourceIds([hub, ...scenarios, checklist], cited);
  const sources: Record<string, Source> = {};
  for (const id of [...cited].sort()) {
    const s = kb.sources.get(id);
    if (s) sources[id] = s;
  }
  const file: CodeFile = { version: 1, code: hub, scenarios, sources };
  if (checklist) file.checklist = checklist;
  return file;
}

/** Every id under a `sources` or `references` key, anywhere in the values. */
function collectSourceIds(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) collectSourceIds(v, out);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if ((k === "sources" || k === "references") && Array.isArray(v)) {
        for (const id of v) if (typeof id === "string") out.add(id);
      } else collectSourceIds(v, out);
    }
  }
}
