// The compiled bin hands the CLI a validated snapshot of content/ (scripts/cli-entry.ts): commands
// that read the knowledge base use it, while `fixpath validate` still reads and checks the YAML, so
// an author sees a slip at once.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { preloadContent } from "../../src/cli/content.ts";
import { main } from "../../src/cli/main.ts";
import { loadKnowledgeBase } from "../../src/model/load/index.ts";
import { toContentFiles, validFiles } from "../helpers/content.ts";
import { fakeIo } from "../helpers/io.ts";

const dir = mkdtempSync(join(tmpdir(), "fixpath-preload-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeContent(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

describe("a preloaded knowledge base", () => {
  const files = validFiles();
  const kb = loadKnowledgeBase(toContentFiles(files)).kb!;
  writeContent(files);
  preloadContent(dir, kb);
  // The folder now differs from what was preloaded: a slip in a step's tier.
  writeContent({ "caa50021/onedrive.yaml": files["caa50021/onedrive.yaml"]!.replace("tier: first-line", "tier: frist-line") });

  it("is what commands that read the knowledge base use for that folder", async () => {
    const io = fakeIo();
    expect(await main(["list", "--content", dir, "--json"], io)).toBe(0);
    expect((JSON.parse(io.out()) as { id: string }[]).map((p) => p.id)).toEqual(["caa50021", "caa50021/onedrive"]);
  });

  it("is not what fixpath validate checks: it reads the YAML and reports the slip", async () => {
    const io = fakeIo();
    expect(await main(["validate", dir, "--format", "json"], io)).toBe(1);
    expect((JSON.parse(io.out()) as { issues: { code: string; path: string }[] }).issues).toContainEqual(expect.objectContaining({ code: "kb/invalid-value", path: "steps[0].tier" }));
  });

  it("is used for that folder only", async () => {
    const other = mkdtempSync(join(tmpdir(), "fixpath-preload-other-"));
    try {
      writeFileSync(join(other, "sources.yaml"), "kind: sources\nsources: []\n");
      const io = fakeIo();
      expect(await main(["list", "--content", other], io)).toBe(1);
      expect(io.err()).toContain("has problems");
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
