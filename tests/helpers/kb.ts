import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { deserialize } from "node:v8";
import { renderIssue, type KnowledgeBase } from "../../src/model/index.ts";
import { loadKnowledgeBase } from "../../src/model/load/index.ts";
import { readContentFiles } from "../../src/model/content-fs.ts";
import { ROOT } from "./io.ts";

let shared: { dir: string; kb: KnowledgeBase } | undefined;

/**
 * The project's real knowledge base; fails loudly with every content problem. Loaded and validated
 * once per run by the global setup of the integration and e2e tiers (tests/helpers/global-kb.ts),
 * read here from its snapshot; loaded from the YAML when there is none (outside vitest: benches,
 * scripts) or for another folder.
 */
export function loadProjectKb(dir = process.env.FIXPATH_TEST_CONTENT ?? join(ROOT, "content")): KnowledgeBase {
  const snapshot = sharedKb();
  if (snapshot && snapshot.dir === resolve(dir)) return snapshot.kb;
  const result = loadKnowledgeBase(readContentFiles(dir, ROOT));
  if (!result.kb) throw new Error(`content/ does not validate:\n${result.issues.map(renderIssue).join("\n")}`);
  return result.kb;
}

function sharedKb(): { dir: string; kb: KnowledgeBase } | undefined {
  if (shared) return shared;
  const file = process.env.FIXPATH_TEST_KB_SNAPSHOT;
  if (!file) return undefined;
  shared = deserialize(readFileSync(file)) as { dir: string; kb: KnowledgeBase };
  return shared;
}
