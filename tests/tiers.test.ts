// The tiers (tests/tiers.ts): each test file lands in exactly one, by the slowest thing it uses.
import { describe, expect, it } from "vitest";
import { TIERS, filesOf, testFiles, tierOf } from "./tiers.ts";

describe("the test tiers", () => {
  it.each([
    // unit: pure code on inputs built in the test
    ["tests/evidence/dsregcmd-parse.test.ts", "unit"],
    ["tests/model/load.test.ts", "unit"],
    ["tests/tiers.test.ts", "unit"],
    // integration: the real knowledge base (directly or through a helper), the in-process CLI, the server
    ["tests/report/no-internal-words.test.ts", "integration"],
    ["tests/engine/exhaustive.test.ts", "integration"],
    ["tests/cli/validate.test.ts", "integration"],
    ["tests/server/api.test.ts", "integration"],
    // e2e: processes, tmux, Chromium, the site build (directly or through a helper)
    ["tests/cli/closed-pipe.test.ts", "e2e"],
    ["tests/cli/diagnose-terminal.test.ts", "e2e"],
    ["tests/e2e/outcomes.e2e.test.ts", "e2e"],
    ["tests/site/seo.test.ts", "e2e"],
    ["tests/scripts/cli-bundle.test.ts", "e2e"],
  ] as const)("puts %s in the %s tier", (file, tier) => {
    expect(tierOf(file)).toBe(tier);
  });

  it("puts every test file in exactly one tier", () => {
    const placed = TIERS.flatMap((t) => filesOf(t));
    expect(placed.sort()).toEqual(testFiles());
    expect(new Set(placed).size).toBe(placed.length);
  });
});
