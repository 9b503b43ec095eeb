// Vitest global setup (integration and e2e tiers): loads and validates the knowledge base once per
// run and hands it to every test file as a V8-serialized snapshot (tests/helpers/kb.ts reads it),
// instead of each of ~30 files reading and checking the 119 content files again.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { serialize } from "node:v8";
import { renderIssue } from "../../src/model/index.ts";
import { loadKnowledgeBase } from "../../src/model/load/index.ts";
import { readContentFiles } from "../../src/model/content-fs.ts";
import { ROOT } from "./io.ts";

/** What the knowledge base is made from: the content and the loader (with its dependencies). */
function inputsHash(dir: string): string {
  const hash = createHash("sha256");
  const add = (abs: string) => {
    const info = statSync(abs, { throwIfNoEntry: false });
    if (info?.isDirectory()) for (const name of readdirSync(abs).sort()) add(join(abs, name));
    else if (info?.isFile()) hash.update(relative(ROOT, abs)).update("\0").update(readFileSync(abs)).update("\0");
  };
  for (const input of [dir, join(ROOT, "src", "model"), join(ROOT, "package-lock.json")]) add(input);
  // The folder itself too: a cache copied from another checkout (cp -al node_modules) never serves it.
  return hash.update(process.version).update("\0").update(dir).digest("hex").slice(0, 20);
}

/** Writes the snapshot (unless one of the same inputs exists) and names it to the test processes in FIXPATH_TEST_KB_SNAPSHOT. */
export default function setup(): void {
  const dir = resolve(process.env.FIXPATH_TEST_CONTENT ?? join(ROOT, "content"));
  const cache = join(ROOT, "node_modules", ".cache", "fixpath", "test-kb");
  const file = join(cache, `${inputsHash(dir)}.v8`);
  // Kept by inputs: the second project of the same run (and the next run, when nothing changed) reuses it.
  if (!existsSync(file)) {
    const result = loadKnowledgeBase(readContentFiles(dir, ROOT));
    if (!result.kb) throw new Error(`${relative(ROOT, dir) || dir} does not validate:\n${result.issues.map(renderIssue).join("\n")}`);
    mkdirSync(cache, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, serialize({ dir, kb: result.kb }));
    renameSync(tmp, file);
    // Snapshots of earlier content: gone after an hour (a run started before may still read one).
    for (const name of readdirSync(cache)) {
      const old = join(cache, name);
      if (old !== file && statSync(old).mtimeMs < Date.now() - 3_600_000) rmSync(old, { force: true });
    }
  }
  // The test processes are started after the global set-up, with this environment.
  process.env.FIXPATH_TEST_KB_SNAPSHOT = file;
}
