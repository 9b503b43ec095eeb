/**
 * Versioned schema migrations, one list for both databases. Each entry runs once, in its own
 * transaction, and is recorded in `schema_migrations`; a database at a version newer than this
 * list is refused rather than written to. Append new entries; never edit one that has shipped.
 */

export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

const DAY_CHECK = (col: string) => `check (length(${col}) = 10 and ${col} like '____-__-__')`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "outcomes, feedback and search misses",
    sqlite: `
      create table outcomes (
        id integer primary key,
        code text not null,
        app text not null,
        step_id text not null,
        outcome text not null check (outcome in ('fixed', 'no-change', 'could-not')),
        reason text check (reason is null or outcome <> 'fixed'),
        day text not null ${DAY_CHECK("day")}
      );
      create index outcomes_by_scenario on outcomes (code, app, step_id);
      create table feedback (
        id integer primary key,
        page text not null,
        helpful integer not null check (helpful in (0, 1)),
        reason text check (reason is null or helpful = 0),
        comment text check (comment is null or length(comment) <= 1000),
        day text not null ${DAY_CHECK("day")}
      );
      create table search_misses (
        id integer primary key,
        query text not null,
        day text not null ${DAY_CHECK("day")}
      );
      create index search_misses_by_query on search_misses (query);`,
    postgres: `
      create table outcomes (
        id bigint generated always as identity primary key,
        code text not null,
        app text not null,
        step_id text not null,
        outcome text not null check (outcome in ('fixed', 'no-change', 'could-not')),
        reason text check (reason is null or outcome <> 'fixed'),
        day text not null ${DAY_CHECK("day")}
      );
      create index outcomes_by_scenario on outcomes (code, app, step_id);
      create table feedback (
        id bigint generated always as identity primary key,
        page text not null,
        helpful boolean not null,
        reason text check (reason is null or not helpful),
        comment text check (comment is null or char_length(comment) <= 1000),
        day text not null ${DAY_CHECK("day")}
      );
      create table search_misses (
        id bigint generated always as identity primary key,
        query text not null,
        day text not null ${DAY_CHECK("day")}
      );
      create index search_misses_by_query on search_misses (query);`,
  },
  {
    // Stats read these counters (a few rows per scenario) instead of scanning every outcome; they
    // are updated in the same transaction as the outcome rows, so they never disagree.
    version: 2,
    name: "outcome counters for stats",
    sqlite: `
      create table outcome_counts (
        code text not null,
        app text not null,
        step_id text not null,
        outcome text not null,
        n integer not null check (n >= 0),
        primary key (code, app, step_id, outcome)
      ) without rowid;
      insert into outcome_counts (code, app, step_id, outcome, n)
        select code, app, step_id, outcome, count(*) from outcomes group by code, app, step_id, outcome;`,
    postgres: `
      create table outcome_counts (
        code text not null,
        app text not null,
        step_id text not null,
        outcome text not null,
        n bigint not null check (n >= 0),
        primary key (code, app, step_id, outcome)
      );
      insert into outcome_counts (code, app, step_id, outcome, n)
        select code, app, step_id, outcome, count(*) from outcomes group by code, app, step_id, outcome;`,
  },
  {
    // Search misses become counts per normalised error code per day (an aggregate, bounded by the
    // number of codes and days) plus a running total per code, indexed by count, so the operator's
    // "most missed" list reads only the rows it returns. The free-text rows of version 1 are
    // dropped, not converted: they held whatever people typed (names, addresses, markup), which
    // is exactly what must not be kept.
    version: 3,
    name: "search misses as counts per code and day",
    sqlite: `
      create table search_miss_days (
        code text not null check (length(code) between 1 and 40),
        day text not null ${DAY_CHECK("day")},
        n integer not null check (n > 0),
        primary key (code, day)
      ) without rowid;
      create table search_miss_totals (
        code text primary key check (length(code) between 1 and 40),
        n integer not null check (n > 0),
        last_day text not null ${DAY_CHECK("last_day")}
      ) without rowid;
      create index search_miss_totals_by_count on search_miss_totals (n desc, code);
      drop table search_misses;`,
    postgres: `
      create table search_miss_days (
        code text not null check (char_length(code) between 1 and 40),
        day text not null ${DAY_CHECK("day")},
        n bigint not null check (n > 0),
        primary key (code, day)
      );
      create table search_miss_totals (
        code text primary key check (char_length(code) between 1 and 40),
        n bigint not null check (n > 0),
        last_day text not null ${DAY_CHECK("last_day")}
      );
      create index search_miss_totals_by_count on search_miss_totals (n desc, code collate "C");
      drop table search_misses;`,
  },
  {
    // Issue 30: an outcome may carry whether a comparison of two captures bore it out (true),
    // contradicted it (false) or was not made (null). Only "fixed" and "no-change" can be checked.
    // Its counters sit in a table of their own, so stats read a few rows per scenario.
    version: 4,
    name: "verified flag on outcomes",
    sqlite: `
      alter table outcomes add column verified integer check (verified is null or (verified in (0, 1) and outcome <> 'could-not'));
      create table outcome_verified_counts (
        code text not null,
        app text not null,
        step_id text not null,
        outcome text not null check (outcome in ('fixed', 'no-change')),
        verified integer not null check (verified in (0, 1)),
        n integer not null check (n >= 0),
        primary key (code, app, step_id, outcome, verified)
      ) without rowid;`,
    postgres: `
      alter table outcomes add column verified boolean check (verified is null or outcome <> 'could-not');
      create table outcome_verified_counts (
        code text not null,
        app text not null,
        step_id text not null,
        outcome text not null check (outcome in ('fixed', 'no-change')),
        verified boolean not null,
        n bigint not null check (n >= 0),
        primary key (code, app, step_id, outcome, verified)
      );`,
  },
];

/** Most distinct codes the search-miss totals hold; misses of further new codes are not kept. */
export const SEARCH_MISS_MAX_CODES = 50_000;
/** Days of per-day search-miss counts kept; older days are deleted as new ones are written. */
export const SEARCH_MISS_DAYS_KEPT = 400;

/** The first day still kept when `day` is today (`YYYY-MM-DD`). */
export function oldestMissDayKept(day: string): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(t) ? day : new Date(t - (SEARCH_MISS_DAYS_KEPT - 1) * 86_400_000).toISOString().slice(0, 10);
}

/** Search misses grouped by (code, day), in key order (see `groupCounts`). */
export function groupMisses(rows: readonly { code: string; day: string }[]): { code: string; day: string; n: number }[] {
  const groups = new Map<string, { code: string; day: string; n: number }>();
  for (const r of rows) {
    const key = `${r.code}\u0000${r.day}`;
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { code: r.code, day: r.day, n: 1 });
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}

/** Outcome rows grouped by (code, app, step, outcome), for counter updates. */
export function groupCounts(rows: readonly { code: string; app: string; stepId: string; outcome: string }[]): { code: string; app: string; stepId: string; outcome: string; n: number }[] {
  const groups = new Map<string, { code: string; app: string; stepId: string; outcome: string; n: number }>();
  for (const r of rows) {
    const key = `${r.code}\u0000${r.app}\u0000${r.stepId}\u0000${r.outcome}`;
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { code: r.code, app: r.app, stepId: r.stepId, outcome: r.outcome, n: 1 });
  }
  // In key order: transactions that update the same counters then lock them in the same order.
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}

/** Outcome rows that carry a verified flag, grouped by (code, app, step, outcome, verified), in key order. */
export function groupVerifiedCounts(rows: readonly { code: string; app: string; stepId: string; outcome: string; verified?: boolean | undefined }[]): { code: string; app: string; stepId: string; outcome: string; verified: boolean; n: number }[] {
  const groups = new Map<string, { code: string; app: string; stepId: string; outcome: string; verified: boolean; n: number }>();
  for (const r of rows) {
    if (r.verified === undefined) continue;
    const key = `${r.code}\u0000${r.app}\u0000${r.stepId}\u0000${r.outcome}\u0000${r.verified ? 1 : 0}`;
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { code: r.code, app: r.app, stepId: r.stepId, outcome: r.outcome, verified: r.verified, n: 1 });
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}

/** The version a fully migrated database is at. */
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** The message for a database written by a newer Fixpath. */
export function tooNewMessage(found: number, where: string): string {
  return `the database at ${where} is at schema version ${found}, but this Fixpath knows versions up to ${LATEST_VERSION}. Fix: upgrade Fixpath, or point FIXPATH_DB at another database.`;
}
