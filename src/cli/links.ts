// Node-only: the site's address for absolute links in every command's output.
import type { CliIo } from "./io.ts";
import { UserError } from "./io.ts";
import { organisation } from "./organisation.ts";

/**
 * The site's address: `--base-url`, else FIXPATH_BASE_URL, else `site.baseUrl` in the organisation
 * file; undefined when none is known (links stay site paths). A value that is not a web address
 * stops the command with how to fix it.
 */
export function siteBaseUrl(io: CliIo, command: string, option?: string): string | undefined {
  const given = option?.trim() || io.env.FIXPATH_BASE_URL?.trim();
  const base = given || organisation(io, command).site.baseUrl;
  if (base === undefined) return undefined;
  if (!/^https?:\/\/[^\s/?#]+/i.test(base)) {
    throw new UserError(`fixpath ${command}: the base URL "${base.slice(0, 80)}" is not a web address.\n  Fix: give the site's address, e.g. --base-url https://help.example.com (or FIXPATH_BASE_URL)`);
  }
  return base.replace(/\/+$/, "");
}

/** A site path (`/codes/caa50021/`) as a link: absolute when the base URL is known. */
export function linkTo(base: string | undefined, path: string): string {
  return base && path.startsWith("/") ? `${base}${path}` : path;
}
