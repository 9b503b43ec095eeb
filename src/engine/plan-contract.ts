/**
 * The plan contract (`fixpath diagnose --json`, shared/design.md "The diagnostic contract") as a
 * schema, so the JSON people script against is documented and checked: `npm run schema` writes
 * schema/plan.schema.json from it, and tests validate real plans against it. The TypeScript types
 * in types.ts stay the engine's own; a test keeps the two in step.
 */
import * as z from "zod";
import { APPS, FACT_NAMES } from "../model/index.ts";
import { CUT_POINTS, STEP_STATUSES } from "./types.ts";

const d = (description: string) => ({ description });
const Fact = z.enum(FACT_NAMES as [string, ...string[]]);
const Value = z.union([z.boolean(), z.string()]);
const Cut = z.enum(CUT_POINTS).meta(d("Where the stop cuts the plan: start, before-state-change or after-first-line."));
const StopId = z.string().meta(d("The stop's id in the scenario."));

const HoldCause = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("stop"), stop: StopId, at: Cut }),
  z.strictObject({ kind: z.literal("managed-advanced") }),
  z.strictObject({ kind: z.literal("registration") }),
  z.strictObject({ kind: z.literal("work-account-fit") }),
  z.strictObject({ kind: z.literal("admin") }),
]);

const StepCause = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("stopped"), stop: StopId, at: Cut }),
    z.strictObject({ kind: z.literal("managed") }),
    z.strictObject({ kind: z.literal("never-on-managed"), managed: z.enum(["yes", "unknown"]) }),
    z.strictObject({ kind: z.literal("does-not-apply") }),
    z.strictObject({ kind: z.literal("registration"), on: z.enum(["managed", "hybrid-joined"]) }),
    z.strictObject({ kind: z.literal("admin"), ownProfile: z.boolean() }),
    z.strictObject({ kind: z.literal("find-out"), holds: z.array(z.strictObject({ fact: Fact, cause: HoldCause })).min(1) }),
    z.strictObject({ kind: z.literal("offered"), tier: z.enum(["first-line", "advanced"]), applies: z.enum(["yes", "assumed", "always"]), assumedNotManaged: z.boolean() }),
    z.strictObject({ kind: z.literal("avoid"), scope: z.enum(["managed", "any-computer", "not-a-step"]) }),
  ])
  .meta(
    d(
      "Why the step has its status, as data (reason is its words): stopped (a stop cuts before it), managed (an advanced step on a managed computer), never-on-managed, does-not-apply (its condition is false), registration and admin (IT's), find-out (holds: what each unknown answer decides), offered (the person's to do), avoid (an avoided action).",
    ),
  );

const HandOverCause = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("stop"), stop: StopId, at: Cut }),
  z.strictObject({ kind: z.literal("managed") }),
  z.strictObject({ kind: z.literal("out-of-steps"), tried: z.number().int().min(0), couldNot: z.number().int().min(0) }),
  z.strictObject({ kind: z.literal("held"), facts: z.array(Fact), steps: z.array(z.string()) }),
  z.strictObject({ kind: z.literal("unknown-guide"), code: z.string() }),
]);

export const PlanContractSchema = z
  .strictObject({
    code: z.string().meta(d("The code's canonical id, e.g. caa50021.")),
    app: z.enum(APPS).meta(d("The app the plan is for.")),
    outcome: z
      .enum(["plan", "escalate", "switch-guide", "not-this-error"])
      .meta(d("plan: steps to take; escalate: stop now and hand over to IT; switch-guide: another code's guide applies (switchTo); not-this-error: the situation cannot produce this code.")),
    steps: z
      .array(
        z.strictObject({
          id: z.string().meta(d("The step's id (its page anchor is fix-<id>), or an avoided action's id.")),
          status: z
            .enum(STEP_STATUSES)
            .meta(
              d(
                "do: the person does it; skip: not proposed (the reason says why); ask-admin: IT does it; never: must not be done here; find-out: waits for the answers in findOut, because the cautious answer would hold it back (an unknown answer never unlocks a step).",
              ),
            ),
          cause: StepCause,
          reason: z.string().min(1).meta(d("Why it has this status, in words (rendered from cause).")),
          findOut: z.array(Fact).min(1).optional().meta(d("With find-out only: the unknown facts whose answers decide whether the step is the person's or IT's.")),
        }),
      )
      .meta(d("Every step in content order, then every avoided action.")),
    switchTo: z.string().optional().meta(d("With switch-guide: the code whose guide applies.")),
    escalation: z
      .strictObject({ causes: z.array(HandOverCause).min(1).meta(d("Why, as data, in order.")), reasons: z.array(z.string()).min(1).meta(d("The causes in words, in the same order.")), checklist: z.string().optional().meta(d("The admin checklist's path, when the code has one.")) })
      .optional()
      .meta(d("What goes to IT, and where their checklist is.")),
    assumptions: z.array(z.strictObject({ fact: Fact, kind: z.enum(["stop-may-fire", "step-applies", "maybe-managed", "not-managed"]).meta(d("What is assumed, as data: a stop does not fire yet, a step's condition holds, the computer may be managed, or it is not.")), assumed: z.string().meta(d("The same, in words.")), affects: z.array(z.string()) })).meta(d("Unanswered facts the plan relied on: what it assumed and which step or stop ids that affects.")),
    nextQuestion: z.looseObject({ fact: Fact, prompt: z.string() }).optional().meta(d("The question whose answer would change the plan most (the scenario's own question object).")),
    organisation: z
      .array(z.strictObject({ fact: Fact, value: Value, overrode: Value.optional(), says: z.string() }))
      .optional()
      .meta(d("The organisation's preset facts the plan relied on (fixpath.config.yaml).")),
  })
  .meta(d("A Fixpath plan: fixpath diagnose <code> --app <app> --answers <file> --json."));

/** schema/plan.schema.json's text. */
export function renderPlanJsonSchema(): string {
  const json = z.toJSONSchema(PlanContractSchema, { io: "output", unrepresentable: "any", target: "draft-7" });
  return JSON.stringify({ ...json, title: "Fixpath plan (fixpath diagnose --json)", $comment: "Generated by `npm run schema` from src/engine/plan-contract.ts. Do not edit." }, null, 2) + "\n";
}
