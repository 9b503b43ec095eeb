// The bundle's derived state (src/evidence/bundle/derive.ts): each part's readability, the
// edition and the watched apps are worked out once, and facts, findings and the device card read them.
import { describe, expect, it } from "vitest";
import { bundleToFacts, deriveBundleFindings, deriveBundleState, deviceCard, parseBundle } from "../../src/evidence/index.ts";
import { bundleOf, runOf } from "./bundle-helpers.ts";

const GROUPS_STANDARD = '"Mandatory Label\\Medium Mandatory Level","Label","S-1-16-8192",""\n"BUILTIN\\Users","Alias","S-1-5-32-545","Mandatory group, Enabled by default, Enabled group"';
const OS_CLIENT = "EditionID        : Enterprise\nInstallationType : Client\nCurrentBuild     : 22631";
const APPX = "Name   : Microsoft.AAD.BrokerPlugin\nStatus : Ok\n\nMicrosoft.CompanyPortal : NOT FOUND";

describe("deriveBundleState", () => {
  it("says for every part whether it printed data and why it settles nothing, in words", () => {
    const text = runOf({ "whoami-groups": GROUPS_STANDARD, os: "", mdm: "ERROR: Access is denied.", appx: "Get-AppxPackage : something went wrong" });
    const { parts } = bundleOf(text).state;
    expect(parts["whoami-groups"]).toEqual({ printed: true });
    expect(parts.os).toEqual({ printed: false, unreadable: { kind: "empty", words: "the Windows edition part is empty" } });
    expect(parts.mdm).toEqual({ printed: false, unreadable: { kind: "denied", words: expect.stringMatching(/^the management enrollment part says access was denied \(line \d+\)$/) } });
    expect(parts.appx).toEqual({ printed: false, unreadable: { kind: "error", words: expect.stringMatching(/^the installed apps part printed an error instead \(line \d+\)$/) } });
    expect(parts.credman).toEqual({ printed: false, unreadable: { kind: "missing", words: "the saved sign-ins part is not in the paste" } });
  });

  it("keeps a part the paste is cut off in as printed, but not for answers", () => {
    const text = runOf({ os: OS_CLIENT, appx: APPX }, { end: false });
    const a = bundleOf(text);
    expect(a.state.parts.appx).toEqual({ printed: true, unreadable: { kind: "cut-off", words: "the paste is cut off inside the installed apps part, so it is not used for answers" } });
    // The card and the findings show what the fragment printed; no fact rests on it.
    expect(a.state.packages?.["microsoft.aad.brokerplugin"].value).toBe("ok");
    expect(a.findings.find((f) => f.id === "broker-package")?.status).toBe("pass");
    expect(a.facts.support.map((s) => s.fact)).not.toContain("managed");
  });

  it("works out the edition from the parts it may use, and the watched apps by their printed names", () => {
    const state = deriveBundleState(parseBundle(runOf({ os: OS_CLIENT, appx: APPX })));
    expect(state.edition.windowsServer).toMatchObject({ value: false, reason: "InstallationType Client" });
    expect(state.edition.family.value).toBe("Windows 11");
    expect(state.packages?.["microsoft.companyportal"]).toMatchObject({ value: "not-found", reason: "Microsoft.CompanyPortal is not installed for this user" });
    expect(state.packages?.msteams).toMatchObject({ value: "unknown", reason: "MSTeams is not in the paste" });
    expect(deriveBundleState(parseBundle(runOf({ os: OS_CLIENT }))).packages).toBeUndefined();
  });

  it("is what facts, findings and the card read: a part the state calls unreadable answers nothing there", () => {
    const ev = parseBundle(runOf({ "whoami-groups": GROUPS_STANDARD, os: OS_CLIENT, appx: APPX }));
    const state = deriveBundleState(ev);
    expect(bundleToFacts(ev, state).facts).toMatchObject({ isAdmin: false, windowsServer: false });
    const gap = { kind: "error", words: "the groups of your sign-in (whoami /groups) part printed an error instead (line 9)" } as const;
    const doubted = { ...state, parts: { ...state.parts, "whoami-groups": { printed: false, unreadable: gap } }, packages: undefined };
    const facts = bundleToFacts(ev, doubted);
    expect(facts.facts).not.toHaveProperty("isAdmin");
    expect(facts.notes).toContain(`Administrator rights stay unknown: ${gap.words}.`);
    expect(deriveBundleFindings(ev, doubted).map((f) => f.id)).not.toContain("broker-package");
    expect(deviceCard(ev, doubted, facts).find((r) => r.key === "apps")).toMatchObject({ value: "Not known", detail: "" });
  });
});
