/**
 * What the site sends to the outcomes API and how it shows what comes back. Pure: shared by the
 * inline boot script (`fixedFor` is inlined there by its source text, so it refers to nothing
 * outside itself), the diagnostic and search islands, the page components and the tests.
 *
 * Privacy (shared/design.md): an outcome carries only code, app, step id, outcome and an optional
 * reason from a fixed list; page feedback only the page id, yes/no, a fixed reason and the comment
 * the person typed; a search miss only the query. The server adds the day.
 */

/** A step's count is shown once at least this many people tried it (fixed + no change). */
export const MIN_TRIED = 20;

/** Step outcomes and why a step did not fix it, with their words: defined once, in the model. */
export { OUTCOME_REASON_LABELS, type OutcomeReason, type StepOutcome } from "../../../src/model/index.ts";
import type { CompletableStep, OutcomeReason, StepOutcome } from "../../../src/model/index.ts";
import { OUTCOME_REASON_LABELS, countsInStatistics } from "../../../src/model/index.ts";

export { FEEDBACK_REASON_LABELS } from "../../../src/model/index.ts";

/** Longest feedback comment, in characters (the API's `COMMENT_MAX`). */
export const COMMENT_MAX = 1000;

/** How long the search box waits after the last keystroke before it reports a query that found nothing. */
export const MISS_DELAY_MS = 1500;

export interface OutcomeBody {
  code: string;
  app: string;
  stepId: string;
  outcome: StepOutcome;
  reason?: OutcomeReason;
  /** Whether two captures (before and after the step) bore the outcome out; absent when none were compared (issue 30). */
  verified?: boolean;
}

/** The body of `POST /api/outcomes`; a reason only for `no-change` and `could-not`. */
export function outcomeBody(code: string, app: string, stepId: string, outcome: StepOutcome, reason?: OutcomeReason): OutcomeBody {
  return outcome !== "fixed" && reason !== undefined && reason in OUTCOME_REASON_LABELS ? { code, app, stepId, outcome, reason } : { code, app, stepId, outcome };
}

/** The body with its verified flag, when there is one and the outcome can carry it (not could-not). */
export function withVerified(body: OutcomeBody, verified: boolean | undefined): OutcomeBody {
  return verified === undefined || body.outcome === "could-not" ? body : { ...body, verified };
}

/**
 * What the diagnostic sends to `POST /api/outcomes` the moment a step's outcome is chosen, or
 * nothing: a "fixed" of a step that leaves the app half-done (`completedBy`: an unlink) is not
 * sent, since the step that completes it comes next and its outcome is the one counted
 * (`countsInStatistics`, issue 26).
 */
export function outcomeToSend(code: string, app: string, step: { id: string } & CompletableStep, outcome: StepOutcome, verified?: boolean): OutcomeBody | undefined {
  if (!countsInStatistics(step, outcome)) return undefined;
  return withVerified(outcomeBody(code, app, step.id, outcome), verified);
}

/**
 * "Fixed it for N of M who tried it" for one step of `GET /api/stats/<code>/<app>`, or null below
 * `min` tries, for a step another step completes (`completedBy`: its fixes are counted on that
 * step, so its own share says nothing) or for anything that is not a well-formed count.
 * Self-contained (the boot script inlines its source).
 */
export function fixedFor(stat: unknown, min: number): string | null {
  if (!stat || typeof stat !== "object") return null;
  const { fixed, tried, completedBy } = stat as { fixed?: unknown; tried?: unknown; completedBy?: unknown };
  if (completedBy !== undefined) return null;
  if (typeof fixed !== "number" || typeof tried !== "number" || !Number.isInteger(fixed) || !Number.isInteger(tried)) return null;
  if (fixed < 0 || fixed > tried || tried < min) return null;
  const n = (x: number) => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `Fixed it for ${n(fixed)} of ${n(tried)} who tried it`;
}

/** Step id → "Fixed it for …" from a `GET /api/stats/<code>/<app>` answer (only the steps that reach `min`). */
export function statsTexts(data: unknown, min: number = MIN_TRIED): Map<string, string> {
  const out = new Map<string, string>();
  const steps = data && typeof data === "object" ? (data as { steps?: unknown }).steps : undefined;
  if (!Array.isArray(steps)) return out;
  for (const s of steps as { stepId?: unknown }[]) {
    const text = fixedFor(s, min);
    if (text && typeof s.stepId === "string") out.set(s.stepId, text);
  }
  return out;
}

/** The query worth reporting as a search miss, or undefined (too short, or only spaces). */
export function missQuery(raw: string): string | undefined {
  const q = raw.replace(/\s+/g, " ").trim();
  return q.replace(/\s/g, "").length >= 3 ? q.slice(0, 200) : undefined;
}

export interface MissReporter {
  /** After every lookup: `found` is the number of results for `query`. Schedules or cancels the report. */
  looked(query: string, found: number): void;
  /** Reports the pending miss now (Enter, leaving the box or the page). */
  flush(): void;
}

/**
 * Reports lookups that found nothing, debounced: only the query the person settled on (no new
 * lookup for `delayMs`, or Enter/blur/leaving), and each query once per page view.
 */
export function createMissReporter(send: (query: string) => void, delayMs: number = MISS_DELAY_MS, timers: { set: (f: () => void, ms: number) => unknown; clear: (t: unknown) => void } = { set: (f, ms) => setTimeout(f, ms), clear: (t) => clearTimeout(t as ReturnType<typeof setTimeout>) }): MissReporter {
  const sent = new Set<string>();
  let pending: string | undefined;
  let timer: unknown;
  const flush = (): void => {
    if (timer !== undefined) timers.clear(timer);
    timer = undefined;
    const q = pending;
    pending = undefined;
    if (q === undefined || sent.has(q.toLowerCase())) return;
    sent.add(q.toLowerCase());
    send(q);
  };
  return {
    looked(query, found) {
      if (timer !== undefined) timers.clear(timer);
      timer = undefined;
      pending = found === 0 ? missQuery(query) : undefined;
      if (pending !== undefined) timer = timers.set(flush, delayMs);
    },
    flush,
  };
}
