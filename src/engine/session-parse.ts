/**
 * What a session reads from outside, checked with zod/mini: a stored session (`parseSession`:
 * the browser's storage, the CLI's session file) and what an analyzer found (`attachFindings`).
 * The schemas are here, apart from the format (session-format.ts) and the transitions (session.ts),
 * so that asking the questions and offering the steps needs no zod: the diagnostic island fetches
 * this module only when it has a stored session or an analysis to read (its first load: 25 KB
 * gzip). session-format.ts checks an outcome's time with the pattern of `IsoTime` below.
 */
// zod/mini: the same validation as zod with a fraction of the bundle, since this runs in the
// browser's diagnostic island too.
import * as z from "zod/mini";
import { APPS, FACT_NAMES, type FactName, type Issue } from "../model/index.ts";
import { OUTCOME_REASONS, STEP_OUTCOMES } from "../model/outcomes.ts";
import { checkFactValue, parseFacts } from "./answers.ts";
import { OUTCOME_NOTE_MAX, SESSION_VERSION, refuse, type Session, type SessionResult } from "./session-format.ts";

const NonEmpty = z.string().check(z.minLength(1));
/** A fact value: true/false, a choice, a code; `unknown` for "I don't know". */
const FactValueSchema = z.union([z.boolean(), NonEmpty]);
/** The state of a fact before an answer: its value, "unknown" (declined), or null (never answered). */
const PreviousSchema = z.union([FactValueSchema, z.null()]);
/** An ISO 8601 time passed in by the shell, e.g. 2026-01-02T10:00:00Z. */
const IsoTime = z.iso.datetime({ offset: true });
const OutcomeSchema = z.enum(STEP_OUTCOMES);
const ReasonSchema = z.enum(OUTCOME_REASONS);
const NoteSchema = z.string().check(z.minLength(1), z.maxLength(OUTCOME_NOTE_MAX));
const FactNameSchema = z.enum(FACT_NAMES as [FactName, ...FactName[]]);

/** A step tried, with what happened and when; for a step that did not fix it, optionally why (and the person's own note). */
export const StepOutcomeRecordSchema = z.strictObject({ stepId: NonEmpty, outcome: OutcomeSchema, at: IsoTime, reason: z.optional(ReasonSchema), note: z.optional(NoteSchema) });
export type StepOutcomeRecord = z.output<typeof StepOutcomeRecordSchema>;

/** One event of the session, oldest first; undo removes the last. */
export const HistoryEntrySchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("answer"), fact: FactNameSchema, value: FactValueSchema, previous: PreviousSchema }),
  z.strictObject({ type: z.literal("outcome"), stepId: NonEmpty, outcome: OutcomeSchema, at: IsoTime, reason: z.optional(ReasonSchema), note: z.optional(NoteSchema) }),
  z.strictObject({ type: z.literal("defer"), stepId: NonEmpty }),
]);
export type HistoryEntry = z.output<typeof HistoryEntrySchema>;

/** What one analyzer found, in words (the report's findings groups): a source, facts at a glance, findings. */
export const FindingGroupSchema = z.strictObject({
  source: NonEmpty,
  summary: z.optional(z.array(z.strictObject({ label: NonEmpty, value: z.string() }))),
  findings: z.array(
    z.strictObject({
      id: z.optional(NonEmpty),
      status: z.enum(["pass", "warn", "fail", "info"]),
      message: NonEmpty,
      lines: z.optional(z.array(z.number())),
      link: z.optional(z.strictObject({ href: NonEmpty, title: NonEmpty })),
    }),
  ),
});
export type FindingGroup = z.output<typeof FindingGroupSchema>;

/**
 * A Fixpath diagnostic session: `version` (1), `code` (the hub's id), `app`, `facts` (answers by
 * fact name; an absent fact is unknown), `dontKnow` (facts answered "I don't know", not asked
 * again; default none), `outcomes` (steps tried, in order) and `history` (every event).
 */
export const SessionSchema = z.strictObject({
  version: z.literal(SESSION_VERSION),
  code: NonEmpty,
  app: z.enum(APPS),
  facts: z.record(z.string(), z.unknown()),
  dontKnow: z._default(z.array(FactNameSchema), []),
  outcomes: z.array(StepOutcomeRecordSchema),
  deferred: z.optional(z.array(NonEmpty)),
  history: z.array(HistoryEntrySchema),
  findings: z.optional(z.array(FindingGroupSchema)),
  organisation: z.optional(z.record(z.string(), z.union([z.boolean(), NonEmpty]))),
});

/**
 * Keeps what an analyzer found with the session, for the report: a group replaces the one of the
 * same source. Not an event: undo does not take it back (a new paste replaces it).
 *
 * @public The diagnostic island calls it through its lazily loaded reader part
 * (site/src/islands/diagnose/parts.ts), which the dead-code check does not follow.
 */
export function attachFindings(session: Session, groups: readonly FindingGroup[]): SessionResult {
  const parsed = z.array(FindingGroupSchema).safeParse(groups);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((iss) => ({ code: "session/bad-findings", severity: "error" as const, path: `findings${iss.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}`, message: describeIssue(iss) })) };
  }
  const sources = new Set(parsed.data.map((g) => g.source));
  const findings = [...(session.findings ?? []).filter((g) => !sources.has(g.source)), ...parsed.data];
  return { ok: true, session: { ...session, findings } };
}

/**
 * Reads a stored session (parsed JSON, or JSON text). Issues: `session/bad-json`,
 * `session/bad-version`, `session/invalid` (shape), `facts/*` (answers), `session/inconsistent`.
 */
export function parseSession(input: unknown): SessionResult {
  let data = input;
  if (typeof input === "string") {
    try {
      data = JSON.parse(input) as unknown;
    } catch (e) {
      return refuse("session/bad-json", "(session)", `the session is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, { hint: "start a new session" });
    }
  }
  if (typeof data === "object" && data !== null && !Array.isArray(data) && "version" in data && data.version !== SESSION_VERSION) {
    return refuse("session/bad-version", "version", "this session was saved in a format this version of Fixpath does not read", { expected: String(SESSION_VERSION), received: JSON.stringify(data.version), hint: "start a new session" });
  }
  const parsed = SessionSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((iss) => ({
        code: "session/invalid",
        severity: "error" as const,
        path: iss.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "") || "(session)",
        message: describeIssue(iss),
      })),
    };
  }
  const s = parsed.data;
  const facts = parseFacts(s.facts);
  if (!facts.ok) return { ok: false, issues: facts.issues.map((i) => ({ ...i, path: `facts.${i.path}` })) };
  const organisation = s.organisation === undefined ? undefined : parseFacts(s.organisation);
  if (organisation && !organisation.ok) return { ok: false, issues: organisation.issues.map((i) => ({ ...i, path: `organisation.${i.path}` })) };
  const issues: Issue[] = [];
  for (const [i, h] of s.history.entries()) {
    if (h.type !== "answer") continue;
    for (const [key, v] of [["value", h.value], ["previous", h.previous]] as const) {
      if (v === null) continue;
      const checked = checkFactValue(h.fact, v, `history[${i}].${key}`);
      if (!checked.ok) issues.push(checked.issue);
    }
  }
  const outcomeEvents = s.history.filter((h) => h.type === "outcome");
  if (outcomeEvents.length !== s.outcomes.length || outcomeEvents.some((h, i) => !sameRecord(h, s.outcomes[i]!))) {
    issues.push({ code: "session/inconsistent", severity: "error", path: "outcomes", message: "the outcomes do not match the outcome events in the history", hint: "start a new session" });
  }
  const deferEvents = s.history.filter((h) => h.type === "defer").map((h) => h.stepId);
  if (JSON.stringify(deferEvents) !== JSON.stringify(s.deferred ?? [])) {
    issues.push({ code: "session/inconsistent", severity: "error", path: "deferred", message: "the steps left to IT do not match the events in the history", hint: "start a new session" });
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, session: { version: SESSION_VERSION, code: s.code, app: s.app, facts: facts.facts, dontKnow: [...new Set(s.dontKnow)].sort((a, b) => FACT_NAMES.indexOf(a) - FACT_NAMES.indexOf(b)), outcomes: s.outcomes, ...(s.deferred && s.deferred.length > 0 ? { deferred: s.deferred } : {}), history: s.history, ...(s.findings ? { findings: s.findings } : {}), ...(organisation?.ok ? { organisation: organisation.facts } : {}) } };
}

function sameRecord(a: StepOutcomeRecord, b: StepOutcomeRecord): boolean {
  return a.stepId === b.stepId && a.outcome === b.outcome && a.at === b.at && a.reason === b.reason && a.note === b.note;
}

/** zod/mini carries no message locale: say what was expected from the issue's own data. */
function describeIssue(iss: z.core.$ZodIssue): string {
  switch (iss.code) {
    case "invalid_type":
      return `expected ${iss.expected}`;
    case "invalid_value":
      return `expected one of ${iss.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
      return "must not be empty";
    case "unrecognized_keys":
      return `unknown field(s): ${iss.keys.join(", ")}`;
    case "invalid_format":
      return iss.format === "datetime" ? "expected an ISO 8601 date and time, e.g. 2026-01-02T10:00:00Z" : `expected the ${iss.format} format`;
    case "invalid_union":
      return "does not fit any allowed form";
    default:
      return "invalid value";
  }
}
