/**
 * A fix step. A new step property goes in the `StepSchema` object below (with its `.meta`
 * description); when it is a safety property, add it to `STEP_SAFETY_PROPERTIES` in
 * src/model/rules/step-conflict.ts so that one step id means one action everywhere.
 */
import { z } from "zod";
import type { KbCode } from "../issue-codes.ts";
import { CaveatSchema } from "./caveat.ts";
import { d, Id, Markdown, SourceRefs } from "./common.ts";
import { ConditionSchema } from "./condition.ts";
import { InstructionSchema } from "./instruction.ts";

/** Fields a fix step and an avoided action share (they share the plan and the anchors). */
export const StepBase = {
  id: Id,
  title: z.string().min(1).meta(d("The step's heading, as an imperative.")),
  sources: SourceRefs,
  caveats: z.array(CaveatSchema).default([]).meta(d("Where sources disagree about this step. Default none.")),
};

/** What completes a step that leaves the app half-done (an unlink: pairing again). */
export const CompletedBySchema = z
  .strictObject({
    step: Id.meta(d("A later step of the same scenario that completes this one (for an unlink: pairing again).")),
    until: Markdown.meta(d("What stays half-done until that step is done, in plain words (\"OneDrive stays unlinked until …\").")),
  })
  .meta(d("The step that completes this one. Marking this step fixed then leads to that step before the session ends fixed."));

export const TIERS = ["first-line", "advanced"] as const;

export const StepSchema = z
  .strictObject({
    ...StepBase,
    tier: z
      .enum(TIERS)
      .meta(d("`first-line` steps come first and are all a managed-device user does; `advanced` steps follow.")),
    needsAdmin: z.boolean().default(false).meta(d("Needs local administrator rights. Default false.")),
    needsRestart: z.boolean().default(false).meta(d("Ends with a restart of Windows. Default false.")),
    changesState: z
      .boolean()
      .meta(d("Changes device or account state (sign-outs, removed entries, resets). Reading state is false.")),
    neverOnManaged: z
      .boolean()
      .default(false)
      .meta(d("Must never be offered on a managed device (the engine marks it `never` there). Default false.")),
    // -- what the step acts on, read by the safety rules (src/engine/safety.ts)
    actsOnOwnProfile: z
      .boolean()
      .default(false)
      .meta(d("Acts on the Windows profile of the account that runs it (`%localappdata%`, HKCU, the broker's accounts, `Add-AppxPackage -Register`). Elevating with another account's password runs it as that account, on that account's profile, so the engine never proposes it. Default false.")),
    changesRegistration: z
      .boolean()
      .default(false)
      .meta(d("Removes, adds or re-registers a work account or the device's registration (Access work or school Disconnect/Connect, `dsregcmd /cleanupaccounts`). On a managed or hybrid-joined PC the engine leaves it to IT. Default false.")),
    dataSafety: Markdown.meta(d("What happens to the person's files and settings: say plainly whether data is at risk.")),
    summary: Markdown.meta(d("One or two sentences: what the step does and why it helps.")),
    when: ConditionSchema.optional().meta(d("The step applies only when this holds. Default: always.")),
    whenNot: Markdown.optional().meta(d("Why the step is skipped when `when` is false, shown in the plan.")),
    instructions: z.array(InstructionSchema).min(1).meta(d("What to do, in order.")),
    expect: Markdown.optional().meta(d("What the person sees when the step worked.")),
    completedBy: CompletedBySchema.optional().meta(d("The step that completes this one, when this one leaves the app half-done. Default none.")),
  })
  .superRefine((s, ctx) => {
    if (s.when && !s.whenNot) {
      ctx.addIssue({
        code: "custom",
        path: ["whenNot"],
        message: "a step with `when` needs `whenNot`: the reason shown when it is skipped",
        params: { code: "kb/missing-skip-reason" satisfies KbCode },
      });
    }
  })
  .meta(d("A fix step."));

export type Step = z.output<typeof StepSchema>;
