/**
 * PostgreSQL storage (`pg`), used when FIXPATH_DB is a postgres:// URL. Each `add*` call is one
 * multi-row INSERT (one implicit transaction); with the server's default `synchronous_commit=on`
 * it returns only once the commit is flushed to the WAL on disk.
 */
import pg from "pg";
import type { App } from "../../model/index.ts";
import { LATEST_VERSION, MIGRATIONS, SEARCH_MISS_MAX_CODES, groupCounts, groupMisses, groupVerifiedCounts, oldestMissDayKept, tooNewMessage } from "./migrations.ts";
import {
  StorageError,
  type FeedbackRecord,
  type FeedbackReason,
  type OperatorCounts,
  type Outcome,
  type OutcomeReason,
  type OutcomeReasonRecord,
  type OutcomeRecord,
  type MissCount,
  type Repository,
  type RowCounts,
  type SearchMissRecord,
  type StepTally,
  type VerifiedTally,
} from "./repository.ts";

export interface PostgresOptions {
  /** `postgres://user:password@host:port/database`. */
  url: string;
  /** A schema to use instead of `public` (created if missing); tests use one per run. */
  schema?: string;
  /** Connections in the pool. Default 16. */
  poolSize?: number;
  now?: () => Date;
  /**
   * Longest one query may take, in ms, on the server (`statement_timeout`) and on the client
   * (`query_timeout`, for a server that stopped answering at all). Default `PG_QUERY_TIMEOUT_MS`.
   */
  queryTimeoutMs?: number;
  /** Longest a new connection may take, in ms. Default `PG_CONNECT_TIMEOUT_MS`. */
  connectTimeoutMs?: number;
  /** Longest `close` waits for queries in flight, in ms, before dropping the connections. Default `PG_CLOSE_DEADLINE_MS`. */
  closeDeadlineMs?: number;
  /** Where a lost connection is reported, once per kind of failure. Default: stderr. */
  logError?: (message: string) => void;
}

/** Default longest query, in ms (a write normally takes a few). */
export const PG_QUERY_TIMEOUT_MS = 5_000;
/** Default longest connection set-up, in ms. */
export const PG_CONNECT_TIMEOUT_MS = 5_000;
/** Default longest wait for queries in flight at close, in ms. */
export const PG_CLOSE_DEADLINE_MS = 5_000;

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(an unparsable URL)";
  }
}

/** Connects to PostgreSQL and applies pending migrations. */
export async function openPostgresRepository(options: PostgresOptions): Promise<Repository> {
  const where = redactUrl(options.url);
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) {
    throw new StorageError(`invalid PostgreSQL schema name "${options.schema}". Fix: use lower-case letters, digits and _.`);
  }
  const queryTimeout = options.queryTimeoutMs ?? PG_QUERY_TIMEOUT_MS;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 16,
    connectionTimeoutMillis: options.connectTimeoutMs ?? PG_CONNECT_TIMEOUT_MS,
    // A server that stalls (stopped, a network that drops packets) fails the query in time on the
    // client; one that is only slow cancels it itself. Keepalive finds dead connections at rest.
    query_timeout: queryTimeout,
    statement_timeout: queryTimeout,
    idle_in_transaction_session_timeout: queryTimeout * 2,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the next query reports it
  // to its caller, and the log says it once (per kind of failure, not per connection).
  const log = options.logError ?? ((m: string) => process.stderr.write(`fixpath server: ${m}\n`));
  const logged = new Set<string>();
  pool.on("error", (e: Error) => {
    const kind = (e as { code?: string }).code ?? e.message.slice(0, 80);
    if (logged.has(kind) || logged.size >= 50) return;
    logged.add(kind);
    log(`a PostgreSQL connection to ${where} was lost (${e.message}); the next requests reconnect. This is said once.`);
  });
  try {
    const client = await pool.connect();
    try {
      if (options.schema) await client.query(`create schema if not exists ${options.schema}`);
      await migrate(client, where, (options.now ?? (() => new Date()))());
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end().catch(() => {});
    if (e instanceof StorageError) throw e;
    throw new StorageError(`cannot use the PostgreSQL database ${where}: ${(e as Error).message}. Fix: check that the server is running and the URL in FIXPATH_DB is right (user, password, database).`, { cause: e });
  }
  const repo = new PostgresRepository(pool, where, options.closeDeadlineMs ?? PG_CLOSE_DEADLINE_MS);
  try {
    await repo.loadMissCodes();
  } catch (e) {
    await pool.end().catch(() => {});
    throw new StorageError(`cannot read the PostgreSQL database ${where}: ${(e as Error).message}. Fix: check the user's rights on its tables.`, { cause: e });
  }
  return repo;
}

async function migrate(client: pg.PoolClient, where: string, now: Date): Promise<void> {
  await client.query("begin");
  try {
    // Two servers starting at once: the second waits here, then finds nothing left to do.
    await client.query("select pg_advisory_xact_lock(hashtext('fixpath-migrations'))");
    await client.query("create table if not exists schema_migrations (version integer primary key, name text not null, applied_on text not null)");
    const { rows } = await client.query<{ v: number | null }>("select max(version) as v from schema_migrations");
    const current = rows[0]?.v ?? 0;
    if (current > LATEST_VERSION) throw new StorageError(tooNewMessage(current, where));
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      await client.query(m.postgres);
      await client.query("insert into schema_migrations (version, name, applied_on) values ($1, $2, $3)", [m.version, m.name, now.toISOString().slice(0, 10)]);
    }
    await client.query("commit");
  } catch (e) {
    await client.query("rollback").catch(() => {});
    throw e;
  }
}

class PostgresRepository implements Repository {
  readonly kind = "postgres" as const;
  readonly #pool: pg.Pool;
  /** Distinct codes in the search-miss totals, as this process knows it (for the cap). */
  #missCodes = 0;
  #prunedFor: string | undefined;

  constructor(
    pool: pg.Pool,
    readonly location: string,
    readonly closeDeadlineMs: number,
  ) {
    this.#pool = pool;
  }

  async schemaVersion(): Promise<number> {
    const { rows } = await this.#pool.query<{ v: number | null }>("select max(version) as v from schema_migrations");
    return rows[0]?.v ?? 0;
  }

  async addOutcomes(rows: readonly OutcomeRecord[]): Promise<void> {
    if (!rows.length) return;
    const groups = groupCounts(rows);
    const checked = groupVerifiedCounts(rows);
    // One statement, so one transaction: the rows and their counters commit together or not at all.
    await this.#pool.query(
      `with added as (
         insert into outcomes (code, app, step_id, outcome, reason, day, verified)
         select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $12::boolean[])
       ), checked as (
         insert into outcome_verified_counts (code, app, step_id, outcome, verified, n)
         select * from unnest($13::text[], $14::text[], $15::text[], $16::text[], $17::boolean[], $18::bigint[])
         on conflict (code, app, step_id, outcome, verified) do update set n = outcome_verified_counts.n + excluded.n
       )
       insert into outcome_counts (code, app, step_id, outcome, n)
       select * from unnest($7::text[], $8::text[], $9::text[], $10::text[], $11::bigint[])
       on conflict (code, app, step_id, outcome) do update set n = outcome_counts.n + excluded.n`,
      [
        rows.map((r) => r.code), rows.map((r) => r.app), rows.map((r) => r.stepId), rows.map((r) => r.outcome), rows.map((r) => r.reason), rows.map((r) => r.day),
        groups.map((g) => g.code), groups.map((g) => g.app), groups.map((g) => g.stepId), groups.map((g) => g.outcome), groups.map((g) => g.n),
        rows.map((r) => r.verified ?? null),
        checked.map((g) => g.code), checked.map((g) => g.app), checked.map((g) => g.stepId), checked.map((g) => g.outcome), checked.map((g) => g.verified), checked.map((g) => g.n),
      ],
    );
  }

  async addFeedback(rows: readonly FeedbackRecord[]): Promise<void> {
    if (!rows.length) return;
    await this.#pool.query(
      `insert into feedback (page, helpful, reason, comment, day)
       select * from unnest($1::text[], $2::boolean[], $3::text[], $4::text[], $5::text[])`,
      [rows.map((r) => r.page), rows.map((r) => r.helpful), rows.map((r) => r.reason), rows.map((r) => r.comment), rows.map((r) => r.day)],
    );
  }

  async loadMissCodes(): Promise<void> {
    const { rows } = await this.#pool.query<{ n: string }>("select count(*) as n from search_miss_totals");
    this.#missCodes = Number(rows[0]?.n ?? 0);
  }

  async addSearchMisses(rows: readonly SearchMissRecord[]): Promise<void> {
    if (!rows.length) return;
    const groups = groupMisses(rows);
    const today = rows[rows.length - 1]!.day;
    if (today !== this.#prunedFor) {
      await this.#pool.query("delete from search_miss_days where day < $1", [oldestMissDayKept(today)]);
      this.#prunedFor = today;
    }
    // One statement (one transaction). New codes are kept only while the totals hold fewer than
    // the cap; once full, only codes already counted are counted on.
    const { rows: result } = await this.#pool.query<{ inserted: boolean }>(
      `with g as (select * from unnest($1::text[], $2::text[], $3::bigint[]) as g (code, day, n)),
       kept as (select g.* from g where $4::boolean or exists (select 1 from search_miss_totals t where t.code = g.code)),
       days as (
         insert into search_miss_days (code, day, n) select code, day, n from kept
         on conflict (code, day) do update set n = search_miss_days.n + excluded.n
       )
       insert into search_miss_totals (code, n, last_day) select code, sum(n), max(day) from kept group by code
       on conflict (code) do update set n = search_miss_totals.n + excluded.n, last_day = greatest(search_miss_totals.last_day, excluded.last_day)
       returning (xmax = 0) as inserted`,
      [groups.map((g) => g.code), groups.map((g) => g.day), groups.map((g) => g.n), this.#missCodes < SEARCH_MISS_MAX_CODES],
    );
    this.#missCodes += result.filter((r) => r.inserted).length;
  }

  async checkWritable(): Promise<void> {
    const client = await this.#pool.connect().catch((e: unknown) => {
      throw new StorageError(`cannot reach the PostgreSQL database ${this.location}: ${(e as Error).message}. Fix: start PostgreSQL, or correct FIXPATH_DB.`, { cause: e });
    });
    try {
      await client.query("begin");
      await client.query("insert into schema_migrations (version, name, applied_on) values (-1, 'write check', '2000-01-01')");
    } catch (e) {
      throw new StorageError(`the PostgreSQL database ${this.location} cannot be written: ${(e as Error).message}. Fix: give the user in FIXPATH_DB insert rights on Fixpath's tables, and point it at the primary server, not a read-only replica.`, { cause: e });
    } finally {
      await client.query("rollback").catch(() => {});
      client.release();
    }
  }

  async addOutcomeReason(row: OutcomeReasonRecord): Promise<boolean> {
    // One statement: the row is chosen and updated together; a row another request holds is skipped.
    const { rowCount } = await this.#pool.query(
      `update outcomes set reason = $5 where id = (
         select id from outcomes where code = $1 and app = $2 and step_id = $3 and outcome = $4 and reason is null
          order by day desc, id desc limit 1 for update skip locked)`,
      [row.code, row.app, row.stepId, row.outcome, row.reason],
    );
    return rowCount === 1;
  }

  async tallyOutcomes(code: string, app: App): Promise<StepTally[]> {
    const { rows } = await this.#pool.query<{ step_id: string; fixed: string; no_change: string; could_not: string }>(
      `select step_id, coalesce(sum(n) filter (where outcome = 'fixed'), 0) as fixed, coalesce(sum(n) filter (where outcome = 'no-change'), 0) as no_change,
              coalesce(sum(n) filter (where outcome = 'could-not'), 0) as could_not
         from outcome_counts where code = $1 and app = $2 group by step_id`,
      [code, app],
    );
    return rows.map((r) => ({ stepId: r.step_id, fixed: Number(r.fixed), noChange: Number(r.no_change), couldNot: Number(r.could_not) }));
  }

  async tallyVerified(code: string, app: App): Promise<VerifiedTally[]> {
    const { rows } = await this.#pool.query<{ step_id: string; vf: string; vn: string; cf: string; cn: string }>(
      `select step_id, coalesce(sum(n) filter (where outcome = 'fixed' and verified), 0) as vf, coalesce(sum(n) filter (where outcome = 'no-change' and verified), 0) as vn,
              coalesce(sum(n) filter (where outcome = 'fixed' and not verified), 0) as cf, coalesce(sum(n) filter (where outcome = 'no-change' and not verified), 0) as cn
         from outcome_verified_counts where code = $1 and app = $2 group by step_id`,
      [code, app],
    );
    return rows.map((r) => ({ stepId: r.step_id, verifiedFixed: Number(r.vf), verifiedNoChange: Number(r.vn), contradictedFixed: Number(r.cf), contradictedNoChange: Number(r.cn) }));
  }

  async topSearchMisses(options: { limit: number; minCount: number }): Promise<MissCount[]> {
    const { rows } = await this.#pool.query<{ code: string; n: string; last_day: string }>(
      `select code, n, last_day from search_miss_totals where n >= $1 order by n desc, code collate "C" limit $2`,
      [options.minCount, options.limit],
    );
    return rows.map((r) => ({ code: r.code, count: Number(r.n), lastDay: r.last_day }));
  }

  async operatorCounts(): Promise<OperatorCounts> {
    const o = await this.#pool.query<{ code: string; app: string; step_id: string; outcome: Outcome; reason: OutcomeReason | null; n: string }>(
      "select code, app, step_id, outcome, reason, count(*) as n from outcomes group by code, app, step_id, outcome, reason order by code, app, step_id",
    );
    const f = await this.#pool.query<{ page: string; helpful: boolean; reason: FeedbackReason | null; n: string }>("select page, helpful, reason, count(*) as n from feedback group by page, helpful, reason order by page");
    const v = await this.#pool.query<{ code: string; app: string; step_id: string; outcome: "fixed" | "no-change"; verified: boolean; n: string }>(
      "select code, app, step_id, outcome, verified, n from outcome_verified_counts where n > 0 order by code, app, step_id",
    );
    return {
      outcomes: o.rows.map((r) => ({ code: r.code, app: r.app, stepId: r.step_id, outcome: r.outcome, reason: r.reason, n: Number(r.n) })),
      feedback: f.rows.map((r) => ({ page: r.page, helpful: r.helpful, reason: r.reason, n: Number(r.n) })),
      verified: v.rows.map((r) => ({ code: r.code, app: r.app, stepId: r.step_id, outcome: r.outcome, verified: r.verified, n: Number(r.n) })),
    };
  }

  async countRows(): Promise<RowCounts> {
    const { rows } = await this.#pool.query<{ outcomes: string; feedback: string; search_misses: string }>(
      `select (select count(*) from outcomes) as outcomes, (select count(*) from feedback) as feedback,
              (select coalesce(sum(n), 0) from search_miss_totals) as search_misses`,
    );
    const r = rows[0]!;
    return { outcomes: Number(r.outcomes), feedback: Number(r.feedback), searchMisses: Number(r.search_misses) };
  }

  /** Ends the pool; past `closeDeadlineMs` (a query that never returns) the connections are dropped. */
  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const ended = this.#pool.end().catch(() => {});
    const deadline = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), this.closeDeadlineMs)));
    const result = await Promise.race([ended, deadline]);
    clearTimeout(timer);
    if (result === "late") {
      // Every client the pool holds, busy or idle, is destroyed: nothing waits on them any more.
      const clients = (this.#pool as unknown as { _clients?: { connection?: { stream?: { destroy(): void } } }[] })._clients ?? [];
      for (const c of clients) c.connection?.stream?.destroy();
    }
  }
}
