// Node-only: reads content files from disk for the shells (CLI, site build). Kept out of the core.
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { ContentFile } from "./load/types.ts";

/**
 * Reads every `*.yaml` / `*.yml` file under `dir` (and the evidence bundle's two command files); `display` paths are relative to `cwd`. A file
 * or folder that cannot be read (a symlink whose target is gone, no permission) is returned with
 * `unreadable` set, so the loader reports it as a content problem with the others.
 */
export function readContentFiles(dir: string, cwd: string = process.cwd()): ContentFile[] {
  const out: ContentFile[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      if (name.startsWith(".")) continue;
      const path = join(folder, name);
      const file = { name: relative(dir, path).split(sep).join("/"), display: relative(cwd, path).split(sep).join("/") || path };
      let isDir: boolean;
      try {
        isDir = statSync(path).isDirectory();
      } catch (err) {
        // A dangling symlink to a folder hides content as surely as one to a file: report both.
        out.push({ ...file, text: "", unreadable: unreadableReason(path, err) });
        continue;
      }
      if (isDir) walk(path);
      else if (/\.ya?ml$/.test(name) || /^evidence-bundle\.(?:ps1|cmd)$/.test(name)) {
        try {
          out.push({ ...file, text: readFileSync(path, "utf8") });
        } catch (err) {
          out.push({ ...file, text: "", unreadable: unreadableReason(path, err) });
        }
      }
    }
  };
  walk(dir);
  return out;
}

function unreadableReason(path: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  try {
    if (lstatSync(path).isSymbolicLink() && code === "ENOENT") return `it is a symlink to ${readlinkSync(path)}, which does not exist`;
  } catch {
    // fall through to the error's own words
  }
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return (err as Error).message;
}

/** The ids of the content library's items by folder (file names under content/library/<folder>/), for the editors' JSON Schemas. */
export function readLibraryIds(dir: string): Record<string, string[]> {
  const library = join(dir, "library");
  if (!existsSync(library)) return {};
  return Object.fromEntries(
    readdirSync(library, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => [e.name, readdirSync(join(library, e.name)).filter((f) => f.endsWith(".yaml")).map((f) => f.slice(0, -5)).sort()]),
  );
}
