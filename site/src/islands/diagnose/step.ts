/**
 * The current step as a card: the step itself (step-view.ts), a link to it on its page, and
 * "Did this fix it?". The outcome is recorded and saved the moment it is given; the optional
 * "What got in the way?" comes after, so a reload between the two keeps the step as tried.
 */
import "../diagnose.ts"; // loaded after the island: keeps its code in one chunk (parts.ts)
import { explainOutcome, recordOutcome, type SessionState } from "../../../../src/engine/session.ts";
import type { Step } from "../../../../src/model/index.ts";
import type { OutcomeReason, StepOutcome } from "../../../../src/model/index.ts";
import { stepUrl } from "../../../../src/model/index.ts";
import { OUTCOME_REASON_LABELS } from "../../lib/outcomes.ts";
import { h } from "../dom.ts";
import { apiReady, sendOutcome, sendReason } from "./outcomes-api.ts";
import { saveSession } from "./storage.ts";
import { stepBody } from "./step-view.ts";
import { button, errorBox, type Apply, type Ctx } from "./ui.ts";
import { checkPanel, type CheckResult } from "./verify.ts";

export function stepCard(ctx: Ctx, step: Step, state: SessionState, apply: Apply): HTMLElement {
  const n = state.plan.steps.findIndex((s) => s.id === step.id) + 1;
  const card = h(
    "section",
    { class: "card step", "data-step": step.id },
    h("h2", { tabindex: "-1" }, `Step ${n}: ${step.title}`),
    ...stepBody(step),
    h("p", { class: "expect" }, h("a", { href: stepUrl(ctx.code, ctx.app, step.id) }, "This step on its page, with sources and caveats")),
  );
  if (step.needsRestart) card.append(h("p", { class: "notice" }, "This step restarts Windows. Your progress is saved in this browser: open this page again afterwards to continue."));
  const ask = h("h3", { id: "dx-did", tabindex: "-1" }, "Did this fix it?");
  const choices = h("div", { class: "choices", role: "group", "aria-labelledby": "dx-did" });
  const check = checkPanel(ctx, step);
  const checked = h("div", { "data-verify-result": "" });
  let answered = false;
  const record = async (outcome: StepOutcome): Promise<void> => {
    if (answered) return;
    answered = true;
    let result = recordOutcome(ctx.kb, ctx.session, { stepId: step.id, outcome, at: new Date().toISOString() });
    if (!result.ok) {
      card.prepend(errorBox(result.issues.map((i) => i.message).join("; ")));
      return;
    }
    // Saved now: the follow-up question below is optional and may never be answered.
    saveSession(result.session);
    let verified: boolean | undefined;
    // Counted the moment it is chosen (after the comparison of captures, when one was pasted, so
    // the count says whether the captures bore it out); the reason follows as an addition.
    let sent: Promise<boolean> | undefined;
    const send = (): Promise<boolean> => (sent ??= sendOutcome(ctx.api, ctx.code, ctx.app, step, outcome, verified));
    const leave = (): void => void send();
    // A capture taken now was pasted: compare it first; the comparison goes into the IT report.
    if (outcome !== "could-not" && check.pending()) {
      window.addEventListener("pagehide", leave, { once: true });
      choices.replaceChildren(h("p", { class: "expect", "data-saved": "" }, savedWords(outcome)));
      const r = await new Promise<CheckResult>((resolve) => check.run(outcome, checked, resolve));
      window.removeEventListener("pagehide", leave);
      verified = r.verified;
      if (r.group && result.ok) {
        result = { ok: true, session: { ...result.session, findings: [...(result.session.findings ?? []), r.group] } };
        saveSession(result.session);
      }
      checked.replaceChildren();
    }
    const counted = send();
    const next = (reason?: OutcomeReason): void => {
      if (reason) {
        sendReason(counted, ctx.code, ctx.app, step.id, outcome, reason);
        // And into the session, so the report for IT says why ("Why: they had no rights to do it").
        const explained = result.ok ? explainOutcome(result.session, { stepId: step.id, reason }) : result;
        if (explained.ok) {
          result = explained;
          saveSession(result.session);
        }
      }
      apply(ctx, result);
    };
    // Not fixed: when the answer can be sent, ask why (optional, a fixed list); a static copy just moves on.
    if (outcome === "fixed" || !(ctx.api.ok || (await apiReady(ctx.api, 1500)))) return next();
    ask.textContent = outcome === "no-change" ? "No change. What got in the way? (optional)" : "What stopped you? (optional)";
    choices.replaceChildren(
      h("p", { class: "expect", "data-saved": "" }, savedWords(outcome)),
      ...(Object.entries(OUTCOME_REASON_LABELS) as [OutcomeReason, string][]).map(([reason, label]) => button(label, () => next(reason), "btn", { "data-reason": reason })),
      button("Skip this question", () => next(), "btn alt"),
    );
    ask.focus();
  };
  choices.append(button("Yes, it's fixed", () => void record("fixed")), button("No change", () => void record("no-change")), button("I couldn't do it", () => void record("could-not")));
  card.append(check.element, ask, choices, checked, h("div", { class: "counted" }, h("p", { class: "expect", "data-counted": "" }, COUNTED_WORDS)));
  return card;
}

/** What is counted, in one line: the diagnostic says so beside every "Did this fix it?". */
export const COUNTED_WORDS = "Your answer is counted anonymously: only the error code, the app, this step and the answer are sent, never your name, your address or anything you pasted.";

/** What the person just said, saved: "tried" only when they could do it. */
function savedWords(outcome: StepOutcome): string {
  return outcome === "could-not" ? "Saved: you could not do this step." : "Saved: this step is marked as tried.";
}
