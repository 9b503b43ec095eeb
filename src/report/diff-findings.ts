/**
 * Two captures compared after a step (src/evidence/diff) as a findings group for the IT report:
 * what the person answered, whether the captures bear it out, then each row that changed (better
 * is a pass, worse a fail, another change for information) and each problem still there. In its
 * own module so the diagnostic island can make one without bundling the report.
 */
import type { CaptureDiff } from "../evidence/diff/diff.ts";
import type { Verification } from "../evidence/diff/verify.ts";
import type { FindingGroup } from "../engine/session.ts";
import { STEP_OUTCOME_WORDS } from "../model/outcomes.ts";

const VERDICT_WORDS: Record<Verification["verdict"], string> = {
  verified: "bear it out",
  contradicted: "contradict it",
  unsettled: "cannot tell",
};

/** The findings group of one step's check; pure. */
export function diffFindings(diff: Extract<CaptureDiff, { ok: true }>, verification: Verification, context: { step: string; outcome: "fixed" | "no-change" }): FindingGroup {
  const findings: FindingGroup["findings"] = [];
  for (const r of diff.rows) {
    if (r.change === "better" || r.change === "worse" || r.change === "changed") {
      findings.push({ status: r.change === "better" ? "pass" : r.change === "worse" ? "fail" : "info", message: `${r.label}: ${r.before.words} before, ${r.after.words} after. ${r.meaning}`, lines: r.after.lines });
    } else if (r.change === "same" && r.after.tone === "bad") {
      findings.push({ status: "warn", message: `${r.label}: still ${r.after.words}.`, lines: r.after.lines });
    }
  }
  if (findings.length === 0) findings.push({ status: "info", message: "Nothing that both captures show changed." });
  return {
    source: `two captures, before and after "${context.step}"`,
    summary: [
      { label: "Answer given", value: STEP_OUTCOME_WORDS[context.outcome] },
      { label: "The captures", value: `${VERDICT_WORDS[verification.verdict]}: ${verification.reasons.join(" ")}` },
      { label: "Order", value: diff.order.order === "reversed" ? `check it: ${diff.order.reason}` : diff.order.reason },
    ],
    findings,
  };
}
