/**
 * A throwaway PostgreSQL for the server's tests and benchmark, when FIXPATH_TEST_PG does not name
 * one: `initdb` + `pg_ctl` from /usr/lib/postgresql/<version>/bin in a temporary folder, listening
 * on 127.0.0.1 only, on a free port, with trust auth (nothing else can reach it). PostgreSQL
 * refuses to run as root, so as root the commands run as the `postgres` user (runuser, or su).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TestPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`, or FIXPATH_TEST_PG. */
  url: string;
  /** Where it came from, for messages. */
  source: "FIXPATH_TEST_PG" | "throwaway";
  /** Stops and deletes a throwaway server; does nothing for FIXPATH_TEST_PG. */
  stop(): void;
}

/** The bin folder of the newest PostgreSQL installed the Debian way, if any. */
export function findPostgresBin(base = "/usr/lib/postgresql"): string | undefined {
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, "bin", "initdb")) && existsSync(join(base, v, "bin", "pg_ctl")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(base, versions[0], "bin");
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Runs a command as the postgres user when we are root, as ourselves otherwise. */
function runAs(user: string | undefined, cmd: string, args: string[]): void {
  let result;
  if (user === undefined) result = spawnSync(cmd, args, { encoding: "utf8" });
  else if (existsSync("/usr/sbin/runuser") || existsSync("/sbin/runuser")) result = spawnSync("runuser", ["-u", user, "--", cmd, ...args], { encoding: "utf8" });
  else result = spawnSync("su", [user, "-s", "/bin/sh", "-c", [cmd, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(" ")], { encoding: "utf8" });
  if (result.error || result.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} failed (exit ${String(result.status)}): ${result.error?.message ?? ""}${result.stderr ?? ""}${result.stdout ?? ""}`.trim());
  }
}

/**
 * FIXPATH_TEST_PG when set; otherwise a throwaway server. Throws, saying how to fix it, when
 * neither is possible: the PostgreSQL suite must run, never be skipped.
 */
export async function useTestPostgres(env: Record<string, string | undefined> = process.env, postgresBase?: string): Promise<TestPostgres> {
  const fromEnv = env.FIXPATH_TEST_PG?.trim();
  if (fromEnv) return { url: fromEnv, source: "FIXPATH_TEST_PG", stop: () => {} };
  const bin = findPostgresBin(postgresBase);
  if (!bin) {
    throw new Error(
      "The PostgreSQL tests need a database and found none. Fix: set FIXPATH_TEST_PG=postgres://user:password@127.0.0.1:5432/dbname (an empty database the tests may create schemas in), " +
        "or install PostgreSQL (Debian: apt-get install postgresql) so the tests can start a throwaway server from /usr/lib/postgresql/<version>/bin.",
    );
  }
  const isRoot = process.getuid?.() === 0;
  let user: string | undefined;
  const dir = mkdtempSync(join(tmpdir(), "fixpath-pg-"));
  if (isRoot) {
    user = "postgres";
    let ids: string;
    try {
      ids = execFileSync("id", ["-u", user], { encoding: "utf8" }).trim() + ":" + execFileSync("id", ["-g", user], { encoding: "utf8" }).trim();
    } catch {
      rmSync(dir, { recursive: true, force: true });
      throw new Error("Running as root, the throwaway PostgreSQL needs a `postgres` user to run as (PostgreSQL refuses root). Fix: install the postgresql package (it creates the user), run the tests as another user, or set FIXPATH_TEST_PG.");
    }
    const [uid, gid] = ids.split(":").map(Number);
    chownSync(dir, uid!, gid!);
  }
  const data = join(dir, "data");
  const log = join(dir, "server.log");
  const port = await freePort();
  try {
    runAs(user, join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
    runAs(user, join(bin, "pg_ctl"), ["-D", data, "-l", log, "-w", "-t", "60", "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, "start"]);
  } catch (e) {
    const tail = existsSync(log) ? `\nserver log:\n${readFileSync(log, "utf8").slice(-2000)}` : "";
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start a throwaway PostgreSQL with ${bin}: ${(e as Error).message}${tail}\nFix: set FIXPATH_TEST_PG to a database URL instead.`);
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.removeListener("exit", stop);
    try {
      runAs(user, join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // If the test run dies without its afterAll, still stop the server.
  process.on("exit", stop);
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, source: "throwaway", stop };
}
