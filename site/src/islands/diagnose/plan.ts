/** The plan beside the question or step: every step with its status in words and the reason for it. */
import { effectiveFacts, type SessionState } from "../../../../src/engine/session.ts";
import { FACT_NAMES } from "../../../../src/model/index.ts";
import { answerWords, questionWords, sourceOf, type Source } from "../../lib/settled.ts";
import { STEP_STATUS_WORDS } from "../../../../src/engine/types.ts";
import { STEP_OUTCOME_WORDS } from "../../../../src/model/index.ts";
import { h, md } from "../dom.ts";
import type { Ctx } from "./ui.ts";

export function planAside(ctx: Ctx, state: SessionState): HTMLElement {
  const scenario = ctx.kb.scenarios.get(`${ctx.code}/${ctx.app}`)!;
  const titles = new Map<string, string>([...scenario.steps.map((s) => [s.id, s.title] as const), ...scenario.avoid.map((a) => [a.id, a.title] as const)]);
  const tried = new Map(ctx.session.outcomes.map((o) => [o.stepId, o.outcome]));
  const list = h("ol", { class: "plan" });
  for (const s of state.plan.steps) {
    const outcome = tried.get(s.id);
    list.append(
      h(
        "li",
        { class: `s-${s.status}${state.step?.id === s.id ? " cur" : ""}`, "data-plan-step": s.id, "data-status": s.status },
        h("span", { class: "st" }, outcome ? `Tried: ${STEP_OUTCOME_WORDS[outcome]}` : STEP_STATUS_WORDS[s.status]),
        " ",
        h("strong", {}, titles.get(s.id) ?? "A step of this guide"),
        h("span", { class: "why" }, md(s.reason)),
      ),
    );
  }
  const card = h("div", { class: "card" }, h("h2", { id: "plan-h" }, "Your plan"), h("p", { class: "expect" }, "It updates with every answer. Skipped steps say why."), list);
  card.append(...answersList(ctx));
  // What the plan took from the organisation instead of asking.
  const says = state.plan.organisation ?? [];
  if (says.length > 0) card.append(h("p", { class: "expect" }, "Not asked, because your organisation answered it:"), h("ul", { "data-org-says": "" }, ...says.map((o) => h("li", {}, `${o.says}.`))));
  if (state.plan.assumptions.length > 0) {
    const prompts = new Map(scenario.questions.map((q) => [q.fact, q.prompt]));
    const known = state.plan.assumptions.filter((a) => prompts.has(a.fact));
    // A question that only a stop reads: in words, the plan goes on until it is answered.
    const stops = new Set(scenario.stops.map((s) => s.id));
    const onlyStops = known.filter((a) => a.affects.every((id) => stops.has(id)));
    const assumed = known.filter((a) => !onlyStops.includes(a));
    const stopQuestions = [...new Set(onlyStops.map((a) => prompts.get(a.fact)!))];
    if (assumed.length > 0) card.append(h("p", { class: "expect" }, "Until you answer, the plan assumes:"), h("ul", { class: "assumed" }, ...assumed.map((a) => h("li", {}, `${a.assumed} (“${prompts.get(a.fact)!}”)`))));
    if (stopQuestions.length > 0) card.append(h("p", { class: "expect" }, "Not answered yet: the plan goes on meanwhile, and an answer may stop it here:"), h("ul", { class: "assumed", "data-may-stop": "" }, ...stopQuestions.map((q) => h("li", {}, q))));
  }
  return h("aside", { "aria-labelledby": "plan-h" }, card);
}

/** Where an answer came from, in words. */
export function sourceWords(source: Source, other = ""): string {
  switch (source.from) {
    case "organisation":
      return "Set by your organisation";
    case "analyzer":
      return source.alsoPerson ? `Your answer; the analyzer read the same (${source.read})` : `From the analyzer: ${source.read}`;
    case "link":
      return "From the link you opened";
    case "person":
      return source.settledOther ? `Your answer; ${source.settledOther.read ? `the analyzer read “${other}” (${source.settledOther.read})` : `the link you opened said “${other}”`}` : "Your answer";
  }
}

/** "Your answers": every answer the plan uses, with where it came from (the person, the analyzer, the organisation). */
function answersList(ctx: Ctx): HTMLElement[] {
  const scenario = ctx.kb.scenarios.get(`${ctx.code}/${ctx.app}`)!;
  const eff = effectiveFacts(ctx.session);
  const items: HTMLElement[] = [];
  for (const fact of FACT_NAMES) {
    if (fact === "app") continue;
    const value = eff.facts[fact];
    if (value === undefined) {
      if (ctx.session.dontKnow.includes(fact)) items.push(h("li", { "data-answer": fact, "data-source": "person" }, `${questionWords(scenario, fact)} `, h("strong", {}, "I don't know"), h("span", { class: "why" }, "Your answer")));
      continue;
    }
    const source = sourceOf(ctx.session, ctx.settled, fact);
    if (!source) continue;
    const other = source.from === "person" && source.settledOther ? answerWords(scenario, fact, source.settledOther.value) : "";
    items.push(h("li", { "data-answer": fact, "data-source": source.from }, `${questionWords(scenario, fact)} `, h("strong", {}, answerWords(scenario, fact, value)), h("span", { class: "why" }, sourceWords(source, other))));
  }
  if (items.length === 0) return [];
  return [h("h3", { id: "answers-h" }, "Your answers"), h("ul", { class: "answers", "aria-labelledby": "answers-h" }, ...items)];
}
