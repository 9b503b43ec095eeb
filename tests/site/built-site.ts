// Test helper: the built site (built once for all test files, under a lock) and the real server
// for it (src/server's startServer: its CSP, compression and cache rules, as `fixpath start` sends them).
import { siteCsp } from "../../src/server/inline-hashes.ts";
import { openRepository, startServer, type Repository, type RunningServer } from "../../src/server/index.ts";
import { defaultDistDir, ensureSiteBuiltLocked } from "../../src/server/site-build-fs.ts";
import { loadProjectKb } from "../helpers/kb.ts";

/** Builds site/dist if it is stale (once, whichever test file gets there first); returns its path. */
export async function builtSite(): Promise<string> {
  await ensureSiteBuiltLocked();
  return defaultDistDir();
}

export interface SiteServer {
  server: RunningServer;
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Stops the server, then closes its storage. */
  close(): Promise<void>;
}

/**
 * Serves the built site with the real server on a free loopback port, with the site's CSP and
 * outcomes kept in memory (`db` to pass other storage, which the caller then closes).
 */
export async function serveSite(dist: string, options: { db?: Repository } = {}): Promise<SiteServer> {
  const db = options.db ?? (await openRepository({ db: ":memory:", cwd: dist }));
  const server = await startServer({ kb: loadProjectKb(), db, distDir: dist, csp: siteCsp(dist), port: 0, rateLimit: false });
  return {
    server,
    origin: server.url,
    close: async () => {
      await server.close();
      if (!options.db) await db.close();
    },
  };
}
