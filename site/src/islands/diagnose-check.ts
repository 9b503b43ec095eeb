/**
 * The comparison behind "Check it with a capture" (diagnose/verify.ts), in a bundle of its own:
 * the evidence parsers it needs are larger than the whole diagnostic, and only the people who
 * paste a capture after a step fetch them.
 */
import { diffPastes } from "../../../src/evidence/diff/diff.ts";
import { verifiedFlag, verifyOutcome, type Verification } from "../../../src/evidence/diff/verify.ts";
import type { FindingGroup } from "../../../src/engine/session.ts";
import { diffFindings } from "../../../src/report/diff-findings.ts";
import { diffProblem, diffTable } from "./diff-table.ts";
import { h } from "./dom.ts";

const VERDICT: Record<Verification["verdict"], string> = {
  verified: "The captures bear your answer out.",
  contradicted: "The captures do not bear your answer out.",
  unsettled: "The captures cannot tell whether this step fixed it.",
};

export interface Checked {
  /** What to show: the verdict and the before/after table, or why the captures were not compared. */
  nodes: HTMLElement[];
  compared: boolean;
  verified?: boolean;
  group?: FindingGroup;
}

/** Compares the capture taken before a step with the one taken after it, for the answer given. */
export function checkCaptures(args: { earlier: string; later: string; outcome: "fixed" | "no-change"; step: string }): Checked {
  const diff = diffPastes(args.earlier, args.later);
  if (!diff.ok) return { compared: false, nodes: [h("h3", { tabindex: "-1" }, "The captures were not compared"), diffProblem(diff)] };
  const v = verifyOutcome(diff, args.outcome);
  const out: Checked = {
    compared: true,
    group: diffFindings(diff, v, { step: args.step, outcome: args.outcome }),
    nodes: [
      h("h3", { tabindex: "-1", "data-verify-verdict": v.verdict }, VERDICT[v.verdict]),
      h("ul", {}, ...v.reasons.map((r) => h("li", {}, r))),
      diffTable(diff),
      h("p", { class: "expect" }, "The comparison is added to your report for IT."),
    ],
  };
  const flag = verifiedFlag(v);
  if (flag !== undefined) out.verified = flag;
  return out;
}
