/**
 * The question cards: which code (when none or an unknown one was given), which app, continue
 * a saved session, and the scenario's questions one at a time with why each is asked.
 */
import { answer } from "../../../../src/engine/session.ts";
import { checklistUrl, displayCode, hubUrl } from "../../../../src/model/index.ts";
import { answerWords, questionWords } from "../../lib/settled.ts";
import { FACTS, type App, type FactName, type FactValue } from "../../../../src/model/index.ts";
import type { Question } from "../../../../src/model/index.ts";
import type { CodeSummary } from "../../lib/data.ts";
import { APP_LABELS, appsOffered } from "../../lib/view.ts";
import { h, md } from "../dom.ts";
import { button, errorBox, focusHeading, show, type Apply, type Ctx } from "./ui.ts";

/** "Which error do you see?": a code box, with the codes that have a guided diagnostic. */
export function pickTarget(withGuides: readonly string[], written: string, problem: string | undefined, params: URLSearchParams, extra?: HTMLElement): void {
  const hidden = [...params].filter(([k]) => k !== "code" && k !== "app").map(([k, v]) => h("input", { type: "hidden", name: k, value: v }));
  show(
    problem ? errorBox(problem) : null,
    extra,
    h(
      "form",
      { class: "card", method: "get", action: "/diagnose/" },
      h("h2", { tabindex: "-1" }, "Which error do you see?"),
      h("p", {}, "Type the code from the error message, in any form (CAA50021, 0xCAA50021, …). Guided diagnostics exist for these codes: ", withGuides.map(displayCode).join(", "), "."),
      h("label", { class: "field", for: "dx-code" }, "Error code"),
      h("div", { class: "field" }, h("input", { id: "dx-code", name: "code", type: "text", value: written, autocomplete: "off", required: true })),
      ...hidden,
      h("div", { class: "cta" }, h("button", { class: "btn", type: "submit" }, "Find its guide")),
    ),
  );
  focusHeading();
}

/** "Where do you see CAA50021?": one button per app with a guide. */
/** The app chooser; with `inUse` (the organisation's apps), only those are offered (direct links still work). */
export function pickApp(summary: CodeSummary, params: URLSearchParams, extra?: HTMLElement, inUse: readonly string[] = []): void {
  const apps = appsOffered(summary.scenarios.map((s) => s.app), inUse);
  const offered = summary.scenarios.filter((s) => apps.includes(s.app));
  show(
    extra,
    h(
      "section",
      { class: "card" },
      h("h2", { tabindex: "-1" }, `Where do you see ${displayCode(summary.id)}?`),
      h("p", {}, "The steps depend on the app."),
      h(
        "div",
        { class: "choices" },
        ...offered.map((s) => {
          const p = new URLSearchParams(params);
          p.set("code", summary.id);
          p.set("app", s.app);
          return h("a", { class: "btn", href: `/diagnose/?${p}` }, APP_LABELS[s.app]);
        }),
      ),
    ),
  );
  focusHeading();
}

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

/** Who usually fixes a code, in words, for the page of a code without a guided diagnostic. */
const OWNER_WORDS: Readonly<Record<string, string>> = {
  tenant: "The fix is usually on your organisation's side, in Microsoft Entra ID: your IT team checks it. Send them the address of the code's page and what you saw.",
  network: "The fix usually lies in the network between this PC and Microsoft: the code's page says what to check, and what to send your IT team.",
  device: "The fix usually lies in how this PC is set up: the code's page says what you can check; on a work PC, your IT team does the rest.",
  client: "The fix is usually in the app on this PC: the code's page has the steps.",
};

/**
 * A code with a page but no guided diagnostic (a bundle whose events name AADSTS50034): never a
 * dead end. Its quick answer, a link to its page, who usually fixes it and, below, the code box
 * for another code.
 */
export function noGuide(summary: CodeSummary, withGuides: readonly string[], params: URLSearchParams, quick?: { quickAnswer: string; owner: string }): void {
  const name = displayCode(summary.id);
  const card = h(
    "section",
    { class: "card", "data-no-guide": summary.id },
    h("h2", { tabindex: "-1" }, `${name} has no guided diagnostic yet`),
    quick ? h("p", {}, md(quick.quickAnswer)) : h("p", {}, summary.description),
    h("p", {}, h("strong", {}, "What to do next: "), "read ", h("a", { href: hubUrl(summary.id), "data-hub-link": "" }, `the page for ${name}`), ". It says what the code means, what you can check yourself and who can fix it."),
    quick && OWNER_WORDS[quick.owner] ? h("p", {}, OWNER_WORDS[quick.owner]!) : null,
    summary.checklist ? h("p", {}, "For your IT team: ", h("a", { href: checklistUrl(summary.id) }, `the checklist for ${name}`), ".") : null,
  );
  pickTarget(withGuides, "", undefined, params, card);
}

/** The person's answer and the one the analyzer read (or a link carried) differ: both shown, the person chooses. */
export function conflictCard(ctx: Ctx, fact: FactName, choose: (choice: "mine" | "settled") => void): HTMLElement {
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
