import { join } from "node:path";
import { renderIssue, type KnowledgeBase } from "../../src/model/index.ts";
import { loadKnowledgeBase } from "../../src/model/load/index.ts";
import { readContentFiles } from "../../src/model/content-fs.ts";
import { ROOT } from "./io.ts";

/** The project's real knowledge base; fails loudly with every content problem. */
export function loadProjectKb(dir = process.env.FIXPATH_TEST_CONTENT ?? join(ROOT, "content")): KnowledgeBase {
  const result = loadKnowledgeBase(readContentFiles(dir, ROOT));
  if (!result.kb) throw new Error(`content/ does not validate:\n${result.issues.map(renderIssue).join("\n")}`);
  return result.kb;
}
