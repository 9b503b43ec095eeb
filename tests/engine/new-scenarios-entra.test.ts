/**
 * The Entra pages of issue 23 (AADSTS50020 in OneDrive, the tenant checklist, the new AADSTS and
 * enrolment hubs): what a plan gives the person the issue names, and what the pages hand to IT.
 */
import { describe, expect, it } from "vitest";
import { planScenario } from "../../src/engine/index.ts";
import { buildLookupIndex, lookupAnswer } from "../../src/lookup/index.ts";
import { parseCode } from "../../src/model/index.ts";
import { makeFacts, realKb } from "./helpers.ts";

const kb = realKb();
const SCENARIOS = ["aadsts50020/onedrive"];

describe.each(SCENARIOS)("%s", (id) => {
  const sc = kb.scenarios.get(id);

  it("exists", () => {
    expect(sc, `content/${id}.yaml`).toBeDefined();
  });

  it("gives a work account on an unmanaged PC with admin rights at least two steps to do, or a hand-over with reasons", () => {
    const plan = planScenario(kb, sc!, makeFacts());
    const todo = plan.steps.filter((s) => s.status === "do");
    if (plan.outcome === "plan") expect(todo.length).toBeGreaterThanOrEqual(2);
    else expect(plan.escalation?.reasons.length ?? 0).toBeGreaterThan(0);
  });

  it("stops a managed PC after the first-line steps and hands over with reasons", () => {
    const plan = planScenario(kb, sc!, makeFacts({ managed: true }));
    const advanced = new Set(sc!.steps.filter((s) => s.tier === "advanced").map((s) => s.id));
    expect(plan.steps.filter((s) => advanced.has(s.id) && s.status === "do")).toEqual([]);
    expect(plan.escalation?.reasons.length ?? 0).toBeGreaterThan(0);
  });

  it("turns a personal account away as not this error", () => {
    expect(planScenario(kb, sc!, makeFacts({ accountType: "personal" })).outcome).toBe("not-this-error");
  });

  it("tells the person where the Request ID and Correlation ID are, and that the app's own window is unconfirmed", () => {
    const text = [...sc!.beforeYouStart, ...sc!.managed.sendToIt].join(" ");
    expect(text).toMatch(/Request ID/);
    expect(text).toMatch(/Correlation ID/);
    expect(text).toMatch(/More Details/);
    expect(text).toMatch(/unconfirmed/i);
  });
});

describe("the tenant checklist", () => {
  const checklist = kb.checklists.get("aadsts50020");

  it("starts from the sign-in logs by Correlation ID, and has What If, the app's service principal and the device record", () => {
    const ids = checklist?.items.map((i) => i.id) ?? [];
    expect(ids[0]).toBe("sign-in-log-by-correlation-id");
    expect(ids).toEqual(expect.arrayContaining(["conditional-access-what-if", "app-service-principal", "device-record-enabled"]));
  });

  it("gives every item an owner and at least one source that the sources files define", () => {
    for (const item of checklist!.items) {
      expect(item.owner, item.id).toBeTruthy();
      for (const s of item.sources) expect(kb.sources.has(s), `${item.id}: ${s}`).toBe(true);
    }
  });

  it.each(["aadsts50055", "aadsts50057", "aadsts50058", "aadsts700082", "0x80180014", "aadsts53003", "aadsts53000", "aadsts53001", "aadsts530003", "aadsts50076", "aadsts50079", "aadsts90072", "aadsts50173"])("is linked from the tenant-side hub %s", (code) => {
    const hub = kb.codes.get(code);
    expect(hub, `content/${code}/code.yaml`).toBeDefined();
    expect(hub!.related.map((r) => r.page)).toContain("aadsts50020/admin");
  });
});

describe("what people hand to IT on the tenant-side hubs", () => {
  it.each(["aadsts53003", "aadsts53000", "aadsts53001", "aadsts530003", "aadsts50076", "aadsts50079", "aadsts50055", "aadsts50057", "aadsts700082"])(
    "%s says what to send IT and where the Correlation ID is",
    (code) => {
      const text = kb.codes.get(code)!.caveats.map((c) => c.text).join(" ");
      expect(text).toMatch(/What to send IT/);
      expect(text).toMatch(/Correlation ID/);
      expect(text).toMatch(/More Details/);
    },
  );
});

describe("the new hubs", () => {
  it.each([
    ["AADSTS50058", "aadsts50058"],
    ["50058", "aadsts50058"],
    ["AADSTS50055", "aadsts50055"],
    ["AADSTS50057", "aadsts50057"],
    ["AADSTS700082", "aadsts700082"],
    ["700082", "aadsts700082"],
    ["0x80180014", "0x80180014"],
    ["80180014", "0x80180014"],
    ["2149056532", "0x80180014"],
    ["-2145910764", "0x80180014"],
  ])("%s is a form of %s", (form, id) => {
    const hub = kb.codes.get(id)!;
    const keys = new Set([hub.id, ...hub.aliases].map((c) => parseCode(c)));
    expect(keys.has(parseCode(form))).toBe(true);
  });

  it("says 0x80180014 is MENROLL_E_DEVICENOTSUPPORTED, and 0x80180018 is the licence code, not the device limit", () => {
    expect(kb.codes.get("0x80180014")!.meaning).toMatch(/MENROLL_E_DEVICENOTSUPPORTED/);
    expect(kb.codes.get("0x80180014")!.meaning).not.toMatch(/MENROLL_E_PLATFORM_BLOCKED/);
    expect(kb.codes.get("0x80180018")!.meaning).toMatch(/MENROLL_E_USERLICENSE/);
  });

  it("says AADSTS50058 is often expected, not an error", () => {
    expect(kb.codes.get("aadsts50058")!.quickAnswer).toMatch(/expected/i);
  });
});

describe("messages people paste without a code", () => {
  const index = buildLookupIndex(kb);

  it.each([
    ["UPLOAD BLOCKED: We couldn't verify you have the necessary permissions to upload the file.", "0x8004dec5"],
    ["Either your password changed or the server needs your sign-in info again", "aadsts50173"],
    ["There was a problem. Your organization does not support this version of Windows.  (0x80180014)", "0x80180014"],
    ["AADSTS50020 User Account from identity provider does not exist in tenant and cannot access application (OneDrive SyncEngine).", "aadsts50020"],
  ])("%s finds the %s pages first", (query, code) => {
    const first = lookupAnswer(index, query).results[0];
    expect(first?.code).toBe(code);
  });

  it("keeps each message on its hub, word for word as Microsoft shows it", () => {
    const texts = (id: string) => kb.codes.get(id)!.messages.map((m) => m.text);
    expect(texts("0x8004dec5")).toContain("UPLOAD BLOCKED: We couldn't verify you have the necessary permissions to upload the file.");
    expect(texts("aadsts50173")).toContain("Either your password changed or the server needs your sign-in info again");
  });
});
