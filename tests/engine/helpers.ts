/** Test helpers for the engine: the real knowledge base, and builders with valid defaults. */
import type { Condition, Facts, KnowledgeBase, Scenario } from "../../src/model/index.ts";
import { loadProjectKb } from "../helpers/kb.ts";
import { NO_CODE } from "../../src/engine/index.ts";
import { FACTS, isFactName, sameCode } from "../../src/model/index.ts";

/** The knowledge base built from the real content/ folder (shared by the run: tests/helpers/kb.ts); fails with every issue when it does not validate. */
export function realKb(): KnowledgeBase {
  return loadProjectKb();
}

/** The seed scenario (CAA50021 in OneDrive) of the real content. */
export function seedScenario(kb: KnowledgeBase = realKb()): Scenario {
  const sc = kb.scenarios.get("caa50021/onedrive");
  if (!sc) throw new Error("content/caa50021/onedrive.yaml is missing");
  return sc;
}

/** Facts with valid defaults for a work account on an unmanaged PC with no stop answered yes. */
export function makeFacts(overrides: Facts = {}): Facts {
  return {
    accountType: "work",
    otherErrorAfterSignIn: "none",
    windowsServer: false,
    multipleUsersAffected: false,
    filesNotSyncedZeroFiles: false,
    managed: false,
    isAdmin: true,
    ...overrides,
  };
}

/**
 * An independent oracle for conditions, written differently from the engine on purpose: truth
 * values as numbers (0 false, 0.5 unknown, 1 true), `all` = min, `any` = max, `not` = 1 - x.
 */
export function oracle(cond: Condition, facts: Facts): 0 | 0.5 | 1 {
  if ("all" in cond) return Math.min(1, ...cond.all.map((c) => oracle(c, facts))) as 0 | 0.5 | 1;
  if ("any" in cond) return Math.max(0, ...cond.any.map((c) => oracle(c, facts))) as 0 | 0.5 | 1;
  if ("not" in cond) return (1 - oracle(cond.not, facts)) as 0 | 0.5 | 1;
  const wanted = "is" in cond ? [cond.is] : cond.in;
  const actual = isFactName(cond.fact) ? facts[cond.fact] : undefined;
  if (actual === undefined) return wanted.includes("unknown") ? 1 : 0.5;
  const isCode = isFactName(cond.fact) && FACTS[cond.fact].type === "code";
  const match = (w: string | boolean): boolean => {
    if (w === "unknown") return false;
    if (!isCode) return w === actual;
    const a = String(actual).toLowerCase();
    const b = String(w).toLowerCase();
    if (a === NO_CODE || b === NO_CODE) return a === b;
    return sameCode(a, b);
  };
  return wanted.some(match) ? 1 : 0;
}
