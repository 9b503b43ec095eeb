// The two storage backends the server tests run against: SQLite always; PostgreSQL from
// FIXPATH_TEST_PG or a throwaway server (scripts/server-pg.ts), which fails the run when neither exists.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { useTestPostgres, type TestPostgres } from "../../../scripts/server-pg.ts";
import type { CreateServerOptions, Repository } from "../../../src/server/index.ts";
import { openPostgresRepository } from "../../../src/server/storage/postgres.ts";
import { openSqliteRepository } from "../../../src/server/storage/sqlite.ts";
import { testServer } from "./server.ts";

export type BackendName = "sqlite" | "postgres";
export const BACKENDS: readonly BackendName[] = ["sqlite", "postgres"];

/** One fresh, migrated database and a way to read its tables as stored. */
export interface FreshDb {
  repo: Repository;
  /** Every row of a table, by id, exactly as stored (column names as in the database). */
  rows(table: string): Promise<Record<string, unknown>[]>;
  /** Runs SQL directly (test setup only). */
  exec(sql: string): Promise<void>;
  /** PostgreSQL only: a FIXPATH_DB URL that reaches this same database (its schema on the search path), for server processes. */
  url?: string;
  /** Opens the same database again (a restart), running migrations. */
  reopen(): Promise<Repository>;
  dispose(): Promise<void>;
}

export interface Backend {
  name: BackendName;
  start(): Promise<void>;
  stop(): Promise<void>;
  fresh(now?: () => Date): Promise<FreshDb>;
}

let counter = 0;

/** A backend for `describe.each(BACKENDS)`: call start in beforeAll, stop in afterAll. */
export function backend(name: BackendName): Backend {
  if (name === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "fixpath-sqlite-test-"));
    return {
      name,
      start: async () => {},
      stop: async () => rmSync(dir, { recursive: true, force: true }),
      fresh: async (now) => {
        const file = join(dir, `db-${++counter}`, "fixpath.sqlite");
        const repo = await openSqliteRepository({ file, ...(now ? { now } : {}) });
        const opened: Repository[] = [repo];
        const withDb = <T>(fn: (db: Database.Database) => T): T => {
          const db = new Database(file);
          try {
            return fn(db);
          } finally {
            db.close();
          }
        };
        return {
          repo,
          rows: async (table) => withDb((db) => db.prepare(`select * from ${table} order by 1`).all() as Record<string, unknown>[]),
          exec: async (sql) => withDb((db) => void db.exec(sql)),
          reopen: async () => {
            const again = await openSqliteRepository({ file });
            opened.push(again);
            return again;
          },
          dispose: async () => {
            for (const r of opened) await r.close();
          },
        };
      },
    };
  }
  let server: TestPostgres | undefined;
  const url = () => {
    if (!server) throw new Error("backend('postgres').start() was not called (beforeAll)");
    return server.url;
  };
  return {
    name,
    start: async () => {
      server = await useTestPostgres();
    },
    stop: async () => server?.stop(),
    fresh: async (now) => {
      const schema = `fixpath_test_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
      const repo = await openPostgresRepository({ url: url(), schema, ...(now ? { now } : {}) });
      const opened: Repository[] = [repo];
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      const withSchema = new URL(url());
      withSchema.searchParams.set("options", `-c search_path=${schema}`);
      return {
        repo,
        url: withSchema.toString(),
        rows: async (table) => (await client.query(`select * from ${schema}.${table} order by 1`)).rows as Record<string, unknown>[],
        exec: async (sql) => {
          await client.query(`set search_path = ${schema}; ${sql}`);
        },
        reopen: async () => {
          const again = await openPostgresRepository({ url: url(), schema });
          opened.push(again);
          return again;
        },
        dispose: async () => {
          for (const r of opened) await r.close();
          await client.query(`drop schema if exists ${schema} cascade`);
          await client.end();
        },
      };
    },
  };
}

/**
 * For `describe.each(BACKENDS)`: starts the backend for the block, and gives each test a fresh
 * database and a test server on it (closed after the test). Read `live.app` and `live.db` inside tests.
 */
export function serverPerTest(name: BackendName, options: Partial<CreateServerOptions> = {}): { readonly app: FastifyInstance; readonly db: FreshDb } {
  const be = backend(name);
  const live = {} as { app: FastifyInstance; db: FreshDb };
  beforeAll(() => be.start(), 90_000);
  afterAll(() => be.stop());
  beforeEach(async () => {
    live.db = await be.fresh();
    live.app = await testServer({ ...options, db: live.db.repo });
  });
  afterEach(async () => {
    await live.app.close();
    await live.db.dispose();
  });
  return live;
}
