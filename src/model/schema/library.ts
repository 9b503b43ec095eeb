/**
 * The content library (issue 22): each step, question, avoided action and stop that several
 * scenarios share is written once, in `content/library/<kind>/<id>.yaml`, and scenarios list it by
 * id (`- use: clean-restart`). A library item holds the words and safety properties that are one
 * text everywhere; a scenario's `use` entry adds only what the library item leaves open (the tier
 * and condition of a step here, or a sentence only this code needs). A field written in both is an
 * error (`kb/library-redefined`); the safety properties are the library item's alone.
 *
 * When scenarios need other words for a field, the library item keeps each wording once under
 * `variants:` (a name and the fields it words), and a scenario picks the wordings it reads with
 * `variant: <name>` (or a list of names). A variant words only fields the item leaves open, and two
 * variants a scenario picks never word the same field.
 *
 * Words in a library item may say `{app}` (the scenario's app, e.g. "OneDrive") and `{code}` (its
 * code as people write it, e.g. "CAA50021"); composing a scenario fills them in.
 */
import { z } from "zod";
import { CaveatSchema } from "./caveat.ts";
import { d, Id, Markdown, SourceRefs } from "./common.ts";
import { ConditionSchema } from "./condition.ts";
import { InstructionSchema } from "./instruction.ts";
import { CompletedBySchema, TIERS } from "./step.ts";
import { FactValueSchema } from "./condition.ts";
import { OUTCOMES, STOP_POINTS } from "./stop.ts";
import { FACT_NAMES } from "../facts.ts";

const Schema$ = { $schema: z.string().optional() };

/** Named wordings of the fields an item leaves open: `variants: { <name>: { <field>: ... } }`. */
const variants = (words: Record<string, z.ZodType>) =>
  z
    .record(Id, z.strictObject(Object.fromEntries(Object.entries(words).map(([k, v]) => [k, v.optional()]))))
    .optional()
    .meta(d("Named wordings of fields this item leaves open; a scenario picks one or more with `variant:`."));

/** The wordings a scenario picks from the library item (`variant: name` or a list of names). */
const VariantPick = z.union([Id, z.array(Id).min(1)]).optional().meta(d("The library item's wordings this scenario reads (names under its `variants:`)."));

/** Step fields a library item may write (words); the safety properties below are the library's alone. */
const StepWords = {
  title: z.string().min(1).meta(d("The step's heading, as an imperative.")),
  sources: SourceRefs,
  caveats: z.array(CaveatSchema).meta(d("Where sources disagree about this step.")),
  dataSafety: Markdown.meta(d("What happens to the person's files and settings.")),
  summary: Markdown.meta(d("What the step does and why it helps.")),
  instructions: z.array(InstructionSchema).min(1).meta(d("What to do, in order.")),
  expect: Markdown.meta(d("What the person sees when the step worked.")),
  whenNot: Markdown.meta(d("Why the step is skipped when the scenario's `when` is false.")),
};

/** The safety properties of a step: written in the library item only, never in a scenario's `use`. */
export const STEP_SAFETY_FIELDS = ["needsAdmin", "needsRestart", "changesState", "neverOnManaged", "actsOnOwnProfile", "changesRegistration"] as const;

export const LibraryStepSchema = z
  .strictObject({
    ...Schema$,
    kind: z.literal("step").meta(d("This file is a library step: content/library/steps/<id>.yaml; its id is the file name.")),
    ...Object.fromEntries(Object.entries(StepWords).map(([k, v]) => [k, v.optional()])),
    needsAdmin: z.boolean().optional().meta(d("Needs local administrator rights. Default false.")),
    needsRestart: z.boolean().optional().meta(d("Ends with a restart of Windows. Default false.")),
    changesState: z.boolean().meta(d("Changes device or account state. Reading state is false.")),
    neverOnManaged: z.boolean().optional().meta(d("Never offered on a managed device. Default false.")),
    actsOnOwnProfile: z.boolean().optional().meta(d("Acts on the Windows profile of the account that runs it. Default false.")),
    changesRegistration: z.boolean().optional().meta(d("Removes, adds or re-registers a work account or the device's registration. Default false.")),
    variants: variants(StepWords),
  })
  .meta(d("A step several scenarios share, written once."));

/** What a scenario writes to use a library step: the id, its place (tier, condition), and only words the library leaves open. */
export const StepUseSchema = z
  .strictObject({
    use: Id.meta(d("The library step's id: content/library/steps/<id>.yaml.")),
    variant: VariantPick,
    tier: z.enum(TIERS).optional().meta(d("`first-line` or `advanced` in this scenario (when the library item does not say).")),
    when: ConditionSchema.optional().meta(d("The step applies only when this holds, in this scenario.")),
    completedBy: CompletedBySchema.optional(),
    ...Object.fromEntries(Object.entries(StepWords).map(([k, v]) => [k, v.optional()])),
  })
  .meta(d("A library step used by this scenario."));

const QuestionWords = {
  prompt: z.string().min(1).meta(d("The question, as asked.")),
  why: Markdown.meta(d("Why it is asked: what the answer changes.")),
  help: Markdown.meta(d("How to find the answer.")),
  choices: z.array(z.strictObject({ value: FactValueSchema, label: z.string().min(1) })).min(2).meta(d("Answers offered.")),
};

export const LibraryQuestionSchema = z
  .strictObject({ ...Schema$, kind: z.literal("question").meta(d("This file is a library question: content/library/questions/<fact>.yaml.")), ...Object.fromEntries(Object.entries(QuestionWords).map(([k, v]) => [k, v.optional()])), variants: variants(QuestionWords) })
  .meta(d("A question several scenarios ask, written once; the file name is its fact."));

export const QuestionUseSchema = z
  .strictObject({ use: z.enum(FACT_NAMES as [string, ...string[]]).meta(d("The fact of the library question: content/library/questions/<fact>.yaml.")), variant: VariantPick, ...Object.fromEntries(Object.entries(QuestionWords).map(([k, v]) => [k, v.optional()])) })
  .meta(d("A library question asked by this scenario."));

const AvoidWords = {
  title: z.string().min(1),
  sources: SourceRefs,
  caveats: z.array(CaveatSchema),
  why: Markdown.meta(d("Why not: what goes wrong, in plain words.")),
  itOnly: Markdown.meta(d("When IT may do it instead, if ever.")),
};

export const LibraryAvoidSchema = z
  .strictObject({
    ...Schema$,
    kind: z.literal("avoid").meta(d("This file is a library avoided action: content/library/avoid/<id>.yaml.")),
    neverOnManaged: z.boolean().meta(d("True when the action must never be offered on a managed device.")),
    ...Object.fromEntries(Object.entries(AvoidWords).map(([k, v]) => [k, v.optional()])),
    variants: variants(AvoidWords),
  })
  .meta(d("An action several scenarios warn against, written once."));

export const AvoidUseSchema = z
  .strictObject({ use: Id.meta(d("The library item's id: content/library/avoid/<id>.yaml.")), variant: VariantPick, ...Object.fromEntries(Object.entries(AvoidWords).map(([k, v]) => [k, v.optional()])) })
  .meta(d("A library avoided action listed by this scenario."));

const StopWords = {
  title: Markdown.meta(d("The 'When to stop' line on the page.")),
  reason: Markdown.meta(d("The reason the plan gives when it stops here.")),
  sources: SourceRefs,
};
const StopLogic = {
  when: ConditionSchema,
  outcome: z.enum(OUTCOMES),
  at: z.enum(STOP_POINTS),
  switchTo: z.string().min(1),
  switchToFact: z.enum(FACT_NAMES as [string, ...string[]]),
};

export const LibraryStopSchema = z
  .strictObject({ ...Schema$, kind: z.literal("stop").meta(d("This file is a library stop: content/library/stops/<id>.yaml.")), ...Object.fromEntries(Object.entries({ ...StopLogic, ...StopWords }).map(([k, v]) => [k, v.optional()])), variants: variants(StopWords) })
  .meta(d("A stop rule several scenarios share, written once."));

export const StopUseSchema = z
  .strictObject({ use: Id.meta(d("The library stop's id: content/library/stops/<id>.yaml.")), variant: VariantPick, ...Object.fromEntries(Object.entries({ ...StopLogic, ...StopWords }).map(([k, v]) => [k, v.optional()])) })
  .meta(d("A library stop used by this scenario."));

/** The signs of a managed computer, written once: a scenario's `managed:` says `use: <id>` and adds its own advice. */
export const LibraryManagedSchema = z
  .strictObject({
    ...Schema$,
    kind: z.literal("managed").meta(d("This file is a library list of managed-computer signs: content/library/managed/<id>.yaml.")),
    signs: z.array(z.string().min(1)).min(1).meta(d("How to tell the device is managed.")),
  })
  .meta(d("The signs of a managed computer that scenarios show, written once."));

export const ManagedUseSchema = z
  .strictObject({
    use: Id.meta(d("The library list of signs: content/library/managed/<id>.yaml.")),
    advice: Markdown.meta(d("What a managed-device user does and where they stop.")),
    upstream: Markdown.meta(d("What remains that only IT can fix.")),
    sendToIt: z.array(Markdown).min(1).meta(d("What to hand to IT.")),
  })
  .meta(d("The managed-device branch, with the signs from the library."));

/** The library's kinds: folder under content/library/, the scenario list they fill, and the key naming an item. */
export const LIBRARY_KINDS = {
  steps: { kind: "step", list: "steps", key: "id", schema: LibraryStepSchema, use: StepUseSchema },
  questions: { kind: "question", list: "questions", key: "fact", schema: LibraryQuestionSchema, use: QuestionUseSchema },
  avoid: { kind: "avoid", list: "avoid", key: "id", schema: LibraryAvoidSchema, use: AvoidUseSchema },
  stops: { kind: "stop", list: "stops", key: "id", schema: LibraryStopSchema, use: StopUseSchema },
  managed: { kind: "managed", list: "managed", key: undefined, schema: LibraryManagedSchema, use: ManagedUseSchema },
} as const;
export type LibraryFolder = keyof typeof LIBRARY_KINDS;
