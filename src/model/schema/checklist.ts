import { z } from "zod";
import { CaveatSchema } from "./caveat.ts";
import { ConditionSchema } from "./condition.ts";
import { AppSchema, d, Id, Markdown, SourceRefs } from "./common.ts";
import { InstructionSchema } from "./instruction.ts";
import { PageBase } from "./page.ts";

export const ChecklistSchema = z
  .strictObject({
    $schema: z.string().optional(),
    kind: z.literal("checklist").meta(d("This file is an admin-side checklist.")),
    code: z.string().min(1).meta(d("The hub's code id; must match the folder.")),
    ...PageBase,
    summary: Markdown.meta(d("Who this is for and when to use it.")),
    items: z
      .array(
        z.strictObject({
          id: Id,
          title: z.string().min(1),
          owner: z.enum(["device", "tenant", "network"]).meta(d("Where the check is done: device, tenant or network.")),
          apps: z.array(AppSchema).min(1).optional().meta(d("The apps this check concerns (an IT report for another app leaves it out); absent: every app.")),
          when: ConditionSchema.optional().meta(
            d("The answers this check fits: an IT report leaves it out when this is false for the case (kept when not known). Default: every case."),
          ),
          text: Markdown,
          instructions: z.array(InstructionSchema).default([]),
          sources: SourceRefs,
          caveats: z.array(CaveatSchema).default([]),
        }),
      )
      .min(1)
      .meta(d("The checks, in the order IT should do them.")),
  })
  .meta(d("An admin checklist: content/<code>/admin.yaml."));

export type Checklist = z.output<typeof ChecklistSchema>;
