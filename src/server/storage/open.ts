// Picks the storage from FIXPATH_DB: a postgres:// URL, another SQLite file, or the default file.
import { isAbsolute, join } from "node:path";
import { openPostgresRepository } from "./postgres.ts";
import type { Repository } from "./repository.ts";
import { openSqliteRepository } from "./sqlite.ts";

/** The SQLite file used when FIXPATH_DB is not set, relative to the project folder. */
export const DEFAULT_SQLITE_FILE = "data/fixpath.sqlite";

export interface OpenRepositoryOptions {
  /** FIXPATH_DB: `postgres://…` / `postgresql://…`, or a SQLite file path; default `data/fixpath.sqlite`. */
  db?: string;
  /** Relative SQLite paths are resolved against this folder. */
  cwd: string;
  now?: () => Date;
}

/** Opens and migrates the repository named by `db` (normally `process.env.FIXPATH_DB`). */
export async function openRepository(options: OpenRepositoryOptions): Promise<Repository> {
  const db = options.db?.trim() || DEFAULT_SQLITE_FILE;
  const now = options.now ? { now: options.now } : {};
  if (/^postgres(?:ql)?:\/\//i.test(db)) return openPostgresRepository({ url: db, ...now });
  const file = db === ":memory:" || isAbsolute(db) ? db : join(options.cwd, db);
  return openSqliteRepository({ file, ...now });
}
