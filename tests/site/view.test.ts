// The site's shared view code and the scenario file the diagnostic loads (pure functions).
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildCodeFile, buildScenarioFile, hubLinks } from "../../site/src/lib/data.ts";
import { commandView, instructionGroups, linkAnchors, stepBadges } from "../../site/src/lib/view.ts";
import { planScenario } from "../../src/engine/plan.ts";
import { STEP_OUTCOMES, STEP_OUTCOME_WORDS } from "../../src/model/outcomes.ts";
import { checklistUrl, hubUrl, scenarioUrl, stepUrl } from "../../src/model/urls.ts";
import { loadProjectKb } from "../helpers/kb.ts";

const kb = loadProjectKb();

describe("page URLs, built in one place", () => {
  it("follow the design's URL table", () => {
    expect(hubUrl("caa50021")).toBe("/codes/caa50021/");
    expect(scenarioUrl("caa50021", "onedrive")).toBe("/codes/caa50021/onedrive/");
    expect(stepUrl("caa50021", "onedrive", "clean-restart")).toBe("/codes/caa50021/onedrive/#fix-clean-restart");
    expect(checklistUrl("caa50021")).toBe("/codes/caa50021/admin/");
    expect(checklistUrl("caa50021", "prt-health")).toBe("/codes/caa50021/admin/#prt-health");
  });
});

describe("step outcomes, defined once", () => {
  it("have words for every outcome", () => {
    expect(Object.keys(STEP_OUTCOME_WORDS)).toEqual([...STEP_OUTCOMES]);
  });
});

describe("the step view shared by the page and the diagnostic", () => {
  it("gives a never-on-managed step its badge", () => {
    const step = kb.scenarios.get("0x8004de40/onedrive")!.steps.find((s) => s.id === "enable-tls12-cipher-suites")!;
    expect(stepBadges(step).map((b) => b.label)).toEqual(["Needs admin rights", "Restart", "Changes settings", "Not on managed PCs"]);
  });

  it("attaches commands to the sentence before them", () => {
    const groups = instructionGroups(["Open PowerShell.", { shell: "powershell", run: "Get-TlsCipherSuite", elevated: true }, "Restart."]);
    expect(groups.map((g) => [g.text, g.cmds.map((c) => c.run)])).toEqual([["Open PowerShell.", ["Get-TlsCipherSuite"]], ["Restart.", []]]);
    expect(commandView({ shell: "powershell", run: "Get-TlsCipherSuite", elevated: true })).toEqual({ head: "PowerShell · run as administrator", copyLabel: "Copy command: Get-TlsCipherSuite" });
  });
});

describe("words for people", () => {
  it("links a page's own anchors written as code, and leaves other code alone", () => {
    const items = [{ id: "leave-rejoin", title: "Leave and rejoin" }];
    expect(linkAnchors("by its route (see `leave-rejoin`); run `dsregcmd /status`", items)).toBe("by its route (see [Leave and rejoin](#leave-rejoin)); run `dsregcmd /status`");
  });

  it("shows the plan's reasons as the engine words them: questions, never fact names", () => {
    const scenario = kb.scenarios.get("caa50021/onedrive")!;
    const facts = { accountType: "work", managed: false, isAdmin: true, windowsServer: false, multipleUsersAffected: false, filesNotSyncedZeroFiles: false, otherErrorAfterSignIn: "none" } as const;
    const reasons = [{}, facts].flatMap((f) => planScenario(kb, scenario, f).steps.map((s) => s.reason));
    for (const r of reasons) expect(r).not.toMatch(/until you answer [a-z]+[A-Z]|\b(?:accountType|isAdmin|personalAndWorkPaired)\b/);
    const where = scenario.questions.find((q) => q.fact === "where")!.prompt;
    expect(reasons.some((r) => r.includes(`until you answer "${where}"`))).toBe(true);
  });
});

describe("the scenario file the diagnostic loads", () => {
  it("holds one scenario without the page-only fields, and the checklist's titles, owners, apps and conditions only", () => {
    const file = buildScenarioFile(kb, "caa50021", "onedrive");
    const full = kb.scenarios.get("caa50021/onedrive")!;
    expect(file.scenario.steps.map((s) => s.id)).toEqual(full.steps.map((s) => s.id));
    expect(file.scenario.questions).toEqual(full.questions);
    expect(file.scenario.stops).toEqual(full.stops);
    expect("meaning" in file.scenario || "causes" in file.scenario).toBe(false);
    // The report reads each item's id, title, owner and, when the item declares them, its apps and the answers it fits.
    const items = kb.checklists.get("caa50021")!.items;
    expect(file.checklist!.items.map((i) => Object.keys(i).sort())).toEqual(items.map((i) => [...(i.apps ? ["apps"] : []), "id", "owner", "title", ...(i.when ? ["when"] : [])]));
    expect(file.checklist!.items.some((i) => i.when)).toBe(true);
    expect(file.checklist!.items.some((i) => i.apps?.includes("teams"))).toBe(true);
    expect(file.hubs).toEqual(hubLinks(kb));
    const gz = (v: unknown) => gzipSync(JSON.stringify(v)).length;
    expect(gz(file)).toBeLessThan(gz(buildCodeFile(kb, "caa50021")) / 3);
  });

  it("says which of a code's guides fit a personal account", () => {
    const caa = hubLinks(kb).find((h) => h.id === "caa50021")!;
    const expected = [...kb.scenarios.values()].filter((s) => s.code === "caa50021" && s.accountTypes.includes("personal")).map((s) => s.app);
    expect(caa.personal).toEqual(expected);
    expect(caa.personal).not.toContain("onedrive");
  });
});
