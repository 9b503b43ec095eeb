/**
 * `fixpath start` (`npm start`): builds the site when its inputs changed, then serves it with the
 * outcomes API on one port (PORT, default 4321) until Ctrl+C.
 */
import { defaultDistDir, ensureSiteBuilt, isSiteStale } from "../server/site-build-fs.ts";
import { OPERATOR_TOKEN_MIN } from "../server/api.ts";
import type { KnowledgeBase } from "../model/index.ts";
import { openRepository, portFromEnv, serverSettingsFromEnv, startServer, StorageError, type Repository } from "../server/index.ts";
import { siteCsp } from "../server/inline-hashes.ts";
import { EXIT, UserError, type CliIo } from "./io.ts";
import { organisation } from "./organisation.ts";

/** Runs the site and the API until `stop` resolves (default: SIGINT or SIGTERM). */
export async function runStart(kb: KnowledgeBase, io: CliIo, stop: Promise<unknown> = signalled()): Promise<number> {
  const out = (s: string) => io.stdout.write(s + "\n");
  let port: number;
  let settings;
  try {
    port = portFromEnv(io.env);
    settings = serverSettingsFromEnv(io.env);
  } catch (e) {
    throw new UserError(`fixpath start: ${(e as Error).message}`, EXIT.usage);
  }
  // Every setting is checked before anything is written (the database folder, the site build).
  if (settings.operatorToken !== undefined && settings.operatorToken.length < OPERATOR_TOKEN_MIN) {
    throw new UserError(`fixpath start: FIXPATH_OPERATOR_TOKEN is shorter than ${OPERATOR_TOKEN_MIN} characters.\n  Fix: set it to a longer random secret (for example \`openssl rand -hex 32\`), or unset it to keep the operator page off.`, EXIT.usage);
  }
  // The organisation file next: a broken one stops the start with every problem and its fix.
  const org = organisation(io, "start");
  // The database first: a damaged or unreachable one stops the start before the site is built.
  let db: Repository;
  try {
    db = await openRepository({ db: io.env.FIXPATH_DB, cwd: io.cwd });
  } catch (e) {
    if (e instanceof StorageError) throw new UserError(`fixpath start: ${e.message}`, EXIT.usage);
    throw e;
  }
  let built;
  try {
    // A build takes seconds: say so before it starts.
    if (isSiteStale()) out("Building the site from the content (this takes a few seconds)…");
    built = await ensureSiteBuilt({ verbose: false });
  } catch (e) {
    await db.close();
    throw e;
  }
  if (built) out(`Built ${built.pages} pages in ${(built.ms / 1000).toFixed(1)} s.`);
  const distDir = defaultDistDir();
  const csp = siteCsp(distDir);
  let server;
  try {
    server = await startServer({ kb, db, distDir, csp, port, ...settings, ...(org.site.name ? { siteName: org.site.name } : {}) });
  } catch (e) {
    await db.close();
    const inUse = (e as { code?: string }).code === "EADDRINUSE";
    throw new UserError(inUse ? `fixpath start: port ${port} is in use.\n  Fix: stop the other server, or choose another port: PORT=4322 npm start` : `fixpath start: ${(e as Error).message}`, EXIT.usage);
  }
  out(`Fixpath is running at ${server.url.replace("127.0.0.1", "localhost")}/  (outcomes stored in ${db.location}; Ctrl+C to stop)`);
  await stop;
  await server.close();
  await db.close();
  out("Stopped.");
  return 0;
}

function signalled(): Promise<void> {
  return new Promise((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
}
