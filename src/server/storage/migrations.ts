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
];

/** Outcome rows grouped by (code, app, step, outcome), for counter updates. */
export function groupCounts(rows: readonly { code: string; app: string; stepId: string; outcome: string }[]): { code: string; app: string; stepId: string; outcome: string; n: number }[] {
  const groups = new Map<string, { code: string; app: string; stepId: string; outcome: string; n: number }>();
  for (const r of rows) {
    const key = `${r.code}\u0000${r.app}\u0000${r.stepId}\u0000${r.outcome}`;
    const g = groups.get(key);
    if (g) g.n++;
    else groups.set(key, { code: r.code, app: r.app, stepId: r.stepId, outcome: r.outcome, n: 1 });
  }
  return [...groups.values()];
}

/** The version a fully migrated database is at. */
export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** The message for a database written by a newer Fixpath. */
export function tooNewMessage(found: number, where: string): string {
  return `the database at ${where} is at schema version ${found}, but this Fixpath knows versions up to ${LATEST_VERSION}. Fix: upgrade Fixpath, or point FIXPATH_DB at another database.`;
}
