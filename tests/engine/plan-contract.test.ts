import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { enumerateFacts, planScenario, scenarioFacts } from "../../src/engine/index.ts";
import { PlanContractSchema, renderPlanJsonSchema } from "../../src/engine/plan-contract.ts";
import { realKb } from "./helpers.ts";

const kb = realKb();

describe("the plan contract (fixpath diagnose --json)", () => {
  it("schema/plan.schema.json is up to date (run `npm run schema` if not)", () => {
    expect(readFileSync(join(process.cwd(), "schema", "plan.schema.json"), "utf8")).toBe(renderPlanJsonSchema());
  });

  it("documents every status, find-out included", () => {
    const schema = JSON.parse(renderPlanJsonSchema()) as { properties: { steps: { items: { properties: { status: { enum: string[]; description: string } } } } } };
    const status = schema.properties.steps.items.properties.status;
    expect(status.enum).toContain("find-out");
    for (const s of status.enum) expect(status.description).toContain(`${s}:`);
  });

  it.each([...kb.scenarios.keys()])("holds for real plans of %s (the first 400 fact combinations)", (id) => {
    const sc = kb.scenarios.get(id)!;
    const { read } = scenarioFacts(sc);
    let n = 0;
    let held = 0;
    for (const facts of enumerateFacts(sc, read)) {
      if (n++ >= 400) break;
      const plan = JSON.parse(JSON.stringify(planScenario(kb, sc, facts))) as unknown;
      const parsed = PlanContractSchema.safeParse(plan);
      expect(parsed.success, parsed.success ? "" : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
      if (parsed.success) held += parsed.data.steps.filter((s) => s.status === "find-out" && (s.findOut?.length ?? 0) > 0).length;
    }
    expect(n).toBeGreaterThan(0);
    // A scenario with a step that changes something holds it somewhere while a gating fact is unknown.
    if (sc.steps.some((s) => s.changesState)) expect(held, "some combination leaves a gating fact unknown").toBeGreaterThan(0);
  });
});
