/**
 * The API's request bodies as zod schemas, and zod issues turned into the project's `Issue` data
 * (code, path, message, expected/received, hint), as `src/model` does for content.
 */
import { z } from "zod";
import { APPS, suggest, formatPath, type Issue, type PathSegment } from "../model/index.ts";
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

interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  values?: unknown[];
  keys?: string[];
  maximum?: number | bigint;
  minimum?: number | bigint;
  origin?: string;
  params?: { code?: string; hint?: string };
}

/** The value at `path` inside `root`, for "found …" parts of messages. */
function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let v = root;
  for (const seg of path) v = v !== null && typeof v === "object" ? (v as Record<string, unknown>)[seg] : undefined;
  return v;
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") return v.length > 40 ? `a string of ${v.length} characters` : JSON.stringify(v);
  if (typeof v === "object") return "an object";
  return `${typeof v} ${String(v)}`;
}

/** zod issues of a request body (`where` = "body" or "query") → API issues. */
export function toApiIssues(error: z.ZodError, input: unknown, where: "body" | "query", schema?: z.ZodObject): Issue[] {
  return (error.issues as unknown as ZodIssueLike[]).flatMap((iss): Issue[] => {
    const path = iss.path as PathSegment[];
    const at = formatPath([where, ...path]);
    const field = String(path[path.length - 1] ?? where);
    const value = valueAt(input, path);
    switch (iss.code) {
      case "invalid_type":
        if (path.length === 0) return [{ code: "api/wrong-type", severity: "error", path: at, message: `the ${where} must be a JSON object`, expected: "object", received: describe(input), hint: `send a JSON object such as ${where === "body" ? '{"code": "CAA50021", …}' : "?limit=20"}` }];
        if (value === undefined) return [{ code: "api/missing-field", severity: "error", path: at, message: `missing required field "${field}"`, expected: iss.expected, hint: `add "${field}"` }];
        return [{ code: "api/wrong-type", severity: "error", path: at, message: `"${field}" has the wrong type`, expected: iss.expected, received: describe(value) }];
      case "unrecognized_keys": {
        const allowed = schema ? Object.keys(schema.shape) : [];
        return (iss.keys ?? []).map((key) => ({ code: "api/unknown-field", severity: "error" as const, path: formatPath([where, ...path, key]), message: `unknown field "${key}": only ${allowed.map((k) => `"${k}"`).join(", ")} are accepted, and nothing else is stored`, hint: allowed.length ? suggest(key, allowed, "a known field").replace(/^use a known field/, "remove it, or use one of") : "remove it" }));
      }
      case "invalid_value": {
        const values = (iss.values ?? []).map(String);
        return [{ code: "api/invalid-value", severity: "error", path: at, message: `"${field}" is not one of the allowed values`, expected: values.map((v) => `"${v}"`).join(" | "), received: describe(value), hint: typeof value === "string" ? suggest(value, values) : `use one of: ${values.join(", ")}` }];
      }
      case "too_big":
        return [{ code: "api/too-long", severity: "error", path: at, message: iss.origin === "number" ? `"${field}" is too large` : `"${field}" is too long`, expected: `at most ${String(iss.maximum)}`, received: typeof value === "string" ? `${value.length} characters` : describe(value), hint: iss.origin === "number" ? `use at most ${String(iss.maximum)}` : "shorten it" }];
      case "too_small":
        return [{ code: "api/too-short", severity: "error", path: at, message: iss.origin === "number" ? `"${field}" is too small` : `"${field}" is empty`, expected: `at least ${String(iss.minimum)}`, received: describe(value), hint: iss.origin === "number" ? `use at least ${String(iss.minimum)}` : `fill in "${field}"` }];
      case "invalid_format":
        return [{ code: "api/invalid-format", severity: "error", path: at, message: `"${field}" is not in the right format`, expected: iss.message, received: describe(value), hint: typeof value === "string" ? `write it in kebab-case, e.g. "${value.trim().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}"` : undefined }];
      default:
        return [{ code: iss.params?.code ?? "api/invalid", severity: "error", path: at, message: iss.message, ...(iss.params?.hint ? { hint: iss.params.hint } : {}) }];
    }
  });
}
