/**
 * An answer that came with the page (the analyzer's, a link's) differs from the one the person
 * gave: both are shown and the person chooses. A part of its own (parts.ts), loaded only when
 * there is a difference.
 */
import "../diagnose.ts"; // loaded after the island: keeps its code in one chunk (parts.ts)
import type { FactName } from "../../../../src/model/index.ts";
import type { Session } from "../../../../src/engine/session.ts";
import { answerWords, questionWords, resolveConflict, type SettledStore } from "../../lib/settled.ts";
import { h } from "../dom.ts";
import { button, type Ctx } from "./ui.ts";

/**
 * The person's answer and the one the analyzer read (or a link carried) differ: both shown, the
 * person chooses; `chosen` gets the session and the settled answers with the choice applied.
 */
export function conflictCard(ctx: Ctx, fact: FactName, chosen: (next: { session: Session; store: SettledStore }) => void): HTMLElement {
  const choose = (choice: "mine" | "settled"): void => chosen(resolveConflict(ctx.session, ctx.settled, fact, choice));
  const scenario = ctx.kb.scenarios.get(`${ctx.code}/${ctx.app}`)!;
  const settled = ctx.settled.facts[fact]!;
  const mine = ctx.session.facts[fact];
  const theirs = settled.read ? "The analyzer read" : "The link you opened says";
  return h(
    "section",
    { class: "card", "data-conflict": "" },
    h("h2", { tabindex: "-1" }, settled.read ? "Your answer and the analyzer's differ" : "Your answer and the link's differ"),
    h("p", {}, questionWords(scenario, fact)),
    h("ul", {}, h("li", { "data-mine": "" }, `You answered: ${mine === undefined ? "I don't know" : answerWords(scenario, fact, mine)}`), h("li", { "data-theirs": "" }, `${theirs}: ${answerWords(scenario, fact, settled.value)}`, settled.read ? ` (${settled.read})` : "")),
    h("p", { class: "expect" }, "Nothing changes until you choose. The plan uses the answer you keep."),
    h("div", { class: "choices" }, button("Keep my answer", () => choose("mine"), "btn", { "data-keep-mine": "" }), button(settled.read ? "Use what the analyzer read" : "Use the link's answer", () => choose("settled"), "btn alt", { "data-use-settled": "" })),
  );
}
