// Build benchmark: time per 1,000 scenario pages on a generated knowledge base of 2,000 scenarios.
/**
 * Generates a content folder in a temp dir: the real knowledge base, plus 2,000 new codes
 * (`caa6xxxx`), each a copy of one of the real scenarios (round robin) with its hub, renamed to the
 * new code. Builds it with Astro into a temp outDir and reports wall time per 1,000 scenario pages.
 * `npm run bench:build` (BENCH_SCENARIOS to change the count); also part of `npm run bench`.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";
import { buildSite } from "../src/server/site-build-fs.ts";

/** Writes the synthetic content folder; returns how many scenarios it added. */
export function generateContent(root: string, dir: string, count: number): number {
  const content = join(root, "content");
  cpSync(content, dir, { recursive: true });
  const scenarios: { code: string; app: string; hub: Record<string, unknown>; scenario: Record<string, unknown> }[] = [];
  for (const code of readdirSync(content).sort()) {
    const folder = join(content, code);
    if (!statSync(folder).isDirectory()) continue;
    for (const file of readdirSync(folder).sort()) {
      if (file === "code.yaml" || file === "admin.yaml") continue;
      const scenario = parse(readFileSync(join(folder, file), "utf8")) as Record<string, unknown>;
      const hub = parse(readFileSync(join(folder, "code.yaml"), "utf8")) as Record<string, unknown>;
      scenarios.push({ code, app: String(scenario.app), hub, scenario });
    }
  }
  for (let i = 0; i < count; i++) {
    const model = scenarios[i % scenarios.length]!;
    const id = `caa6${i.toString(16).padStart(4, "0")}`;
    const hubScenarios = (model.hub.scenarios as { app: string }[] | undefined) ?? [];
    const hub = {
      ...model.hub,
      id,
      title: `${id.toUpperCase()} (generated from ${model.code}): ${String(model.hub.title)}`,
      aliases: [],
      scenarios: hubScenarios.filter((s) => s.app === model.app),
      sharedFixes: [],
      checklist: "no",
      related: [{ page: `${model.code}/${model.app}` }],
    };
    const scenario = { ...model.scenario, code: id, related: [{ page: id }, { page: `${model.code}/${model.app}` }] };
    mkdirSync(join(dir, id));
    writeFileSync(join(dir, id, "code.yaml"), stringify(hub));
    writeFileSync(join(dir, id, `${model.app}.yaml`), stringify(scenario));
  }
  return count;
}

/** Report lines: build wall time for the generated knowledge base, per 1,000 scenario pages. */
export async function benchBuild(root: string): Promise<string[]> {
  const count = Number(process.env.BENCH_SCENARIOS ?? 2000);
  const work = mkdtempSync(join(tmpdir(), "fixpath-bench-build-"));
  try {
    const contentDir = join(work, "content");
    generateContent(root, contentDir, count);
    const outDir = join(work, "dist");
    const r = await buildSite({ root, outDir, contentDir });
    const seconds = r.ms / 1000;
    const perThousand = seconds / (count / 1000);
    return [
      `generated: ${count} scenarios (+ ${count} hubs and their redirect pages) on top of the real knowledge base`,
      `astro build: ${seconds.toFixed(1)} s wall for ${r.pages} pages (incl. hubs and code-form redirects)`,
      `per 1,000 scenario pages: ${perThousand.toFixed(1)} s (goal < 15 s)`,
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const line of await benchBuild(resolve(fileURLToPath(import.meta.url), "../.."))) console.log(line);
}
