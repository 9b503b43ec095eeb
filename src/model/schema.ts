/**
 * The content model: one zod schema per kind of content file. Field descriptions live in
 * `.meta({ description })` so the generated JSON Schema (`schema/`) carries them into editors.
 * Cross-file rules (ids, references, facts) are checked in `cross-check.ts`, not here.
 */
import { z } from "zod";
import { APPS, FACT_NAMES } from "./facts.ts";

const d = (description: string) => ({ description });

const Id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: "an id in kebab-case: lower-case letters, digits and single dashes" })
  .meta(d("A stable kebab-case id; it is also the URL anchor (`#fix-<id>` for steps)."));

/** Markdown: inline formatting, `code` and links. Raw HTML is rejected by the cross-checks. */
const Markdown = z.string().min(1).meta(d("Markdown text (inline formatting, `code`, links). No raw HTML."));

const AppSchema = z.enum(APPS).meta(d("An app: onedrive, outlook, teams or office (Microsoft 365 Apps activation)."));

const ReviewedSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "a date written YYYY-MM-DD" })
  .meta(d("The day a person last checked this page against its sources, YYYY-MM-DD."));

const SourceRefs = z
  .array(Id)
  .min(1)
  .meta(d("Ids of entries in content/sources.yaml that back this item. At least one."));

/** A reference to another page: `caa50021`, `caa50021/onedrive`, `caa50021/admin`. */
export const PageLinkSchema = z
  .strictObject({
    page: z
      .string()
      .regex(/^[a-z0-9]+(?:\/(?:onedrive|outlook|teams|office|admin))?$/i, {
        message: "a page id: <code>, <code>/<app> or <code>/admin",
      })
      .meta(d("The page id: `<code>` for a hub, `<code>/<app>` for a scenario, `<code>/admin` for a checklist.")),
    title: z.string().min(1).optional().meta(d("Link text. Defaults to the page's title; required when planned.")),
    planned: z
      .boolean()
      .default(false)
      .meta(d("The page is not written yet: it renders as plain text instead of a link. Default false.")),
  })
  .meta(d("A link to another Fixpath page."));

export const CaveatSchema = z
  .strictObject({
    text: Markdown.meta(d("Where sources disagree or a fact is unconfirmed, in plain words.")),
    sources: SourceRefs,
  })
  .meta(d("A caveat: what is disputed or unconfirmed, and by whom."));

// ---------------------------------------------------------------- conditions

/** A condition over the design's facts. Unknown is a value of its own: `is: unknown`. */
export type Condition =
  | { fact: string; is: string | boolean }
  | { fact: string; in: (string | boolean)[] }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

const FactValueSchema = z
  .union([z.boolean(), z.string().min(1)])
  .meta(d("A value of the fact: true/false, a choice, a code, or `unknown` for a fact not answered."));

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z
    .strictObject({
      fact: z.enum(FACT_NAMES as [string, ...string[]]).optional().meta(d("The fact to test, by its design name.")),
      is: FactValueSchema.optional().meta(d("True when the fact has this value (`unknown`: not answered).")),
      in: z.array(FactValueSchema).min(1).optional().meta(d("True when the fact has one of these values.")),
      all: z.array(ConditionSchema).min(1).optional().meta(d("True when every condition is true.")),
      any: z.array(ConditionSchema).min(1).optional().meta(d("True when at least one condition is true.")),
      not: ConditionSchema.optional().meta(d("True when the condition is false.")),
    })
    .superRefine((c, ctx) => {
      const forms = [c.fact !== undefined, c.all !== undefined, c.any !== undefined, c.not !== undefined];
      if (forms.filter(Boolean).length !== 1) {
        ctx.addIssue({
          code: "custom",
          message: "a condition has exactly one of: fact (with is or in), all, any, not",
          params: { code: "kb/bad-condition" },
        });
      } else if (c.fact !== undefined && (c.is === undefined) === (c.in === undefined)) {
        ctx.addIssue({
          code: "custom",
          message: `a fact test needs exactly one of "is" or "in"`,
          params: { code: "kb/bad-condition" },
        });
      } else if (c.fact === undefined && (c.is !== undefined || c.in !== undefined)) {
        ctx.addIssue({
          code: "custom",
          message: `"is" and "in" belong next to "fact"`,
          params: { code: "kb/bad-condition" },
        });
      }
    })
    .meta(
      d(
        "A condition: `{ fact, is }`, `{ fact, in }`, `{ all: [...] }`, `{ any: [...] }` or `{ not: ... }`. Unknown facts stay unknown.",
      ),
    ),
) as z.ZodType<Condition>;

// ---------------------------------------------------------------- steps

export const SHELLS = ["cmd", "powershell", "run"] as const;

export const CommandSchema = z
  .strictObject({
    run: z.string().min(1).meta(d("The command exactly as typed, verbatim from the sources.")),
    shell: z
      .enum(SHELLS)
      .meta(d("Where it is typed: `cmd` (Command Prompt), `powershell` (PowerShell) or `run` (the Win+R Run dialog).")),
    elevated: z.boolean().default(false).meta(d("Needs a prompt opened with Run as administrator. Default false.")),
    note: Markdown.optional().meta(d("What the command prints or what to check afterwards.")),
  })
  .meta(d("A command to type."));

export const InstructionSchema = z
  .union([Markdown, CommandSchema])
  .meta(d("One instruction: a Markdown sentence, or a command object `{ run, shell, elevated }`."));

const StepBase = {
  id: Id,
  title: z.string().min(1).meta(d("The step's heading, as an imperative.")),
  sources: SourceRefs,
  caveats: z.array(CaveatSchema).default([]).meta(d("Where sources disagree about this step. Default none.")),
};

// ---- what completes a step (issue 13): a step that leaves the app half-done names the step that finishes it.
export const CompletedBySchema = z
  .strictObject({
    step: Id.meta(d("A later step of the same scenario that completes this one (for an unlink: pairing again).")),
    until: Markdown.meta(d("What stays half-done until that step is done, in plain words (\"OneDrive stays unlinked until …\").")),
  })
  .meta(d("The step that completes this one. Marking this step fixed then leads to that step before the session ends fixed."));
const StepCompletion = { completedBy: CompletedBySchema.optional().meta(d("The step that completes this one, when this one leaves the app half-done. Default none.")) };

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
    dataSafety: Markdown.meta(d("What happens to the person's files and settings: say plainly whether data is at risk.")),
    summary: Markdown.meta(d("One or two sentences: what the step does and why it helps.")),
    when: ConditionSchema.optional().meta(d("The step applies only when this holds. Default: always.")),
    whenNot: Markdown.optional().meta(d("Why the step is skipped when `when` is false, shown in the plan.")),
    instructions: z.array(InstructionSchema).min(1).meta(d("What to do, in order.")),
    expect: Markdown.optional().meta(d("What the person sees when the step worked.")),
    ...StepCompletion,
  })
  .superRefine((s, ctx) => {
    if (s.when && !s.whenNot) {
      ctx.addIssue({
        code: "custom",
        path: ["whenNot"],
        message: "a step with `when` needs `whenNot`: the reason shown when it is skipped",
        params: { code: "kb/missing-skip-reason" },
      });
    }
  })
  .meta(d("A fix step."));

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

// ---------------------------------------------------------------- questions and stops

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
        params: { code: "kb/missing-switch-target" },
      });
    }
    if (s.outcome !== "switch-guide" && hasTarget) {
      ctx.addIssue({
        code: "custom",
        path: [s.switchTo !== undefined ? "switchTo" : "switchToFact"],
        message: `only a switch-guide stop has a switch target (this one is "${s.outcome}")`,
        params: { code: "kb/unexpected-switch-target" },
      });
    }
  })
  .meta(d("A stop rule: when the plan ends early, and why."));

// ---------------------------------------------------------------- pages

const PageBase = {
  title: z.string().min(1).meta(d("The page title (h1).")),
  description: z.string().min(1).max(200).meta(d("One sentence for search results and link previews, at most 200 characters.")),
  reviewed: ReviewedSchema,
  references: SourceRefs.meta(d("The page's references: ids in content/sources.yaml. At least one.")),
  related: z.array(PageLinkSchema).default([]).meta(d("Related pages, in the order shown. Default none.")),
  caveats: z.array(CaveatSchema).default([]).meta(d("Page-level caveats where sources disagree. Default none.")),
};

export const SOURCE_KINDS = ["official", "community"] as const;
export const OWNERS = ["client", "device", "network", "tenant"] as const;

export const MessageSchema = z
  .strictObject({
    text: z.string().min(1).meta(d("The message exactly as shown on screen.")),
    apps: z.array(AppSchema).default([]).meta(d("Where it is shown. Default: not tied to one app.")),
    kind: z.enum(SOURCE_KINDS).meta(d("`official` when Microsoft documents the wording, `community` otherwise.")),
    sources: SourceRefs,
  })
  .meta(d("A message people see with this code."));

export const CodeHubSchema = z
  .strictObject({
    $schema: z.string().optional(),
    kind: z.literal("code").meta(d("This file is a code hub.")),
    id: z
      .string()
      .regex(/^(?:0x)?[0-9a-z]+$/, { message: "the canonical code id, lower-case: caa50021, 0x8004de40, 80070520" })
      .meta(d("The canonical code id: the form users most often see, lower-case.")),
    ...PageBase,
    aliases: z
      .array(z.string().min(1))
      .default([])
      .meta(d("Other forms and codes that lead to this hub (0xCAA50021, 3399811105, …). Default none.")),
    family: z.string().min(1).meta(d("The code family, e.g. 'Windows token broker (WAM / AAD BrokerPlugin)'.")),
    owner: z.enum(OWNERS).meta(d("Who usually owns the fix: client, device, network or tenant.")),
    meaningStatus: z
      .enum(["official", "community", "unconfirmed"])
      .meta(d("Whether Microsoft documents the code's meaning (`official`), only others do, or nobody does.")),
    quickAnswer: Markdown.meta(d("The short answer, at most 60 words.")),
    meaning: Markdown.meta(d("What the code is.")),
    messages: z.array(MessageSchema).default([]).meta(d("Messages people see with it. Default none.")),
    rootCause: Markdown.optional().meta(d("The cause shared by every app.")),
    safety: Markdown.optional().meta(d("What is safe to try and what is not.")),
    scenarios: z
      .array(
        z.strictObject({
          app: AppSchema,
          planned: z.boolean().default(false).meta(d("The scenario page is not written yet. Default false.")),
          summary: Markdown.optional().meta(d("One line: when to go to this app's page.")),
        }),
      )
      .default([])
      .meta(d("The app scenarios of this code, each a file content/<code>/<app>.yaml. Default none.")),
    sharedFixes: z
      .array(
        z.strictObject({
          step: Id.meta(d("A step id that exists in the scenario of each app listed.")),
          apps: z.array(AppSchema).min(1).meta(d("The apps whose scenario has this step.")),
          note: Markdown.optional().meta(d("What the fix does for every app, in a sentence.")),
        }),
      )
      .default([])
      .meta(d("Fixes shared by the apps, shown on the hub with links to each scenario's step. Default none.")),
    checklist: z
      .enum(["yes", "planned", "no"])
      .default("no")
      .meta(d("Whether content/<code>/admin.yaml exists (`yes`), is planned, or there is none. Default no.")),
  })
  .meta(d("A code hub: content/<code>/code.yaml."));

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

export const SourcesFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    kind: z.literal("sources").meta(d("This file is the source registry.")),
    sources: z
      .array(
        z.strictObject({
          id: Id,
          title: z.string().min(1).meta(d("The source's own title.")),
          url: z.url({ protocol: /^https$/ }).meta(d("Where it is published (https).")),
          kind: z
            .enum(SOURCE_KINDS)
            .meta(d("`official`: Microsoft documentation. `community`: third-party pages, forums, field practice.")),
          note: z.string().optional().meta(d("What to keep in mind when citing it.")),
        }),
      )
      .min(1),
  })
  .meta(d("The source registry: content/sources.yaml."));

export type PageLink = z.output<typeof PageLinkSchema>;
export type Caveat = z.output<typeof CaveatSchema>;
export type Command = z.output<typeof CommandSchema>;
export type Instruction = z.output<typeof InstructionSchema>;
export type Step = z.output<typeof StepSchema>;
export type CompletedBy = z.output<typeof CompletedBySchema>;
export type Avoid = z.output<typeof AvoidSchema>;
export type Question = z.output<typeof QuestionSchema>;
export type Stop = z.output<typeof StopSchema>;
export type CodeHub = z.output<typeof CodeHubSchema>;
export type Scenario = z.output<typeof ScenarioSchema>;
export type Checklist = z.output<typeof ChecklistSchema>;
export type SourcesFile = z.output<typeof SourcesFileSchema>;
export type Source = SourcesFile["sources"][number];
export type ScenarioInput = z.input<typeof ScenarioSchema>;

/** The schema for each `kind:` of content file. */
export const CONTENT_SCHEMAS = {
  code: CodeHubSchema,
  scenario: ScenarioSchema,
  checklist: ChecklistSchema,
  sources: SourcesFileSchema,
} as const;
export type ContentKind = keyof typeof CONTENT_SCHEMAS;
