import { z } from "zod";
import { FACT_NAMES } from "../facts.ts";
import { d, Markdown } from "./common.ts";
import { FactValueSchema } from "./condition.ts";

export const QuestionSchema = z
  .strictObject({
    fact: z.enum(FACT_NAMES as [string, ...string[]]).meta(d("The fact this question answers.")),
    prompt: z.string().min(1).meta(d("The question, as asked.")),
    why: Markdown.meta(d("Why it is asked: what the answer changes.")),
    help: Markdown.optional().meta(d("How to find the answer.")),
    choices: z
      .array(
        z.strictObject({
          value: FactValueSchema,
          label: z.string().min(1).meta(d("What the person clicks.")),
        }),
      )
      .min(2)
      .optional()
      .meta(d("Answers offered. Default for true/false facts: Yes / No. `I don't know` is always offered.")),
  })
  .meta(d("A question the diagnostic may ask."));

export type Question = z.output<typeof QuestionSchema>;
