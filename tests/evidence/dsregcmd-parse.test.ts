import { describe, expect, it } from "vitest";
import { MAX_WARNINGS, parseDsregcmdRaw, parseDsregcmdStatus, type DsregcmdEvidence } from "../../src/evidence/index.ts";

const box = (title: string) => ["+" + "-".repeat(70) + "+", `| ${title.padEnd(68)} |`, "+" + "-".repeat(70) + "+", ""];
const evidence = (text: string): DsregcmdEvidence => {
  const r = parseDsregcmdStatus(text);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.evidence;
};
const warningsOf = (text: string) => {
  const r = parseDsregcmdStatus(text);
  return r.ok ? r.warnings.map((w) => w.code) : r.issues.map((i) => i.code);
};

describe("parseDsregcmdStatus: field spacing", () => {
  it.each([
    ["`Key : value`", "             AzureAdJoined : YES"],
    ["`Key: value` (legacy)", "    AzureAdJoined: YES"],
    ["`Key:value`", "AzureAdJoined:YES"],
    ["`Key: : value`", "    AzureAdJoined: : YES"],
    ["irregular alignment", "  AzureAdJoined     :    YES   "],
    ["lower-case value", " AzureAdJoined : yes"],
  ])("reads %s", (_, line) => {
    const ev = evidence([...box("Device State"), line].join("\n"));
    expect(ev.deviceState.azureAdJoined).toEqual({ value: true, raw: expect.stringMatching(/^yes$/i), line: 5 });
  });

  it("reads `KeySignTest: : MUST Run elevated to test.` as a test that needs elevation (fixture 01)", () => {
    const ev = evidence([...box("Device State"), "     KeySignTest: : MUST Run elevated to test."].join("\n"));
    expect(ev.diagnosticData.keySignTest?.value).toEqual({ result: "needs-elevation", codes: [] });
    expect(ev.layout).toBe("legacy");
  });

  it("keeps an empty value as present-but-empty, not as missing", () => {
    const ev = evidence([...box("Tenant Details"), "                    MdmUrl :"].join("\n"));
    expect(ev.tenantDetails.mdmUrl).toEqual({ value: "", raw: "", line: 5 });
    expect(ev.tenantDetails.mdmTouUrl).toBeUndefined();
  });
});

describe("parseDsregcmdStatus: sections", () => {
  it("places fields by the section they are printed in: OnPremTgt in SSO State, OnPremTGT in the Ngc check", () => {
    const ev = evidence([...box("SSO State"), "   OnPremTgt : YES", "", ...box("Ngc Prerequisite Check"), "   OnPremTGT : NO"].join("\n"));
    expect(ev.ssoState.onPremTgt?.value).toBe(true);
    expect(ev.ngcPrerequisiteCheck.onPremTgt?.value).toBe(false);
  });

  it("moves legacy fields from Device State and User State to their sections and says the layout is legacy", () => {
    const ev = evidence([...box("Device State"), " TenantId: x", " TpmProtected: YES", "", ...box("User State"), " AzureAdPrt: YES"].join("\n"));
    expect(ev.layout).toBe("legacy");
    expect(ev.tenantDetails.tenantId?.value).toBe("x");
    expect(ev.deviceDetails.tpmProtected?.value).toBe(true);
    expect(ev.ssoState.azureAdPrt?.value).toBe(true);
  });

  it("keeps the modern layout when every field sits in its own section", () => {
    expect(evidence([...box("Device State"), " AzureAdJoined : NO"].join("\n")).layout).toBe("modern");
  });

  it("reads bare fields pasted without any header", () => {
    const ev = evidence("AzureAdJoined : YES\nDomainJoined : NO\n");
    expect(ev.deviceState.azureAdJoined?.value).toBe(true);
    expect(ev.sections).toEqual([]);
  });

  it("opens one PRT diagnostics block per `…PrtDiagnostics : PRESENT` line", () => {
    const ev = evidence(
      [...box("SSO State"), " AzureAdPrt : NO", " AcquirePrtDiagnostics : PRESENT", " Attempt Status : 0xC000006D", " RefreshPrtDiagnostics : PRESENT", " Attempt Status : 0xc00484c1", " HTTP status : 400"].join("\n"),
    );
    expect(ev.prtDiagnostics.map((b) => [b.kind, b.line, b.fields.attemptStatus?.value])).toEqual([
      ["acquire", 6, "0xc000006d"],
      ["refresh", 8, "0xc00484c1"],
    ]);
    expect(ev.prtDiagnostics[1]!.fields.httpStatus?.value).toBe(400);
  });

  it("numbers Work Account blocks from their headers", () => {
    const ev = evidence([...box("Work Account 2"), " WorkplaceTenantName : Example"].join("\n"));
    expect(ev.workAccounts).toEqual([{ index: 2, line: 2, fields: { workplaceTenantName: { value: "Example", raw: "Example", line: 5 } } }]);
  });

  it("keeps the fields of an unknown section as extras, with a warning", () => {
    const text = [...box("Device State"), " AzureAdJoined : YES", "", ...box("Brand New Section"), " AzureAdJoined : NO"].join("\n");
    const ev = evidence(text);
    expect(ev.deviceState.azureAdJoined?.value).toBe(true);
    expect(ev.sections.map((s) => s.name)).toEqual(["deviceState", "unknown"]);
    expect(ev.extras.map((x) => [x.line, x.reason])).toEqual([
      [8, "unknown-section"],
      [11, "unknown-field"],
    ]);
    expect(warningsOf(text)).toEqual(["dsreg/unknown-section", "dsreg/unknown-field"]);
  });
});

describe("parseDsregcmdStatus: lines that are not fields", () => {
  it("keeps unknown lines with their numbers and a reason, never drops them", () => {
    const text = ["note from the user", "C:\\>dsregcmd /status", ...box("Device State"), " AzureAdJoined : YES", " SomethingNew : 1", "garbled ###", "", "For more information, please visit https://www.microsoft.com/aadjerrors", "bye"].join("\n");
    const ev = evidence(text);
    expect(ev.capture.commandLine).toBe(2);
    expect(ev.capture.trailerLine).toBe(11);
    expect(ev.extras).toEqual([
      { line: 1, text: "note from the user", reason: "before-output" },
      { line: 8, text: " SomethingNew : 1", reason: "unknown-field" },
      { line: 9, text: "garbled ###", reason: "unrecognised" },
      { line: 12, text: "bye", reason: "after-output" },
    ]);
    expect(warningsOf(text)).toEqual(["dsreg/unknown-field", "dsreg/unrecognised-line"]);
  });

  it("keeps the first of two values for one field and the second as a duplicate", () => {
    const text = [...box("Device State"), " AzureAdJoined : YES", " AzureAdJoined : NO"].join("\n");
    const ev = evidence(text);
    expect(ev.deviceState.azureAdJoined?.value).toBe(true);
    expect(ev.extras).toEqual([{ line: 6, text: " AzureAdJoined : NO", reason: "duplicate" }]);
    expect(warningsOf(text)).toEqual(["dsreg/duplicate-field"]);
  });

  it("refuses a value its field cannot hold, keeps the line and says what was expected", () => {
    const r = parseDsregcmdStatus([...box("Device State"), " AzureAdJoined : MAYBE", ""].join("\n"));
    expect(r.ok && r.evidence.deviceState.azureAdJoined).toBe(undefined);
    expect(r.ok && r.evidence.extras[0]?.reason).toBe("bad-value");
    expect(r.ok && r.warnings[0]).toMatchObject({ code: "dsreg/unexpected-value", line: 5, path: "deviceState.azureAdJoined", expected: "YES or NO", file: "<paste>" });
  });

  it("keeps HTML and script in values as plain text, unchanged", () => {
    const ev = evidence([...box("Tenant Details"), ' TenantName : <img src=x onerror="alert(1)"> & <script>x</script>'].join("\n"));
    expect(ev.tenantDetails.tenantName?.value).toBe('<img src=x onerror="alert(1)"> & <script>x</script>');
  });

  it("caps the warnings and says how many more there were", () => {
    const lines = [...box("Device State"), ...Array.from({ length: MAX_WARNINGS + 5 }, (_, i) => `noise ${i}`)];
    const r = parseDsregcmdStatus(lines.join("\n"));
    expect(r.ok && r.warnings.length).toBe(MAX_WARNINGS + 1);
    expect(r.ok && r.warnings.at(-1)).toMatchObject({ code: "dsreg/too-many-warnings", message: "5 more warning(s) not listed" });
    expect(r.ok && r.evidence.extras.length).toBe(MAX_WARNINGS + 5);
  });
});

describe("parseDsregcmdStatus: truncated and wrapped pastes", () => {
  it.each([
    ["a cut key", [...box("Device State"), " AzureAdJoined : YES", "   EnterpriseJo"].join("\n")],
    ["a cut value", [...box("Device State"), " AzureAdJoined : YES", " DomainJoined : Y"].join("\n")],
    ["a cut header", [...box("Device State"), " AzureAdJoined : YES", "", "+" + "-".repeat(70) + "+", "| User St"].join("\n")],
    ["a header with nothing under it", [...box("Device State"), " AzureAdJoined : YES", "", ...box("User State")].join("\n")],
  ])("flags %s as truncated and keeps what came before", (_, text) => {
    const r = parseDsregcmdStatus(text);
    expect(r.ok && r.evidence.capture.truncated).toBe(true);
    expect(r.ok && r.evidence.deviceState.azureAdJoined?.value).toBe(true);
    expect(r.ok && r.warnings.map((w) => w.code)).toContain("dsreg/truncated");
  });

  it("does not flag a complete excerpt that ends with a lone border (Microsoft's samples)", () => {
    const r = parseDsregcmdStatus([...box("Device State"), " AzureAdJoined : YES", "+" + "-".repeat(70) + "+"].join("\n"));
    expect(r.ok && r.evidence.capture.truncated).toBe(false);
  });

  it("does not flag a last line without a newline whose value is complete", () => {
    const r = parseDsregcmdStatus([...box("Device State"), " AzureAdJoined : YES"].join("\n"));
    expect(r.ok && r.evidence.capture.truncated).toBe(false);
  });

  it("joins lines a 50-column console wrapped, borders and values alike", () => {
    const url = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/oauth2/token";
    const lines = [...box("Tenant Details"), `            AccessTokenUrl : ${url}`, `               AuthCodeUrl : ${url}`];
    const wrapped = lines.flatMap((l) => (l.length > 50 ? [l.slice(0, 50), l.slice(50, 100), l.slice(100)].filter(Boolean) : [l])).join("\n");
    const raw = parseDsregcmdRaw(wrapped);
    expect(raw.wrapWidth).toBe(50);
    const ev = evidence(wrapped);
    expect(ev.tenantDetails.accessTokenUrl?.value).toBe(url);
    expect(ev.tenantDetails.authCodeUrl?.value).toBe(url);
    expect(ev.sections.map((s) => s.title)).toEqual(["Tenant Details"]);
    expect(ev.extras).toEqual([]);
  });

  it("never merges a note typed under the longest field into its value", () => {
    const ev = evidence([...box("Tenant Details"), `            AccessTokenUrl : https://${"x".repeat(80)}`, "this is my note"].join("\n"));
    expect(ev.tenantDetails.accessTokenUrl?.value).toBe(`https://${"x".repeat(80)}`);
    expect(ev.extras.map((x) => x.reason)).toEqual(["unrecognised"]);
  });
});

describe("parseDsregcmdStatus: input it cannot use", () => {
  it.each([
    ["empty input", "", "dsreg/empty-input"],
    ["only whitespace", " \n\t\r\n ", "dsreg/empty-input"],
    ["text without any dsregcmd field", "Hello, Outlook says CAA50021", "dsreg/not-dsregcmd"],
    ["binary data", "\u0000\u0001\u0002PNG\u0000", "dsreg/binary-input"],
  ])("rejects %s with a clear issue", (_, text, code) => {
    const r = parseDsregcmdStatus(text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => [i.code, i.severity, i.file])).toEqual([[code, "error", "<paste>"]]);
    expect(!r.ok && r.issues[0]!.hint).toBeTruthy();
  });

  it("rejects 10 MB of text as too large without reading it", () => {
    const r = parseDsregcmdStatus("AzureAdJoined : YES\n".repeat(525_000));
    expect(!r.ok && r.issues[0]).toMatchObject({ code: "dsreg/too-large", expected: "at most 2.0 MB", received: "10.0 MB" });
  });
});
