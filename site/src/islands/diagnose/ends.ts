/**
 * How a diagnostic ends: fixed, handed over to IT (with the report), another code's guide, or a
 * guide that does not fit (for a personal account: which guide fits one, or that none does). A
 * part of its own (parts.ts).
 */
import "../diagnose.ts"; // loaded after the island: keeps its code in one chunk (parts.ts)
import { stoppedWords } from "../../../../src/engine/reasons.ts";
import type { SessionState } from "../../../../src/engine/session.ts";
import { displayCode } from "../../../../src/model/index.ts";
import { APP_LABELS } from "../../lib/view.ts";
import { diagnoseHref } from "../../lib/answers-url.ts";
import { h, md } from "../dom.ts";
import type { Ctx } from "./ui.ts";
import { endPart } from "./parts.ts";

/** Where the report (and, when IT is named, the hand-over) appears once its bundle is in. */
function endSlot(ctx: Ctx, open: boolean, withHandover: boolean): HTMLElement {
  const slot = h("div", { "data-report-slot": "" }, h("p", { class: "expect" }, "Preparing the report for IT…"));
  void endPart.load().then(
    (m) => {
      const hand = withHandover ? m.handover(ctx) : null;
      slot.replaceChildren(...(hand ? [hand] : []), m.reportSection(ctx, open));
    },
    () => slot.replaceChildren(h("p", { class: "notice" }, "The report could not load. Reload the page to try again.")),
  );
  return slot;
}

export function resolvedCard(ctx: Ctx): HTMLElement {
  return h(
    "section",
    { class: "card", "data-end": "resolved" },
    h("h2", { tabindex: "-1" }, "Fixed: well done"),
    h("p", {}, "The error is gone. If it comes back, run the diagnostic again: your answers are kept on this device."),
    endSlot(ctx, false, false),
  );
}

export function escalatedCard(ctx: Ctx, state: SessionState): HTMLElement {
  const esc = state.report.escalation ?? state.plan.escalation;
  return h(
    "section",
    { class: "card", "data-end": "escalated" },
    h("h2", { tabindex: "-1" }, "Time to hand over to IT"),
    h("p", {}, "Stop here: what remains is for your IT team. Send them the report below."),
    h("ul", {}, ...(esc?.reasons ?? []).map((r) => h("li", {}, md(r)))),
    esc?.checklist ? h("p", {}, "IT works through ", h("a", { href: esc.checklist }, "the admin checklist"), ".") : null,
    endSlot(ctx, true, true),
  );
}

export function stoppedCard(ctx: Ctx, state: SessionState): HTMLElement {
  const plan = state.plan;
  const scenario = ctx.kb.scenarios.get(`${ctx.code}/${ctx.app}`);
  // The stop's own words: the plan's "Not proposed" preamble is for its steps, not for this end.
  const reason = (scenario && stoppedWords(plan, scenario)) ?? "";
  const card = h("section", { class: "card", "data-end": "stopped" });
  const code = displayCode(ctx.code);
  if (plan.outcome === "switch-guide" && plan.switchTo) {
    const known = ctx.hubs.find((c) => c.id === plan.switchTo);
    const name = displayCode(plan.switchTo);
    card.append(
      h("h2", { tabindex: "-1" }, `Another code's guide applies: ${name}`),
      h("p", {}, md(reason)),
      known
        ? h("p", { class: "cta" }, h("a", { class: "btn", href: known.apps.includes(ctx.app) ? diagnoseHref({ code: known.id, app: ctx.app }, {}) : known.url }, known.apps.includes(ctx.app) ? `Start the ${name} diagnostic` : `Go to ${name}`))
        : h("p", {}, `Fixpath has no page for ${name} yet.`),
    );
    return card;
  }
  card.append(h("h2", { tabindex: "-1" }, "This guide does not fit your situation"), h("p", {}, md(reason)));
  if (ctx.session.facts.accountType === "personal") {
    // Which of this code's guides covers a personal account, if any.
    const fits = ctx.hubs.find((c) => c.id === ctx.code)?.personal ?? [];
    if (fits.length === 0) card.append(h("p", { "data-personal": "none" }, `None of Fixpath's ${code} guides fits a personal Microsoft account: ${code} comes from work or school accounts. If your personal account shows a different code, look that code up instead.`));
    else
      card.append(
        h("p", { "data-personal": "fits" }, `For a personal Microsoft account, this ${code} guide fits:`),
        h("ul", {}, ...fits.map((app) => h("li", {}, h("a", { href: diagnoseHref({ code: ctx.code, app }, { accountType: "personal" }) }, `${code} in ${APP_LABELS[app]}`)))),
        h("p", {}, `If you see ${code} in ${APP_LABELS[ctx.app]} with a personal account, no Fixpath guide fits it.`),
      );
  }
  card.append(h("p", {}, h("a", { href: "/" }, "Look up the code you see")));
  return card;
}
