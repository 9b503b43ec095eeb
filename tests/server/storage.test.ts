// The repository contract and its versioned migrations, against SQLite and PostgreSQL.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openRepository, StorageError, type OutcomeRecord } from "../../src/server/index.ts";
import { LATEST_VERSION, MIGRATIONS } from "../../src/server/storage/migrations.ts";
import { redactUrl } from "../../src/server/storage/postgres.ts";
import { useTestPostgres } from "../../scripts/server-pg.ts";
import { BACKENDS, backend, type FreshDb } from "./helpers/backends.ts";

const row = (over: Partial<OutcomeRecord> = {}): OutcomeRecord => ({ code: "caa50021", app: "onedrive", stepId: "clean-restart", outcome: "fixed", reason: null, day: "2026-03-14", ...over });

describe.each(BACKENDS)("repository on %s", (name) => {
  const be = backend(name);
  let db: FreshDb;
  beforeAll(() => be.start(), 90_000);
  afterAll(() => be.stop());
  beforeEach(async () => {
    db = await be.fresh(() => new Date("2026-01-02T10:00:00Z"));
  });
  afterEach(() => db.dispose());

  it("applies every migration once, in order, and records each", async () => {
    expect(await db.repo.schemaVersion()).toBe(LATEST_VERSION);
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
    const applied = await db.rows("schema_migrations");
    expect(applied.map((m) => Number(m.version))).toEqual(MIGRATIONS.map((m) => m.version));
    expect(applied.every((m) => m.applied_on === "2026-01-02")).toBe(true);
  });

  it("keeps the data when reopened (no migration runs twice)", async () => {
    await db.repo.addOutcomes([row(), row({ outcome: "no-change", reason: "unclear" })]);
    const again = await db.reopen();
    expect(await again.schemaVersion()).toBe(LATEST_VERSION);
    expect((await db.rows("schema_migrations")).length).toBe(MIGRATIONS.length);
    expect(await again.countRows()).toEqual({ outcomes: 2, feedback: 0, searchMisses: 0 });
    expect(await again.tallyOutcomes("caa50021", "onedrive")).toEqual([{ stepId: "clean-restart", fixed: 1, noChange: 1, couldNot: 0 }]);
  });

  it("refuses a database written by a newer Fixpath, saying how to fix it", async () => {
    await db.exec(`insert into schema_migrations (version, name, applied_on) values (${LATEST_VERSION + 1}, 'from the future', '2030-01-01')`);
    const err = await db.reopen().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StorageError);
    expect((err as Error).message).toMatch(new RegExp(`schema version ${LATEST_VERSION + 1}, but this Fixpath knows versions up to ${LATEST_VERSION}\\. Fix: upgrade Fixpath`));
  });

  it("migration 2 builds the counters from outcomes stored before it", async () => {
    await db.repo.addOutcomes([row(), row(), row({ stepId: "repair-onedrive", outcome: "could-not", reason: "no-rights" })]);
    // Back to version 1 with the rows still there.
    await db.exec(`drop table outcome_verified_counts; alter table outcomes drop column verified;
      drop table outcome_counts; drop table search_miss_days; drop table search_miss_totals;
      create table search_misses (id integer primary key, query text not null, day text not null);
      delete from schema_migrations where version >= 2;`);
    const again = await db.reopen();
    expect(await again.schemaVersion()).toBe(LATEST_VERSION);
    const tally = await again.tallyOutcomes("caa50021", "onedrive");
    expect(tally.sort((a, b) => a.stepId.localeCompare(b.stepId))).toEqual([
      { stepId: "clean-restart", fixed: 2, noChange: 0, couldNot: 0 },
      { stepId: "repair-onedrive", fixed: 0, noChange: 0, couldNot: 1 },
    ]);
  });

  it("migration 3 drops the free-text search misses and keeps misses as counts per code and day", async () => {
    // A database at version 2: undo migration 4 (issue 30's verified flag) and 3 first.
    await db.exec(`drop table outcome_verified_counts; alter table outcomes drop column verified;
      drop table search_miss_days; drop table search_miss_totals;
      create table search_misses (id integer primary key, query text not null, day text not null);
      insert into search_misses (id, query, day) values (1, 'ana perez 12 high street', '2026-03-01'), (2, 'caa50021', '2026-03-01');
      delete from schema_migrations where version >= 3;`);
    const again = await db.reopen();
    expect(await again.schemaVersion()).toBe(LATEST_VERSION);
    await expect(db.rows("search_misses")).rejects.toThrow();
    expect(await again.countRows()).toMatchObject({ searchMisses: 0 });
    await again.addSearchMisses([{ code: "caa5ffff", day: "2026-03-02" }, { code: "caa5ffff", day: "2026-03-02" }, { code: "caa5ffff", day: "2026-03-03" }]);
    expect((await db.rows("search_miss_days")).map((r) => Number(r.n))).toEqual([2, 1]);
    expect(await again.topSearchMisses({ limit: 5, minCount: 1 })).toEqual([{ code: "caa5ffff", count: 3, lastDay: "2026-03-03" }]);
  });

  it("keeps per-day miss counts for a bounded number of days", async () => {
    await db.repo.addSearchMisses([{ code: "caa5ffff", day: "2025-01-01" }]);
    await db.repo.addSearchMisses([{ code: "caa5ffff", day: "2026-03-14" }]);
    expect((await db.rows("search_miss_days")).map((r) => r.day)).toEqual(["2026-03-14"]);
    expect(await db.repo.topSearchMisses({ limit: 5, minCount: 1 })).toEqual([{ code: "caa5ffff", count: 2, lastDay: "2026-03-14" }]);
  });

  it("commits a batch as one transaction: one bad row and none is stored", async () => {
    const bad = [row(), row({ day: "2026-3-14" })];
    await expect(db.repo.addOutcomes(bad)).rejects.toThrow();
    await expect(db.repo.addOutcomes([row(), row({ reason: "unclear" })])).rejects.toThrow();
    expect((await db.repo.countRows()).outcomes).toBe(0);
    expect(await db.repo.tallyOutcomes("caa50021", "onedrive")).toEqual([]);
  });

  it("stores feedback and search misses and ranks misses by count, then code", async () => {
    await db.repo.addFeedback([{ page: "caa50021", helpful: false, reason: "unclear", comment: "x", day: "2026-03-14" }]);
    await db.repo.addSearchMisses(["bbbb0000", "aaaa0000", "bbbb0000", "aaaa0000", "cccc0000", "bbbb0000"].map((code, i) => ({ code, day: `2026-03-1${i}` })));
    expect(await db.repo.countRows()).toEqual({ outcomes: 0, feedback: 1, searchMisses: 6 });
    expect(await db.repo.topSearchMisses({ limit: 10, minCount: 2 })).toEqual([
      { code: "bbbb0000", count: 3, lastDay: "2026-03-15" },
      { code: "aaaa0000", count: 2, lastDay: "2026-03-13" },
    ]);
    expect(await db.repo.topSearchMisses({ limit: 10, minCount: 1 })).toHaveLength(3);
  });
});

describe("the PostgreSQL test database", () => {
  it("fails with what to do when there is neither FIXPATH_TEST_PG nor PostgreSQL installed", async () => {
    await expect(useTestPostgres({}, join(tmpdir(), "no-postgresql-here"))).rejects.toThrow(
      /need a database and found none\. Fix: set FIXPATH_TEST_PG=postgres:\/\/.* or install PostgreSQL \(Debian: apt-get install postgresql\)/,
    );
  });

  it("uses FIXPATH_TEST_PG as given", async () => {
    const pg = await useTestPostgres({ FIXPATH_TEST_PG: " postgres://u:p@127.0.0.1:5432/t " }, join(tmpdir(), "no-postgresql-here"));
    expect(pg).toMatchObject({ url: "postgres://u:p@127.0.0.1:5432/t", source: "FIXPATH_TEST_PG" });
  });
});

describe("openRepository (FIXPATH_DB)", () => {
  const dir = mkdtempSync(join(tmpdir(), "fixpath-open-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("defaults to data/fixpath.sqlite under cwd, creating the folder, in WAL mode", async () => {
    const repo = await openRepository({ cwd: dir });
    try {
      expect(repo.kind).toBe("sqlite");
      expect(repo.location).toBe(join(dir, "data", "fixpath.sqlite"));
      await repo.addOutcomes([row()]);
      expect(existsSync(join(dir, "data", "fixpath.sqlite-wal"))).toBe(true);
    } finally {
      await repo.close();
    }
  });

  it("opens another SQLite file named by FIXPATH_DB, relative to cwd", async () => {
    const repo = await openRepository({ db: "other/place.db", cwd: dir });
    await repo.close();
    expect(repo.location).toBe(join(dir, "other", "place.db"));
    expect(existsSync(join(dir, "other", "place.db"))).toBe(true);
  });

  it("takes a postgres:// URL as PostgreSQL and says where it failed, without the password", async () => {
    const err = await openRepository({ db: "postgres://fixpath:s3cret@127.0.0.1:1/nodb", cwd: dir }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StorageError);
    expect((err as Error).message).toContain("postgres://fixpath:***@127.0.0.1:1/nodb");
    expect((err as Error).message).not.toContain("s3cret");
    expect((err as Error).message).toMatch(/Fix: check that the server is running/);
    expect(redactUrl("postgresql://u@h/db")).toBe("postgresql://u@h/db");
  });

  it("says how to fix a SQLite file that cannot be created", async () => {
    writeFileSync(join(dir, "a-file"), "not a folder");
    const err = await openRepository({ db: "a-file/x.sqlite", cwd: dir }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StorageError);
    const message = (err as Error).message;
    expect(message.startsWith(`cannot open the SQLite database ${join(dir, "a-file", "x.sqlite")}: `)).toBe(true);
    expect(message).toMatch(/(ENOTDIR|EEXIST).*\. Fix: check that the folder is writable, or set FIXPATH_DB to another file\.$/);
  });
});
