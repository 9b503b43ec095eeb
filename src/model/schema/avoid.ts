import { z } from "zod";
import { d, Markdown } from "./common.ts";
import { StepBase } from "./step.ts";

export const AvoidSchema = z
  .strictObject({
    ...StepBase,
    neverOnManaged: z
      .boolean()
      .meta(d("True when the action must never be offered on a managed device (it is then `never` in every plan).")),
    why: Markdown.meta(d("Why not: what goes wrong, in plain words.")),
    itOnly: Markdown.optional().meta(d("When IT may do it instead, if ever (points at the admin checklist).")),
  })
  .meta(d("An action the person must not take (or not take first), with the reason."));

export type Avoid = z.output<typeof AvoidSchema>;
