import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readLibraryIds } from "../../src/model/content-fs.ts";
import { renderJsonSchemas } from "../../src/model/load/index.ts";
import { ROOT } from "../helpers/io.ts";

describe("JSON Schemas for editors", () => {
  const rendered = renderJsonSchemas(readLibraryIds(join(ROOT, "content")));

  it.each(Object.keys(rendered))("schema/%s is up to date (run `npm run schema` if not)", (name) => {
    expect(readFileSync(join(ROOT, "schema", name), "utf8")).toBe(rendered[name]);
  });

  it("carries field descriptions into the schema", () => {
    const scenario = JSON.parse(rendered["scenario.schema.json"]!) as { properties: Record<string, { description?: string }> };
    expect(scenario.properties.quickAnswer!.description).toMatch(/60 words/);
  });

  it("completes a scenario's `use:` with the library's ids", () => {
    const scenario = JSON.parse(rendered["scenario.schema.json"]!) as { properties: { steps: { items: { anyOf: { properties?: { use?: { enum?: string[] } } }[] } } } };
    const ids = scenario.properties.steps.items.anyOf.find((s) => s.properties?.use)?.properties?.use?.enum;
    expect(ids).toContain("clean-restart");
    expect(ids).toEqual(readLibraryIds(join(ROOT, "content")).steps);
  });

  it("is named by every content file", () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith(".yaml") ? [join(dir, e.name)] : []));
    for (const file of walk(join(ROOT, "content"))) {
      const first = readFileSync(file, "utf8").split("\n")[0];
      expect(first, file).toMatch(/^# yaml-language-server: \$schema=(\.\.\/)+schema\/(code|scenario|checklist|sources|evidence-bundle|library-step|library-question|library-avoid|library-stop|library-managed)\.schema\.json$/);
    }
  });
});
