/**
 * "Find out first" (issue 21): the next step waits for an answer the person said they don't
 * know. The card says why the step waits, how to find the answer out (the question's own help,
 * the evidence bundle through the analyzer, IT), and offers the answers again, or leaving the step
 * to IT and going on. Nothing here unlocks the step without an answer.
 */
import "../diagnose.ts"; // loaded after the island: keeps its code in one chunk (parts.ts)
import { answer, deferStep, type SessionState } from "../../../../src/engine/session.ts";
import { findOutWays } from "../../../../src/engine/find-out.ts";
import { analyzerUrl, type FactName, type FactValue, type Question } from "../../../../src/model/index.ts";
import { h, md } from "../dom.ts";
import { button, type Apply, type Ctx } from "./ui.ts";

export function findOutCard(ctx: Ctx, state: SessionState, apply: Apply): HTMLElement {
  const scenario = ctx.kb.scenarios.get(`${ctx.code}/${ctx.app}`)!;
  const step = scenario.steps.find((s) => s.id === state.step!.id)!;
  const card = h(
    "section",
    { class: "card", "data-find-out": step.id },
    h("h2", { tabindex: "-1" }, "Find out first"),
    h("p", {}, "The next step, ", h("strong", {}, step.title), ", waits for an answer you said you don't know. Until it is known, the step stays held: done on the wrong kind of computer, it can take the computer out of your organisation's management or sign you out of every app."),
    h("p", { class: "expect" }, md(state.step!.reason)),
  );
  for (const q of state.findOut ?? []) card.append(questionBlock(ctx, q, apply));
  card.append(
    h("p", {}, "Still can't tell? Leave this step to IT: the diagnostic goes on with the steps that are safe either way, and the report for IT lists it."),
    h("div", { class: "cta" }, button("Leave this step to IT", () => apply(ctx, deferStep(ctx.kb, ctx.session, step.id)), "btn alt", { "data-leave": "" })),
  );
  return card;
}

function questionBlock(ctx: Ctx, q: Question, apply: Apply): HTMLElement {
  const ways = findOutWays(q.fact as FactName);
  const options: { value: FactValue; label: string }[] = q.choices ?? [
    { value: true, label: "Yes" },
    { value: false, label: "No" },
  ];
  return h(
    "div",
    { "data-find-out-question": q.fact },
    h("h3", {}, q.prompt),
    q.help ? h("p", {}, md(q.help)) : null,
    h(
      "ul",
      {},
      ...ways.map((w) =>
        h("li", {}, md(w.text), w.analyzer ? h("span", {}, " ", h("a", { href: analyzerUrl({ code: ctx.code, app: ctx.app }), "data-find-out-analyzer": "" }, "Open the analyzer"), " (what you paste stays in this browser).") : null),
      ),
    ),
    h("p", {}, "Found out? Answer here:"),
    h("div", { class: "choices" }, ...options.map((o) => button(o.label, () => apply(ctx, answer(ctx.session, q.fact, o.value))))),
  );
}
