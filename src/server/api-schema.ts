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
/** Longest search-miss value accepted: an error code in any written form fits in 40 characters. */
export const MISS_CODE_MAX = 40;
/** Most problems listed in one answer; the rest are summed up in one more (a bounded answer). */
export const MAX_ISSUES = 10;

// C0 and C1 control characters and DEL. PostgreSQL text cannot hold NUL at all, and nothing a
// person types in these fields contains control characters; a comment may hold tabs and line breaks.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- as above, tab, LF and CR allowed
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** A string field that holds no control characters (422 `api/control-character`, the field named). */
function plainText(schema: z.ZodString, allowLineBreaks = false): z.ZodString {
  const re = allowLineBreaks ? CONTROL_IN_TEXT : CONTROL;
  return schema.refine((v) => !re.test(v), {
    message: allowLineBreaks ? "contains a control character (only tabs and line breaks are allowed)" : "contains a control character",
    params: { code: "api/control-character", hint: "remove the control characters (such as NUL, U+0000) and send it again" },
  });
}

const StepId = z.string().min(1).max(80).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a kebab-case step id such as clean-restart");

export const OutcomeBodySchema = z
  .strictObject({
    code: plainText(z.string().min(1).max(40)).describe("the error code in any form: CAA50021, 0xCAA50021, 3399811105"),
    app: z.enum(APPS),
    stepId: StepId,
    outcome: z.enum(OUTCOMES),
    reason: z.enum(OUTCOME_REASONS).optional(),
    verified: z.boolean().optional().describe("true when two captures (before and after the step) bore the outcome out, false when they contradicted it; absent when none were compared"),
  })
  .superRefine((b, ctx) => {
    if (b.outcome === "fixed" && b.reason !== undefined) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: 'a reason is only given when the outcome is not "fixed"', params: { code: "api/reason-not-allowed", hint: 'remove "reason", or send outcome "no-change" or "could-not"' } });
    }
    if (b.outcome === "could-not" && b.verified !== undefined) {
      ctx.addIssue({ code: "custom", path: ["verified"], message: 'only an outcome "fixed" or "no-change" can be verified: a step that could not be done changed nothing to compare', params: { code: "api/verified-not-allowed", hint: 'remove "verified", or send outcome "fixed" or "no-change"' } });
    }
  });

/**
 * Why a step did not fix it, sent after its outcome (which is counted the moment it is chosen):
 * the same code, app, step and outcome, and a reason from the fixed list. Nothing else is stored.
 */
export const OutcomeReasonBodySchema = z.strictObject({
  code: plainText(z.string().min(1).max(40)).describe("the error code in any form: CAA50021, 0xCAA50021, 3399811105"),
  app: z.enum(APPS),
  stepId: StepId,
  outcome: z.enum(["no-change", "could-not"]).describe('the outcome already sent; a step that "fixed" it has no reason'),
  reason: z.enum(OUTCOME_REASONS),
});

export const FeedbackBodySchema = z
  .strictObject({
    page: plainText(z.string().min(1).max(120)).describe("a page id (caa50021/onedrive) or its URL (/codes/caa50021/onedrive/)"),
    helpful: z.boolean(),
    reason: z.enum(FEEDBACK_REASONS).optional(),
    // No length here: the comment is measured after redaction (api.ts), since a replacement such
    // as "[email-1]" can be longer than what it replaces; the body limit bounds what arrives.
    comment: plainText(z.string(), true).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.helpful && b.reason !== undefined) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "a reason is only given when the page was not helpful", params: { code: "api/reason-not-allowed", hint: 'remove "reason", or send helpful: false' } });
    }
  });

/**
 * A lookup that found no page: `query` is the error code that was looked up, in any written form
 * (`CAA50021`, `0xCAA50021`, `3399811105`, `AADSTS50126`); free text is refused with 422
 * (`api/not-a-code`). Only the normalised code and the day are kept.
 */
export const SearchMissBodySchema = z.strictObject({
  query: plainText(z.string().min(1).max(MISS_CODE_MAX)).describe("the error code that was looked up, in any form: CAA50021, 0xCAA50021, 3399811105"),
});

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

/** zod issues of a request body (`where` = "body" or "query") → API issues, at most `MAX_ISSUES` + 1. */
export function toApiIssues(error: z.ZodError, input: unknown, where: "body" | "query", schema?: z.ZodObject): Issue[] {
  return capIssues(allApiIssues(error, input, where, schema));
}

/** The first `MAX_ISSUES` issues and, when there were more, one that says how many more. */
export function capIssues(issues: Issue[]): Issue[] {
  if (issues.length <= MAX_ISSUES) return issues;
  const more = issues.length - MAX_ISSUES;
  return [
    ...issues.slice(0, MAX_ISSUES),
    { code: "api/too-many-problems", severity: "error", path: "(request)", message: `and ${more.toLocaleString("en")} more problems not listed`, hint: "fix the ones listed and send it again" },
  ];
}

function allApiIssues(error: z.ZodError, input: unknown, where: "body" | "query", schema?: z.ZodObject): Issue[] {
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
        return { code: "api/unknown-field", severity: "error", path: at.length > 60 ? `${at.slice(0, 60)}…` : at, message: `unknown field "${p.key.length > 40 ? `${p.key.slice(0, 40)}…` : p.key}": only ${allowed.map((k) => `"${k}"`).join(", ")} are accepted, and nothing else is stored`, hint: allowed.length ? suggest(p.key, allowed, "a known field").replace(/^use a known field/, "remove it, or use one of") : "remove it" };
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
