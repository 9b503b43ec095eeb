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
  return JSON.stringify({ facts: org.facts, apps: org.apps, ...(org.it ? { it: org.it } : {}), ...(org.site.baseUrl ? { baseUrl: org.site.baseUrl } : {}) });
}

/**
 * The site's public address for canonical links, previews, the sitemap and the Markdown twins: the
 * organisation's `site.baseUrl`, else `FIXPATH_SITE_URL` (the public site's build sets it). Without
 * one the site cannot name itself: pages carry no canonical link (a relative one is refused by
 * search engines and Lighthouse) and no sitemap is written.
 */
export function siteAddress(): string | undefined {
  const fromEnv = process.env.FIXPATH_SITE_URL?.trim();
  const env = fromEnv && /^https?:\/\/[^/?#\s]+(?:\/[^?#\s]*)?$/.test(fromEnv) ? fromEnv.replace(/\/+$/, "") : undefined;
  if (fromEnv && !env) throw new Error(`FIXPATH_SITE_URL is "${fromEnv}", which is not a web address. Fix: set it to the site's public address, e.g. https://fixpath.example.org, or unset it.`);
  return loadSiteOrg().site.baseUrl ?? env;
}
