import { describe, expect, it } from "vitest";
import { analyzeDsregcmd, LINKS, type DsregcmdAnalysis } from "../../src/evidence/index.ts";
import { FACTS } from "../../src/model/facts.ts";
import { readFixtures } from "./helpers.ts";

const box = (title: string) => ["+" + "-".repeat(70) + "+", `| ${title.padEnd(68)} |`, "+" + "-".repeat(70) + "+", ""];
const yn = (v: boolean | undefined) => (v === undefined ? undefined : v ? "YES" : "NO");

/** A paste built from the fields given; a field left undefined is not printed at all. */
function paste(sections: Record<string, Record<string, string | undefined>>): string {
  const out: string[] = [];
  for (const [title, fields] of Object.entries(sections)) {
    out.push(...box(title));
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) out.push(`${k.padStart(26)} : ${v}`);
    out.push("");
  }
  return out.join("\n");
}

function analyse(text: string): DsregcmdAnalysis {
  const r = analyzeDsregcmd(text);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.analysis;
}
const finding = (a: DsregcmdAnalysis, id: string) => a.findings.find((f) => f.id === id);

describe("join type (decision table, domain-facts §3.2)", () => {
  it.each([
    // AzureAdJoined, EnterpriseJoined, DomainJoined, WorkplaceJoined → join type, hybridJoined fact
    [true, false, false, undefined, "entra-joined", false],
    [false, false, true, undefined, "domain-joined-only", false],
    [true, false, true, undefined, "hybrid-joined", true],
    [false, true, true, undefined, "on-premises-drs-joined", false],
    [false, false, false, true, "registered", false],
    [false, false, false, false, "not-joined", false],
    // unknowns: a missing field is unknown, never NO
    [false, false, false, undefined, "unknown", false],
    [true, undefined, undefined, undefined, "unknown", undefined],
    [undefined, undefined, true, undefined, "unknown", undefined],
    [undefined, undefined, false, undefined, "unknown", false],
    // contradictory output
    [true, true, true, undefined, "unknown", undefined],
  ] as const)("AzureAdJoined %s, EnterpriseJoined %s, DomainJoined %s, WorkplaceJoined %s → %s (hybridJoined %s)", (a, e, d, w, join, hybrid) => {
    const sections: Record<string, Record<string, string | undefined>> = {
      "Device State": { AzureAdJoined: yn(a), EnterpriseJoined: yn(e), DomainJoined: yn(d) },
    };
    if (w !== undefined) sections["User State"] = { WorkplaceJoined: yn(w) };
    const result = analyse(paste(sections));
    expect(result.state.joinType.value).toBe(join);
    expect(result.facts.facts.hybridJoined).toBe(hybrid);
    if (hybrid !== undefined) {
      const support = result.facts.support.find((s) => s.fact === "hybridJoined")!;
      expect(support.lines.length).toBeGreaterThan(0);
      for (const line of support.lines) expect(paste(sections).split("\n")[line - 1]).toMatch(/Joined : (YES|NO)$/);
    }
  });
});

describe("toFacts", () => {
  it("produces only fact names and values of the diagnostic's fact table", () => {
    const a = analyse(paste({ "Device State": { AzureAdJoined: "YES", DomainJoined: "YES" }, "Tenant Details": { MdmUrl: "https://example.invalid/x" } }));
    for (const [name, value] of Object.entries(a.facts.facts)) {
      expect(Object.keys(FACTS)).toContain(name);
      expect(typeof value).toBe("boolean");
    }
    expect(a.facts.facts).toEqual({ hybridJoined: true, managed: true });
  });

  it("never takes MDM URLs as proof that the device is managed", () => {
    const a = analyse(paste({ "Device State": { AzureAdJoined: "NO", DomainJoined: "NO" }, "User State": { WorkplaceJoined: "YES" }, "Tenant Details": { MdmUrl: "https://example.invalid/x" } }));
    expect(a.state.mdmUrls).toMatchObject({ value: "present", provesManaged: false });
    expect(a.facts.facts.managed).toBeUndefined();
    expect(a.facts.notes.join(" ")).toMatch(/managed stays unknown/);
    expect(finding(a, "mdm-urls")?.message).toMatch(/does not show that this device is enrolled or managed/);
  });

  it("counts a PC joined to Microsoft Entra ID as the organisation's device, with its line (issue 21)", () => {
    const text = paste({ "Device State": { AzureAdJoined: "YES", DomainJoined: "NO" } });
    const a = analyse(text);
    const managed = a.facts.support.find((s) => s.fact === "managed");
    expect(managed?.value).toBe(true);
    expect(managed?.because).toMatch(/Microsoft Entra ID/);
    expect(managed!.lines.some((n) => /AzureAdJoined : YES/.test(text.split(/\r?\n/)[n - 1] ?? ""))).toBe(true);
  });

  it("does not count a work account registered on a personal PC as management, and says what it means", () => {
    const a = analyse(paste({ "Device State": { AzureAdJoined: "NO", DomainJoined: "NO" }, "User State": { WorkplaceJoined: "YES" } }));
    expect(a.facts.facts.managed).toBeUndefined();
    expect(a.facts.notes.join(" ")).toMatch(/registered on this PC.*does not put the PC under your organisation's management/);
  });

  it("words its notes and reasons for people: no fact name in them, on any fixture", () => {
    // Fact names that are also words (managed, where, app) are caught by "the … fact".
    const names = new RegExp(`\\b(?:${Object.keys(FACTS).filter((n) => /[A-Z]/.test(n)).join("|")})\\b|\\bfact\\b`);
    for (const { name, text } of readFixtures()) {
      const a = analyse(text);
      for (const line of [...a.facts.notes, ...a.facts.support.map((s) => s.because)]) expect(line, `${name}: ${line}`).not.toMatch(names);
    }
    expect(analyse(paste({ "Device State": { AzureAdJoined: "YES", DomainJoined: "YES" } })).facts.support.find((s) => s.fact === "managed")?.because).toBe("hybrid joined, which Fixpath counts as a managed device");
  });

  it("never sets windowsServer or isAdmin, even from an elevated run", () => {
    const a = analyse(paste({ "Diagnostic Data": { "User Context": "ELEVATED User", KeySignTest: "PASSED" } }));
    expect(a.state.elevated.value).toBe("elevated");
    expect(a.facts.facts).toEqual({});
  });
});

describe("PRT", () => {
  const failed = {
    AzureAdPrt: "NO",
    AcquirePrtDiagnostics: "PRESENT",
    "Attempt Status": "0xc000006d",
    "Server Error Code": "invalid_grant",
    "Server Error Description": "AADSTS50126: Error validating credentials.",
  };

  it("reads a failed attempt with its client status, server error and whole-token AADSTS code", () => {
    const a = analyse(paste({ "Device State": { AzureAdJoined: "YES", DomainJoined: "NO" }, "SSO State": failed }));
    expect(a.state.prt).toMatchObject({ value: "failed", attemptStatus: "0xc000006d", serverErrorCode: "invalid_grant", serverCodes: ["AADSTS50126"] });
    const f = finding(a, "prt")!;
    expect(f.status).toBe("fail");
    expect(f.message).toContain("0xc000006d");
    expect(f.message).toContain("AADSTS50126");
    expect(f.link).toEqual(LINKS.prtHealth);
  });

  it("does not read a code inside a longer token (AADSTS501260 is not AADSTS50126)", () => {
    const a = analyse(paste({ "SSO State": { ...failed, "Server Error Description": "xAADSTS50126 AADSTS501260x" } }));
    expect(a.state.prt.serverCodes).toEqual([]);
  });

  it("says a missing PRT is expected on a device that is not Entra or hybrid joined", () => {
    const a = analyse(paste({ "Device State": { AzureAdJoined: "NO", DomainJoined: "NO" }, "User State": { WorkplaceJoined: "YES" }, "SSO State": { AzureAdPrt: "NO" } }));
    expect(finding(a, "prt")?.status).toBe("warn");
  });

  it("computes no age without a Client Time in the capture", () => {
    const a = analyse(paste({ "SSO State": { AzureAdPrt: "YES", AzureAdPrtUpdateTime: "2020-07-12 22:57:53.000 UTC" } }));
    expect(a.state.prt.ageHours).toBeUndefined();
    expect(finding(a, "prt")).toMatchObject({ status: "pass", message: expect.stringContaining("no Client Time") });
  });

  it.each([
    ["2024-05-01 10:00:00.000 UTC", 2.5, "pass"],
    ["2024-04-30 12:30:00.000 UTC", 24, "warn"],
  ])("measures the PRT's age against Client Time (updated %s → %s h, %s)", (update, hours, status) => {
    const a = analyse(paste({ "SSO State": { AzureAdPrt: "YES", AzureAdPrtUpdateTime: update }, "Diagnostic Data": { "Client Time": "2024-05-01 12:30:00.000 UTC" } }));
    expect(a.state.prt.ageHours).toBe(hours);
    expect(finding(a, "prt")?.status).toBe(status);
  });

  it("fails a PRT that expired before the Client Time", () => {
    const a = analyse(paste({ "SSO State": { AzureAdPrt: "YES", AzureAdPrtUpdateTime: "2024-01-01 00:00:00.000 UTC", AzureAdPrtExpiryTime: "2024-01-15 00:00:00.000 UTC" }, "Diagnostic Data": { "Client Time": "2024-02-01 00:00:00.000 UTC" } }));
    expect(a.state.prt.expired).toBe(true);
    expect(finding(a, "prt")?.status).toBe("fail");
  });
});

describe("device auth, keys, pre-join, elevation, WAM", () => {
  it.each([
    ["SUCCESS", "enabled", "pass", LINKS.deviceObjectState],
    ["FAILED. Device is either disabled or deleted", "disabled-or-deleted", "fail", LINKS.deviceObjectState],
    ["FAILED. ERROR", "test-failed", "warn", LINKS.networkEndpoints],
  ])("DeviceAuthStatus %s → %s (%s)", (raw, value, status, link) => {
    const a = analyse(paste({ "Device Details": { DeviceAuthStatus: raw } }));
    expect(a.state.deviceAuth.value).toBe(value);
    expect(finding(a, "device-auth")).toMatchObject({ status, link, lines: [5] });
  });

  it.each([
    [{ KeySignTest: "PASSED" }, "healthy", "pass"],
    [{ KeySignTest: "FAILED" }, "failed", "fail"],
    [{ KeySignTest: "PASSED", AadRecoveryEnabled: "YES" }, "recovery-pending", "fail"],
    [{ KeySignTest: "MUST Run elevated to test." }, "not-tested", "warn"],
  ])("key health from %o → %s", (fields, value, status) => {
    const a = analyse(paste({ "Diagnostic Data": fields }));
    expect(a.state.keyHealth.value).toBe(value);
    expect(finding(a, "key-health")?.status).toBe(status);
  });

  it.each([
    [{ "AD Connectivity Test": "FAIL [0x80072efd]" }, "pre-check", "failed-test", ["0x80072efd"]],
    [{ "AD Configuration Test": "FAIL [0x801c001d]" }, "discover", "failed-test", ["0x801c001d"]],
    [{ "Token Acquisition Test": "FAIL [0xcaa90017]" }, "auth", "failed-test", ["0xcaa90017"]],
    [{ "DRS Discovery Test": "FAIL [0x801c0021/0x80072ee2]", "Error Phase": "join", "Client ErrorCode": "0x801c0021" }, "join", "error-phase", ["0x801c0021", "0x80072ee2"]],
  ])("pre-join failure %o → phase %s from %s", (fields, phase, from, codes) => {
    const a = analyse(paste({ "Diagnostic Data": fields }));
    expect(a.state.preJoin).toMatchObject({ value: "failed", phase, phaseFrom: from, codes });
    expect(finding(a, "pre-join")).toMatchObject({ status: "fail", link: LINKS.hybridJoinDiagnostics });
  });

  it("treats 0x801c03f2 (waiting for the directory sync) as a warning, not a failure", () => {
    const a = analyse(paste({ "Diagnostic Data": { "Client ErrorCode": "0x801c03f2", "Server ErrorCode": "DirectoryError" } }));
    expect(finding(a, "pre-join")?.status).toBe("warn");
  });

  it.each([
    [{ "User Context": "SYSTEM" }, "elevated"],
    [{ "User Context": "ELEVATED User" }, "elevated"],
    [{ "User Context": "UN-ELEVATED User" }, "not-elevated"],
    [{ KeySignTest: "MUST Run elevated to test." }, "not-elevated"],
    [{ AadRecoveryEnabled: "NO" }, "unknown"],
  ])("elevation from %o → %s", (fields, value) => {
    expect(analyse(paste({ "Diagnostic Data": fields })).state.elevated.value).toBe(value);
  });

  it("reads the WAM default account and its provider", () => {
    const a = analyse(paste({ "User State": { WamDefaultSet: "YES", WamDefaultAuthority: "organizations", WamDefaultGUID: "{B16898C6-A148-4967-9171-64D755DA8520} (AzureAd)" } }));
    expect(a.state.wamDefault).toMatchObject({ value: "set", authority: "organizations", provider: "AzureAd" });
  });

  it("warns about dual state: hybrid joined and registered at once", () => {
    const a = analyse(paste({ "Device State": { AzureAdJoined: "YES", DomainJoined: "YES" }, "User State": { WorkplaceJoined: "YES" } }));
    expect(finding(a, "dual-state")).toMatchObject({ status: "warn", link: LINKS.dualState, lines: [5, 6, 12] });
  });
});

describe("findings", () => {
  it("say nothing about sections that were not pasted", () => {
    const a = analyse(paste({ "Ngc Prerequisite Check": { PreReqResult: "WillProvision" } }));
    expect(a.findings).toEqual([]);
  });

  it("point every finding at lines of the paste and at a link of the design's URL scheme", () => {
    const text = paste({
      "Device State": { AzureAdJoined: "YES", DomainJoined: "YES" },
      "Device Details": { DeviceAuthStatus: "FAILED. Device is either disabled or deleted" },
      "User State": { WorkplaceJoined: "YES", WamDefaultSet: "ERROR" },
      "SSO State": { AzureAdPrt: "NO" },
      "Diagnostic Data": { KeySignTest: "FAILED" },
    });
    const a = analyse(text);
    expect(a.findings.map((f) => `${f.id}:${f.status}`)).toEqual([
      "join-type:pass",
      "device-auth:fail",
      "prt:fail",
      "key-health:fail",
      "dual-state:warn",
      "wam-default:warn",
      "elevation:warn",
    ]);
    const lines = text.split("\n");
    for (const f of a.findings) {
      expect(f.lines.length, f.id).toBeGreaterThan(0);
      for (const l of f.lines) expect(lines[l - 1], `${f.id} line ${l}`).toMatch(/ : /);
      expect(f.link.href).toMatch(/^\/codes\/caa50021\/(onedrive\/#fix-[a-z-]+|admin\/#[a-z-]+)$/);
    }
  });
});
