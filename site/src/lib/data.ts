/**
 * The machine-readable knowledge base the site publishes (`/api/codes.json`,
 * `/api/codes/<code>.json`) and the islands read. Pure: built from the loaded knowledge base.
 */
import type { App } from "../../../src/model/index.ts";
import type { KnowledgeBase } from "../../../src/model/index.ts";
import { checklistUrl, hubUrl, scenarioUrl } from "../../../src/model/index.ts";
import type { Checklist, CodeHub, Scenario, Source } from "../../../src/model/index.ts";
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

/** A hub as the diagnostic links to it: another code's guide, or which guide fits a personal account. */
export interface HubLink {
  id: string;
  url: string;
  /** Apps with a scenario (a guided diagnostic). */
  apps: App[];
  /** Apps whose scenario covers a personal Microsoft account. */
  personal: App[];
}

/**
 * `/api/codes/<code>/<app>.json`: what the diagnostic needs for one scenario and nothing more
 * (the page loads only the scenario in use): the hub's summary, the scenario without the fields
 * only its page shows, the checklist's item titles (for the report), the code-form table and a
 * link per hub. The scenario page and `/api/codes/<code>.json` keep everything.
 */
export interface ScenarioFile {
  version: 1;
  summary: CodeSummary;
  /** The hub's id and title (what the engine and the report read of it). */
  code: Pick<CodeHub, "id" | "title">;
  scenario: Scenario;
  checklist?: Checklist;
  codeIndex: [string, string][];
  hubs: HubLink[];
}

/** Scenario fields only the page shows (the engine, the report and the diagnostic's step card read none of them). */
const PAGE_ONLY_SCENARIO = ["description", "references", "related", "caveats", "quickAnswer", "beforeYouStart", "meaning", "whereItAppears", "triggers", "causes"] as const;
/** Step, checklist and item fields only pages show. */
const PAGE_ONLY_PART = ["sources", "caveats", "references", "related"] as const;
const PAGE_ONLY_ITEM = ["text", "instructions", "sources", "caveats"] as const;

function without<T extends object>(value: T, keys: readonly string[]): T {
  const out = { ...value } as Record<string, unknown>;
  for (const k of keys) delete out[k];
  return out as T;
}

/** A scenario as the diagnostic reads it. */
export function diagnosticScenario(scenario: Scenario): Scenario {
  return { ...without(scenario, PAGE_ONLY_SCENARIO), steps: scenario.steps.map((s) => without(s, PAGE_ONLY_PART)), avoid: scenario.avoid.map((a) => without(a, PAGE_ONLY_PART)) };
}

/** A checklist as the report reads it: its items' ids, titles, owners and declared apps. */
export function reportChecklist(checklist: Checklist): Checklist {
  return { ...without(checklist, ["summary", ...PAGE_ONLY_PART]), items: checklist.items.map((i) => without(i, PAGE_ONLY_ITEM)) };
}

/** Every hub as the diagnostic links to it. */
export function hubLinks(kb: KnowledgeBase): HubLink[] {
  return [...kb.codes.keys()].sort().map((id) => {
    const apps = scenarioApps(kb, id);
    return { id, url: hubUrl(id), apps, personal: apps.filter((app) => kb.scenarios.get(`${id}/${app}`)!.accountTypes.includes("personal")) };
  });
}

/** What every scenario file of one knowledge base shares, computed once per build. */
const perKb = new WeakMap<KnowledgeBase, { summaries: Map<string, CodeSummary>; hubs: HubLink[] }>();

/** Builds `/api/codes/<code>/<app>.json`. */
export function buildScenarioFile(kb: KnowledgeBase, code: string, app: App): ScenarioFile {
  const hub = kb.codes.get(code);
  const scenario = kb.scenarios.get(`${code}/${app}`);
  if (!hub || !scenario) throw new Error(`no scenario ${code}/${app}`);
  let shared = perKb.get(kb);
  if (!shared) perKb.set(kb, (shared = { summaries: new Map(buildCodesFile(kb).codes.map((c) => [c.id, c])), hubs: hubLinks(kb) }));
  const checklist = kb.checklists.get(code);
  const file: ScenarioFile = { version: 1, summary: shared.summaries.get(code)!, code: { id: hub.id, title: hub.title }, scenario: diagnosticScenario(scenario), codeIndex: [...kb.codeIndex], hubs: shared.hubs };
  if (checklist) file.checklist = reportChecklist(checklist);
  return file;
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
  const file: CodeFile = { version: 1, code: hub, scenarios, sources: citedSources(kb, [hub, ...scenarios, checklist]) };
  if (checklist) file.checklist = checklist;
  return file;
}

/** The sources cited anywhere in `values`, by id. */
function citedSources(kb: KnowledgeBase, values: unknown[]): Record<string, Source> {
  const cited = new Set<string>();
  collectSourceIds(values, cited);
  const sources: Record<string, Source> = {};
  for (const id of [...cited].sort()) {
    const s = kb.sources.get(id);
    if (s) sources[id] = s;
  }
  return sources;
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
