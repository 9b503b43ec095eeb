import { z } from "zod";
import type { Condition } from "../conditions.ts";
import { FACT_NAMES } from "../facts.ts";
import type { KbCode } from "../issue-codes.ts";
import { d } from "./common.ts";

export type { Condition };

export const FactValueSchema = z
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
          params: { code: "kb/bad-condition" satisfies KbCode },
        });
      } else if (c.fact !== undefined && (c.is === undefined) === (c.in === undefined)) {
        ctx.addIssue({
          code: "custom",
          message: `a fact test needs exactly one of "is" or "in"`,
          params: { code: "kb/bad-condition" satisfies KbCode },
        });
      } else if (c.fact === undefined && (c.is !== undefined || c.in !== undefined)) {
        ctx.addIssue({
          code: "custom",
          message: `"is" and "in" belong next to "fact"`,
          params: { code: "kb/bad-condition" satisfies KbCode },
        });
      }
    })
    .meta(
      d(
        "A condition: `{ fact, is }`, `{ fact, in }`, `{ all: [...] }`, `{ any: [...] }` or `{ not: ... }`. Unknown facts stay unknown.",
      ),
    ),
) as z.ZodType<Condition>;
