import { defineConfig } from "vitest/config";
import { filesOf } from "./tests/tiers.ts";

// Three tiers (tests/tiers.ts decides each file's from what it uses): `npm run test:unit`,
// `npm run test:integration`, `npm run test:e2e`; `vitest run` (in `npm test`) runs all three.
// The knowledge base is loaded once per run (tests/helpers/global-kb.ts) for the tiers that read it.
const sharedKb = { globalSetup: ["tests/helpers/global-kb.ts"], setupFiles: ["tests/helpers/setup-cli-kb.ts"] };

export default defineConfig({
  test: {
    pool: "forks",
    testTimeout: 30_000,
    projects: [
      { extends: true, test: { name: "unit", include: filesOf("unit") } },
      { extends: true, test: { name: "integration", include: filesOf("integration"), ...sharedKb } },
      { extends: true, test: { name: "e2e", include: filesOf("e2e"), ...sharedKb, globalSetup: [...sharedKb.globalSetup, "tests/helpers/global-cli.ts"] } },
    ],
  },
});
