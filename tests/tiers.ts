/**
 * The test suite in three tiers (vitest projects, see vitest.config.ts), decided from what each
 * test file uses, so a new file lands in the right tier without a list to keep:
 *
 * - **e2e**: real Chromium, tmux, child processes, the Astro build (slow; minutes).
 * - **integration**: the in-process CLI, the server, the real knowledge base in content/.
 * - **unit**: everything else: pure code on small inputs built in the test (`npm run test:unit`,
 *   under a minute on 2 cores).
 *
 * A file's tier is the slowest thing it (or a test helper it imports) uses. tests/tiers.test.ts
 * checks the rules on files of each kind.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

export const TIERS = ["unit", "integration", "e2e"] as const;
export type Tier = (typeof TIERS)[number];

/** What makes a file end-to-end: a browser, a terminal, another process, the site build. */
const E2E_USES: readonly RegExp[] = [
  /helpers\/chromium\.ts|playwright-core/,
  /\btmux\b/,
  /node:child_process|scripts\/server-process\.ts/,
  /built-site\.ts|ensureSiteBuilt|buildSite\(/,
];

/** What makes a file an integration test: the CLI or the server in-process, the real knowledge base. */
const INTEGRATION_USES: readonly RegExp[] = [
  /src\/cli\/(?!io\.ts)/,
  /src\/server\/(?:index|server|api|static-site|static-memory|operator)\.ts|helpers\/server\.ts|helpers\/backends\.ts/,
  /helpers\/kb\.ts|\brealKb\(|readContentFiles\(/,
];

const ROOT = resolve(import.meta.dirname, "..");

/** Every test file, relative to the project root, sorted. */
export function testFiles(root: string = ROOT): string[] {
  return (readdirSync(join(root, "tests"), { recursive: true }) as string[])
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => join("tests", f))
    .sort();
}

/** The tier of one test file (root-relative path). */
export function tierOf(file: string, root: string = ROOT): Tier {
  const text = sourceWithHelpers(join(root, file), root);
  if (E2E_USES.some((re) => re.test(text))) return "e2e";
  if (INTEGRATION_USES.some((re) => re.test(text))) return "integration";
  return "unit";
}

/** The test files of a tier. */
export function filesOf(tier: Tier, root: string = ROOT): string[] {
  return testFiles(root).filter((f) => tierOf(f, root) === tier);
}

/** A file's text and that of the test helpers it imports (files under tests/ that are not tests), recursively. */
function sourceWithHelpers(abs: string, root: string, seen = new Set<string>()): string {
  if (seen.has(abs)) return "";
  seen.add(abs);
  // Type-only imports load nothing.
  const text = readFileSync(abs, "utf8").replace(/^import type [^;]*;/gm, "");
  let all = text;
  for (const m of text.matchAll(/from\s+"(\.{1,2}\/[^"]+\.ts)"/g)) {
    const dep = resolve(dirname(abs), m[1]!);
    const rel = relative(root, dep);
    if (rel.startsWith("tests/") && !rel.endsWith(".test.ts")) all += "\n" + sourceWithHelpers(dep, root, seen);
  }
  return all;
}
