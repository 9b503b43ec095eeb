// The light model entry is what the browser islands import: it must not reach the YAML parser,
// zod or the loader, even before tree-shaking (so no bundler setting is needed to keep it small).
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/io.ts";

async function inputsOf(entry: string): Promise<string[]> {
  const result = await build({ entryPoints: [join(ROOT, entry)], bundle: true, format: "esm", platform: "neutral", write: false, metafile: true, absWorkingDir: ROOT });
  return Object.keys(result.metafile.inputs);
}

describe("the model's entries", () => {
  it("src/model/index.ts imports no package and nothing of the loader, the schemas or the rules' runner", async () => {
    const inputs = await inputsOf("src/model/index.ts");
    expect(inputs.filter((f) => f.includes("node_modules"))).toEqual([]);
    expect(inputs.filter((f) => /src\/model\/(?:load|schema)\/|src\/model\/rules\/(?:index|context)\.ts/.test(f))).toEqual([]);
  });

  it("src/model/load/index.ts is where zod and the YAML parser come in", async () => {
    const inputs = await inputsOf("src/model/load/index.ts");
    expect(inputs.some((f) => f.includes("node_modules/yaml/"))).toBe(true);
    expect(inputs.some((f) => f.includes("node_modules/zod/v4/classic/"))).toBe(true);
  });
});
