/**
 * The API's request bodies as zod schemas, and zod issues turned into the project's `Issue` data
 * (code, path, message, expected/received, hint), as `src/model` does for content.
 */
import { z } from "zod";
import { APPS, suggest, formatPath, type Issue } from "../model/index.ts";
import { describeValue, zodProblems, type ZodIssueLike } from "../model/zod-problems.ts";
import { FEEDBACK_REASONS, OUTCOMES, OUTCOME_REASONS } from "./storage/repository.ts";

/** Longest feedback comment, in characters. */
export const COMMENT_MAX = 1000;
/** Longest raw search query accepted (it is normalised and cut to `SEARCH_QUERY_MAX` after). */
export const RAW_QUERY_MAX = 500;

const StepId = z.string().min(1).max(80).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a kebab-case step id such as clean-restart");

export const OutcomeBodySchema = z
  .strictObject({
    code: z.string().min(1).max(40).describe("the error code in any form: CAA50021, 0xCAA50021, 3399811105"),
    app: z.enum(APPS),
    stepId: StepId,
    outcome: z.enum(OUTCOMES),
    reason: z.enum(OUTCOME_REASONS).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.outcome === "fixed" && b.reason !== undefined) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: 'a reason is only given when the outcome is not "fixed"', params: { code: "api/reason-not-allowed", hint: 'remove "reason", or send outcome "no-change" or "could-not"' } });
    }
  });
export type OutcomeBody = z.output<typeof OutcomeBodySchema>;

export const FeedbackBodySchema = z
  .strictObject({
    page: z.string().min(1).max(120).describe("a page id (caa50021/onedrive) or its URL (/codes/caa50021/onedrive/)"),
    helpful: z.boolean(),
    reason: z.enum(FEEDBACK_REASONS).optional(),
    comment: z.string().max(COMMENT_MAX).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.helpful && b.reason !== undefined) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "a reason is only given when the page was not helpful", params: { code: "api/reason-not-allowed", hint: 'remove "reason", or send helpful: false' } });
    }
  });
export type FeedbackBody = z.output<typeof FeedbackBodySchema>;

export const SearchMissBodySchema = z.strictObject({
  query: z.string().min(1).max(RAW_QUERY_MAX),
});
export type SearchMissBody = z.output<typeof SearchMissBodySchema>;

export const SearchMissStatsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** A request value in a few words, for "found …". */
function describe(v: unknown): string {
  if (Array.isArray(v)) return "an array";
  if (v !== null && typeof v === "object") return "an object";
  if (typeof v === "string") return v.length > 40 ? `a string of ${v.length} characters` : JSON.stringify(v);
  return describeValue(v);
}

/** zod issues of a request body (`where` = "body" or "query") → API issues. */
export function toApiIssues(error: z.ZodError, input: unknown, where: "body" | "query", schema?: z.ZodObject): Issue[] {
  return zodProblems(error.issues as unknown as ZodIssueLike[], input).map((p): Issue => {
    const at = formatPath([where, ...p.path]);
    const { field, value } = p;
    switch (p.kind) {
      case "missing-field":
        if (p.path.length === 0) return { code: "api/wrong-type", severity: "error", path: at, message: `the ${where} must be a JSON object`, expected: "object", received: describe(input), hint: `send a JSON object such as ${where === "body" ? '{"code": "CAA50021", …}' : "?limit=20"}` };
        return { code: "api/missing-field", severity: "error", path: at, message: `missing required field "${field}"`, expected: p.expected, hint: `add "${field}"` };
      case "wrong-type":
        if (p.path.length === 0) return { code: "api/wrong-type", severity: "error", path: at, message: `the ${where} must be a JSON object`, expected: "object", received: describe(input), hint: `send a JSON object such as ${where === "body" ? '{"code": "CAA50021", …}' : "?limit=20"}` };
        return { code: "api/wrong-type", severity: "error", path: at, message: `"${field}" has the wrong type`, expected: p.expected, received: describe(value) };
      case "unknown-field": {
        const allowed = schema ? Object.keys(schema.shape) : [];
        return { code: "api/unknown-field", severity: "error", path: at, message: `unknown field "${p.key}": only ${allowed.map((k) => `"${k}"`).join(", ")} are accepted, and nothing else is stored`, hint: allowed.length ? suggest(p.key, allowed, "a known field").replace(/^use a known field/, "remove it, or use one of") : "remove it" };
      }
      case "invalid-value":
        return { code: "api/invalid-value", severity: "error", path: at, message: `"${field}" is not one of the allowed values`, expected: p.values.map((v) => `"${v}"`).join(" | "), received: describe(value), hint: typeof value === "string" ? suggest(value, p.values) : `use one of: ${p.values.join(", ")}` };
      case "too-big":
        return { code: "api/too-long", severity: "error", path: at, message: p.origin === "number" ? `"${field}" is too large` : `"${field}" is too long`, expected: `at most ${String(p.maximum)}`, received: typeof value === "string" ? `${value.length} characters` : describe(value), hint: p.origin === "number" ? `use at most ${String(p.maximum)}` : "shorten it" };
      case "too-small":
        return { code: "api/too-short", severity: "error", path: at, message: p.origin === "number" ? `"${field}" is too small` : `"${field}" is empty`, expected: `at least ${String(p.minimum)}`, received: describe(value), hint: p.origin === "number" ? `use at least ${String(p.minimum)}` : `fill in "${field}"` };
      case "invalid-format":
        return { code: "api/invalid-format", severity: "error", path: at, message: `"${field}" is not in the right format`, expected: p.message, received: describe(value), hint: typeof value === "string" ? `write it in kebab-case, e.g. "${value.trim().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}"` : undefined };
      case "no-branch":
        return { code: "api/wrong-type", severity: "error", path: at, message: `"${field}" does not fit any allowed form`, received: describe(value) };
      case "custom":
        return { code: p.code ?? "api/invalid", severity: "error", path: at, message: p.message, ...(p.hint ? { hint: p.hint } : {}) };
    }
  });
}
