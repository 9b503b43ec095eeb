// Node-only: finds and reads the organisation file for the shells (CLI, server, site build).
import { existsSync, readFileSync, statSync } from "node:fs";
import { relative, resolve } from "node:path";
import { CONFIG_FILE, DEFAULT_CONFIG, parseConfig, type ConfigResult } from "./config.ts";

/** Where the organisation file is: `FIXPATH_CONFIG` when set, else `fixpath.config.yaml` in `cwd`. */
export function configPath(env: Record<string, string | undefined>, cwd: string): { path: string; explicit: boolean } {
  const named = env.FIXPATH_CONFIG?.trim();
  return named ? { path: resolve(cwd, named), explicit: true } : { path: resolve(cwd, CONFIG_FILE), explicit: false };
}

/**
 * Reads and checks the organisation file. No file at the default place means no organisation
 * (everything as for the public site); a file named by `FIXPATH_CONFIG` must exist.
 */
export function readConfig(env: Record<string, string | undefined>, cwd: string): ConfigResult & { path?: string } {
  const { path, explicit } = configPath(env, cwd);
  const display = relative(cwd, path) || path;
  if (!existsSync(path)) {
    if (!explicit) return { ok: true, config: DEFAULT_CONFIG, issues: [] };
    return { ok: false, path, issues: [{ code: "config/missing-file", severity: "error", file: display, path: "(file)", message: "FIXPATH_CONFIG names a file that does not exist", received: path, hint: `create it, or unset FIXPATH_CONFIG to use ${CONFIG_FILE} in the project folder` }] };
  }
  if (!statSync(path).isFile()) {
    return { ok: false, path, issues: [{ code: "config/not-a-file", severity: "error", file: display, path: "(file)", message: "the organisation file is a folder, not a file", hint: `point FIXPATH_CONFIG at the YAML file itself (e.g. ${CONFIG_FILE})` }] };
  }
  const bytes = readFileSync(path);
  if (bytes.includes(0)) {
    return { ok: false, path, issues: [{ code: "config/not-text", severity: "error", file: display, line: 1, col: 1, path: "(file)", message: "the organisation file is not text (it holds NUL bytes: saved as UTF-16, or not a YAML file)", hint: "save it as UTF-8 text" }] };
  }
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  return { ...parseConfig(text, display), path };
}
