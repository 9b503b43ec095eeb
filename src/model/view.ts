/**
 * How a page shows a step, in words, shared by every surface: the site's pages and islands
 * (re-exported by site/src/lib/view.ts) and the CLI's `fixpath show` and diagnostic. One copy, so
 * a step is numbered and labelled the same everywhere. Pure: no I/O.
 */
import type { Avoid, Command, Instruction, Step } from "./schema/index.ts";

/** Where a command is typed. */
export const SHELL_LABELS: Readonly<Record<Command["shell"], string>> = {
  cmd: "Command Prompt",
  powershell: "PowerShell",
  run: "Run dialog (Win+R)",
};

export type BadgeTone = "admin" | "restart" | "state" | "read" | "never" | "tier";

export interface Badge {
  label: string;
  tone: BadgeTone;
  /** A longer explanation for the title attribute and screen readers. */
  hint: string;
}

/** The badges of a step: what it needs and what it changes. */
export function stepBadges(step: Step): Badge[] {
  const out: Badge[] = [];
  if (step.needsAdmin) out.push({ label: "Needs admin rights", tone: "admin", hint: "Needs local administrator rights on this PC." });
  if (step.needsRestart) out.push({ label: "Restart", tone: "restart", hint: "Ends with a restart of Windows: save your work first." });
  if (step.changesState) out.push({ label: "Changes settings", tone: "state", hint: "Changes account or device state." });
  else out.push({ label: "Safe to try", tone: "read", hint: "Changes no account or device state." });
  if (step.neverOnManaged) out.push({ label: "Not on managed PCs", tone: "never", hint: "Never do this on a PC your organisation manages." });
  return out;
}

/** The badges of an action to avoid. */
export function avoidBadges(item: Avoid): Badge[] {
  return item.neverOnManaged ? [{ label: "Never on managed PCs", tone: "never", hint: "Never do this on a PC your organisation manages." }] : [];
}

/** An instruction is a command when it has `run`. */
export function isCommand(item: Instruction): item is Command {
  return typeof item === "object" && item !== null && "run" in item;
}

/** The labels of a step card, the same on the scenario page, in the diagnostic and in `fixpath show`. */
export const STEP_LABELS = {
  data: "Your data:",
  expect: "When it worked:",
  badges: "About this step",
} as const;

/** One numbered instruction: its sentence (Markdown) and the commands that belong to it. */
export interface InstructionGroup {
  text?: string;
  cmds: Command[];
}

/**
 * Commands attach to the sentence before them, so the numbered list stays the person's to-do list
 * (a command and its fallbacks under one sentence are one numbered item, not three).
 */
export function instructionGroups(items: readonly Instruction[]): InstructionGroup[] {
  const groups: InstructionGroup[] = [];
  for (const item of items) {
    if (isCommand(item)) {
      const last = groups[groups.length - 1];
      if (last) last.cmds.push(item);
      else groups.push({ cmds: [item] });
    } else groups.push({ text: item, cmds: [] });
  }
  return groups;
}

/** The head line of a command block ("PowerShell · run as administrator") and its copy button's label. */
export function commandView(cmd: Command): { head: string; copyLabel: string } {
  return { head: `${SHELL_LABELS[cmd.shell]}${cmd.elevated ? " · run as administrator" : ""}`, copyLabel: `Copy command: ${cmd.run}` };
}
