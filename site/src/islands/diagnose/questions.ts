/**
 * The question cards: continue a saved session, and the scenario's questions one at a time with
 * why each is asked. The code and app pickers are in pick.ts, the choice between two answers in
 * conflict.ts (parts loaded when needed: parts.ts).
 */
import { answer } from "../../../../src/engine/session.ts";
import { displayCode } from "../../../../src/model/index.ts";
import { FACTS, type App, type FactName, type FactValue } from "../../../../src/model/index.ts";
import type { Question } from "../../../../src/model/index.ts";
import { APP_LABELS } from "../../lib/view.ts";
import { h, md } from "../dom.ts";
import { button, type Apply, type Ctx } from "./ui.ts";

/** How far a saved session got, in words: "3 answers and 1 step tried". */
export function progressWords(answers: number, steps: number): string {
  return `${answers} answer${answers === 1 ? "" : "s"} and ${steps} step${steps === 1 ? "" : "s"} tried so far`;
}

/** The offer to continue a saved session, naming its code and app; `onContinue` and `onFresh` decide what follows. */
export function resumeCard(code: string, app: App, answers: number, steps: number, onContinue: () => void, onFresh: (() => void) | undefined, freshLabel = "Start over"): HTMLElement {
  return h(
    "section",
    { class: "card", "data-resume": "" },
    h("h2", { tabindex: "-1" }, `Continue your ${displayCode(code)} diagnostic in ${APP_LABELS[app]}?`),
    h("p", {}, `You started it earlier on this device: ${progressWords(answers, steps)}.`),
    h("div", { class: "cta" }, button("Continue", onContinue, "btn", { "data-continue": "" }), onFresh ? button(freshLabel, onFresh, "btn alt") : null),
  );
}

/** A choice value in words when the content gives no label ("windows-update" → "Windows update"). */
function valueWords(value: string): string {
  const words = value.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** One question of the scenario, with why it is asked and its answers. */
export function questionCard(ctx: Ctx, q: Question, apply: Apply): HTMLElement {
  const spec = FACTS[q.fact as FactName];
  const card = h("section", { class: "card", "data-question": q.fact }, h("h2", { tabindex: "-1" }, q.prompt), h("p", {}, h("strong", {}, "Why we ask: "), md(q.why)));
  if (q.help) card.append(h("p", { class: "expect" }, md(q.help)));
  const choices = h("div", { class: "choices" });
  const pick = (value: FactValue | null) => apply(ctx, answer(ctx.session, q.fact, value));
  if (spec.type === "code") {
    const input = h("input", { id: "dx-answer", type: "text", autocomplete: "off", placeholder: "e.g. 0x8004de40" });
    const form = h("form", { class: "field" }, h("label", { for: "dx-answer" }, "The code you see"), input, h("div", { class: "cta" }, h("button", { class: "btn", type: "submit" }, "Use this code")));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (input.value.trim()) pick(input.value.trim());
    });
    card.append(form);
    choices.append(button("No other code", () => pick("none")));
  } else {
    const options: { value: FactValue; label: string }[] =
      q.choices ?? (spec.type === "boolean" ? [{ value: true, label: "Yes" }, { value: false, label: "No" }] : spec.values.map((v) => ({ value: v, label: valueWords(v) })));
    for (const o of options) choices.append(button(o.label, () => pick(o.value)));
  }
  choices.append(button("I don't know", () => pick(null)));
  card.append(choices);
  return card;
}
