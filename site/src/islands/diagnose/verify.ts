/**
 * "Check it with a capture" in a step card (issue 30): before answering "Did this fix it?", the
 * person may paste a capture taken now (`dsregcmd /status` or the evidence bundle). It is compared
 * in the browser with the capture taken before: the one pasted here, kept in this browser for the
 * next steps (`fixpath:before-capture:<code>:<app>`), or the first one pasted in this diagnostic.
 * The answer is then verified or contradicted (src/evidence/diff/verify.ts), the IT report gets the
 * comparison as a findings group, and only the answer and its verified flag are sent.
 */
import type { FindingGroup } from "../../../../src/engine/session.ts";
import type { Step } from "../../../../src/model/index.ts";
import type * as CheckBundle from "../diagnose-check.ts";
import { h } from "../dom.ts";
import { button, root, type Ctx } from "./ui.ts";

/** The comparison itself, a bundle of its own (`diagnose-check.ts`) fetched when it is used. */
let checkModule: Promise<typeof CheckBundle> | undefined;
const loadCheck = (): Promise<typeof CheckBundle> => (checkModule ??= import(/* the page names the bundle */ root.dataset.checkSrc ?? "") as Promise<typeof CheckBundle>);

const beforeKey = (code: string, app: string) => `fixpath:before-capture:${code}:${app}`;

function readBefore(code: string, app: string): string | undefined {
  try {
    return localStorage.getItem(beforeKey(code, app)) ?? undefined;
  } catch {
    return undefined;
  }
}

function saveBefore(code: string, app: string, text: string): void {
  try {
    localStorage.setItem(beforeKey(code, app), text);
  } catch {
    // Unavailable storage: the next step asks for the earlier capture again.
  }
}

export interface CheckResult {
  verified?: boolean;
  group?: FindingGroup;
}

export interface CheckPanel {
  element: HTMLElement;
  /** Whether a capture taken now was pasted (then an answer runs the check first). */
  pending(): boolean;
  /** Compares, shows the result in `box` and calls `done` when the person goes on. */
  run(outcome: "fixed" | "no-change", box: HTMLElement, done: (r: CheckResult) => void): void;
}

export function checkPanel(ctx: Ctx, step: Step): CheckPanel {
  const stored = readBefore(ctx.code, ctx.app);
  const before = h("textarea", { id: "dx-before", spellcheck: "false", autocomplete: "off", "data-verify-before": "" });
  const after = h("textarea", { id: "dx-after", spellcheck: "false", autocomplete: "off", "data-verify-after": "" });
  const beforeField = [h("label", { class: "field", for: "dx-before" }, h("strong", {}, "The capture taken before this step")), before];
  const element = h(
    "details",
    { class: "verify", "data-verify": "" },
    h("summary", {}, "Check it with a capture (optional)"),
    h("p", {}, "Run the same command as before (dsregcmd /status, or the read-only command on the analyzer page) and paste its output. It is compared here, in your browser, with the capture taken before the step; only your answer and whether the captures bear it out are sent."),
    ...(stored ? [h("p", { class: "expect", "data-verify-stored": "" }, "It is compared with the earlier capture you pasted in this diagnostic."), h("details", {}, h("summary", {}, "Use another earlier capture"), ...beforeField)] : beforeField),
    h("label", { class: "field", for: "dx-after" }, h("strong", {}, "The capture taken now, after this step")),
    after,
  );
  return {
    element,
    pending: () => after.value.trim() !== "",
    run(outcome, box, done) {
      const earlier = before.value.trim() ? before.value : (stored ?? "");
      const skip = () => button("Continue without the check", () => done({}), "btn alt", { "data-verify-skip": "" });
      if (!earlier.trim()) {
        box.replaceChildren(h("div", { class: "notice", role: "alert" }, "Paste the capture taken before this step too, to compare."), skip());
        element.open = true;
        return;
      }
      box.replaceChildren(h("p", { class: "expect" }, "Comparing the two captures…"));
      loadCheck().then(
        (m) => {
          const r = m.checkCaptures({ earlier, later: after.value, outcome, step: step.title });
          if (!r.compared) {
            box.replaceChildren(...r.nodes, skip());
          } else {
            if (before.value.trim()) saveBefore(ctx.code, ctx.app, before.value);
            const result: CheckResult = r.group ? { group: r.group } : {};
            if (r.verified !== undefined) result.verified = r.verified;
            box.replaceChildren(...r.nodes, button("Continue", () => done(result), "btn", { "data-verify-continue": "" }));
          }
          box.querySelector<HTMLElement>("h3")?.focus();
        },
        () => box.replaceChildren(h("p", { class: "notice" }, "The comparison could not load. Reload the page to try again."), skip()),
      );
    },
  };
}
