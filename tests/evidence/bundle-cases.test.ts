/**
 * The cases of issue 25, each on a bundle of the current command (fixture 92) with one part
 * changed, or on a public fixture: a failure is never an absence, no answer from a fragment, and
 * the words (SYSTEM, shared build numbers, empty lists, codes in the dsregcmd part).
 * Error and count lines in Russian and German below are illustrative shapes (a word, a colon,
 * text), not captured outputs: the analyzer must not depend on their wording.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { WATCHED_PACKAGES, analyzePaste } from "../../src/evidence/index.ts";
import { loadProjectKb } from "../helpers/kb.ts";
import { bundleFixtures, bundleOf, metaBody, runOf, section, windowsFixtures } from "./bundle-helpers.ts";

const kb = loadProjectKb();
const PS = bundleFixtures().find((f) => f.name.startsWith("92-"))!.text;
const TOKEN = /run=(\w+)/.exec(PS)![1]!;
const fixture = (name: string) => windowsFixtures().find((f) => f.name.startsWith(name))!.text;
const DSREG_DIR = join(import.meta.dirname, "../fixtures/dsregcmd");

/** Fixture 92 with the body of one part replaced. */
function withPart(id: string, body: string, text = PS): string {
  const lines = text.split("\n");
  const at = lines.findIndex((l) => l.startsWith(`===== FIXPATH:${id} `));
  let end = at + 1;
  while (end < lines.length && !lines[end]!.startsWith("===== FIXPATH:")) end++;
  return [...lines.slice(0, at + 1), body, "", ...lines.slice(end)].join("\n");
}

/** The error PowerShell 7 prints when it cannot load the Appx module (quoted in issue 25). */
const PS7_APPX = "The 'Get-AppxPackage' command was found in the module 'Appx', but the module could not be loaded.";

describe("a failure is never an absence", () => {
  it("PowerShell 7 failing to load Appx: the apps stay unknown, the broker is not called missing, managed stays unknown, and PowerShell 7 is said", () => {
    const failures = Object.keys(WATCHED_PACKAGES).map((n) => `${n} : ERROR: ${PS7_APPX}`).join("\n");
    const text = withPart("appx", failures, withPart("meta", metaBody(TOKEN, "7.4.6")));
    const a = bundleOf(text);
    expect(a.facts.facts).not.toHaveProperty("managed");
    expect(a.facts.notes.join(" ")).toMatch(/Company Portal: Get-AppxPackage failed for microsoft\.companyportal, so whether it is installed could not be told/);
    const broker = a.findings.find((f) => f.id === "broker-package")!;
    expect(broker.status).toBe("warn");
    expect(broker.message).toMatch(/could not be told.*Run the command again in Windows PowerShell, not PowerShell 7\./);
    expect(a.findings.find((f) => f.id === "powershell-7")!.message).toMatch(/^This ran in PowerShell 7\.4\.6, not in Windows PowerShell/);
    const apps = a.card.find((r) => r.key === "apps")!;
    expect(apps).toMatchObject({ value: "Not known", tone: "unknown" });
    expect(apps.detail).toMatch(/^Could not tell for Microsoft Entra sign-in broker, Cloud Experience Host, accounts control, new Teams, Company Portal \(Get-AppxPackage failed for them\)/);
  });

  it("the earlier command's NOT FOUND (errors hidden) is not taken as not installed, least of all under PowerShell 7", () => {
    const legacy = section("meta", "bundle=1\nPS=7.4.6 LM=FullLanguage UI=en-US") + section("appx", "Microsoft.AAD.BrokerPlugin : NOT FOUND\nMicrosoft.CompanyPortal : NOT FOUND") + section("end", "");
    const a = bundleOf(legacy);
    expect(a.findings.find((f) => f.id === "broker-package")).toMatchObject({ status: "warn", message: expect.stringMatching(/printed NOT FOUND, but this paste comes from the earlier command, which printed NOT FOUND also when Get-AppxPackage failed \(and it ran in PowerShell 7\.4\.6, where that often fails\)/) });
    // The current command's NOT FOUND is an absence.
    expect(bundleOf(runOf({ appx: "Microsoft.AAD.BrokerPlugin : NOT FOUND" })).findings.find((f) => f.id === "broker-package")!.status).toBe("fail");
  });

  it("an error record beside NOT FOUND lines (in any language) makes them doubtful", () => {
    expect(bundleOf(PS).facts.facts.managed).toBe(false);
    const a = bundleOf(withPart("appx", "Get-AppxPackage : Ошибка: не удалось загрузить модуль\nMSTeams : NOT FOUND\nMicrosoft.CompanyPortal : NOT FOUND"));
    expect(a.facts.facts).not.toHaveProperty("managed");
    expect(a.facts.notes.join(" ")).toMatch(/printed NOT FOUND, but the part also holds a line that is not an app entry \(line \d+\)/);
  });

  it("an enrollment part with an access error beside the placeholder leaves managed unknown (the unreadable key may be the real one)", () => {
    const mdm = "Get-ItemProperty : Requested registry access is not allowed.\n\nPSChildName     : FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF\nProviderID      : \nEnrollmentState : 1";
    const a = bundleOf(withPart("mdm", mdm));
    expect(a.evidence.sections.mdm!.state).toBe("partial");
    expect(a.facts.facts).not.toHaveProperty("managed");
    expect(a.facts.facts).toMatchObject({ isAdmin: false, windowsServer: false });
  });

  it("an enrollment part with an error in Russian beside the placeholder is read as could not read, not as read", () => {
    const mdm = "Ошибка: отказано в доступе.\n\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Enrollments\\FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF\n    EnrollmentState    REG_DWORD    0x1";
    const a = bundleOf(withPart("mdm", mdm));
    expect(a.evidence.sections.mdm).toMatchObject({ state: "partial", error: { text: "Ошибка: отказано в доступе." } });
    expect(a.facts.facts).not.toHaveProperty("managed");
    expect(a.facts.notes.join(" ")).toMatch(/holds a line that is not an entry \(line \d+\), so an enrollment may be missing from it/);
  });

  it("a missing OneDrive key (NOT FOUND from the current command) means no accounts; an empty part from the earlier command stays unknown", () => {
    expect(bundleOf(withPart("onedrive-accounts", "NOT FOUND")).facts.facts.personalAndWorkPaired).toBe(false);
    const legacy = section("onedrive-accounts", "") + section("end", "");
    const a = bundleOf(section("meta", "bundle=1") + legacy);
    expect(a.facts.facts).not.toHaveProperty("personalAndWorkPaired");
    expect(a.facts.notes.join(" ")).toMatch(/which the earlier command also printed when it could not read the accounts/);
  });

  it("an empty saved sign-ins part is not read as zero sign-ins", () => {
    const a = bundleOf(withPart("credman", ""));
    expect(a.card.find((r) => r.key === "accounts")!.value).toMatch(/no saved Microsoft 365 sign-in listed/);
    expect(a.card.find((r) => r.key === "accounts")!.value).not.toMatch(/0 saved/);
  });
});

describe("words", () => {
  it("names a SYSTEM token as SYSTEM, not as ran as administrator", () => {
    const groups = '"Everyone","Well-known group","S-1-1-0","Mandatory group, Enabled by default, Enabled group"\n"BUILTIN\\Administrators","Alias","S-1-5-32-544","Enabled by default, Enabled group, Group owner"\n"Mandatory Label\\System Mandatory Level","Label","S-1-16-16384",""';
    const a = bundleOf(withPart("whoami-groups", groups));
    expect(a.facts.facts).not.toHaveProperty("isAdmin");
    expect(a.facts.notes.join(" ")).toMatch(/this window ran as SYSTEM, the Windows system account/);
    expect(a.findings.find((f) => f.id === "elevated-window")!.message).toMatch(/^This window ran as SYSTEM/);
  });

  it("does not call a build shared by client and server editions Windows 10 without InstallationType", () => {
    const a = bundleOf(runOf({ ver: "Microsoft Windows [Version 10.0.17763.5458]" }));
    expect(a.card.find((r) => r.key === "edition")!.value).toBe("Not known");
    expect(a.card.find((r) => r.key === "edition")!.detail).not.toMatch(/Windows 10/);
    const server = bundleOf(runOf({ ver: "Microsoft Windows [Version 10.0.17763.5458]", os: "EditionID : ServerStandard\nInstallationType : Server Core\nCurrentBuild : 17763" }));
    expect(server.card.find((r) => r.key === "edition")!.value).toBe("Windows Server (ServerStandard)");
    expect(server.facts.facts.windowsServer).toBe(true);
    const client = bundleOf(runOf({ os: "EditionID : Enterprise\nInstallationType : Client\nCurrentBuild : 17763" }));
    expect(client.card.find((r) => r.key === "edition")!.value).toMatch(/^Windows 10 Enterprise/);
  });

  it("puts the codes of the dsregcmd part in the code list", () => {
    const diag = readFileSync(join(DSREG_DIR, "05-mslearn-prejoin-discover-fail-0x801c0021.txt"), "utf8");
    const a = analyzePaste(withPart("dsregcmd", diag), { kb });
    if (!a.ok || a.kind !== "bundle") throw new Error("expected a bundle");
    expect(a.recognition.codes.map((c) => c.display)).toEqual(expect.arrayContaining(["0x801C0021", "AADSTS50034"]));
    const c = a.recognition.codes.find((x) => x.display === "0x801C0021")!;
    expect(withPart("dsregcmd", diag).split("\n")[c.line - 1]).toContain("0x801c0021");
  });

  it("reads the public whoami /all of a local admin (fixture 01) in a run of the current command", () => {
    const rows = fixture("01").split("\n").filter((l) => /S-1-(?:16|5-32|1-0|5-114)/.test(l)).join("\n");
    const a = bundleOf(withPart("whoami-groups", rows));
    expect(a.facts.facts.isAdmin).toBe(true);
    expect(a.card.find((r) => r.key === "admin")!.value).toBe("Yes (this window was not elevated)");
  });
});

describe("reg query in other languages", () => {
  it("reads the count line reg query /s ends with by its shape, so a German enrollment part is read in full", () => {
    const de = "Suche beendet: 0 Übereinstimmung(en) gefunden.\n\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Enrollments\\FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF\n    EnrollmentState    REG_DWORD    0x1\n\nSuche beendet: 1 Übereinstimmung(en) gefunden.";
    const a = bundleOf(withPart("mdm", de));
    expect(a.evidence.sections.mdm!.state).toBe("read");
    expect(a.facts.facts.managed).toBe(false);
  });
});
