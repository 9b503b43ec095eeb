// A step that leaves the app half-done (content: `completedBy`, such as the unlink of
// caa50021/onedrive, completed by pairing again) is not a fix by itself (issue 26). Marking it
// fixed leads the diagnostic to the step that completes it; the statistics count the fix once, on
// that step. The site does not send the unlink's "fixed" (what it sends, outcomeToSend, posted
// here to the server); the API's counts and the operator page leave one out if it comes all the same.
import { describe, expect, it } from "vitest";
import { sessionState, recordOutcome, startSession, answer, type Session } from "../../src/engine/index.ts";
import type { Step, StepOutcome } from "../../src/model/index.ts";
import type { StepStats } from "../../src/server/api.ts";
import { gather } from "../../src/server/operator.ts";
import { outcomeToSend } from "../../site/src/lib/outcomes.ts";
import { BACKENDS, serverPerTest } from "./helpers/backends.ts";
import { postJson, projectKb } from "./helpers/server.ts";

const kb = projectKb();
const scenario = kb.scenarios.get("caa50021/onedrive")!;
const step = (id: string): Step => scenario.steps.find((s) => s.id === id)!;
const UNLINK = step("unlink-work-account");
const PAIR = step(UNLINK.completedBy?.step ?? "");

describe.each(BACKENDS)("a fix of a step another step completes, on %s", (name) => {
  const live = serverPerTest(name);

  const stats = async (): Promise<Map<string, StepStats>> => {
    const res = await live.app.inject({ method: "GET", url: "/api/stats/caa50021/onedrive" });
    expect(res.statusCode).toBe(200);
    return new Map((res.json() as { steps: StepStats[] }).steps.map((s) => [s.stepId, s]));
  };
  const operatorSteps = async () => {
    const data = await gather({ kb, db: live.db.repo, token: "t".repeat(20), day: () => "2026-03-15", siteName: "Fixpath", words: { outcome: {}, feedback: {} }, displayCode: (c) => c.toUpperCase(), missingCodes: async () => [] });
    return data.scenarios.find((s) => s.href === "/codes/caa50021/onedrive/")?.steps ?? [];
  };

  /** Posts what the diagnostic sends for a step's outcome (site/src/lib/outcomes.ts), if anything; whether the server counted it. */
  const asTheSite = () => {
    const sent: unknown[] = [];
    const send = async (s: Step, outcome: StepOutcome): Promise<boolean> => {
      const body = outcomeToSend("caa50021", "onedrive", s, outcome);
      if (!body) return false;
      sent.push(body);
      return (await postJson(live.app, "/api/outcomes", body)).statusCode === 201;
    };
    return { sent, send };
  };

  it("posting as the site does for the unlink marked fixed, then the pairing step, gives one fix: the pairing step's", async () => {
    expect(UNLINK.completedBy?.step, "the seed's unlink names the step that completes it").toBe("repair-onedrive");
    // The session: the unlink marked fixed leads to pairing again, which ends it fixed.
    const facts = { accountType: "work", windowsServer: false, multipleUsersAffected: false, filesNotSyncedZeroFiles: false, managed: false, isAdmin: true, where: "banner", personalAndWorkPaired: false } as const;
    let s: Session = (startSession(kb, { code: "caa50021", app: "onedrive", facts }) as { session: Session }).session;
    const record = (id: string, outcome: StepOutcome) => {
      const r = recordOutcome(kb, s, { stepId: id, outcome, at: "2026-03-14T10:00:00Z" });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      s = r.session;
    };
    // Questions the next step needs: "I don't know" (or no other code), until a step is offered.
    const next = () => {
      for (let i = 0; i < 10; i++) {
        const state = sessionState(kb, s)!;
        if (state.status !== "asking") return state;
        const r = answer(s, state.question!.fact, state.question!.fact === "otherErrorAfterSignIn" ? "none" : null);
        if (!r.ok) throw new Error(JSON.stringify(r.issues));
        s = r.session;
      }
      throw new Error("still asking");
    };
    expect(next()).toMatchObject({ status: "step", step: { id: "clean-restart" } });
    record("clean-restart", "no-change");
    expect(next()).toMatchObject({ status: "step", step: { id: UNLINK.id } });
    record(UNLINK.id, "fixed");
    expect(next()).toMatchObject({ status: "step", step: { id: PAIR.id }, completing: { after: UNLINK.id, step: PAIR.id } });
    record(PAIR.id, "fixed");
    expect(next().status).toBe("resolved");

    // What the site sends for those three answers: the unlink's fix is not sent.
    const site = asTheSite();
    expect(await site.send(step("clean-restart"), "no-change")).toBe(true);
    expect(await site.send(UNLINK, "fixed")).toBe(false);
    expect(await site.send(PAIR, "fixed")).toBe(true);
    expect(site.sent).toEqual([
      { code: "caa50021", app: "onedrive", stepId: "clean-restart", outcome: "no-change" },
      { code: "caa50021", app: "onedrive", stepId: PAIR.id, outcome: "fixed" },
    ]);
    const after = await stats();
    expect([...after.values()].reduce((n, t) => n + t.fixed, 0)).toBe(1);
    expect(after.get(PAIR.id)).toMatchObject({ tried: 1, fixed: 1, fixedShare: 1 });
    expect(after.get(UNLINK.id)).toMatchObject({ tried: 0, fixed: 0, fixedShare: null, fixedShareCi95: null, completedBy: PAIR.id });
    expect(after.get(PAIR.id)!.completedBy).toBeUndefined();
    const op = await operatorSteps();
    expect(op.reduce((n, t) => n + t.fixed, 0)).toBe(1);
    expect(op.find((t) => t.title === PAIR.title)).toMatchObject({ fixed: 1 });
    expect(op.find((t) => t.title === UNLINK.title)).toMatchObject({ fixed: 0, finishedBy: PAIR.title });
    // The site still sends the unlink's other answers, counted as for any step.
    expect(await site.send(UNLINK, "no-change")).toBe(true);
    expect(await site.send(UNLINK, "could-not")).toBe(true);
    expect((await stats()).get(UNLINK.id)).toMatchObject({ tried: 1, fixed: 0, noChange: 1, couldNot: 1, fixedShare: null });
  });

  it("stores the unlink's fix sent by an older page or a script, but never counts it as a fix", async () => {
    for (const body of [
      { code: "caa50021", app: "onedrive", stepId: UNLINK.id, outcome: "fixed" },
      { code: "caa50021", app: "onedrive", stepId: UNLINK.id, outcome: "fixed", verified: true },
      { code: "caa50021", app: "onedrive", stepId: UNLINK.id, outcome: "fixed", verified: false },
      { code: "caa50021", app: "onedrive", stepId: UNLINK.id, outcome: "no-change", verified: true },
    ]) {
      expect((await postJson(live.app, "/api/outcomes", body)).statusCode).toBe(201);
    }
    expect(await live.db.rows("outcomes")).toHaveLength(4);
    const unlink = (await stats()).get(UNLINK.id)!;
    expect(unlink).toMatchObject({ tried: 1, fixed: 0, noChange: 1, fixedShare: null, fixedShareCi95: null, completedBy: PAIR.id });
    expect(unlink.verified).toEqual({ tried: 1, fixed: 0, noChange: 1, fixedShare: null, fixedShareCi95: null, contradicted: { fixed: 0, noChange: 0 } });
    const op = (await operatorSteps()).find((t) => t.title === UNLINK.title);
    expect(op).toMatchObject({ fixed: 0, noChange: 1, verified: { fixed: 0, noChange: 1, contradicted: 0 }, finishedBy: PAIR.title });
  });
});
