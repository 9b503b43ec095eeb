/**
 * A step as terminal text, numbered as its page numbers it: the shared view code
 * (`instructionGroups`, `commandView`, `stepBadges`, `STEP_LABELS` in src/model/view.ts) in lines.
 * Used by `fixpath show` and the interactive diagnostic.
 */
import { STEP_LABELS, commandView, instructionGroups, plainText, stepBadges, type Instruction, type Step } from "../model/index.ts";
import { wrap } from "./text.ts";

/** Markdown to terminal text, as the page words it: emphasis and links as their words, code spans as they are typed. */
export function plainMd(text: string): string {
  return plainText(text, { links: "text" });
}

/** The instructions: one number per sentence, its commands (and fallbacks) under it. */
export function renderInstructions(items: readonly Instruction[], indent = ""): string[] {
  const lines: string[] = [];
  instructionGroups(items).forEach((g, i) => {
    const num = `${indent}${i + 1}. `;
    const pad = " ".repeat(num.length);
    if (g.text) lines.push(wrap(plainMd(g.text), { first: num, indent: pad }));
    g.cmds.forEach((c, j) => {
      const head = `${commandView(c).head}:`;
      lines.push(g.text || j > 0 ? `${pad}${head}` : `${num}${head}`, `${pad}  ${c.run}`);
      if (c.note) lines.push(wrap(plainMd(c.note), { indent: pad }));
    });
  });
  return lines;
}

/** A step card: number and title, badges, summary, what happens to data, instructions, what success looks like. */
export function renderStepCard(step: Step, n: number): string[] {
  const lines = [`${n}. ${step.title}`];
  const pad = "   ";
  lines.push(`${pad}[${stepBadges(step).map((b) => b.label).join("] [")}]`);
  lines.push(wrap(plainMd(step.summary), { indent: pad }));
  lines.push(wrap(`${STEP_LABELS.data} ${plainMd(step.dataSafety)}`, { indent: pad }));
  lines.push(...renderInstructions(step.instructions, pad));
  if (step.expect) lines.push(wrap(`${STEP_LABELS.expect} ${plainMd(step.expect)}`, { indent: pad }));
  return lines;
}
