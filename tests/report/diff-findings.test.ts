import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffPastes, verifyOutcome, type CaptureDiff } from "../../src/evidence/diff/index.ts";
import { buildReport, renderReport } from "../../src/report/report.ts";
import { diffFindings } from "../../src/report/diff-findings.ts";
import { startSession } from "../../src/engine/index.ts";
import { ROOT } from "../helpers/io.ts";
import { loadProjectKb } from "../helpers/kb.ts";

const read = (p: string) => readFileSync(join(ROOT, "tests/fixtures", p), "utf8");
const ok = (d: CaptureDiff) => {
  if (!d.ok) throw new Error(d.issues.map((i) => i.code).join(", "));
  return d;
};

describe("two captures compared, in the IT report", () => {
  it("says a step marked fixed is contradicted and lists what is still wrong", () => {
    const diff = ok(diffPastes(read("dsregcmd/90-derived-entra-prt-failed-full-output.txt"), read("diff/02-still-failing.after.txt")));
    const group = diffFindings(diff, verifyOutcome(diff, "fixed"), { step: "Restart Windows", outcome: "fixed" });
    expect(group.source).toBe('two captures, before and after "Restart Windows"');
    expect(group.summary?.slice(0, 2)).toEqual([
      { label: "Answer given", value: "fixed it" },
      { label: "The captures", value: "contradict it: Primary refresh token (AzureAdPrt): missing, the last attempt failed (0xc000006d, AADSTS50126). Device object in Microsoft Entra (DeviceAuthStatus): disabled or deleted." },
    ]);
    expect(group.findings.map((f) => [f.status, f.message])).toEqual([
      ["warn", "Primary refresh token (AzureAdPrt): still missing, the last attempt failed (0xc000006d, AADSTS50126)."],
      ["warn", "Device object in Microsoft Entra (DeviceAuthStatus): still disabled or deleted."],
    ]);
  });

  it("puts the changed rows in the rendered report, better as a pass, with no identifier of the device", () => {
    const kb = loadProjectKb();
    const diff = ok(diffPastes(read("dsregcmd/03-aadinternals-entra-joined-no-prt.txt"), read("diff/01-prt-back.after.txt")));
    const group = diffFindings(diff, verifyOutcome(diff, "fixed"), { step: "Restart Windows", outcome: "fixed" });
    expect(group.findings.map((f) => f.status)).toEqual(["pass", "pass"]);
    const started = startSession(kb, { code: "caa50021", app: "onedrive" });
    if (!started.ok) throw new Error("no session");
    const data = buildReport({ kb, session: { ...started.session, findings: [group] }, generatedAt: "2026-03-14T10:00:00.000Z" }, { redact: true });
    const md = renderReport(data!, "md");
    expect(md).toContain("Primary refresh token (AzureAdPrt): missing before, present after.");
    expect(md).not.toMatch(/ea77c7d5|AADJoin02|c5ff949d/i);
  });
});
