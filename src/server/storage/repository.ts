/**
 * The one storage interface of the outcomes API, implemented by SQLite (`sqlite.ts`, the default)
 * and PostgreSQL (`postgres.ts`). What is stored is exactly what `shared/design.md` allows: code,
 * app, step id, outcome (with its reason) and the day; page feedback and normalised search misses
 * likewise carry only a day. No address, user agent or time finer than a day is ever written.
 */
import type { App } from "../../model/index.ts";

import { OUTCOME_REASONS, STEP_OUTCOMES, type OutcomeReason, type StepOutcome } from "../../model/outcomes.ts";

/** Step outcomes and why a step did not fix it (only for `no-change` and `could-not`): defined once, in the model. */
export const OUTCOMES = STEP_OUTCOMES;
export type Outcome = StepOutcome;
export { OUTCOME_REASONS, type OutcomeReason };

/** Why a page was not helpful; only when `helpful` is false. */
export const FEEDBACK_REASONS = ["did-not-match", "unclear", "did-not-work", "missing-step", "other"] as const;
export type FeedbackReason = (typeof FEEDBACK_REASONS)[number];

/** A day as `YYYY-MM-DD` (UTC). */
export type Day = string;

export interface OutcomeRecord {
  /** Canonical code id (`caa50021`). */
  code: string;
  app: App;
  stepId: string;
  outcome: Outcome;
  reason: OutcomeReason | null;
  day: Day;
  /**
   * Whether a comparison of a capture taken before and one taken after the step bore the outcome
   * out (true) or contradicted it (false); absent when no comparison was made. Never with could-not.
   */
  verified?: boolean;
}

export interface FeedbackRecord {
  /** Page id: `caa50021`, `caa50021/onedrive`, `caa50021/admin`. */
  page: string;
  helpful: boolean;
  reason: FeedbackReason | null;
  /** Plain text, at most 1,000 characters; never rendered as markup. */
  comment: string | null;
  day: Day;
}

export interface SearchMissRecord {
  /** The normalised error code that found no page (see `normaliseMissCode`): `caa50021`, `aadsts50126`. */
  code: string;
  day: Day;
}

/**
 * Why a step did not fix it, sent after its outcome was stored: it goes on one stored outcome of
 * that step with that outcome and no reason yet (the most recent day). Outcomes are anonymous
 * counts, so any such row is as good as another; nothing new about the person is stored.
 */
export interface OutcomeReasonRecord {
  code: string;
  app: App;
  stepId: string;
  outcome: Exclude<Outcome, "fixed">;
  reason: OutcomeReason;
}

/** Outcome counts of one step. */
export interface StepTally {
  stepId: string;
  fixed: number;
  noChange: number;
  couldNot: number;
}

/** Checked outcome counts of one step: borne out or contradicted by two captures (issue 30). */
export interface VerifiedTally {
  stepId: string;
  verifiedFixed: number;
  verifiedNoChange: number;
  contradictedFixed: number;
  contradictedNoChange: number;
}

export interface MissCount {
  /** The normalised code. */
  code: string;
  count: number;
  /** The last day it was seen. */
  lastDay: Day;
}

export interface RowCounts {
  outcomes: number;
  feedback: number;
  searchMisses: number;
}

/** What the operator page draws: counts only, grouped (see `Repository.operatorCounts`). */
export interface OperatorCounts {
  /** Outcomes per code, app, step, outcome and reason. */
  outcomes: { code: string; app: string; stepId: string; outcome: Outcome; reason: OutcomeReason | null; n: number }[];
  /** Page feedback per page, yes/no and reason (comments are never read). */
  feedback: { page: string; helpful: boolean; reason: FeedbackReason | null; n: number }[];
  /** Checked outcomes per code, app, step, outcome and verified flag (only those that carry one). */
  verified: { code: string; app: string; stepId: string; outcome: "fixed" | "no-change"; verified: boolean; n: number }[];
}

export type RepositoryKind = "sqlite" | "postgres";

/**
 * Storage of the outcomes API. Every `add*` call is one transaction: when its promise resolves the
 * rows are committed (for SQLite: WAL with `synchronous=FULL`, so also fsynced), and when it
 * rejects none of them are.
 */
export interface Repository {
  readonly kind: RepositoryKind;
  /** Where the data lives, for logs: a file path, or a postgres URL without its password. */
  readonly location: string;
  /** The schema version after migrations (the last entry of `MIGRATIONS`). */
  schemaVersion(): Promise<number>;
  addOutcomes(rows: readonly OutcomeRecord[]): Promise<void>;
  addFeedback(rows: readonly FeedbackRecord[]): Promise<void>;
  /** Adds a reason to an outcome already stored (see OutcomeReasonRecord); false when no stored outcome of that step waits for one. */
  addOutcomeReason(row: OutcomeReasonRecord): Promise<boolean>;
  addSearchMisses(rows: readonly SearchMissRecord[]): Promise<void>;
  /** Outcome counts per step of one scenario (only steps with at least one outcome). */
  tallyOutcomes(code: string, app: App): Promise<StepTally[]>;
  /** Checked outcome counts per step of one scenario (only steps with at least one checked outcome). */
  tallyVerified(code: string, app: App): Promise<VerifiedTally[]>;
  /**
   * The codes missed most often, seen at least `minCount` times, most frequent first (then by
   * code); reads only the rows it returns (an index on the totals).
   */
  topSearchMisses(options: { limit: number; minCount: number }): Promise<MissCount[]>;
  /**
   * Fails with a StorageError unless a write would succeed now (a write rolled back): read-only
   * files or folders, a read-only PostgreSQL user or replica. Used once at start.
   */
  checkWritable(): Promise<void>;
  /** Every outcome and feedback count, grouped, for the operator page (a few rows per step and page). */
  operatorCounts(): Promise<OperatorCounts>;
  /** How many rows each table holds (for tests, the crash test and operators). */
  countRows(): Promise<RowCounts>;
  close(): Promise<void>;
}

/** A database problem the operator can fix; the message says what, where and how. */
export class StorageError extends Error {
  override readonly name = "StorageError";
}

/**
 * Whether a failed write was refused because of its rows (a constraint, a value the database
 * cannot hold such as a NUL in PostgreSQL text) rather than because the database is unavailable:
 * then writing the rows one by one stores the good ones.
 */
export function isRowRejection(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== "string") continue;
    // PostgreSQL SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation).
    if (/^2[23][0-9A-Z]{3}$/.test(code)) return true;
    if (/^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE)/.test(code)) return true;
  }
  return false;
}
