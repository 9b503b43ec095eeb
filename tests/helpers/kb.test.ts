// The knowledge base is loaded and validated once per run (tests/helpers/global-kb.ts), not once per
// test file: every file of the integration and e2e tiers reads that one snapshot.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./io.ts";
import { loadProjectKb } from "./kb.ts";

describe("the shared knowledge base", () => {
  it("comes from the snapshot the run's global set-up wrote", () => {
    const file = process.env.FIXPATH_TEST_KB_SNAPSHOT;
    expect(file).toBeTruthy();
    expect(existsSync(file!)).toBe(true);
  });

  it("is one object for the content folder, read once per test file", () => {
    expect(loadProjectKb()).toBe(loadProjectKb(join(ROOT, "content")));
    expect(loadProjectKb().scenarios.get("caa50021/onedrive")?.steps.length).toBeGreaterThan(0);
  });
});
