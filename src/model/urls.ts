/**
 * Every page URL of the site, built in one place (shared/design.md's URL table) for the site, the
 * CLI, the report, the engine's escalation and the evidence links. Pure: relative paths only; a
 * shell that knows its origin makes them absolute.
 */
import type { App } from "./facts.ts";

/** The URL of a page id (`caa50021`, `caa50021/onedrive`, `caa50021/admin`). */
export function pageUrl(pageId: string): string {
  return `/codes/${pageId}/`;
}

/** A code's hub page: `/codes/caa50021/`. */
export function hubUrl(code: string): string {
  return pageUrl(code);
}

/** A scenario page: `/codes/caa50021/onedrive/`. */
export function scenarioUrl(code: string, app: App | string): string {
  return pageUrl(`${code}/${app}`);
}

/** The anchor of a step on its scenario page (`fix-clean-restart`). */
export function stepAnchor(stepId: string): string {
  return `fix-${stepId}`;
}

/** A step on its scenario page: `/codes/caa50021/onedrive/#fix-clean-restart`. */
export function stepUrl(code: string, app: App | string, stepId: string): string {
  return `${scenarioUrl(code, app)}#${stepAnchor(stepId)}`;
}

/** A code's admin checklist, or one of its items: `/codes/caa50021/admin/#prt-health`. */
export function checklistUrl(code: string, itemId?: string): string {
  return `${pageUrl(`${code}/admin`)}${itemId ? `#${itemId}` : ""}`;
}

/** The evidence analyzer; with a code and app, its "Use these answers" returns to that diagnostic: `/analyze/?code=caa50021&app=onedrive`. */
export function analyzerUrl(target: { code?: string; app?: string } = {}): string {
  const params = new URLSearchParams();
  if (target.code) params.set("code", target.code);
  if (target.app) params.set("app", target.app);
  const q = params.toString();
  return `/analyze/${q ? `?${q}` : ""}`;
}
