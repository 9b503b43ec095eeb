// Node-only: where the CLI finds the knowledge base, read once per run whichever command asks.
import { existsSync, lstatSync, statSync } from "node:fs";
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { renderIssue, type KnowledgeBase } from "../model/index.ts";
import { loadKnowledgeBase, type LoadResult } from "../model/load/index.ts";
import { readContentFiles } from "../model/content-fs.ts";
import { EXIT, UserError, writeLine, type CliIo } from "./io.ts";

/** The content folder Fixpath ships with. */
export const PACKAGED_CONTENT = fileURLToPath(new URL("../../content", import.meta.url));

/**
 * The content folder to read: `dir` relative to the working folder; for the default "content",
 * the packaged knowledge base when the working folder has none (so `npx fixpath` works anywhere).
 */
export function contentDir(io: CliIo, dir = "content"): string {
  const local = resolve(io.cwd, dir);
  const isDir = existsSync(local) && statSync(local).isDirectory();
  if (!isDir && dir === "content") return PACKAGED_CONTENT;
  return local;
}

/** A loaded content folder: the loader's result and the folder as a person would name it. */
export interface LoadedContent {
  result: LoadResult;
  /** The folder, relative to the working folder when inside it (`content`), else absolute. */
  folder: string;
}

/** The content of one CLI run: each folder is read and checked at most once. */
export interface Content {
  /** Loads `dir` (default `content`); a usage error when there is no such folder. */
  load(dir?: string): LoadedContent;
  /** The knowledge base in `dir`; when it does not validate, prints its problems and throws. */
  kb(dir?: string): KnowledgeBase;
}

/** Knowledge bases already loaded and validated, by absolute content folder (see `preloadContent`). */
const preloaded = new Map<string, KnowledgeBase>();

/**
 * Gives `kb()` the knowledge base of a content folder, already loaded and validated: the compiled
 * `fixpath` bin passes the snapshot it keeps beside its bundle (scripts/cli-bundle.mjs), rebuilt
 * whenever a file under content/ changes; the tests pass the one they share. `load()`, and so
 * `fixpath validate`, still reads and checks the YAML.
 */
export function preloadContent(dir: string, kb: KnowledgeBase): void {
  preloaded.set(resolve(dir), kb);
}

export function createContent(io: CliIo): Content {
  const cache = new Map<string, LoadedContent>();
  const load = (dir = "content"): LoadedContent => {
    const abs = contentDir(io, dir);
    const hit = cache.get(abs);
    if (hit) return hit;
    if (!existsSync(abs) || !statSync(abs).isDirectory()) {
      throw new UserError(`fixpath: no content folder at ${dir}\n  Fix: run from the project folder, or give the path of the content folder (fixpath validate <dir>; lookup and list take --content <dir>)`, EXIT.usage);
    }
    const rel = relative(io.cwd, abs);
    const folder = rel === "" ? "." : rel.startsWith("..") ? abs : rel;
    const loaded = { result: loadKnowledgeBase(readFiles(abs, io.cwd)), folder };
    cache.set(abs, loaded);
    return loaded;
  };
  return {
    load,
    kb(dir = "content") {
      const known = preloaded.get(contentDir(io, dir));
      if (known) return known;
      const { result, folder } = load(dir);
      if (result.kb) return result.kb;
      for (const issue of result.issues) writeLine(io.stderr, renderIssue(issue) + "\n");
      throw new UserError(`✖ the content in ${folder} has problems: run \`fixpath validate ${dir}\``, EXIT.problems);
    },
  };
}

/**
 * Reads the folder's files. A file that cannot be read (a link to nothing, no permission) is a
 * problem of the content, named by its path, not an internal error.
 */
function readFiles(abs: string, cwd: string) {
  try {
    return readContentFiles(abs, cwd);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (!err.path || !err.code) throw e;
    const where = relative(cwd, err.path) || err.path;
    const dangling = err.code === "ENOENT" && isLink(err.path);
    const why = dangling ? "it is a link to a file or folder that does not exist" : err.code === "EACCES" ? "no permission to read it" : `it cannot be read (${err.code})`;
    throw new UserError(`${where}  kb/unreadable-file\n  ${why}\n  Fix: ${dangling ? "remove the link, or restore what it points to" : "make the file readable, or remove it"}`, EXIT.problems);
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
