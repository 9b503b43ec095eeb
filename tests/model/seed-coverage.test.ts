/**
 * The CAA50021 OneDrive scenario carries every item of shared/facts/seed-coverage.md. The item list
 * is read from that file, so a new item there fails this test until a check is written for it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Instruction, type Scenario, type Step } from "../../src/model/index.ts";
import { loadKnowledgeBase } from "../../src/model/load/index.ts";
import { readContentFiles } from "../../src/model/content-fs.ts";
import { ROOT } from "../helpers/io.ts";

const kb = loadKnowledgeBase(readContentFiles(join(ROOT, "content"), ROOT)).kb!;
const sc: Scenario = kb.scenarios.get("caa50021/onedrive")!;
const hub = kb.codes.get("caa50021")!;

const all = (value: unknown): string => JSON.stringify(value).toLowerCase();
const step = (id: string): Step => {
  const s = sc.steps.find((x) => x.id === id);
  if (!s) throw new Error(`no step ${id}`);
  return s;
};
const commands = (s: Step) => s.instructions.filter((i): i is Exclude<Instruction, string> => typeof i !== "string");
const has = (value: unknown, ...needles: string[]) => needles.every((n) => all(value).includes(n.toLowerCase()));
const stop = (id: string) => sc.stops.find((s) => s.id === id);
const avoided = (id: string) => sc.avoid.find((a) => a.id === id);
const firstLine = sc.steps.filter((s) => s.tier === "first-line").map((s) => s.id);
const advanced = sc.steps.filter((s) => s.tier === "advanced").map((s) => s.id);

const checks: Record<string, () => boolean> = {
  // Framing
  Q1: () => has(sc.quickAnswer, "outlook", "teams", "web account manager"),
  Q2: () => has(sc.quickAnswer, "personal", "work onedrive"),
  Q3: () => has(sc.quickAnswer, "unlink", "dsregcmd /cleanupaccounts", "restart", "pair"),
  Q4: () => has(sc.quickAnswer, "keeps your files") && has(step("reset-onedrive").dataSafety, "loses no data"),
  // Before you start
  B1: () => has(sc.beforeYouStart, "work or school", "@outlook.com", "@hotmail.com") && stop("personal-account")?.outcome === "not-this-error",
  B2: () => has(sc.beforeYouStart, "deletes the files", "reset") && has(sc.beforeYouStart, "stay on disk"),
  B3: () => has(sc.beforeYouStart, "both", "personal", "unlink step"),
  // B4, M2, M3 and S3 state the seed's claims; domain-facts §7.2, §9.6 and §8.x(c) correct them
  // (issue 11). The checks assert the corrected treatment of each item.
  // B4: no source says the clean-up needs elevation; it acts on the running profile and removes a
  // registered work account, so on a managed PC it is IT's and the person does the OneDrive side.
  B4: () =>
    has(sc.beforeYouStart, "own session", "ordinary prompt", "organisation manages", "onedrive-side steps") &&
    !step("cleanup-wam-accounts").needsAdmin &&
    step("cleanup-wam-accounts").actsOnOwnProfile &&
    step("cleanup-wam-accounts").changesRegistration &&
    step("cleanup-wam-accounts").caveats.some((c) => has(c, "no source says it needs elevation")),
  // What it means
  M1: () =>
    sc.whereItAppears.length === 2 &&
    has(sc.whereItAppears[0], "mfa", "caa50021") &&
    has(sc.whereItAppears[1], "grey", "red x", "There's a problem with your account. Please sign in again."),
  // M2: the retry theory is a third-party reading, labelled so, and the meaning is unconfirmed.
  M2: () => has(sc.meaning, "several silent attempts", "third-party", "unconfirmed"),
  // M3: OneDrive does keep credentials of its own (Credential Manager), which a step removes.
  M3: () => has(sc.meaning, "credential manager", "OneDrive Cached Credential", "broker") && !has(sc.meaning, "no credential store"),
  // Triggers
  T1: () => has(sc.triggers[0], "personal onedrive is already set up"),
  T2: () => sc.triggers.some((t) => has(t, "password")),
  T3: () => sc.triggers.some((t) => has(t, "mfa")),
  T4: () => sc.triggers.some((t) => has(t, "windows quality update")),
  T5: () => sc.triggers.some((t) => has(t, "windows server")),
  T6: () => sc.triggers.some((t) => has(t, "tenant")),
  // Causes, most common first
  C1: () => has(sc.causes[0], "stale work-account"),
  C2: () => has(sc.causes[1], "personal", "unlink the work account", "pair the work account first"),
  C3: () => has(sc.causes[2], "registration", "dsregcmd /status"),
  C4: () => has(sc.causes[3], "conditional access", "sync") && has(sc.causes[3], "admin side"),
  C5: () => has(sc.causes[4], "out of date"),
  // First-line fixes, in order; reinstall is never first-line
  S1: () =>
    firstLine[0] === "clean-restart" && has(step("clean-restart"), "**restart**", "shift", "choose an option", "continue") && step("clean-restart").caveats.length > 0,
  S2: () =>
    firstLine[1] === "unlink-work-account" &&
    has(step("unlink-work-account"), "gear", "settings", "account", "unlink this pc", "OneDrive - YourCompany", "don't delete that folder"),
  S3: () =>
    firstLine[2] === "cleanup-wam-accounts" &&
    commands(step("cleanup-wam-accounts")).some((c) => c.run === "dsregcmd /cleanupaccounts" && c.shell === "cmd") &&
    has(step("cleanup-wam-accounts"), "as yourself (not **run as", "restart", "Call CleanupAccounts to remove WAM accounts from the current user profile.") &&
    commands(step("cleanup-wam-accounts")).every((c) => !c.elevated) &&
    !step("cleanup-wam-accounts").needsAdmin,
  S4: () =>
    firstLine[3] === "check-access-work-or-school" &&
    has(step("check-access-work-or-school"), "Settings > Accounts > Access work or school", "connect", "mfa", "disconnect", "connected to …"),
  S5: () =>
    firstLine[4] === "repair-onedrive" &&
    has(step("repair-onedrive"), "work e-mail", "mfa", "OneDrive - YourCompany", "0x8004de40", "0x8004de90") &&
    sc.avoid.some((a) => a.id === "reinstall-onedrive") &&
    !firstLine.includes("reinstall-onedrive"),
  // Advanced
  A1: () =>
    advanced[0] === "reset-onedrive" &&
    commands(step("reset-onedrive")).some((c) => c.run === "%localappdata%\\Microsoft\\OneDrive\\onedrive.exe /reset" && c.shell === "run") &&
    commands(step("reset-onedrive")).some((c) => c.run === "C:\\Program Files\\Microsoft OneDrive\\onedrive.exe /reset") &&
    has(step("reset-onedrive"), "win+r", "notification area", "open it from start", "matched, not downloaded again"),
  A2: () => advanced[1] === "clear-credential-manager" && has(step("clear-credential-manager"), "credential manager", "windows credentials", "generic credentials", "OneDrive Cached Credential", "work e-mail", "remove"),
  A3: () => advanced[2] === "update-onedrive" && has(step("update-onedrive"), "settings > about", "release notes", "in place"),
  A4: () =>
    advanced[3] === "check-device-registration" &&
    commands(step("check-device-registration")).some((c) => c.run === "dsregcmd /status") &&
    has(step("check-device-registration"), "AzureAdJoined", "WorkplaceJoined", "both say no", "Access work or school", "managed computer"),
  // Managed devices
  D1: () => has(sc.managed.signs, "intune", "bitlocker", "hybrid", "company portal"),
  D2: () => stop("managed-after-first-line")?.at === "after-first-line" && has(sc.managed.advice, "first-line", "stop"),
  D3: () => ["dsregcmd-leave", "delete-personal-certificates", "unenroll-intune"].every((id) => avoided(id)?.neverOnManaged === true),
  D4: () => has(sc.managed.upstream, "conditional access", "compliance", "device record") && has(sc.managed.sendToIt, "checklist", "screenshot", "when it started"),
  // When to stop
  W1: () => stop("managed-after-first-line")?.outcome === "escalate",
  W2: () => stop("files-not-synced")?.outcome === "escalate" && stop("files-not-synced")?.at === "start",
  W3: () => stop("other-error-after-sign-in")?.outcome === "switch-guide" && stop("other-error-after-sign-in")?.switchToFact === "otherErrorAfterSignIn",
  W4: () => stop("several-users")?.outcome === "escalate",
  W5: () => stop("windows-server")?.outcome === "escalate",
  // Links
  L1: () => {
    const pages = sc.related.map((r) => r.page);
    return ["caa50021", "caa50021/outlook", "caa50021/teams", "0x8004de40/onedrive", "0x8004de90/onedrive", "caa50021/admin"].every((p) => pages.includes(p)) && sc.references.length > 0 && sc.references.every((r) => kb.sources.get(r)?.kind === "official" || kb.sources.get(r)?.kind === "community");
  },
};

const items = [...readFileSync(join(ROOT, "..", "shared", "facts", "seed-coverage.md"), "utf8").matchAll(/^- ([A-Z]\d+) (.*)$/gm)].map((m) => ({ id: m[1]!, text: m[2]! }));

describe("caa50021/onedrive against seed-coverage.md", () => {
  it("reads the item list from seed-coverage.md", () => {
    expect(items.length).toBeGreaterThan(40);
    expect(hub.scenarios.some((s) => s.app === "onedrive")).toBe(true);
  });

  it.each(items)("$id: $text", ({ id }) => {
    const check = checks[id];
    expect(check, `no check written for seed-coverage item ${id}`).toBeDefined();
    expect(check!()).toBe(true);
  });

  it("every step and stop carries sources, and the design's step ids in the design's order", () => {
    expect(firstLine).toEqual(["clean-restart", "unlink-work-account", "cleanup-wam-accounts", "check-access-work-or-school", "repair-onedrive"]);
    expect(advanced).toEqual(["reset-onedrive", "clear-credential-manager", "update-onedrive", "check-device-registration"]);
    expect(sc.avoid.map((a) => a.id)).toEqual(expect.arrayContaining(["dsregcmd-leave", "delete-personal-certificates", "unenroll-intune", "disconnect-device-join", "reinstall-onedrive"]));
    for (const s of [...sc.steps, ...sc.stops, ...sc.avoid]) expect(s.sources.length, s.id).toBeGreaterThan(0);
  });
});
