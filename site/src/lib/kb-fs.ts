// Node-only: reads the knowledge base from disk while Astro builds the site. Never bundled for the browser.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join, resolve } from "node:path";
import { readContentFiles } from "../../../src/model/content-fs.ts";
import { loadKnowledgeBase } from "../../../src/model/load/index.ts";
import { renderIssue, type KnowledgeBase } from "../../../src/model/index.ts";

/**
 * The repository root (the folder holding content/, src/ and site/). Found by walking up from this
 * module, because during a build Astro runs it from a bundled chunk under site/dist or site/.astro.
 */
export const REPO_ROOT = findRepoRoot(dirname(fileURLToPath(import.meta.url)));

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "site", "src", "islands")) && existsSync(join(dir, "src", "model"))) return dir;
    if (dirname(dir) === dir) return resolve(process.cwd(), existsSync(resolve(process.cwd(), "site")) ? "." : "..");
  }
}

/** The content folder the site is built from: FIXPATH_CONTENT, or content/. */
export function contentDir(): string {
  return process.env.FIXPATH_CONTENT ? resolve(process.env.FIXPATH_CONTENT) : resolve(REPO_ROOT, "content");
}

let cached: { dir: string; kb: KnowledgeBase } | undefined;

/** Loads and validates the knowledge base once per build; throws with every issue when it is invalid. */
export function loadSiteKb(): KnowledgeBase {
  const dir = contentDir();
  // `npm run dev` sets FIXPATH_DEV so that content edits show on the next request.
  if (cached?.dir === dir && process.env.FIXPATH_DEV !== "1") return cached.kb;
  const result = loadKnowledgeBase(readContentFiles(dir, REPO_ROOT));
  if (!result.kb) {
    throw new Error(`The knowledge base does not validate; fix these and build again:\n${result.issues.map(renderIssue).join("\n")}`);
  }
  cached = { dir, kb: result.kb };
  return result.kb;
}
