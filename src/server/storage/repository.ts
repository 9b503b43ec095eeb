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
  /** The normalised query (see `normaliseSearchQuery`). */
  query: string;
  day: Day;
}

/** Outcome counts of one step. */
export interface StepTally {
  stepId: string;
  fixed: number;
  noChange: number;
  couldNot: number;
}

export interface QueryCount {
  query: string;
  count: number;
  /** The last day it was seen. */
  lastDay: Day;
}

export interface RowCounts {
  outcomes: number;
  feedback: number;
  searchMisses: number;
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
  addSearchMisses(rows: readonly SearchMissRecord[]): Promise<void>;
  /** Outcome counts per step of one scenario (only steps with at least one outcome). */
  tallyOutcomes(code: string, app: App): Promise<StepTally[]>;
  /** The most frequent search misses seen at least `minCount` times, most frequent first. */
  topSearchMisses(options: { limit: number; minCount: number }): Promise<QueryCount[]>;
  /** How many rows each table holds (for tests, the crash test and operators). */
  countRows(): Promise<RowCounts>;
  close(): Promise<void>;
}

/** A database problem the operator can fix; the message says what, where and how. */
export class StorageError extends Error {
  override readonly name = "StorageError";
}
