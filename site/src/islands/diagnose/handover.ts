/**
 * Where the report goes, when the organisation named its IT team (`fixpath.config.yaml` → `it`).
 * Part of the end of the diagnostic, loaded with the report panel (`diagnose-end.ts`).
 */
import { displayCode } from "../../../../src/model/index.ts";
import { renderHandover } from "../../../../src/report/handover.ts";
import { APP_LABELS } from "../../lib/view.ts";
import { h } from "../dom.ts";
import { downloadText, reportFileName, reportText } from "./report.ts";
import { button, type Ctx } from "./ui.ts";

/**
 * Where the report goes, when the organisation named its IT team: the team, every way to reach
 * it, and "Send to IT". Nothing leaves the browser until the person presses a button, and then
 * only through their own mail client or the ticket page they open.
 */
export function handover(ctx: Ctx): HTMLElement | null {
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

