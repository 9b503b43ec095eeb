/**
 * Which diagnostic the analyzer's "Use these answers" opens: the code and app the paste names,
 * never a guess. A paste that names no app (an error message without one) leaves the app to the
 * person; one whose codes or best-fitting pages disagree leaves the code to them. Pure.
 */
import type { Recognition } from "../../../src/evidence/error-text/recognize.ts";
import type { App, Facts } from "../../../src/model/index.ts";

export function diagnoseTarget(recognition: Pick<Recognition, "codes" | "apps" | "candidates">, facts: Facts, switchTo?: string): { code?: string; app?: App } {
  const distinct = <T>(xs: readonly T[]): T[] => [...new Set(xs)];
  const named = distinct(recognition.codes.map((c) => c.hub).filter((c): c is string => Boolean(c)));
  const best = Math.max(0, ...recognition.candidates.map((c) => c.score));
  const fitting = distinct(recognition.candidates.filter((c) => c.score === best).map((c) => c.pageId.split("/")[0]!));
  const code = switchTo ?? (named.length === 1 ? named[0] : named.length === 0 && fitting.length === 1 ? fitting[0] : undefined);
  const apps = distinct(recognition.apps.map((a) => a.app));
  const app = typeof facts.app === "string" ? (facts.app as App) : apps.length === 1 ? apps[0] : undefined;
  return { ...(code ? { code } : {}), ...(code && app ? { app } : {}) };
}
