import { z } from "zod";
import { FACT_NAMES } from "../facts.ts";
import type { KbCode } from "../issue-codes.ts";
import { d, Id, Markdown, SourceRefs } from "./common.ts";
import { ConditionSchema } from "./condition.ts";

export const OUTCOMES = ["escalate", "switch-guide", "not-this-error"] as const;
export const STOP_POINTS = ["start", "before-state-change", "after-first-line"] as const;

export const StopSchema = z
  .strictObject({
    id: Id,
    when: ConditionSchema.meta(d("When this stop applies.")),
    outcome: z.enum(OUTCOMES).meta(d("What happens: escalate to IT, switch to another code's guide, or not this error.")),
    at: z
      .enum(STOP_POINTS)
      .default("start")
      .meta(
        d(
          "Where the plan stops: `start` (before any step), `before-state-change` (before the first step that changes state) or `after-first-line`. Default start.",
        ),
      ),
    switchTo: z.string().min(1).optional().meta(d("switch-guide: the code whose guide applies.")),
    switchToFact: z
      .enum(FACT_NAMES as [string, ...string[]])
      .optional()
      .meta(d("switch-guide: take the code from this fact's answer (e.g. otherErrorAfterSignIn).")),
    title: Markdown.meta(d("The 'When to stop' line on the page.")),
    reason: Markdown.meta(d("The reason the plan gives when it stops here.")),
    sources: SourceRefs,
  })
  .superRefine((s, ctx) => {
    const hasTarget = s.switchTo !== undefined || s.switchToFact !== undefined;
    if (s.outcome === "switch-guide" && !hasTarget) {
      ctx.addIssue({
        code: "custom",
        path: ["switchTo"],
        message: "a switch-guide stop names `switchTo` (a code) or `switchToFact` (a code fact)",
        params: { code: "kb/missing-switch-target" satisfies KbCode },
      });
    }
    if (s.outcome !== "switch-guide" && hasTarget) {
      ctx.addIssue({
        code: "custom",
        path: [s.switchTo !== undefined ? "switchTo" : "switchToFact"],
        message: `only a switch-guide stop has a switch target (this one is "${s.outcome}")`,
        params: { code: "kb/unexpected-switch-target" satisfies KbCode },
      });
    }
  })
  .meta(d("A stop rule: when the plan ends early, and why."));

export type Stop = z.output<typeof StopSchema>;
