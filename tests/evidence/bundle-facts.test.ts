import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planScenario } from "../../src/engine/index.ts";
import { BUNDLE_FACTS, analyzeDsregcmd } from "../../src/evidence/index.ts";
import { loadProjectKb } from "../helpers/kb.ts";
import { bundleOf, bundleFixtures, runOf, windowsFixtures } from "./bundle-helpers.ts";

const kb = loadProjectKb();
const fixture = (name: string) => windowsFixtures().find((f) => f.name.startsWith(name))!.text;
const FULL = bundleFixtures().find((f) => f.name.startsWith("90-"))!.text;

const GROUPS_STANDARD = '"Mandatory Label\\Medium Mandatory Level","Label","S-1-16-8192",""\n"BUILTIN\\Users","Alias","S-1-5-32-545","Mandatory group, Enabled by default, Enabled group"';
const GROUPS_ADMIN = fixture("02").split("\n").slice(1).join("\n").replace("S-1-16-12288", "S-1-16-8192");
const OS_CLIENT = "EditionID        : Enterprise\nInstallationType : Client\nCurrentBuild     : 22631";
const OS_SERVER = "EditionID        : ServerStandard\nInstallationType : Server\nCurrentBuild     : 20348";
const OS_AVD = "EditionID        : ServerRdsh\nInstallationType : Server\nCurrentBuild     : 22631";
const MDM_INTUNE = "PSChildName     : 5B1C6D7E-0000-4000-8000-123456789ABC\nProviderID      : MS DM Server\nEnrollmentState : 1\nEnrollmentType  : 6\nUPN             : ana@contoso.com\nAADTenantID     : 3e47136a-2382-43d3-98e7-fa3646a91bfe";
const MDM_NONE = "PSChildName     : FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF\nProviderID      : \nEnrollmentState : 1";
const APPX_NO_PORTAL = "Name   : Microsoft.AAD.BrokerPlugin\nStatus : Ok\n\nMicrosoft.CompanyPortal : NOT FOUND";
const APPX_PORTAL = "Name   : Microsoft.CompanyPortal\nVersion : 11.2.1\nStatus : Ok";
const APPX_BROKEN = "Name   : Microsoft.AAD.BrokerPlugin\nStatus : NeedsRemediation";
const ACC_PAIRED = "PSChildName : Business1\nUserEmail   : ana@contoso.com\nUserFolder  : C:\\Users\\ana\\OneDrive - Contoso\n\nPSChildName : Personal\nUserFolder  : C:\\Users\\ana\\OneDrive\ncid         : 1a2b3c4d5e6f7a8b";
const ACC_WORK = "PSChildName : Business1\nUserEmail   : ana@contoso.com\nUserFolder  : C:\\Users\\ana\\OneDrive - Contoso";
const DENIED = "ERROR: Access is denied.";
const dsreg = (a: "YES" | "NO", d: "YES" | "NO", w: "YES" | "NO") =>
  `+----+\n| Device State |\n+----+\n\n             AzureAdJoined : ${a}\n          EnterpriseJoined : NO\n              DomainJoined : ${d}\n\n+----+\n| User State |\n+----+\n\n           WorkplaceJoined : ${w}\n`;

const bundle = (parts: Record<string, string>) => runOf(parts);

describe("bundleToFacts", () => {
  it("settles isAdmin from S-1-5-32-544 of a normal window, both ways", () => {
    expect(bundleOf(bundle({ "whoami-groups": GROUPS_ADMIN })).facts.facts.isAdmin).toBe(true);
    expect(bundleOf(bundle({ "whoami-groups": GROUPS_STANDARD })).facts.facts.isAdmin).toBe(false);
  });

  it("leaves isAdmin unknown for an elevated window, and says why", () => {
    const a = bundleOf(bundle({ "whoami-groups": fixture("02").split("\n").slice(1).join("\n") }));
    expect(a.facts.facts).not.toHaveProperty("isAdmin");
    expect(a.facts.notes.join(" ")).toMatch(/ran as administrator/);
    expect(a.findings.map((f) => f.id)).toContain("elevated-window");
  });

  it("settles windowsServer: Client no, Server yes, Enterprise multi-session no", () => {
    expect(bundleOf(bundle({ os: OS_CLIENT })).facts.facts.windowsServer).toBe(false);
    expect(bundleOf(bundle({ os: OS_SERVER })).facts.facts.windowsServer).toBe(true);
    const avd = bundleOf(bundle({ os: OS_AVD }));
    expect(avd.facts.facts.windowsServer).toBe(false);
    expect(avd.card.find((r) => r.key === "edition")!.detail).toMatch(/multi-session/);
  });

  it("reads Windows 11 from the build, not from ProductName", () => {
    const a = bundleOf(bundle({ os: `ProductName : Windows 10 Pro\n${OS_CLIENT}` }));
    expect(a.card.find((r) => r.key === "edition")!.value).toMatch(/^Windows 11 /);
  });

  it("settles managed from an enrollment with a ProviderID, never from the all-F placeholder", () => {
    expect(bundleOf(bundle({ mdm: MDM_INTUNE })).facts.facts.managed).toBe(true);
    expect(bundleOf(bundle({ mdm: MDM_NONE })).facts.facts).not.toHaveProperty("managed");
    expect(bundleOf(fixture("05")).evidence.sections.mdm!.data.enrolled.value).toBe(false);
  });

  it("settles managed from Company Portal and from a hybrid join", () => {
    expect(bundleOf(bundle({ appx: APPX_PORTAL })).facts.facts.managed).toBe(true);
    expect(bundleOf(bundle({ dsregcmd: dsreg("YES", "YES", "NO") })).facts.facts).toMatchObject({ managed: true, hybridJoined: true });
  });

  it("says not managed only when enrollment, Company Portal and the join all say so", () => {
    const personal = { mdm: MDM_NONE, appx: APPX_NO_PORTAL, dsregcmd: dsreg("NO", "NO", "YES") };
    expect(bundleOf(bundle(personal)).facts.facts.managed).toBe(false);
    // A domain-joined PC without MDM is still managed by its domain: unknown.
    expect(bundleOf(bundle({ ...personal, dsregcmd: dsreg("NO", "YES", "NO") })).facts.facts).not.toHaveProperty("managed");
    // Enrollment unreadable: unknown, with the reason.
    const denied = bundleOf(bundle({ ...personal, mdm: DENIED }));
    expect(denied.facts.facts).not.toHaveProperty("managed");
    expect(denied.facts.notes.join(" ")).toMatch(/management enrollment part says access was denied \(line \d+\)/);
  });

  it("settles personalAndWorkPaired from the OneDrive accounts", () => {
    expect(bundleOf(bundle({ "onedrive-accounts": ACC_PAIRED })).facts.facts.personalAndWorkPaired).toBe(true);
    expect(bundleOf(bundle({ "onedrive-accounts": ACC_WORK })).facts.facts.personalAndWorkPaired).toBe(false);
  });

  it("leaves every fact of a section that says Access is denied unknown, and says so", () => {
    const a = bundleOf(bundle({ "whoami-groups": DENIED, os: DENIED, dsregcmd: DENIED, mdm: DENIED, appx: DENIED, "onedrive-accounts": DENIED }));
    expect(a.facts.facts).toEqual({});
    for (const s of ["whoami-groups", "os", "mdm", "appx", "onedrive-accounts"] as const) expect(a.evidence.sections[s]!.state).toBe("denied");
    expect(a.facts.notes).toHaveLength(BUNDLE_FACTS.length);
    expect(a.facts.notes.every((n) => /access was denied/.test(n))).toBe(true);
  });

  it("gives the full derived bundle the facts its sections support", () => {
    const a = bundleOf(FULL, kb);
    expect(a.facts.facts).toEqual({ isAdmin: true, windowsServer: false, personalAndWorkPaired: true, innerErrorCode: "0xCAA10009" });
    expect(a.facts.notes.join(" ")).toMatch(/managed stays unknown: the management enrollment part says access was denied/);
  });

  // The arbitrary bundle: any subset of sections, each one of its variants, in any order.
  const VARIANTS: Record<string, string[]> = {
    "whoami-groups": [GROUPS_ADMIN, GROUPS_STANDARD, fixture("02"), fixture("01"), DENIED],
    os: [OS_CLIENT, OS_SERVER, OS_AVD, fixture("03"), fixture("04"), DENIED],
    producttype: ["WinNT", "ServerNT"],
    dsregcmd: [dsreg("YES", "YES", "NO"), dsreg("YES", "NO", "NO"), dsreg("NO", "NO", "YES"), dsreg("NO", "YES", "NO"), DENIED],
    mdm: [MDM_INTUNE, MDM_NONE, fixture("05"), DENIED],
    appx: [APPX_NO_PORTAL, APPX_PORTAL, APPX_BROKEN, fixture("09"), DENIED],
    "onedrive-accounts": [ACC_PAIRED, ACC_WORK, "", DENIED],
  };
  const arbitraryBundle = fc
    .tuple(...Object.entries(VARIANTS).map(([id, v]) => fc.option(fc.constantFrom(...v).map((body) => [id, body] as const), { nil: undefined })))
    .chain((parts) => fc.shuffledSubarray(parts.filter((p) => p !== undefined), { minLength: parts.filter((p) => p !== undefined).length }))
    .map((parts) => runOf(parts));

  it("every fact toFacts sets has at least one supporting line, inside the paste, holding the section's text", () => {
    fc.assert(
      fc.property(arbitraryBundle, (text) => {
        const a = bundleOf(text);
        const all = text.split("\n");
        for (const [fact, value] of Object.entries(a.facts.facts)) {
          const s = a.facts.support.filter((x) => x.fact === fact);
          expect(s, fact).toHaveLength(1);
          expect(s[0]!.value).toBe(value);
          expect(s[0]!.lines.length, fact).toBeGreaterThan(0);
          for (const n of s[0]!.lines) expect(all[n - 1]?.trim(), `${fact} line ${n}`).toBeTruthy();
        }
        // Unknown is never absent: every bundle fact is either set or has a note.
        for (const f of BUNDLE_FACTS) if (!(f in a.facts.facts)) expect(a.facts.notes.some((n) => n.length > 0), f).toBe(true);
        expect(a.facts.notes.length + a.facts.support.length).toBeGreaterThanOrEqual(BUNDLE_FACTS.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe("bundle findings", () => {
  it("points an AADSTS code of event 1081 at its hub and offers the switch", () => {
    const a = bundleOf(bundle({ "aad-operational": fixture("12") }), kb);
    const f = a.findings.find((x) => x.id === "event-aadsts50034")!;
    expect(f).toMatchObject({ status: "fail", link: { href: "/codes/aadsts50034/" }, switchTo: { code: "aadsts50034" } });
    expect(f.lines).toContain(a.evidence.sections["aad-operational"]!.data.events[0]!.codes[0]!.line);
  });

  it("lists every code of an event with its line and column, the signed decimal joined to its hex", () => {
    const codes = bundleOf(fixture("13")).evidence.sections["aad-operational"]!.data.events[0]!.codes;
    expect(codes.map((c) => [c.display, c.text, c.line, c.col])).toEqual([
      ["0xCAA5001C", "0xCAA5001C", 1, 8],
      ["0xCAA10009", "-895418359", 3, 42],
      ["0xCAA10009", "0xcaa10009", 3, 54],
    ]);
  });

  it("reports OneAuthUnrecoverableTimestamp when it has a value, not when Select-Object printed it empty", () => {
    expect(bundleOf(bundle({ onedrive: "Version : 24.1\nOneAuthUnrecoverableTimestamp : 133480512000000000" })).findings.map((f) => f.id)).toContain("onedrive-oneauth-off");
    expect(bundleOf(bundle({ onedrive: "Version : 24.1\nOneAuthUnrecoverableTimestamp : " })).findings.map((f) => f.id)).not.toContain("onedrive-oneauth-off");
  });

  it("fails a broker package that is not Ok or not installed", () => {
    expect(bundleOf(bundle({ appx: APPX_BROKEN })).findings.find((f) => f.id === "broker-package")).toMatchObject({ status: "fail", message: expect.stringContaining("NeedsRemediation") });
    expect(bundleOf(bundle({ appx: "Microsoft.AAD.BrokerPlugin : NOT FOUND" })).findings.find((f) => f.id === "broker-package")!.status).toBe("fail");
  });

  it("warns that /cleanupaccounts deletes them all when Windows work accounts are listed", () => {
    expect(bundleOf(fixture("10")).findings.find((f) => f.id === "wam-accounts")!.message).toMatch(/dsregcmd \/cleanupaccounts deletes every one of them: never run it just to look/);
  });

  it("a User State block alone with WorkplaceJoined YES says the account is registered for this user", () => {
    const text = "+----+\n| User State |\n+----+\n\n                    NgcSet : NO\n           WorkplaceJoined : YES\n             WamDefaultSet : YES\n";
    const r = analyzeDsregcmd(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const f = r.analysis.findings.find((x) => x.id === "registered-user")!;
    expect(f.message).toMatch(/Microsoft Entra registered in this user's context/);
    expect(f.lines).toEqual([6]);
    // Inside a bundle, the device card says so too, and the join stays unknown.
    const b = bundleOf(bundle({ dsregcmd: text }));
    expect(b.card.find((c) => c.key === "join")!.value).toBe("Work account registered for this user");
    expect(b.facts.facts).not.toHaveProperty("hybridJoined");
  });
});

describe("the Command Prompt fallback", () => {
  const CMD = bundleFixtures().find((f) => f.name.startsWith("91-"))!.text;
  it("reads reg query output value by value, merged by key, and the markers echo prints", () => {
    const a = bundleOf(CMD, kb);
    const S = a.evidence.sections;
    expect(a.evidence.complete).toBe(true);
    expect(S.os!.data).toMatchObject({ editionId: { value: "Professional" }, installationType: { value: "Client" }, currentBuild: { value: 22631 }, ubr: { value: 0x116C } });
    expect(S.mdm!.data.entries.map((e) => [e.id, e.enrolled, e.placeholder])).toEqual([
      ["5B1C6D7E-0000-4000-8000-123456789ABC", true, false],
      ["FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", false, true],
    ]);
    expect(S.onedrive!.state).toBe("partial");
    expect(S.onedrive!.data.oneAuthUnrecoverableTimestamp).toBeUndefined();
    expect(S["onedrive-accounts"]!.data.accounts.map((x) => [x.name, x.setUp])).toEqual([["Business1", true], ["Personal", true]]);
    expect(S.office!.data.channel?.value).toBe("Monthly Enterprise");
    expect(a.facts.facts).toEqual({ isAdmin: true, windowsServer: false, hybridJoined: false, managed: true, personalAndWorkPaired: true });
    expect(a.card.find((r) => r.key === "edition")!.value).toMatch(/^Windows 11 Professional 23H2/);
  });
});

describe("bundleToFacts: the inner code of event 1098", () => {
  const EVENT = (inner: string) => `Log Name:      Microsoft-Windows-AAD/Operational\nEvent ID:      1098\nDescription:\nError: 0xCAA5001C Token broker operation failed.\nOperation name: GetTokenSilently, Error: ${inner}, Description: AADSTS50011: The redirect URI does not match.`;

  it("reads the other code of a real 1098 text (fixture 13), with its line", () => {
    const a = bundleOf(fixture("13"));
    expect(a.facts.facts.innerErrorCode).toBe("0xCAA10009");
    const support = a.facts.support.find((s) => s.fact === "innerErrorCode")!;
    expect(support.lines).toEqual([3]);
    expect(support.because).toMatch(/0xCAA5001C/);
  });

  it("prefers the numbered error to the AADSTS text, in every form the number is written", () => {
    expect(bundleOf(bundle({ "aad-operational": EVENT("-895352823 (0xCAA20009)") })).facts.facts.innerErrorCode).toBe("0xCAA20009");
    expect(bundleOf(bundle({ "aad-operational": EVENT("2147943712") })).facts.facts.innerErrorCode).toBe("0x80070520");
  });

  it("leaves it unknown, saying which codes, when two events name different ones", () => {
    const a = bundleOf(bundle({ "aad-operational": `${EVENT("2147943712")}\n\n${EVENT("-895352823 (0xcaa20009)")}` }));
    expect(a.facts.facts).not.toHaveProperty("innerErrorCode");
    expect(a.facts.notes.join(" ")).toMatch(/different ones \(0x80070520, 0xCAA20009\)/);
  });

  it("says nothing of it when no event carries 0xCAA5001C (it concerns that code's guide alone)", () => {
    const a = bundleOf(fixture("12"));
    expect(a.facts.facts).not.toHaveProperty("innerErrorCode");
    expect(a.facts.notes.join(" ")).not.toMatch(/1098/);
  });

  it("takes the person from CAA5001C's Outlook guide to the inner code's guide", () => {
    const facts = bundleOf(fixture("13").replace("-895418359 (0xcaa10009)", "2147943712")).facts.facts;
    expect(facts.innerErrorCode).toBe("0x80070520");
    const plan = planScenario(kb, kb.scenarios.get("caa5001c/outlook")!, { ...facts, app: "outlook" });
    expect(plan.outcome).toBe("switch-guide");
    expect(plan.switchTo).toBe("80070520");
  });
});

