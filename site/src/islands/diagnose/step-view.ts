/**
 * A step drawn in the diagnostic from the same view code as the scenario page's StepCard
 * (site/src/lib/view.ts: badges, labels, anchors, instruction groups, command blocks), so a step
 * reads the same in both places; a test compares the two renderings in Chromium.
 */
import type { Command, Step } from "../../../../src/model/index.ts";
import { commandView, instructionGroups, STEP_LABELS, stepBadges, type Badge } from "../../lib/view.ts";
import { h, md } from "../dom.ts";

/** The badges list of a step (`<ul class="badges">`), as Badges.astro draws it. */
export function badgeList(badges: readonly Badge[]): HTMLElement | null {
  if (badges.length === 0) return null;
  return h("ul", { class: "badges", "aria-label": STEP_LABELS.badges }, ...badges.map((b) => h("li", { class: `badge b-${b.tone}`, title: b.hint }, b.label)));
}

/** A command block, as Command.astro draws it (the page's boot script handles its copy button). */
export function commandBlock(cmd: Command): HTMLElement {
  const view = commandView(cmd);
  return h(
    "div",
    { class: "cmd" },
    h("div", { class: "cmd-head" }, h("span", {}, view.head), h("button", { type: "button", class: "copy", "data-copy": "", "aria-label": view.copyLabel }, "Copy")),
    h("pre", {}, h("code", {}, cmd.run)),
    cmd.note ? h("p", { class: "note" }, md(cmd.note)) : null,
  );
}

/** The numbered instructions, as Instructions.astro draws them. */
export function instructionList(items: Step["instructions"]): HTMLElement | null {
  const groups = instructionGroups(items);
  if (groups.length === 0) return null;
  return h("ol", {}, ...groups.map((g) => h("li", {}, g.text ? md(g.text) : null, ...g.cmds.map(commandBlock))));
}

/** The body of a step card after its heading: badges, summary, data safety, instructions, what success looks like. */
export function stepBody(step: Step): (HTMLElement | null)[] {
  return [
    badgeList(stepBadges(step)),
    h("p", {}, md(step.summary)),
    h("p", { class: "safe" }, h("strong", {}, STEP_LABELS.data), " ", md(step.dataSafety)),
    instructionList(step.instructions),
    step.expect ? h("p", { class: "expect" }, h("strong", {}, STEP_LABELS.expect), " ", md(step.expect)) : null,
  ];
}
