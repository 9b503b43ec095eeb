// Node-only: the CSP hashes of the inline scripts a built site ships, so the server can allow
// exactly those and nothing else.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildCsp } from "./security.ts";

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)(?![^>]*type="application\/(?:ld\+)?json")[^>]*>([\s\S]*?)<\/script>/gi;

/** `sha256-…` of every distinct inline `<script>` in the site's HTML files. */
export function inlineScriptHashes(distDir: string): string[] {
  const hashes = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".html")) {
        for (const m of readFileSync(path, "utf8").matchAll(INLINE_SCRIPT)) {
          if (m[1]!.trim()) hashes.add(`sha256-${createHash("sha256").update(m[1]!).digest("base64")}`);
        }
      }
    }
  };
  walk(distDir);
  return [...hashes].sort();
}

/**
 * The Content-Security-Policy for a built site, as `fixpath start` sends it: scripts only by the
 * hash of each inline one (and same-origin files), style attributes allowed (the pages use them).
 * The browser tests and the Lighthouse bench serve the site with the same policy.
 */
export function siteCsp(distDir: string): string {
  return buildCsp({ scriptHashes: inlineScriptHashes(distDir), inlineStyles: true });
}
