// The compiled CLI's entry point: scripts/cli-bundle.mjs bundles this file (with src/cli and what it
// imports) for bin/fixpath.mjs. Beside the CLI it exports the writer of the content snapshot, so the
// snapshot is made by the same code that reads it.
import { readFileSync, writeFileSync } from "node:fs";
import { deserialize, serialize } from "node:v8";
import type { KnowledgeBase } from "../src/model/index.ts";
import { PACKAGED_CONTENT, preloadContent } from "../src/cli/content.ts";
import { buildLookupIndex, loadLookupIndex, rememberLookupIndex, serializeLookupIndex } from "../src/lookup/index.ts";
import { runCli } from "../src/cli/run.ts";

/** What the snapshot file holds: the packaged content folder, its validated knowledge base (null when it does not validate) and its lookup index. */
interface Snapshot {
  dir: string;
  kb: KnowledgeBase | null;
  /** `serializeLookupIndex` of the knowledge base's index: reading it is several times faster than building it. */
  lookup: string | null;
}

/** Runs the CLI on this process, with the packaged content's knowledge base from `snapshotFile` when it has one. */
export async function run(snapshotFile: string): Promise<void> {
  let snapshot: Snapshot | undefined;
  try {
    snapshot = deserialize(readFileSync(snapshotFile)) as Snapshot;
  } catch {
    // No usable snapshot: the commands read and check content/ themselves, as from source.
  }
  if (snapshot?.kb) {
    preloadContent(snapshot.dir, snapshot.kb);
    if (snapshot.lookup) rememberLookupIndex(snapshot.kb, loadLookupIndex(snapshot.lookup));
  }
  await runCli();
}

/**
 * Loads and validates the packaged content folder and writes it to `file` (V8's serializer: the
 * knowledge base's maps and shared objects come back exactly). Content that does not validate is
 * written as null, so every command reads the YAML and reports the problems as usual.
 */
export async function writeContentSnapshot(file: string): Promise<{ valid: boolean }> {
  const { loadKnowledgeBase } = await import("../src/model/load/index.ts");
  const { readContentFiles } = await import("../src/model/content-fs.ts");
  const result = loadKnowledgeBase(readContentFiles(PACKAGED_CONTENT, PACKAGED_CONTENT));
  const snapshot: Snapshot = { dir: PACKAGED_CONTENT, kb: result.kb ?? null, lookup: result.kb ? serializeLookupIndex(buildLookupIndex(result.kb)) : null };
  writeFileSync(file, serialize(snapshot));
  return { valid: snapshot.kb !== null };
}
