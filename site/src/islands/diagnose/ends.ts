/**
 * How a diagnostic ends: fixed, handed over to IT (with the report), another code's guide, or a
 * guide that does not fit (for a personal account: which guide fits one, or that none does).
 */
import type { SessionState } from "../../../../src/engine/session.ts";
import { displayCode } from "../../../../src/model/index.ts";
import { APP_LABELS, reasonWords } from "../../lib/view.ts";
import { diagnoseHref } from "../../lib/answers-url.ts";
import { h, md } from "../dom.ts";
import { renderHandover } from "../../../../src/report/handover.ts";
import { downloadText, reportFileName, reportSection, reportText } from "./report.ts";
import { button } from "./ui.ts";
import type { Ctx } from "./ui.ts";

export function resolvedCard(ctx: Ctx): HTMLElement {
  return h(
    "section",
    { class: "card", "data-end": "resolved" },
    h("h2", { tabindex: "-1" }, "Fixed: well done"),
    h("p", {}, "The error is gone. If it comes back, run the diagnostic again: your answers are kept on this device."),
    reportSection(ctx, false),
  );
}

export function escalatedCard(ctx: Ctx, state: SessionState): HTMLElement {
  const esc = state.report.escalation ?? state.plan.escalation;
  const questions = ctx.kb.scenarios.get(`${ctx.code}/${ctx.app}`)?.questions ?? [];
  return h(
    "section",
    { class: "card", "data-end": "escalated" },
    h("h2", { tabindex: "-1" }, "Time to hand over to IT"),
    h("p", {}, "Stop here: what remains is for your IT team. Send them the report below."),
    h("ul", {}, ...(esc?.reasons ?? []).map((r) => h("li", {}, md(reasonWords(r, questions))))),
    esc?.checklist ? h("p", {}, "IT works through ", h("a", { href: esc.checklist }, "the admin checklist"), ".") : null,
    handover(ctx),
    reportSection(ctx, true),
  );
}

/**
 * Where the report goes, when the organisation named its IT team: the team, every way to reach
 * it, and "Send to IT". Nothing leaves the browser until the person presses a button, and then
 * only through their own mail client or the ticket page they open.
 */
function handover(ctx: Ctx): HTMLElement | null {
  const it = ctx.org.it;
  if (!it) return null;
  const subject = `${displayCode(ctx.code)} in ${APP_LABELS[ctx.app]}: not fixed by the self-help steps`;
  const box = h("div", { class: "card handover", "data-handover": "" }, h("h3", {}, `Your IT team: ${it.name}`), h("ul", {}, ...renderHandover({ it, subject, report: "", fileName: "" }).lines.map((l) => h("li", {}, l))));
  const actions = h("div", { class: "cta noprint" });
  if (it.email) {
    // A plain mailto: link, so the person's own mail client opens; its body is made when pressed
    // (the report follows the redaction box), and a long report is also saved to attach.
    const mail = h("a", { class: "btn", href: `mailto:${it.email}`, "data-send-it": "" }, "Send to IT");
    mail.addEventListener("click", () => {
      const text = reportText(ctx, "md");
      const fileName = reportFileName(ctx, "md");
      const hand = renderHandover({ it, subject, report: text, fileName });
      if (hand.cut) downloadText(text, fileName, "md");
      mail.setAttribute("href", hand.mailto!);
    });
    actions.append(mail);
  }
  if (it.ticketUrl) {
    const ticket = button(
      "Copy the report and open a ticket",
      () => {
        const url = it.ticketUrl!;
        void navigator.clipboard.writeText(reportText(ctx, "md")).then(
          () => (ticket.textContent = "Report copied: paste it into the ticket"),
          () => (ticket.textContent = "Copy the report below into the ticket"),
        );
        window.open(url, "_blank", "noopener");
      },
      ctx.org.it?.email ? "btn alt" : "btn",
      { "data-ticket": "" },
    );
    actions.append(ticket);
  }
  box.append(actions, h("p", { class: "expect" }, "The report below is what they get: check it first. Nothing is sent until you press a button."));
  return box;
}

export function stoppedCard(ctx: Ctx, state: SessionState): HTMLElement {
  const plan = state.plan;
  const reason = plan.steps[0]?.reason ?? "";
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
