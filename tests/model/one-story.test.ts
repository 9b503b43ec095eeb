/**
 * One story across pages (issue 21): where the content says the same thing on several pages, every
 * copy says it the same way. The lists of pages, steps and questions come from the content itself.
 */
import { describe, expect, it } from "vitest";
import type { Scenario } from "../../src/model/index.ts";
import { loadProjectKb } from "../helpers/kb.ts";

const kb = loadProjectKb();
const scenarios: [string, Scenario][] = [...kb.scenarios.entries()].sort(([a], [b]) => a.localeCompare(b));
const managedHelp = (sc: Scenario) => sc.questions.find((q) => q.fact === "managed")?.help;

/** Groups pages by the text they hold, so a failure names which pages differ from which. */
function copies(pick: (sc: Scenario) => unknown): Map<string, string[]> {
  const byText = new Map<string, string[]>();
  for (const [id, sc] of scenarios) {
    const text = JSON.stringify(pick(sc));
    if (text === undefined) continue;
    byText.set(text, [...(byText.get(text) ?? []), id]);
  }
  return byText;
}

describe("the signs of a managed computer", () => {
  it("every scenario lists the same signs", () => {
    const groups = copies((sc) => sc.managed.signs);
    expect([...groups.values()], "pages grouped by their signs list").toHaveLength(1);
  });

  it("every scenario that asks whether the PC is managed gives the same help", () => {
    const groups = copies(managedHelp);
    expect(groups.size, `pages grouped by their help: ${JSON.stringify([...groups.values()])}`).toBe(1);
    const asking = scenarios.filter(([, sc]) => managedHelp(sc) !== undefined).map(([id]) => id);
    const withSigns = scenarios.map(([id]) => id);
    expect(asking).toEqual(withSigns);
  });

  // domain-facts §3.2: AzureAdJoined YES alone is Entra joined, with DomainJoined YES hybrid joined;
  // WorkplaceJoined YES (User State) is a registered work account, not a join.
  it.each(scenarios)("%s: the signs and the help name an Entra-joined PC, a hybrid-joined PC, and say a registered work account is not one", (_id, sc) => {
    for (const text of [sc.managed.signs.join(" "), managedHelp(sc) ?? ""]) {
      expect(text).toMatch(/joined to Microsoft Entra ID/);
      expect(text).toMatch(/AzureAdJoined : YES/);
      expect(text).toMatch(/hybrid joined/);
      expect(text).toMatch(/DomainJoined : YES/);
      expect(text).toMatch(/WorkplaceJoined : YES[^.]*not a sign|Not a sign on its own[^.]*WorkplaceJoined : YES/);
      expect(text).toMatch(/your organisation's device/);
      for (const sign of ["Intune", "BitLocker", "Company Portal"]) expect(text).toContain(sign);
    }
  });
});

const textOf = (value: unknown): string => JSON.stringify(value);
const steps = scenarios.flatMap(([page, sc]) => sc.steps.map((step) => ({ page, step })));

describe("credential deletion", () => {
  // A step that has people remove entries in Credential Manager (MicrosoftOffice16, OneDrive Cached
  // Credential): found by its instructions, not by its id.
  const deletions = steps.filter(({ step }) => step.changesState && /Credential Manager/.test(textOf(step.instructions)) && /\*\*Remove\*\*/.test(textOf(step.instructions)));

  it("is found on the OneDrive, Outlook and Office pages", () => {
    expect(deletions.map(({ page }) => page)).toEqual(expect.arrayContaining(["caa50021/onedrive", "caa50021/outlook", "caa50021/office"]));
  });

  it("has one tier on every page, advanced (after the first-line steps, IT's on a managed PC)", () => {
    const tiers = deletions.map(({ page, step }) => `${page} ${step.id}: ${step.tier}`);
    expect(tiers).toEqual(deletions.map(({ page, step }) => `${page} ${step.id}: advanced`));
  });
});

describe("the zero-files stop", () => {
  // The broker and account clean-ups (changesRegistration) sign every app out, OneDrive included.
  const pages = scenarios.filter(([, sc]) => sc.steps.some((s) => s.changesRegistration));

  it.each(pages)("%s clears accounts, so it asks about OneDrive's empty folder and stops there", (_page, sc) => {
    expect(sc.questions.some((q) => q.fact === "filesNotSyncedZeroFiles")).toBe(true);
    const stop = sc.stops.find((s) => textOf(s.when).includes('"filesNotSyncedZeroFiles"'));
    expect(stop?.outcome).toBe("escalate");
  });
});

describe("dsregcmd /status", () => {
  // domain-facts §3.1: run as the signed-in user; elevation only for KeySignTest.
  const reading = steps.filter(({ step }) => step.instructions.some((i) => typeof i !== "string" && i.run === "dsregcmd /status"));

  it.each(reading.map(({ page, step }) => [`${page} ${step.id}`, step] as const))("%s: run as yourself, never elevated, and the step only reads", (_name, step) => {
    const commands = step.instructions.filter((i) => typeof i !== "string");
    expect(commands.every((c) => !c.elevated)).toBe(true);
    expect(textOf(step.instructions)).toMatch(/as yourself, not as administrator/);
    expect(step.changesState).toBe(false);
    expect(textOf(step.instructions)).not.toMatch(/add the work account again/);
  });
});
