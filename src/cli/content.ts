// Node-only: where the CLI finds the knowledge base.
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { CliIo } from "./io.ts";

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
