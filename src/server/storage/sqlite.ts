/**
 * SQLite storage (better-sqlite3), the default: one file, no server to run.
 *
 * Durability: WAL journal with `synchronous=FULL`. In WAL mode a commit is a write() to the WAL
 * file; `NORMAL` already survives a killed process (the OS holds the written pages) but may lose
 * the last commits on a power cut or kernel crash, because the WAL is fsynced only at checkpoints.
 * `FULL` fsyncs the WAL on every commit, so an acknowledged outcome survives both. Its cost is
 * one fsync per transaction (measured ≈ 0.1 ms here), and the server groups concurrent writes
 * into one transaction (`write-batcher.ts`), so it stays cheap under load.
 */
import { closeSync, existsSync, mkdirSync, openSync, statSync, statfsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import type { App } from "../../model/index.ts";
import { LATEST_VERSION, MIGRATIONS, SEARCH_MISS_MAX_CODES, groupCounts, groupMisses, groupVerifiedCounts, oldestMissDayKept, tooNewMessage } from "./migrations.ts";
import {
  StorageError,
  type FeedbackRecord,
  type OperatorCounts,
  type OutcomeReasonRecord,
  type OutcomeRecord,
  type MissCount,
  type Repository,
  type RowCounts,
  type SearchMissRecord,
  type StepTally,
  type VerifiedTally,
} from "./repository.ts";

/** Longest a statement waits for a lock while blocking the event loop, in ms. */
export const BUSY_WAIT_MS = 10;
/** Longest a write is retried (asynchronously) while another process holds the database locked, in ms. */
export const WRITE_LOCK_DEADLINE_MS = 5_000;

/** Whether better-sqlite3 failed because another connection holds the lock. */
function isBusy(e: unknown): boolean {
  const code = String((e as { code?: unknown }).code ?? "");
  return code === "SQLITE_BUSY" || code.startsWith("SQLITE_BUSY_") || code === "SQLITE_LOCKED";
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface SqliteOptions {
  /** The database file; its folder is created. `:memory:` for a throwaway database. */
  file: string;
  /** The clock, for the day a migration was applied. */
  now?: () => Date;
  /** Free space the database's folder must have at start, in bytes. Default `MIN_FREE_BYTES`. */
  minFreeBytes?: number;
}

/** Free space required at start: room for the WAL to grow to its checkpoint size several times over. */
export const MIN_FREE_BYTES = 32 * 1024 * 1024;

/** Opens (creating it and its folder if needed) and migrates a SQLite database. */
export async function openSqliteRepository(options: SqliteOptions): Promise<Repository> {
  const memory = options.file === ":memory:";
  const file = memory ? options.file : resolve(options.file);
  let db: Database.Database;
  try {
    if (!memory) {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      // Created by us, readable by the owner only (the WAL and shared-memory files SQLite adds
      // next to it take the same mode); an existing file keeps the mode its owner gave it.
      if (!existsSync(file)) closeSync(openSync(file, "a", 0o600));
    }
    db = new Database(file);
  } catch (e) {
    throw new StorageError(`cannot open the SQLite database ${file}: ${(e as Error).message}. Fix: check that the folder is writable, or set FIXPATH_DB to another file.`, { cause: e });
  }
  try {
    if (!memory) {
      const mode = db.pragma("journal_mode = WAL", { simple: true });
      if (mode !== "wal") throw new StorageError(`the SQLite database ${file} cannot use WAL mode (got "${String(mode)}"). Fix: put it on a local file system.`);
    }
    db.pragma("synchronous = FULL");
    // Waiting for a lock blocks the whole event loop (better-sqlite3 is synchronous), pages
    // included: SQLite itself waits at most BUSY_WAIT_MS, and a write that still finds the database
    // locked is retried later without blocking (`#retrying`), for up to WRITE_LOCK_DEADLINE_MS.
    // At start, a locked database is waited for (nothing is being served yet); then no longer.
    db.pragma("busy_timeout = 5000");
    checkIntact(db, file);
    checkOurs(db, file);
    migrate(db, file, (options.now ?? (() => new Date()))());
    db.pragma(`busy_timeout = ${BUSY_WAIT_MS}`);
    // The constructor reads the tables too (a damaged page can show up only there).
    return new SqliteRepository(db, file, memory ? undefined : identity(file), options.minFreeBytes ?? MIN_FREE_BYTES);
  } catch (e) {
    db.close();
    throw openFailure(e, file);
  }
}

/**
 * Refuses a damaged database at start (every page read once: `quick_check`), rather than failing
 * on the first request that happens to touch the damaged page with an "internal error".
 */
function checkIntact(db: Database.Database, file: string): void {
  const rows = db.pragma("quick_check(5)") as { quick_check: string }[];
  const found = rows.map((r) => r.quick_check).filter((r) => r !== "ok");
  if (found.length) {
    throw new StorageError(`the SQLite database ${file} is damaged (${found.join("; ").slice(0, 300)}). Fix: stop Fixpath, restore the file from a backup (or try \`sqlite3 ${file} .recover\` into a new file), or move it aside to start with an empty database.`);
  }
}

/** Refuses another application's SQLite file: tables of its own and none of Fixpath's bookkeeping. */
function checkOurs(db: Database.Database, file: string): void {
  const tables = (db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\'").all() as { name: string }[]).map((t) => t.name);
  if (tables.length && !tables.includes("schema_migrations")) {
    throw new StorageError(`the SQLite file ${file} belongs to another application (it holds the tables ${tables.slice(0, 5).join(", ")}${tables.length > 5 ? ", …" : ""} and none of Fixpath's). Fix: set FIXPATH_DB to a file of Fixpath's own (a new name creates one); Fixpath does not add its tables to another application's database.`);
  }
}

/** A failure while opening, worded for the operator (what, where, the fix). */
function openFailure(e: unknown, file: string): StorageError {
  if (e instanceof StorageError) return e;
  const code = String((e as { code?: unknown }).code ?? "");
  const message = (e as Error).message;
  if (code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT")) {
    return new StorageError(`the SQLite database ${file} is damaged or is not a Fixpath database (${message}). Fix: restore it from a backup, or move it aside and start again (an empty database is created), or set FIXPATH_DB to another file.`, { cause: e });
  }
  if (code.startsWith("SQLITE_READONLY") || code.startsWith("SQLITE_CANTOPEN") || code.startsWith("SQLITE_PERM") || code.startsWith("SQLITE_IOERR")) {
    return new StorageError(`the SQLite database ${file} cannot be written (${message}). Fix: make the file and its folder writable by the user running Fixpath, or set FIXPATH_DB to a file in a writable folder.`, { cause: e });
  }
  return new StorageError(`cannot use the SQLite database ${file}: ${message}. Fix: check the file and its folder, or set FIXPATH_DB to another file.`, { cause: e });
}

/** The file's device and inode: the same path holding another file (or none) means it was replaced. */
function identity(file: string): string | undefined {
  const st = statSync(file, { throwIfNoEntry: false });
  return st ? `${st.dev}:${st.ino}` : undefined;
}

function migrate(db: Database.Database, file: string, now: Date): void {
  db.exec("create table if not exists schema_migrations (version integer primary key, name text not null, applied_on text not null)");
  const row = db.prepare("select max(version) as v from schema_migrations").get() as { v: number | null };
  const current = row.v ?? 0;
  if (current > LATEST_VERSION) throw new StorageError(tooNewMessage(current, file));
  const record = db.prepare("insert into schema_migrations (version, name, applied_on) values (?, ?, ?)");
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sqlite);
      record.run(m.version, m.name, now.toISOString().slice(0, 10));
    }).immediate();
  }
}

class SqliteRepository implements Repository {
  readonly kind = "sqlite" as const;
  readonly #db: Database.Database;
  readonly #insertOutcome: Database.Statement;
  readonly #bumpCount: Database.Statement;
  readonly #insertFeedback: Database.Statement;
  readonly #tally: Database.Statement;
  readonly #tallyVerified: Database.Statement;
  readonly #top: Database.Statement;
  readonly #addOutcomes: (rows: readonly OutcomeRecord[]) => void;
  readonly #addReason: Database.Statement;
  readonly #addFeedback: (rows: readonly FeedbackRecord[]) => void;
  readonly #addMisses: (rows: readonly SearchMissRecord[]) => number;

  readonly #identity: string | undefined;
  /** The WAL and shared-memory files as last seen (device:inode), watched like the main file. */
  readonly #sidecars = new Map<string, string | undefined>();
  #lost: StorageError | undefined;
  #missCodes: number;
  #prunedFor: string | undefined;

  constructor(
    db: Database.Database,
    readonly location: string,
    fileIdentity: string | undefined,
    readonly minFreeBytes: number,
  ) {
    this.#db = db;
    this.#identity = fileIdentity;
    if (fileIdentity !== undefined) for (const suffix of ["-wal", "-shm"]) this.#sidecars.set(suffix, identity(`${location}${suffix}`));
    this.#addReason = db.prepare(
      "update outcomes set reason = ? where id = (select id from outcomes where code = ? and app = ? and step_id = ? and outcome = ? and reason is null order by day desc, id desc limit 1)",
    );
    this.#insertOutcome = db.prepare("insert into outcomes (code, app, step_id, outcome, reason, day, verified) values (?, ?, ?, ?, ?, ?, ?)");
    const bumpVerified = db.prepare("insert into outcome_verified_counts (code, app, step_id, outcome, verified, n) values (?, ?, ?, ?, ?, ?) on conflict (code, app, step_id, outcome, verified) do update set n = n + excluded.n");
    this.#bumpCount = db.prepare("insert into outcome_counts (code, app, step_id, outcome, n) values (?, ?, ?, ?, ?) on conflict (code, app, step_id, outcome) do update set n = n + excluded.n");
    this.#insertFeedback = db.prepare("insert into feedback (page, helpful, reason, comment, day) values (?, ?, ?, ?, ?)");
    this.#tally = db.prepare(
      `select step_id as stepId, sum(case when outcome = 'fixed' then n else 0 end) as fixed,
              sum(case when outcome = 'no-change' then n else 0 end) as noChange, sum(case when outcome = 'could-not' then n else 0 end) as couldNot
         from outcome_counts where code = ? and app = ? group by step_id`,
    );
    this.#tallyVerified = db.prepare(
      `select step_id as stepId, sum(case when outcome = 'fixed' and verified = 1 then n else 0 end) as verifiedFixed,
              sum(case when outcome = 'no-change' and verified = 1 then n else 0 end) as verifiedNoChange,
              sum(case when outcome = 'fixed' and verified = 0 then n else 0 end) as contradictedFixed,
              sum(case when outcome = 'no-change' and verified = 0 then n else 0 end) as contradictedNoChange
         from outcome_verified_counts where code = ? and app = ? group by step_id`,
    );
    this.#top = db.prepare("select code, n as count, last_day as lastDay from search_miss_totals where n >= ? order by n desc, code limit ?");
    this.#addOutcomes = db.transaction((rows: readonly OutcomeRecord[]) => {
      for (const r of rows) this.#insertOutcome.run(r.code, r.app, r.stepId, r.outcome, r.reason, r.day, r.verified === undefined ? null : r.verified ? 1 : 0);
      for (const g of groupCounts(rows)) this.#bumpCount.run(g.code, g.app, g.stepId, g.outcome, g.n);
      for (const g of groupVerifiedCounts(rows)) bumpVerified.run(g.code, g.app, g.stepId, g.outcome, g.verified ? 1 : 0, g.n);
    });
    this.#addFeedback = db.transaction((rows: readonly FeedbackRecord[]) => {
      for (const r of rows) this.#insertFeedback.run(r.page, r.helpful ? 1 : 0, r.reason, r.comment, r.day);
    });
    const bumpTotal = db.prepare("update search_miss_totals set n = n + ?, last_day = max(last_day, ?) where code = ?");
    const insertTotal = db.prepare("insert into search_miss_totals (code, n, last_day) values (?, ?, ?)");
    const bumpDay = db.prepare("insert into search_miss_days (code, day, n) values (?, ?, ?) on conflict (code, day) do update set n = n + excluded.n");
    const countCodes = db.prepare("select count(*) as n from search_miss_totals");
    const prune = db.prepare("delete from search_miss_days where day < ?");
    this.#missCodes = (countCodes.get() as { n: number }).n;
    this.#addMisses = db.transaction((rows: readonly SearchMissRecord[]) => {
      let added = 0;
      for (const g of groupMisses(rows)) {
        if (bumpTotal.run(g.n, g.day, g.code).changes === 0) {
          // A new code: kept only while the totals hold fewer than the cap (bounded storage).
          if (this.#missCodes + added >= SEARCH_MISS_MAX_CODES) continue;
          insertTotal.run(g.code, g.n, g.day);
          added++;
        }
        bumpDay.run(g.code, g.day, g.n);
      }
      const today = rows[rows.length - 1]!.day;
      if (today !== this.#prunedFor) prune.run(oldestMissDayKept(today));
      return added;
    });
    this.#countMissCodes = () => (countCodes.get() as { n: number }).n;
  }

  readonly #countMissCodes: () => number;

  /**
   * Refuses to acknowledge writes once the database file was deleted or replaced while the server
   * runs: SQLite keeps writing to the deleted file, which vanishes when the server stops.
   */
  #checkFile(): void {
    if (this.#lost) throw this.#lost;
    if (this.#identity === undefined) return;
    const now = identity(this.location);
    if (now === this.#identity) return;
    this.#lost = new StorageError(
      `the SQLite database ${this.location} was ${now === undefined ? "deleted" : "replaced by another file"} while the server was running; writes are no longer acknowledged (they would be lost when the server stops). Fix: stop the server, restore the file from a backup (or accept starting empty), and start it again.`,
    );
    throw this.#lost;
  }

  /**
   * Puts the WAL and shared-memory files back when someone deleted or replaced them while the
   * server runs. SQLite goes on writing to the WAL it has open, which no longer has a name: a crash
   * or a restart then loses every commit in it (1,926 acknowledged rows in issue 28), and a second
   * process would open a WAL of its own. Leaving WAL mode and entering it again moves every commit
   * into the main file and starts a new WAL under the right name; if that fails (another process
   * holds the database), writes are refused as for a lost main file.
   */
  #checkSidecars(): void {
    if (this.#identity === undefined) return;
    let changed = false;
    for (const [suffix, seen] of this.#sidecars) {
      const now = identity(`${this.location}${suffix}`);
      if (now === seen) continue;
      // Appearing is what SQLite does itself (before the first write, after the last close).
      if (seen !== undefined) changed = true;
      this.#sidecars.set(suffix, now);
    }
    if (!changed) return;
    try {
      this.#db.pragma("journal_mode = DELETE");
      const mode = this.#db.pragma("journal_mode = WAL", { simple: true });
      if (mode !== "wal") throw new Error(`journal mode is "${String(mode)}"`);
      // A write makes the new WAL and shared-memory files appear under their names.
      this.#db.prepare("delete from schema_migrations where version = -1").run();
    } catch (e) {
      this.#lost = new StorageError(
        `the SQLite database's WAL or shared-memory file (${this.location}-wal, -shm) was deleted or replaced while the server was running, and it could not be put back (${(e as Error).message}); writes are no longer acknowledged. Fix: stop every process that uses the database, check the three files, and start the server again.`,
        { cause: e },
      );
      throw this.#lost;
    }
    for (const suffix of this.#sidecars.keys()) this.#sidecars.set(suffix, identity(`${this.location}${suffix}`));
  }

  /** Runs a write transaction, acknowledged only while the file is still the one that was opened. */
  #write<T>(work: () => T): T {
    this.#checkFile();
    this.#checkSidecars();
    const result = work();
    this.#checkFile();
    this.#checkSidecars();
    return result;
  }

  /**
   * `#write`, retried while another connection (an operator's `sqlite3`, a second instance) holds
   * the database locked: each try blocks for at most BUSY_WAIT_MS, the waits between tries do not
   * block, so pages and reads go on being answered. Past WRITE_LOCK_DEADLINE_MS the write fails.
   */
  async #retrying<T>(work: () => T): Promise<T> {
    const start = performance.now();
    for (let pause = 5; ; pause = Math.min(pause * 2, 250)) {
      try {
        return this.#write(work);
      } catch (e) {
        if (!isBusy(e) || performance.now() - start + pause > WRITE_LOCK_DEADLINE_MS) throw e;
      }
      await sleep(pause);
    }
  }

  async schemaVersion(): Promise<number> {
    const row = this.#db.prepare("select max(version) as v from schema_migrations").get() as { v: number | null };
    return row.v ?? 0;
  }

  async addOutcomes(rows: readonly OutcomeRecord[]): Promise<void> {
    if (rows.length) await this.#retrying(() => this.#addOutcomes(rows));
  }

  async addOutcomeReason(row: OutcomeReasonRecord): Promise<boolean> {
    return this.#retrying(() => this.#addReason.run(row.reason, row.code, row.app, row.stepId, row.outcome).changes === 1);
  }

  async addFeedback(rows: readonly FeedbackRecord[]): Promise<void> {
    if (rows.length) await this.#retrying(() => this.#addFeedback(rows));
  }

  async addSearchMisses(rows: readonly SearchMissRecord[]): Promise<void> {
    if (!rows.length) return;
    try {
      const added = await this.#retrying(() => this.#addMisses(rows));
      this.#missCodes += added;
      this.#prunedFor = rows[rows.length - 1]!.day;
    } catch (e) {
      this.#missCodes = this.#countMissCodes();
      throw e;
    }
  }

  async checkWritable(): Promise<void> {
    this.#checkFile();
    // A one-row write fits in the last few kilobytes of a full disk (a crash's WAL can have taken
    // the rest), and then every real write fails: the space is checked, not only the write.
    if (this.#identity !== undefined) {
      const fs = statfsSync(dirname(this.location));
      const free = fs.bavail * fs.bsize;
      if (free < this.minFreeBytes) {
        throw new StorageError(`the disk holding the SQLite database ${this.location} has ${formatMb(free)} free, less than the ${formatMb(this.minFreeBytes)} Fixpath needs to store outcomes reliably. Fix: free some disk space (a large ${this.location}-wal left by a crash shrinks once the server writes again), or set FIXPATH_DB to a file on another disk.`);
      }
    }
    try {
      this.#db.transaction(() => {
        this.#db.prepare("insert into schema_migrations (version, name, applied_on) values (-1, 'write check', '2000-01-01')").run();
        throw new RolledBack();
      }).immediate();
    } catch (e) {
      if (e instanceof RolledBack) return;
      const failure = openFailure(e, this.location);
      if (/damaged|cannot be written/.test(failure.message)) throw failure;
      throw new StorageError(`the SQLite database ${this.location} cannot be written (${(e as Error).message}). Fix: make the file and its folder writable by the user running Fixpath, free some disk space, or set FIXPATH_DB to a file in a writable folder.`, { cause: e });
    }
  }

  async tallyOutcomes(code: string, app: App): Promise<StepTally[]> {
    return this.#tally.all(code, app) as StepTally[];
  }

  async tallyVerified(code: string, app: App): Promise<VerifiedTally[]> {
    return this.#tallyVerified.all(code, app) as VerifiedTally[];
  }

  async topSearchMisses(options: { limit: number; minCount: number }): Promise<MissCount[]> {
    return this.#top.all(options.minCount, options.limit) as MissCount[];
  }

  async operatorCounts(): Promise<OperatorCounts> {
    const outcomes = this.#db
      .prepare("select code, app, step_id as stepId, outcome, reason, count(*) as n from outcomes group by code, app, step_id, outcome, reason order by code, app, step_id")
      .all() as OperatorCounts["outcomes"];
    const feedback = (this.#db.prepare("select page, helpful, reason, count(*) as n from feedback group by page, helpful, reason order by page").all() as { page: string; helpful: number; reason: string | null; n: number }[]).map((r) => ({ ...r, helpful: r.helpful === 1 })) as OperatorCounts["feedback"];
    const verified = (this.#db.prepare("select code, app, step_id as stepId, outcome, verified, n from outcome_verified_counts where n > 0 order by code, app, step_id").all() as { code: string; app: string; stepId: string; outcome: "fixed" | "no-change"; verified: number; n: number }[]).map((r) => ({ ...r, verified: r.verified === 1 }));
    return { outcomes, feedback, verified };
  }

  async countRows(): Promise<RowCounts> {
    return this.#db
      .prepare(
        `select (select count(*) from outcomes) as outcomes, (select count(*) from feedback) as feedback,
                (select coalesce(sum(n), 0) from search_miss_totals) as searchMisses`,
      )
      .get() as RowCounts;
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}

function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Thrown inside the write check's transaction so that better-sqlite3 rolls it back. */
class RolledBack extends Error {}
