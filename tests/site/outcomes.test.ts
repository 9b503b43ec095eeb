import { describe, expect, it } from "vitest";
import { COMMENT_MAX as API_COMMENT_MAX } from "../../src/server/api-schema.ts";
import { FEEDBACK_REASONS, OUTCOME_REASONS } from "../../src/server/storage/repository.ts";
import { COMMENT_MAX, FEEDBACK_REASON_LABELS, MIN_TRIED, OUTCOME_REASON_LABELS, createMissReporter, fixedFor, missQuery, outcomeBody, outcomeToSend, statsTexts } from "../../site/src/lib/outcomes.ts";

describe("fixedFor: the count beside a step", () => {
  it("says nothing below MIN_TRIED (20) tries", () => {
    expect(MIN_TRIED).toBe(20);
    expect(fixedFor({ fixed: 19, tried: 19 }, MIN_TRIED)).toBeNull();
    expect(fixedFor({ fixed: 0, tried: 0 }, MIN_TRIED)).toBeNull();
  });

  it("reads 'Fixed it for N of M who tried it' from M = 20 on", () => {
    expect(fixedFor({ fixed: 14, tried: 20 }, MIN_TRIED)).toBe("Fixed it for 14 of 20 who tried it");
    expect(fixedFor({ fixed: 0, tried: 25 }, MIN_TRIED)).toBe("Fixed it for 0 of 25 who tried it");
    expect(fixedFor({ fixed: 1234, tried: 10500 }, MIN_TRIED)).toBe("Fixed it for 1,234 of 10,500 who tried it");
  });

  it("says nothing beside a step another step completes: its fixes are counted there", () => {
    expect(fixedFor({ fixed: 0, tried: 25, completedBy: "repair-onedrive" }, MIN_TRIED)).toBeNull();
  });

  it("ignores anything that is not a well-formed count", () => {
    for (const bad of [null, undefined, 3, "x", {}, { fixed: "5", tried: 30 }, { fixed: 5.5, tried: 30 }, { fixed: 31, tried: 30 }, { fixed: -1, tried: 30 }, { fixed: 5, tried: Number.NaN }]) {
      expect(fixedFor(bad, MIN_TRIED), JSON.stringify(bad)).toBeNull();
    }
  });

  it("is self-contained, so the boot script can inline its source", () => {
    const copy = new Function(`return (${fixedFor.toString()})`)() as typeof fixedFor;
    expect(copy({ fixed: 3, tried: 20 }, 20)).toBe("Fixed it for 3 of 20 who tried it");
    expect(copy({ fixed: 0, tried: 20, completedBy: "x" }, 20)).toBeNull();
  });
});

describe("statsTexts", () => {
  it("maps the steps of GET /api/stats/<code>/<app> that reach the threshold", () => {
    const data = { code: "caa50021", app: "onedrive", steps: [{ stepId: "clean-restart", tried: 20, fixed: 14 }, { stepId: "repair-onedrive", tried: 19, fixed: 19 }, { stepId: 5, tried: 40, fixed: 1 }] };
    expect([...statsTexts(data)]).toEqual([["clean-restart", "Fixed it for 14 of 20 who tried it"]]);
  });

  it("gives an empty map for anything else (a 404 page parsed as JSON, an error body)", () => {
    for (const bad of [null, "x", {}, { steps: "no" }, { ok: false, issues: [] }]) expect(statsTexts(bad).size).toBe(0);
  });
});

describe("what is sent", () => {
  it("sends no fix of a step another step completes (an unlink): the completing step's outcome is counted; its other outcomes go as for any step", () => {
    const unlink = { id: "unlink-work-account", completedBy: { step: "repair-onedrive", until: "…" } };
    expect(outcomeToSend("caa50021", "onedrive", unlink, "fixed")).toBeUndefined();
    expect(outcomeToSend("caa50021", "onedrive", unlink, "fixed", true)).toBeUndefined();
    expect(outcomeToSend("caa50021", "onedrive", unlink, "no-change", false)).toEqual({ code: "caa50021", app: "onedrive", stepId: "unlink-work-account", outcome: "no-change", verified: false });
    expect(outcomeToSend("caa50021", "onedrive", unlink, "could-not", true)).toEqual({ code: "caa50021", app: "onedrive", stepId: "unlink-work-account", outcome: "could-not" });
    expect(outcomeToSend("caa50021", "onedrive", { id: "repair-onedrive" }, "fixed", true)).toEqual({ code: "caa50021", app: "onedrive", stepId: "repair-onedrive", outcome: "fixed", verified: true });
  });

  it("an outcome carries only code, app, step id, outcome and a reason when it did not fix it", () => {
    expect(outcomeBody("caa50021", "onedrive", "clean-restart", "fixed", "unclear")).toEqual({ code: "caa50021", app: "onedrive", stepId: "clean-restart", outcome: "fixed" });
    expect(outcomeBody("caa50021", "onedrive", "clean-restart", "no-change", "unclear")).toEqual({ code: "caa50021", app: "onedrive", stepId: "clean-restart", outcome: "no-change", reason: "unclear" });
    expect(outcomeBody("caa50021", "onedrive", "clean-restart", "could-not")).toEqual({ code: "caa50021", app: "onedrive", stepId: "clean-restart", outcome: "could-not" });
  });

  it("offers exactly the API's reasons, in its order, and its comment limit", () => {
    expect(Object.keys(OUTCOME_REASON_LABELS)).toEqual([...OUTCOME_REASONS]);
    expect(Object.keys(FEEDBACK_REASON_LABELS)).toEqual([...FEEDBACK_REASONS]);
    expect(COMMENT_MAX).toBe(API_COMMENT_MAX);
  });
});

describe("search misses", () => {
  it("reports queries of three characters or more, spaces collapsed", () => {
    expect(missQuery("  ab ")).toBeUndefined();
    expect(missQuery("a b")).toBeUndefined();
    expect(missQuery("  some   error ")).toBe("some error");
    expect(missQuery("x".repeat(600))).toHaveLength(200);
  });

  function fakeTimers() {
    let now = 0;
    const queue = new Map<number, { at: number; f: () => void }>();
    let id = 0;
    return {
      timers: {
        set: (f: () => void, ms: number) => {
          queue.set(++id, { at: now + ms, f });
          return id;
        },
        clear: (t: unknown) => void queue.delete(t as number),
      },
      advance(ms: number) {
        now += ms;
        for (const [k, t] of [...queue]) {
          if (t.at > now) continue;
          queue.delete(k);
          t.f();
        }
      },
    };
  }

  it("sends only the query the person settled on, once", () => {
    const sent: string[] = [];
    const clock = fakeTimers();
    const r = createMissReporter((q) => sent.push(q), 1500, clock.timers);
    for (const q of ["zzq", "zzqx", "zzqxy"]) {
      r.looked(q, 0);
      clock.advance(300);
    }
    expect(sent).toEqual([]);
    clock.advance(1500);
    expect(sent).toEqual(["zzqxy"]);
    r.looked("zzqxy", 0);
    clock.advance(5000);
    r.looked("ZZQXY", 0);
    r.flush();
    expect(sent).toEqual(["zzqxy"]);
  });

  it("cancels when the query finds something, and flushes at once on Enter or blur", () => {
    const sent: string[] = [];
    const clock = fakeTimers();
    const r = createMissReporter((q) => sent.push(q), 1500, clock.timers);
    r.looked("nothing here", 0);
    r.looked("caa50021", 3);
    clock.advance(5000);
    expect(sent).toEqual([]);
    r.looked("still nothing", 0);
    r.flush();
    r.flush();
    clock.advance(5000);
    expect(sent).toEqual(["still nothing"]);
  });
});
