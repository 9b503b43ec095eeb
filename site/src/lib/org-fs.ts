// Node-only: reads the organisation file (fixpath.config.yaml) while Astro builds the site.
import { renderIssue } from "../../../src/model/index.ts";
import type { OrgConfig } from "../../../src/model/config.ts";
import { readConfig } from "../../../src/model/config-fs.ts";
import { REPO_ROOT } from "./kb-fs.ts";

let cached: OrgConfig | undefined;

/** The organisation's settings (the public defaults without a file); a broken file fails the build with every problem. */
export function loadSiteOrg(): OrgConfig {
  if (cached) return cached;
  const read = readConfig(process.env, REPO_ROOT);
  if (!read.ok) throw new Error(`the organisation file has problems:\n${read.issues.map(renderIssue).join("\n")}`);
  cached = read.config;
  return cached;
}

/** What the diagnostic island needs of it, as the JSON of a data attribute. */
export function orgForIsland(org: OrgConfig): string {
  return JSON.stringify({ facts: org.facts, apps: org.apps, ...(org.it ? { it: org.it } : {}) });
}
