/**
 * The knowledge base: every content file, validated and cross-checked, keyed for lookups.
 * Built by `loadKnowledgeBase`; read by the engine, the lookup index, the site and the CLI.
 */
import { APPS, type App } from "./facts.ts";
import { parseCode, type CodeKey } from "./codes.ts";
import type { Checklist, CodeHub, Scenario, Source } from "./schema/index.ts";
import { pageUrl } from "./urls.ts";
import type { EvidenceBundle } from "./load/bundle.ts";

export interface KnowledgeBase {
  readonly sources: ReadonlyMap<string, Source>;
  /** Hubs by canonical id (`caa50021`). */
  readonly codes: ReadonlyMap<string, CodeHub>;
  /** Scenarios by page id (`caa50021/onedrive`). */
  readonly scenarios: ReadonlyMap<string, Scenario>;
  /** Admin checklists by code id. */
  readonly checklists: ReadonlyMap<string, Checklist>;
  /** Every form of every hub's id and aliases → the hub's canonical id. */
  readonly codeIndex: ReadonlyMap<CodeKey, string>;
  /** content/evidence-bundle.yaml, when present (src/model/load/bundle.ts). */
  readonly bundle?: EvidenceBundle;
}

export type PageKind = "code" | "scenario" | "checklist";

export interface PageInfo {
  /** `caa50021`, `caa50021/onedrive`, `caa50021/admin`. */
  id: string;
  kind: PageKind;
  code: string;
  app?: App;
  title: string;
  url: string;
}

/** The hub id for any written form of a code (`0xCAA50021`, `3399811105`), or undefined. */
export function resolveCode(kb: Pick<KnowledgeBase, "codeIndex" | "codes">, input: string): string | undefined {
  const lower = input.trim().toLowerCase();
  if (kb.codes.has(lower)) return lower;
  const key = parseCode(input);
  return key === undefined ? undefined : kb.codeIndex.get(key);
}

export { pageUrl } from "./urls.ts";

/** Splits a page id into its code and its part (`onedrive`, `admin`), if any. */
export function splitPageId(pageId: string): { code: string; part?: App | "admin" } {
  const [code = "", part] = pageId.split("/");
  if (part === undefined) return { code };
  return { code, part: part === "admin" ? "admin" : (part as App) };
}

/** Every page of the knowledge base: hubs, then each hub's scenarios in app order, then its checklist. */
export function listPages(kb: KnowledgeBase): PageInfo[] {
  const pages: PageInfo[] = [];
  const ids = [...kb.codes.keys()].sort();
  for (const code of ids) {
    const hub = kb.codes.get(code)!;
    pages.push({ id: code, kind: "code", code, title: hub.title, url: pageUrl(code) });
    for (const app of APPS) {
      const scenario = kb.scenarios.get(`${code}/${app}`);
      if (scenario) {
        const id = `${code}/${app}`;
        pages.push({ id, kind: "scenario", code, app, title: scenario.title, url: pageUrl(id) });
      }
    }
    const checklist = kb.checklists.get(code);
    if (checklist) {
      const id = `${code}/admin`;
      pages.push({ id, kind: "checklist", code, title: checklist.title, url: pageUrl(id) });
    }
  }
  return pages;
}

/** The title of an existing page, or undefined. */
export function pageTitle(kb: KnowledgeBase, pageId: string): string | undefined {
  const { code, part } = splitPageId(pageId);
  if (part === undefined) return kb.codes.get(code)?.title;
  if (part === "admin") return kb.checklists.get(code)?.title;
  return kb.scenarios.get(pageId)?.title;
}
