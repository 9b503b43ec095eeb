/**
 * Rebuilds the small KnowledgeBase the engine expects (Maps) from the site's published JSON:
 * `/api/codes.json` (every hub and the code-form table, for resolving and picking a code) and
 * `/api/codes/<code>/<app>.json` (the one scenario the diagnostic runs).
 */
import { resolveCode, type KnowledgeBase } from "../../../src/model/index.ts";
import type { KbView } from "../../../src/evidence/error-text/recognize.ts";
import type { CodeFile, CodesFile, ScenarioFile } from "../lib/data.ts";

/** Fetches JSON; throws with the status on failure. */
async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

let codesFile: Promise<CodesFile> | undefined;

/** `/api/codes.json`, fetched once. */
export function getCodesFile(): Promise<CodesFile> {
  codesFile ??= getJson<CodesFile>("/api/codes.json");
  return codesFile;
}

/** The hub id for any written form of a code, using the published code table. */
export function resolveWith(codes: CodesFile, input: string): string | undefined {
  const known = new Map(codes.codes.map((c) => [c.id, c]));
  return resolveCode({ codes: known as unknown as KnowledgeBase["codes"], codeIndex: new Map(codes.codeIndex) }, input);
}

/** The part of the knowledge base the error-text recogniser reads, from `/api/codes.json`. */
export function recogniserView(codes: CodesFile): KbView {
  const hubs = new Map(codes.codes.map((c) => [c.id, { id: c.id, title: c.title, messages: c.messages }]));
  const scenarios = new Map(codes.codes.flatMap((c) => c.scenarios.map((s) => [`${c.id}/${s.app}`, { code: c.id, app: s.app, title: s.title }] as const)));
  return { codes: hubs, scenarios, codeIndex: new Map(codes.codeIndex) } as unknown as KbView;
}

/** `/api/codes/<code>/<app>.json`, or undefined when there is no such scenario (404). */
export async function getScenarioFile(code: string, app: string): Promise<ScenarioFile | undefined> {
  const res = await fetch(`/api/codes/${encodeURIComponent(code)}/${encodeURIComponent(app)}.json`);
  if (res.status === 404) return undefined;
  if (!res.ok) throw new Error(`scenario ${code}/${app}: HTTP ${res.status}`);
  return (await res.json()) as ScenarioFile;
}

/**
 * The knowledge base of one scenario, as the engine and the report read it. Hubs other than this
 * one are known by id only (the engine resolves codes against them; nothing reads their text);
 * no sources (the diagnostic links to the step's page for them).
 */
export function knowledgeBaseForScenario(file: ScenarioFile): KnowledgeBase {
  const codes = new Map(file.hubs.map((hub) => [hub.id, { id: hub.id, title: hub.id }]));
  codes.set(file.code.id, file.code);
  return {
    sources: new Map(),
    codes: codes as unknown as KnowledgeBase["codes"],
    scenarios: new Map([[`${file.scenario.code}/${file.scenario.app}`, file.scenario]]),
    checklists: file.checklist ? new Map([[file.code.id, file.checklist]]) : new Map(),
    codeIndex: new Map(file.codeIndex),
  };
}

/** `/api/codes/<code>.json` (a hub with its quick answer), or undefined when it cannot be had. */
export async function getCodeFile(code: string): Promise<CodeFile | undefined> {
  try {
    return await getJson<CodeFile>(`/api/codes/${encodeURIComponent(code)}.json`);
  } catch {
    return undefined;
  }
}
