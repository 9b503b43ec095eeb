/**
 * The test suite in three tiers (vitest projects, see vitest.config.ts), decided from what each
 * test file uses, so a new file lands in the right tier without a list to keep:
 *
 * - **e2e**: real Chromium, tmux, child processes, the Astro build (slow; minutes).
 * - **integration**: the in-process CLI, the server, the real knowledge base in content/.
 * - **unit**: everything else: pure code on small inputs built in the test (`npm run test:unit`,
 *   under a minute on 2 cores).
 *
 * A file's tier is the slowest thing it (or a test helper it imports) imports. tests/tiers.test.ts
 * checks the rules on files of each kind.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

export const TIERS = ["unit", "integration", "e2e"] as const;
export type Tier = (typeof TIERS)[number];

/** Imports that make a file end-to-end: a browser, another process (tmux too), the site build. */
const E2E_IMPORTS: readonly RegExp[] = [/^tests\/helpers\/chromium\.ts$/, /^playwright-core$/, /^node:child_process$/, /^scripts\/server-process\.ts$/, /^tests\/site\/built-site\.ts$/, /^src\/server\/site-build-fs\.ts$/];

/** Imports that make a file an integration test: the CLI or the server in-process, the real knowledge base. */
const INTEGRATION_IMPORTS: readonly RegExp[] = [
  /^src\/cli\/(?!io\.ts$)/,
  /^src\/server\/(?:index|server|api|static-site|static-memory|operator)\.ts$/,
  /^tests\/server\/helpers\/(?:server|backends)\.ts$/,
  /^tests\/helpers\/kb\.ts$/,
  /^src\/model\/content-fs\.ts$/,
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
  const imports = importsOf(join(root, file), root);
  if (imports.some((i) => E2E_IMPORTS.some((re) => re.test(i)))) return "e2e";
  if (imports.some((i) => INTEGRATION_IMPORTS.some((re) => re.test(i)))) return "integration";
  return "unit";
}

/** The test files of a tier. */
export function filesOf(tier: Tier, root: string = ROOT): string[] {
  return testFiles(root).filter((f) => tierOf(f, root) === tier);
}

/**
 * What a file imports (packages by name, project files root-relative), with what the test helpers
 * it imports (files under tests/ that are not tests) import, recursively. Dynamic imports count;
 * type-only imports load nothing and are left out.
 */
function importsOf(abs: string, root: string, seen = new Set<string>()): string[] {
  if (seen.has(abs)) return [];
  seen.add(abs);
  const out: string[] = [];
  for (const m of readFileSync(abs, "utf8").matchAll(/^(?:import(?!\s+type\b)[^;]*?from\s+|import\s+|export[^;]*?from\s+)"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)/gm)) {
    const spec = (m[1] ?? m[2])!;
    if (!spec.startsWith(".")) {
      out.push(spec);
      continue;
    }
    const dep = resolve(dirname(abs), spec);
    const rel = relative(root, dep).split("\\").join("/");
    out.push(rel);
    if (rel.startsWith("tests/") && !rel.endsWith(".test.ts")) out.push(...importsOf(dep, root, seen));
  }
  return out;
}
