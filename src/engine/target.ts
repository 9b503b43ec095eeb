/**
 * Which scenario a diagnostic runs: a code in any written form plus an app, or the code's only
 * scenario when no app is given. Problems come back as issues, never thrown.
 */
import { APPS, closest, parseCode, resolveCode, suggest, type App, type Issue, type KnowledgeBase, type Scenario } from "../model/index.ts";

/** A code and an app, as a person or a shell gives them. */
export interface Target {
  code: string;
  app?: string;
}

/** A resolved target: the hub's canonical code id, the app and its scenario. */
export interface ResolvedTarget {
  code: string;
  app: App;
  scenario: Scenario;
}

/** The apps that have a scenario for a hub, in the design's app order. */
export function appsWithScenario(kb: KnowledgeBase, code: string): App[] {
  return APPS.filter((app) => kb.scenarios.has(`${code}/${app}`));
}

/**
 * Finds the scenario for `target`. Issue codes: `target/unknown-code`, `target/unknown-app`,
 * `target/no-scenario` (the hub has none for that app; the hint lists those that exist) and
 * `target/app-required` (several scenarios and no app given).
 */
export function findScenario(kb: KnowledgeBase, target: Target): { ok: true; target: ResolvedTarget } | { ok: false; issues: Issue[] } {
  const fail = (issue: Omit<Issue, "severity">) => ({ ok: false as const, issues: [{ severity: "error" as const, ...issue }] });
  const code = resolveCode(kb, target.code);
  if (code === undefined) {
    const known = [...kb.codes.keys()].sort();
    const near = closest(target.code.trim().toLowerCase(), known);
    return fail({
      code: "target/unknown-code",
      path: "code",
      message: parseCode(target.code) === undefined ? `"${target.code}" is not an error code Fixpath knows` : `Fixpath has no guide for the code "${target.code}" yet`,
      // The message names the code; the known codes are listed once, in the hint (not also as
      // "expected", which printed ~100 codes twice).
      hint: near ? `did you mean "${near}"?` : `the codes with a diagnostic: ${known.filter((c) => appsWithScenario(kb, c).length > 0).join(", ")}`,
    });
  }
  const apps = appsWithScenario(kb, code);
  if (target.app === undefined) {
    if (apps.length === 1) return { ok: true, target: { code, app: apps[0]!, scenario: kb.scenarios.get(`${code}/${apps[0]!}`)! } };
    if (apps.length === 0) {
      return fail({ code: "target/no-scenario", path: "app", message: `${code} has no app scenario yet, so there is no diagnostic for it`, hint: `read the code's page instead: /codes/${code}/` });
    }
    return fail({ code: "target/app-required", path: "app", message: `${code} has a scenario for several apps; say which app shows the error`, expected: apps.join(" | "), hint: `pass one of: ${apps.join(", ")}` });
  }
  const app = target.app.trim().toLowerCase();
  if (!(APPS as readonly string[]).includes(app)) {
    return fail({ code: "target/unknown-app", path: "app", message: `"${target.app}" is not an app Fixpath knows`, expected: APPS.join(" | "), received: JSON.stringify(target.app), hint: suggest(app, APPS) });
  }
  const scenario = kb.scenarios.get(`${code}/${app}`);
  if (scenario === undefined) {
    return fail({
      code: "target/no-scenario",
      path: "app",
      message: `${code} has no scenario for ${app} yet`,
      expected: apps.join(" | ") || "(none yet)",
      received: JSON.stringify(app),
      hint: apps.length > 0 ? `apps with a scenario for ${code}: ${apps.join(", ")}` : `read the code's page instead: /codes/${code}/`,
    });
  }
  return { ok: true, target: { code, app: app as App, scenario } };
}
