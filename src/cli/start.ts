/**
 * `fixpath start` (`npm start`): builds the site when its inputs changed, then serves it with the
 * outcomes API on one port (PORT, default 4321) until Ctrl+C.
 */
import { defaultDistDir, ensureSiteBuilt } from "../server/site-build-fs.ts";
import type { KnowledgeBase } from "../model/index.ts";
import { openRepository, portFromEnv, startServer } from "../server/index.ts";
import { siteCsp } from "../server/inline-hashes.ts";
import { EXIT, UserError, type CliIo } from "./io.ts";

/** Runs the site and the API until `stop` resolves (default: SIGINT or SIGTERM). */
export async function runStart(kb: KnowledgeBase, io: CliIo, stop: Promise<unknown> = signalled()): Promise<number> {
  const out = (s: string) => io.stdout.write(s + "\n");
  let port: number;
  try {
    port = portFromEnv(io.env);
  } catch (e) {
    throw new UserError(`fixpath start: ${(e as Error).message}`, EXIT.usage);
  }
  const built = await ensureSiteBuilt({ verbose: false });
  if (built) out(`Built ${built.pages} pages in ${(built.ms / 1000).toFixed(1)} s.`);
  const distDir = defaultDistDir();
  const csp = siteCsp(distDir);
  const db = await openRepository({ db: io.env.FIXPATH_DB, cwd: io.cwd });
  let server;
  try {
    server = await startServer({ kb, db, distDir, csp, port });
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
