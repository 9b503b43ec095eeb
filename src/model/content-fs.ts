// Node-only: reads content files from disk for the shells (CLI, site build). Kept out of the core.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { ContentFile } from "./load.ts";

/** Reads every `*.yaml` / `*.yml` file under `dir` (and the bundle's two command files); `display` paths are relative to `cwd`. */
export function readContentFiles(dir: string, cwd: string = process.cwd()): ContentFile[] {
  const out: ContentFile[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      if (name.startsWith(".")) continue;
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(name) || /^evidence-bundle\.(?:ps1|cmd)$/.test(name)) {
        out.push({
          name: relative(dir, path).split(sep).join("/"),
          display: relative(cwd, path).split(sep).join("/") || path,
          text: readFileSync(path, "utf8"),
        });
      }
    }
  };
  walk(dir);
  return out;
}
