import { z } from "zod";
import { AppSchema, d, Markdown, SourceRefs } from "./common.ts";
import { AvoidSchema } from "./avoid.ts";
import { PageBase } from "./page.ts";
import { QuestionSchema } from "./question.ts";
import { StepSchema } from "./step.ts";
import { StopSchema } from "./stop.ts";

export const ScenarioSchema = z
  .strictObject({
    $schema: z.string().optional(),
    kind: z.literal("scenario").meta(d("This file is a scenario: one code in one app.")),
    code: z.string().min(1).meta(d("The hub's code id; must match the folder.")),
    app: AppSchema.meta(d("The app; must match the file name.")),
    ...PageBase,
    quickAnswer: Markdown.meta(d("The short answer, at most 60 words.")),
    accountTypes: z
      .array(z.enum(["work", "personal"]))
      .min(1)
      .default(["work", "personal"])
      .meta(
        d(
          "Which accounts can produce this code in this app. Without `personal`, a personal account gets not-this-error (a stop must say so). Default both.",
        ),
      ),
    beforeYouStart: z.array(Markdown).min(1).meta(d("What to know before the first step.")),
    meaning: Markdown.meta(d("What the code means in this app.")),
    meaningSources: SourceRefs.meta(d("The sources that back the meaning, shown under it on the page like a step's.")),
    whereItAppears: z
      .array(z.strictObject({ title: z.string().min(1), text: Markdown }))
      .min(1)
      .meta(d("Where in the app the error shows up.")),
    triggers: z
      .array(z.strictObject({ text: Markdown, sources: SourceRefs.optional() }))
      .min(1)
      .meta(d("What tends to set it off.")),
    causes: z
      .array(z.strictObject({ title: z.string().min(1), text: Markdown, sources: SourceRefs }))
      .min(1)
      .meta(d("Causes, most common first.")),
    questions: z.array(QuestionSchema).default([]).meta(d("The diagnostic's questions, in the order asked.")),
    steps: z.array(StepSchema).min(1).meta(d("Fix steps: first-line in order, then advanced.")),
    avoid: z.array(AvoidSchema).default([]).meta(d("Actions not to take, with the reason.")),
    managed: z
      .strictObject({
        signs: z.array(z.string().min(1)).min(1).meta(d("How to tell the device is managed.")),
        advice: Markdown.meta(d("What a managed-device user does and where they stop.")),
        upstream: Markdown.meta(d("What remains that only IT can fix.")),
        sendToIt: z.array(Markdown).min(1).meta(d("What to hand to IT.")),
      })
      .meta(d("The managed-device branch.")),
    stops: z.array(StopSchema).min(1).meta(d("When to stop: each rule is both a page line and a diagnostic stop.")),
  })
  .meta(d("A scenario: content/<code>/<app>.yaml."));

export type Scenario = z.output<typeof ScenarioSchema>;
