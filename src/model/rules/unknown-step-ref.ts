import { suggest } from "../issue.ts";
import type { Rule } from "./rule.ts";

/** A step's `completedBy` names a later step of the same scenario (an unlink, then pairing again). */
export default {
  code: "kb/unknown-step-ref",
  description: "A step's completedBy names a later step of the same scenario.",
  check(ctx, report) {
    for (const { file, data: sc } of ctx.scenarios) {
      const index = new Map(sc.steps.map((s, i) => [s.id, i]));
      sc.steps.forEach((step, i) => {
        if (!step.completedBy) return;
        const target = index.get(step.completedBy.step);
        if (target !== undefined && target > i) return;
        const later = sc.steps.slice(i + 1).map((s) => s.id);
        report({
          file,
          path: ["steps", i, "completedBy", "step"],
          message: target === undefined ? `no step "${step.completedBy.step}" in this scenario` : `"${step.completedBy.step}" comes before "${step.id}"; the step that completes it must come later`,
          expected: later.join(" | ") || "(no later step)",
          received: JSON.stringify(step.completedBy.step),
          hint: later.length ? suggest(step.completedBy.step, later) : "move the step that completes it below this one",
        });
      });
    }
  },
} satisfies Rule;
