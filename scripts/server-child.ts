/**
 * Runs the server in a process of its own, for the crash test and the benchmark (which kill it or
 * load it from another process). Usage:
 *   node --import tsx scripts/server-child.ts --db <FIXPATH_DB value> [--rate-limit off] [--content <dir>] [--dist <built site>]
 * The FIXPATH_* server settings (timeouts, connection cap, operator token) are read from the environment.
 * Prints `READY <url>` once it listens on 127.0.0.1 (a free port); closes cleanly on SIGTERM.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { renderIssue } from "../src/model/index.ts";
import { loadKnowledgeBase } from "../src/model/load/index.ts";
import { readContentFiles } from "../src/model/content-fs.ts";
import { openRepository, serverSettingsFromEnv, startServer } from "../src/server/index.ts";

const root = join(import.meta.dirname, "..");
const { values } = parseArgs({ options: { db: { type: "string" }, "rate-limit": { type: "string", default: "on" }, content: { type: "string", default: join(root, "content") }, dist: { type: "string" } } });
const loaded = loadKnowledgeBase(readContentFiles(values.content, root));
if (!loaded.kb) {
  process.stderr.write(loaded.issues.map(renderIssue).join("\n") + "\n");
  process.exit(1);
}
const db = await openRepository({ db: values.db, cwd: process.cwd() });
const server = await startServer({ kb: loaded.kb, db, port: 0, host: "127.0.0.1", rateLimit: values["rate-limit"] === "off" ? false : {}, ...serverSettingsFromEnv(process.env), ...(values.dist ? { distDir: values.dist } : {}) });
process.stdout.write(`READY ${server.url}\n`);
process.on("SIGTERM", () => {
  void server.close().then(() => db.close()).then(() => process.exit(0));
});
