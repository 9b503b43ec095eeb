/**
 * Issue 23, Outlook and Microsoft 365 Apps pages (facts: shared/facts/outlook-office.md): each new
 * scenario gives a work account on an unmanaged PC with administrator rights at least two steps or
 * a hand-over with reasons, and each page's own promises hold in its plans.
 */
import { describe, expect, it } from "vitest";
import { plan, type Plan } from "../../src/engine/index.ts";
import { isCodeFact, type Facts } from "../../src/model/index.ts";
import { realKb } from "./helpers.ts";

const kb = realKb();

/** The scenarios this file covers, as `code/app`. */
const PAGES = ["caa2000b/outlook", "80070520/office", "80070520/outlook", "80090016/office", "caa5001c/outlook"] as const;

/** A work account on an unmanaged PC with administrator rights, every stop answered no. */
const WORK_UNMANAGED_ADMIN: Facts = {
  accountType: "work",
  windowsServer: false,
  multipleUsersAffected: false,
  filesNotSyncedZeroFiles: false,
  managed: false,
  isAdmin: true,
  otherErrorAfterSignIn: "none",
  innerErrorCode: "none",
};

const planFor = (page: string, facts: Facts): Plan => {
  const [code, app] = page.split("/") as [string, string];
  return plan(kb, { code, app }, facts);
};
const doing = (p: Plan) => p.steps.filter((s) => s.status === "do").map((s) => s.id);
const statusOf = (p: Plan, id: string) => p.steps.find((s) => s.id === id)?.status;

describe.each(PAGES)("%s", (page) => {
  it("exists in the knowledge base", () => {
    expect(kb.scenarios.has(page)).toBe(true);
  });

  it("gives a work account on an unmanaged PC with admin rights two steps or a hand-over with reasons", () => {
    const p = planFor(page, WORK_UNMANAGED_ADMIN);
    const handOver = (p.escalation?.reasons.filter((r) => r.trim().length > 20) ?? []).length > 0;
    expect(doing(p).length >= 2 || handOver, JSON.stringify(p, null, 2)).toBe(true);
  });

  it("turns away or hands over, never plans, on Windows Server", () => {
    const p = planFor(page, { ...WORK_UNMANAGED_ADMIN, windowsServer: true });
    expect(p.outcome).not.toBe("plan");
    expect(doing(p)).toEqual([]);
  });

  it("does no advanced step on a managed PC and ends with a hand-over", () => {
    const p = planFor(page, { ...WORK_UNMANAGED_ADMIN, managed: true });
    const sc = kb.scenarios.get(page)!;
    for (const s of sc.steps.filter((x) => x.tier === "advanced")) expect(statusOf(p, s.id)).not.toBe("do");
    expect(p.escalation?.reasons.length ?? 0).toBeGreaterThan(0);
  });
});

describe("CAA2000B in Outlook: a tenant problem", () => {
  const page = "caa2000b/outlook";
  const sc = kb.scenarios.get(page)!;

  it("changes nothing on the PC: no step changes state", () => {
    expect(sc.steps.filter((s) => s.changesState).map((s) => s.id)).toEqual([]);
  });

  it("hands over to the tenant admin even on an unmanaged PC, after the look-and-note steps", () => {
    const p = planFor(page, WORK_UNMANAGED_ADMIN);
    expect(p.outcome).toBe("plan");
    expect(doing(p)).toEqual(sc.steps.map((s) => s.id));
    expect(p.escalation?.reasons.join(" ")).toMatch(/sign-in logs/);
  });

  it("escalates at once when several colleagues see it", () => {
    const p = planFor(page, { ...WORK_UNMANAGED_ADMIN, multipleUsersAffected: true });
    expect(p.outcome).toBe("escalate");
    expect(doing(p)).toEqual([]);
  });

  it("lists resets and reinstalls as never, on any PC", () => {
    for (const managed of [true, false]) {
      const p = planFor(page, { ...WORK_UNMANAGED_ADMIN, managed });
      expect(statusOf(p, "reinstall-office")).toBe("never");
      expect(statusOf(p, "device-resets-for-tenant-error")).toBe("never");
    }
  });

  it("turns a personal account away", () => {
    expect(planFor(page, { ...WORK_UNMANAGED_ADMIN, accountType: "personal" }).outcome).toBe("not-this-error");
  });
});

describe("80070520: start the app as yourself", () => {
  it.each(["80070520/office", "80070520/outlook"])("%s: starting normally comes first and never-elevated is a never item", (page) => {
    const p = planFor(page, WORK_UNMANAGED_ADMIN);
    expect(doing(p)[0]).toBe("start-office-normally");
    expect(statusOf(p, "run-office-elevated")).toBe("never");
    expect(statusOf(p, "delete-broker-tokens-by-hand")).toBe("never");
  });

  it("Outlook: the broker clean-up after a migration is an advanced step, IT's on a managed PC and held while that is unknown", () => {
    const id = "clear-broker-accounts-after-sid-change";
    expect(statusOf(planFor("80070520/outlook", { ...WORK_UNMANAGED_ADMIN, managed: true }), id)).not.toBe("do");
    const unknown: Facts = { ...WORK_UNMANAGED_ADMIN };
    delete unknown.managed;
    expect(statusOf(planFor("80070520/outlook", unknown), id)).toBe("find-out");
    expect(statusOf(planFor("80070520/outlook", WORK_UNMANAGED_ADMIN), id)).toBe("do");
  });

  it("Outlook: OneDrive's empty folder stops the plan before anything changes", () => {
    const p = planFor("80070520/outlook", { ...WORK_UNMANAGED_ADMIN, filesNotSyncedZeroFiles: true });
    expect(p.outcome).toBe("escalate");
    expect(doing(p)).toEqual([]);
  });
});

describe("TPM malfunctioned in Microsoft 365 Apps: clearing the TPM is never a user step", () => {
  const page = "80090016/office";
  const sc = kb.scenarios.get(page)!;

  it("lists clearing the TPM and firmware changes as avoided items, with BitLocker recovery and data loss in the why", () => {
    const clear = sc.avoid.find((a) => a.id === "clear-tpm");
    expect(clear?.neverOnManaged).toBe(true);
    expect(clear?.why).toMatch(/BitLocker recovery/);
    expect(clear?.why).toMatch(/lose data/);
    expect(clear?.why).toMatch(/no warning/);
    expect(sc.avoid.map((a) => a.id)).toEqual(expect.arrayContaining(["firmware-tpm-changes-yourself", "enable-protection-policy", "disconnect-device-join"]));
  });

  it("has no step that clears the TPM, whatever its id", () => {
    for (const s of sc.steps) expect(JSON.stringify(s.instructions)).not.toMatch(/Clear TPM/);
  });

  it.each([true, false, undefined])("never offers the TPM, firmware or registry items (managed: %s)", (managed) => {
    const facts: Facts = { ...WORK_UNMANAGED_ADMIN };
    if (managed === undefined) delete facts.managed;
    else facts.managed = managed;
    const p = planFor(page, facts);
    for (const id of ["clear-tpm", "firmware-tpm-changes-yourself", "enable-protection-policy"]) expect(statusOf(p, id)).toBe("never");
  });

  it("on a managed PC leaves the account clean-ups to IT and hands over", () => {
    const p = planFor(page, { ...WORK_UNMANAGED_ADMIN, managed: true });
    expect(statusOf(p, "check-access-work-or-school")).not.toBe("do");
    expect(statusOf(p, "clear-broker-token-cache")).not.toBe("do");
    expect(p.escalation?.reasons.join(" ")).toMatch(/TPM/);
  });
});

describe("CAA5001C / event 1098 in Outlook: the inner code decides", () => {
  const page = "caa5001c/outlook";
  const sc = kb.scenarios.get(page)!;

  it("asks for the inner code, a question whose fact holds a code", () => {
    const q = sc.questions.find((x) => x.fact === "innerErrorCode");
    expect(q).toBeDefined();
    expect(isCodeFact("innerErrorCode")).toBe(true);
  });

  it.each([
    // a written form of a code with a hub switches to that hub's id
    ["2147943712", "80070520"],
    ["-2147023584", "80070520"],
    ["AADSTS50011", "aadsts50011"],
    // a code without a hub still switches, to its canonical hex form
    ["-895352823 (0xcaa20009)", undefined],
  ])("switches to the guide of inner code %s", (inner, target) => {
    const p = planFor(page, { ...WORK_UNMANAGED_ADMIN, innerErrorCode: inner });
    expect(p.outcome).toBe("switch-guide");
    if (target) expect(p.switchTo).toBe(target);
    else expect(p.switchTo).toMatch(/caa20009/);
    expect(doing(p)).toEqual([]);
  });

  it("with no inner code, reads the event and hands over with a reason", () => {
    const p = planFor(page, WORK_UNMANAGED_ADMIN);
    expect(p.outcome).toBe("plan");
    expect(doing(p)).toEqual(["read-event-1098"]);
    expect(p.escalation?.reasons.join(" ")).toMatch(/inner code/);
  });

  it("while the inner code is unknown, asks for it", () => {
    const facts: Facts = { ...WORK_UNMANAGED_ADMIN };
    delete facts.innerErrorCode;
    const p = planFor(page, facts);
    expect(p.nextQuestion?.fact).toBe("innerErrorCode");
  });
});
