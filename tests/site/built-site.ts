// Test helper: the built site (built once for all test files, under a lock) and the real server
// for it (src/server's startServer: its CSP, compression and cache rules, as `fixpath start` sends them).
import { readFileSync } from "node:fs";
import { join } from "node:path";
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

/** The script files of a page's island in the built site: what it loads at once, and what it may load later. */
export interface ScriptGraph {
  /** The entry and every file it imports statically, entry first (`/js/…` paths). */
  initial: string[];
  /** The files reached only through `import()` (and what those import), which the island fetches when it needs them. */
  lazy: string[];
}

const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{},\s]*?\bfrom\s*)?["'](\.\/[^"']+\.js)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'](\.\/[^"']+\.js)["']\s*\)/g;

/**
 * Follows the imports of the built island `entry` (`/js/diagnose.<hash>.js`) through its files in
 * `dist`: a static import (`import … from`, a bare import, `export … from`) loads with the file, a
 * dynamic `import()` later. A file named by an import but missing from `dist` is listed all the
 * same, so a test can say which one is missing.
 */
export function scriptGraph(dist: string, entry: string): ScriptGraph {
  const read = (path: string): string => {
    try {
      return readFileSync(join(dist, path), "utf8");
    } catch {
      return "";
    }
  };
  const at = (from: string, rel: string): string => new URL(rel, `http://x${from}`).pathname;
  const closure = (roots: string[], skip: Set<string>): string[] => {
    const seen = new Set<string>();
    const queue = roots.filter((r) => !skip.has(r));
    while (queue.length > 0) {
      const file = queue.shift()!;
      if (seen.has(file) || skip.has(file)) continue;
      seen.add(file);
      for (const m of read(file).matchAll(STATIC_IMPORT)) queue.push(at(file, m[1]!));
    }
    return [...seen];
  };
  const initial = closure([entry], new Set());
  const lazy: string[] = [];
  const queue = [...initial];
  const known = new Set(initial);
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const m of read(file).matchAll(DYNAMIC_IMPORT)) {
      for (const reached of closure([at(file, m[1]!)], known)) {
        known.add(reached);
        lazy.push(reached);
        queue.push(reached);
      }
    }
  }
  return { initial, lazy };
}
