import { describe, expect, it } from "vitest";
import { type Condition, type Facts } from "../../src/model/index.ts";
import { loadKnowledgeBase } from "../../src/model/load/index.ts";
import { readContentFiles } from "../../src/model/content-fs.ts";
import { canonicalCode, evaluate, plan, type Plan, type StepStatus, type Truth } from "../../src/engine/index.ts";
import { makeFacts, realKb, seedScenario } from "./helpers.ts";

const kb = realKb();
const seed = seedScenario(kb);
const TARGET = { code: "caa50021", app: "onedrive" };
const ADVANCED = seed.steps.filter((s) => s.tier === "advanced").map((s) => s.id);
const FIRST_LINE = seed.steps.filter((s) => s.tier === "first-line").map((s) => s.id);
const NEVER_ON_MANAGED = seed.avoid.filter((a) => a.neverOnManaged).map((a) => a.id);
const STATE_CHANGING = seed.steps.filter((s) => s.changesState).map((s) => s.id);
const REGISTRATION = seed.steps.filter((s) => s.changesRegistration && s.tier === "first-line").map((s) => s.id);

const statusOf = (p: Plan, id: string): StepStatus | undefined => p.steps.find((s) => s.id === id)?.status;
const reasonOf = (p: Plan, id: string): string => p.steps.find((s) => s.id === id)?.reason ?? "";

describe("conditions", () => {
  const U = "unknown";
  const t = (fact: string, is: string | boolean): Condition => ({ fact, is });
  // managed: true, isAdmin: false, windowsServer: unknown
  const facts: Facts = { managed: true, isAdmin: false };
  const T = t("managed", true);
  const F = t("isAdmin", true);
  const X = t("windowsServer", true);

  it.each<[string, Condition, Truth]>([
    // --- single facts: unknown stays unknown
    ["a true test", T, true],
    ["a false test", F, false],
    ["a test of an unanswered fact", X, U],
    ["`is: unknown` of an unanswered fact", t("windowsServer", U), true],
    ["`is: unknown` of an answered fact", t("managed", U), false],
    ["`in` with unknown, unanswered", { fact: "windowsServer", in: [true, U] }, true],
    ["`in` without unknown, unanswered", { fact: "windowsServer", in: [true, false] }, U],
    // --- Kleene logic
    ["all(true, unknown)", { all: [T, X] }, U],
    ["all(false, unknown)", { all: [F, X] }, false],
    ["any(true, unknown)", { any: [T, X] }, true],
    ["any(false, unknown)", { any: [F, X] }, U],
    ["not(unknown)", { not: X }, U],
    ["not(false)", { not: F }, true],
  ])("%s is %s", (_name, cond, expected) => {
    expect(evaluate(cond, facts)).toBe(expected);
  });

  it.each<[string, string, string | undefined, Truth]>([
    // --- code facts compare every written form; `none` means no other code
    ["same code, other case", "0x8004de40", "0X8004DE40", true],
    ["same code without 0x", "0x8004de40", "8004de40", true],
    ["same code as signed decimal", "0x8004de40", "-2147164608", true],
    ["another code", "0x8004de40", "0x8004de90", false],
    ["none vs a code", "none", "0x8004de40", false],
    ["none vs None", "none", "None", true],
    ["a code vs not answered", "0x8004de40", undefined, U],
  ])("code facts: %s", (_name, is, value, expected) => {
    const f: Facts = value === undefined ? {} : { otherErrorAfterSignIn: value };
    expect(evaluate({ fact: "otherErrorAfterSignIn", is }, f)).toBe(expected);
  });
});

describe("plan on caa50021/onedrive", () => {
  type Expect = { outcome?: Plan["outcome"]; status?: Record<string, StepStatus>; escalation?: boolean; switchTo?: string };
  it.each<[string, Facts, Expect]>([
    // --- the broker clean-up runs as the person, from an ordinary prompt: no admin rights needed
    ["does the broker clean-up without admin rights on an unmanaged PC", makeFacts({ isAdmin: false }), { outcome: "plan", status: { "cleanup-wam-accounts": "do" } }],
    ["does the broker clean-up with admin rights on an unmanaged PC", makeFacts({ isAdmin: true }), { status: { "cleanup-wam-accounts": "do" } }],
    // --- it removes a registered work account: on a managed PC it is IT's, rights or not
    ["leaves the broker clean-up to IT on a managed PC without rights", makeFacts({ managed: true, isAdmin: false }), { status: { "cleanup-wam-accounts": "ask-admin", "check-access-work-or-school": "ask-admin" } }],
    ["leaves the broker clean-up to IT on a managed PC even with rights", makeFacts({ managed: true, isAdmin: true }), { status: { "cleanup-wam-accounts": "ask-admin", "check-access-work-or-school": "ask-admin" } }],
    // --- an unknown answer never unlocks (issue 21)
    ["holds the broker clean-up and Access work or school until managed is known", makeFacts({ managed: undefined }), { status: all(REGISTRATION, "find-out") }],
    ["holds the state-changing advanced steps until managed is known", makeFacts({ managed: undefined }), { status: all(ADVANCED.filter((id) => seed.steps.find((s) => s.id === id)!.changesState), "find-out") }],
    ["holds every state-changing step while Windows Server is unknown", makeFacts({ windowsServer: undefined }), { status: all(STATE_CHANGING, "find-out") }],
    ["holds every state-changing step while the account type is unknown", makeFacts({ accountType: undefined }), { status: all(STATE_CHANGING, "find-out") }],
    // --- managed vs unmanaged
    ["skips the advanced steps and escalates on a managed device", makeFacts({ managed: true }), { outcome: "plan", escalation: true, status: { ...all(ADVANCED, "skip"), ...all(FIRST_LINE.filter((id) => !["unlink-work-account", ...REGISTRATION].includes(id)), "do"), ...all(REGISTRATION, "ask-admin"), ...all(NEVER_ON_MANAGED, "never") } }],
    ["offers the advanced steps on an unmanaged device, and still never the avoided actions", makeFacts({ managed: false }), { outcome: "plan", escalation: false, status: { ...all(ADVANCED, "do"), ...all(NEVER_ON_MANAGED, "never") } }],
    ["never offers never-on-managed actions when managed is unknown", makeFacts({ managed: undefined }), { outcome: "plan", status: all(NEVER_ON_MANAGED, "never") }],
    ["never offers reinstalling first, managed or not", makeFacts({ managed: false }), { status: { "reinstall-onedrive": "never" } }],
    // --- personal and work OneDrive on one PC
    ["unlinks the work account when personal and work are paired", makeFacts({ where: "account-add", personalAndWorkPaired: true }), { status: { "unlink-work-account": "do" } }],
    // --- account-add vs banner
    ["skips the unlink while adding an account that is not paired", makeFacts({ where: "account-add", personalAndWorkPaired: false }), { status: { "unlink-work-account": "skip" } }],
    ["unlinks an already paired account (banner)", makeFacts({ where: "banner", personalAndWorkPaired: false }), { status: { "unlink-work-account": "do" } }],
    ["unlinks, assumed, while adding when pairing is unknown", makeFacts({ where: "account-add" }), { status: { "unlink-work-account": "do" } }],
    // --- stops
    ["a personal account is not this error", makeFacts({ accountType: "personal" }), { outcome: "not-this-error", escalation: false, status: all(seed.steps.map((s) => s.id), "skip") }],
    ["another code after sign-in switches guide", makeFacts({ otherErrorAfterSignIn: "0x8004de40" }), { outcome: "switch-guide", switchTo: "0x8004de40" }],
    ["another code written in capitals switches guide", makeFacts({ otherErrorAfterSignIn: "0X8004DE40" }), { outcome: "switch-guide", switchTo: "0x8004de40" }],
    ["another code written without 0x switches guide", makeFacts({ otherErrorAfterSignIn: "8004de40" }), { outcome: "switch-guide", switchTo: "0x8004de40" }],
    ["a code without a hub is written canonically", makeFacts({ otherErrorAfterSignIn: "0X8004DEAD" }), { outcome: "switch-guide", switchTo: "0x8004dead" }],
    ["no other code keeps the plan", makeFacts({ otherErrorAfterSignIn: "none" }), { outcome: "plan" }],
    ["Windows Server escalates before any state change", makeFacts({ windowsServer: true }), { outcome: "escalate", escalation: true, status: all(STATE_CHANGING, "skip") }],
    ["several users affected escalates before any state change", makeFacts({ multipleUsersAffected: true }), { outcome: "escalate", escalation: true, status: all(STATE_CHANGING, "skip") }],
    ["files not synced with zero files escalates before any state change", makeFacts({ filesNotSyncedZeroFiles: true }), { outcome: "escalate", escalation: true, status: all(STATE_CHANGING, "skip") }],
    ["a personal account wins over Windows Server (content order)", makeFacts({ accountType: "personal", windowsServer: true }), { outcome: "not-this-error" }],
  ])("%s", (_name, facts, want) => {
    const p = plan(kb, TARGET, dropUndefined(facts));
    if (want.outcome) expect(p.outcome).toBe(want.outcome);
    for (const [id, status] of Object.entries(want.status ?? {})) expect({ id, status: statusOf(p, id) }).toEqual({ id, status });
    if (want.escalation !== undefined) expect(p.escalation !== undefined).toBe(want.escalation);
    if (want.switchTo !== undefined) expect(p.switchTo).toBe(want.switchTo);
    for (const s of p.steps) expect(s.reason.length, s.id).toBeGreaterThan(8);
  });

  it("says in the skip reason which stop ended the plan", () => {
    const p = plan(kb, TARGET, makeFacts({ windowsServer: true }));
    const stop = seed.stops.find((s) => s.when && "fact" in s.when && s.when.fact === "windowsServer")!;
    expect(reasonOf(p, "clean-restart")).toContain(stop.title);
    expect(p.escalation?.reasons.join(" ")).toContain(stop.reason);
  });

  it("gives the step's whenNot as the reason it is skipped", () => {
    const p = plan(kb, TARGET, makeFacts({ where: "account-add", personalAndWorkPaired: false }));
    expect(reasonOf(p, "unlink-work-account")).toBe(seed.steps.find((s) => s.id === "unlink-work-account")!.whenNot);
  });

  it("says why the broker clean-up is IT's on a managed PC, from the answers", () => {
    const reason = reasonOf(plan(kb, TARGET, makeFacts({ managed: true })), "cleanup-wam-accounts");
    expect(reason).toMatch(/managed by your organisation/);
    expect(reason).toMatch(/work account/);
    expect(reason).toMatch(/IT/);
  });

  it("says which question to answer when a registration step waits for managed", () => {
    const p = plan(kb, TARGET, makeFacts({ managed: undefined }));
    const prompt = seed.questions.find((q) => q.fact === "managed")!.prompt;
    expect(reasonOf(p, "cleanup-wam-accounts")).toContain(prompt);
    expect(reasonOf(p, "cleanup-wam-accounts")).toMatch(/^Find out first/);
    expect(p.steps.find((s) => s.id === "cleanup-wam-accounts")?.findOut).toEqual(["managed"]);
    // Once answered, it is the person's (unmanaged) or IT's (managed) at once.
    expect(statusOf(plan(kb, TARGET, makeFacts({ managed: false, hybridJoined: false })), "cleanup-wam-accounts")).toBe("do");
    expect(statusOf(plan(kb, TARGET, makeFacts({ managed: true })), "cleanup-wam-accounts")).toBe("ask-admin");
  });

  it("never says steps were tried in a plan for someone who tried none", () => {
    for (const facts of [makeFacts({ managed: true }), makeFacts({ managed: true, isAdmin: false }), makeFacts({ windowsServer: true }), {}]) {
      const p = plan(kb, TARGET, facts);
      const words = [...p.steps.map((s) => s.reason), ...(p.escalation?.reasons ?? [])].join("\n");
      expect(words).not.toMatch(/\byou did\b|you (have )?tried|none of the steps/i);
    }
    const afterFirstLine = seed.stops.find((s) => s.at === "after-first-line")!;
    const p = plan(kb, TARGET, makeFacts({ managed: true }));
    expect(p.escalation?.reasons.join(" ")).toContain(afterFirstLine.reason);
    expect(p.escalation?.reasons[0]).toMatch(/^If the error is still there after the first-line steps/);
  });

  it("links the admin checklist only when the code has one", () => {
    const p = plan(kb, TARGET, makeFacts({ windowsServer: true }));
    if (kb.checklists.has("caa50021")) expect(p.escalation?.checklist).toBe("/codes/caa50021/admin/");
    else expect(p.escalation && "checklist" in p.escalation).toBe(false);
  });

  it("resolves any written form of the code", () => {
    expect(plan(kb, { code: "0xCAA50021", app: "onedrive" }, {})).toEqual(plan(kb, TARGET, {}));
  });

  it("throws a RangeError for a code or app without a scenario", () => {
    expect(() => plan(kb, { code: "caa50021", app: "nope" }, {})).toThrow(RangeError);
  });
});

describe("assumptions and the next question", () => {
  it("records what it assumed for unanswered facts and which ids that affects", () => {
    const p = plan(kb, TARGET, {});
    const answered = plan(kb, TARGET, dropUndefined(makeFacts({ where: undefined, personalAndWorkPaired: undefined })));
    const where = answered.assumptions.find((a) => a.fact === "where");
    expect(where?.affects).toContain("unlink-work-account");
    const server = p.assumptions.find((a) => a.fact === "windowsServer");
    expect(server?.affects.length).toBeGreaterThan(0);
    // No step of this scenario needs admin rights; the registration steps wait for the answers instead of assuming them.
    expect(p.assumptions.find((a) => a.fact === "isAdmin")).toBeUndefined();
    for (const id of REGISTRATION) expect(statusOf(p, id)).toBe("find-out");
  });

  it("assumes nothing when every fact is answered", () => {
    const p = plan(kb, TARGET, makeFacts({ where: "banner", personalAndWorkPaired: false }));
    expect(p.assumptions).toEqual([]);
    expect(p.nextQuestion).toBeUndefined();
  });

  it.each<[string, Facts, string | undefined]>([
    // --- stops at start come first, in question order
    ["nothing answered: the first start-stop question", {}, "accountType"],
    ["account type answered: the next start-stop question", { accountType: "work" }, "otherErrorAfterSignIn"],
    // --- then facts that change a first-line step, earliest step first
    ["stops answered: managed changes a first-line step (the broker clean-up)", omit(makeFacts(), "isAdmin", "managed"), "managed"],
    ["admin answered: managed changes the advanced steps", omit(makeFacts(), "managed"), "managed"],
    // --- facts that matter only together come last, in question order
    ["where and pairing both unknown", makeFacts(), "where"],
    ["where answered account-add: pairing decides the unlink", makeFacts({ where: "account-add" }), "personalAndWorkPaired"],
    ["where answered banner: pairing no longer matters", makeFacts({ where: "banner" }), undefined],
  ])("%s → %s", (_name, facts, fact) => {
    const p = plan(kb, TARGET, facts);
    expect(p.nextQuestion?.fact).toBe(fact);
    if (fact) expect(seed.questions).toContain(p.nextQuestion);
  });
});

describe("purity", () => {
  it("does not change the facts it is given, and round-trips through JSON", () => {
    const facts = Object.freeze(makeFacts({ managed: true }));
    const p = plan(kb, TARGET, facts);
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
    expect(facts).toEqual(makeFacts({ managed: true }));
  });

  it("plans the same whatever order the content files load in", () => {
    const files = readContentFiles("content");
    const reversed = loadKnowledgeBase([...files].reverse()).kb!;
    for (const facts of [{}, makeFacts({ managed: true }), makeFacts({ otherErrorAfterSignIn: "0x8004de40" })]) {
      expect(plan(reversed, TARGET, facts)).toEqual(plan(kb, TARGET, facts));
    }
  });

  it("writes unknown codes canonically", () => {
    expect(canonicalCode("0X8004DE40")).toBe("0x8004de40");
    expect(canonicalCode("2147802688")).toBe("0x8004de40");
    expect(canonicalCode("AADSTS50126")).toBe("aadsts50126");
  });
});

function all(ids: readonly string[], status: StepStatus): Record<string, StepStatus> {
  return Object.fromEntries(ids.map((id) => [id, status]));
}

function dropUndefined(facts: Facts): Facts {
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)) as Facts;
}

function omit(facts: Facts, ...keys: (keyof Facts)[]): Facts {
  const copy = { ...facts };
  for (const k of keys) delete copy[k];
  return copy;
}
