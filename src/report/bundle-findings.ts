/**
 * The evidence bundle's analysis as a findings group for the IT report, in its own module so the
 * analyzer island can make one without bundling the report.
 */
import type { BundleAnalysis } from "../evidence/analyze.ts";
import type { FindingGroup } from "../engine/session.ts";

/** The device card at a glance, then the findings with their lines and links; pure. */
export function bundleFindings(analysis: BundleAnalysis): FindingGroup {
  return {
    source: "the evidence bundle",
    summary: analysis.card.map((row) => ({ label: row.label, value: row.value })),
    findings: analysis.findings.map((f) => ({ id: f.id, status: f.status, message: f.message, lines: f.lines, link: { href: f.link.href, title: f.link.title } })),
  };
}
