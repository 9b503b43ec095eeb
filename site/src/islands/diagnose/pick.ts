/**
 * Which code and which app, when the link did not say (or named a code without a guided
 * diagnostic): a part of its own (parts.ts), loaded only on those visits.
 */
import "../diagnose.ts"; // loaded after the island: keeps its code in one chunk (parts.ts)
import { checklistUrl, displayCode, hubUrl } from "../../../../src/model/index.ts";
import type { CodeSummary } from "../../lib/data.ts";
import { APP_LABELS, appsOffered } from "../../lib/view.ts";
import { h, md } from "../dom.ts";
import { errorBox, focusHeading, show } from "./ui.ts";

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
