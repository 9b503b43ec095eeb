/**
 * Same command ⇒ same safety flags. The loader already checks that one step id carries the same
 * safety properties in every scenario; this rule checks the other way a step can be repeated:
 * two steps (in one scenario or in two) that run the same command under different ids. A command
 * that needs elevation, acts on the running account's profile, changes a registration or must
 * never run on a managed PC does so whatever the step is called.
 *
 * One step id with other flags in two scenarios is `kb/step-conflict`'s business, not this rule's.
 */
import type { Step } from "../schema/index.ts";
import type { Rule } from "./rule.ts";

/** The step flags a command carries with it, in the order they are reported. */
export const COMMAND_SAFETY_FLAGS = ["needsAdmin", "neverOnManaged", "actsOnOwnProfile", "changesRegistration"] as const;
export type CommandSafetyFlag = (typeof COMMAND_SAFETY_FLAGS)[number];

/**
 * A command as written, normalised for comparison: case, runs of white space and the quotes
 * around a path do not make two commands different (`%LOCALAPPDATA%` is `%localappdata%`).
 */
export function commandKey(run: string): string {
  return run.trim().replace(/["']/g, "").replace(/\s+/g, " ").replace(/\//g, "\\").toLowerCase();
}

/**
 * Read-only commands that many steps use to look before they act (`dsregcmd /status`, a
 * `Get-AppxPackage` check). A step that reads state as well as changing it does not share its
 * flags with a step that only reads: the rule compares commands that change something.
 */
function readsOnly(key: string): boolean {
  return /^(dsregcmd \\status|get-[a-z]+\b|whoami\b|winver$|dsregcmd \\listaccounts)/.test(key);
}

function flagsOf(step: Step): Record<CommandSafetyFlag, boolean> {
  return {
    needsAdmin: step.needsAdmin,
    neverOnManaged: step.neverOnManaged,
    actsOnOwnProfile: step.actsOnOwnProfile,
    changesRegistration: step.changesRegistration,
  };
}

interface Seen {
  file: string;
  stepId: string;
  flags: Record<CommandSafetyFlag, boolean>;
}

/**
 * Every pair of steps that run the same (state-changing) command with different safety flags,
 * reported on the later step, at the command; and one step id with different profile or
 * registration flags (the flags the id rule does not compare). `files` maps a scenario's page id
 * to its file.
 */
export default {
  code: "kb/command-flag-conflict",
  description: "Two steps that run the same state-changing command carry the same safety flags.",
  check(ctx, report) {
    const first = new Map<string, Seen>();
    for (const { file, data: sc } of ctx.scenarios) {
      sc.steps.forEach((step, i) => {
        const flags = flagsOf(step);
        const reported = new Set<string>();
        step.instructions.forEach((ins, j) => {
          if (typeof ins === "string") return;
          const key = commandKey(ins.run);
          if (readsOnly(key)) return;
          const prev = first.get(key);
          if (!prev) {
            first.set(key, { file, stepId: step.id, flags });
            return;
          }
          // The same step id is the id rule's business (kb/step-conflict): don't report it twice.
          if (prev.stepId === step.id && prev.file !== file) return;
          const differ = COMMAND_SAFETY_FLAGS.filter((f) => prev.flags[f] !== flags[f]);
          if (differ.length === 0 || reported.has(prev.stepId)) return;
          reported.add(prev.stepId);
          const where = prev.file === file ? "in this scenario" : `in ${prev.file}`;
          report({
            file,
            path: ["steps", i, "instructions", j, "run"],
            message: `step "${step.id}" runs \`${ins.run.trim()}\`, which step "${prev.stepId}" ${where} also runs, with other safety flags`,
            expected: differ.map((f) => `${f}: ${prev.flags[f]}`).join(", "),
            received: differ.map((f) => `${f}: ${flags[f]}`).join(", "),
            hint: "a command is as risky under any step id: give both steps the same needsAdmin, neverOnManaged, actsOnOwnProfile and changesRegistration",
          });
        });
      });
    }
  },
} satisfies Rule;
