import { describe, expect, it } from "vitest";
import { LINKS } from "../../src/evidence/index.ts";
import { loadProjectKb } from "../helpers/kb.ts";

const kb = loadProjectKb();

describe("link targets", () => {
  it.each(Object.entries(LINKS))("%s points at a step or checklist item that exists in the knowledge base", (_, link) => {
    const step = /^\/codes\/([^/]+)\/([a-z]+)\/#fix-([a-z0-9-]+)$/.exec(link.href);
    const item = /^\/codes\/([^/]+)\/admin\/#([a-z0-9-]+)$/.exec(link.href);
    if (item) {
      const checklist = kb.checklists.get(item[1]!);
      expect(checklist, link.href).toBeDefined();
      expect(checklist!.items.map((i) => i.id)).toContain(item[2]);
    } else if (step) {
      const scenario = kb.scenarios.get(`${step[1]}/${step[2]}`);
      expect(scenario, link.href).toBeDefined();
      expect(scenario!.steps.map((s) => s.id)).toContain(step[3]);
    } else expect.fail(`not a step or checklist URL: ${link.href}`);
    expect(link.title.length).toBeGreaterThan(0);
  });
});
