import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KB_CODES, type KbCode } from "../../src/model/index.ts";
import { RULES, withIssueCodeList } from "../../src/model/load/index.ts";
import { ROOT } from "../helpers/io.ts";

const RULES_DIR = join(ROOT, "src", "model", "rules");
/** Files in rules/ that are not rules. */
const NOT_RULES = ["context.ts", "index.ts", "rule.ts", "walk.ts"];

describe("the content rules", () => {
  const entries = Object.entries(RULES);

  it("are one module per file, each registered under its file's name", () => {
    const files = readdirSync(RULES_DIR).filter((f) => f.endsWith(".ts") && !NOT_RULES.includes(f));
    expect(entries.map(([name]) => `${name}.ts`).sort()).toEqual(files.sort());
  });

  it.each(entries)("%s reports kb/<its name>, a registered rule code, and says what it checks", (name, rule) => {
    expect(rule.code).toBe(`kb/${name}`);
    expect(KB_CODES[rule.code].stage).toBe("rule");
    expect(rule.description).toMatch(/^[A-Z`].{10,}\.$/);
  });

  it("cover every rule code in the registry, each with one rule", () => {
    const ruleCodes = (Object.keys(KB_CODES) as KbCode[]).filter((c) => KB_CODES[c].stage === "rule");
    expect(entries.map(([, r]) => r.code).sort()).toEqual(ruleCodes.sort());
  });

  it("leave no registered code unused: each load or schema code is reported by the loader or a schema", () => {
    const read = (dir: string) => readdirSync(join(ROOT, "src", "model", dir)).map((f) => readFileSync(join(ROOT, "src", "model", dir, f), "utf8")).join("\n");
    const source = read("load") + read("schema");
    for (const code of Object.keys(KB_CODES) as KbCode[]) {
      if (KB_CODES[code].stage !== "rule") expect(source, code).toContain(`"${code}"`);
    }
  });

  it("each have a loader test that breaks the small knowledge base to produce its code", () => {
    const tests = readFileSync(join(ROOT, "tests", "model", "load.test.ts"), "utf8");
    const untested = entries.map(([, r]) => r.code).filter((code) => !tests.includes(`"${code}"`));
    expect(untested).toEqual([]);
  });
});

describe("CONTRIBUTING's list of problem codes", () => {
  it("is up to date (run `npm run issue-codes` if not)", () => {
    const text = readFileSync(join(ROOT, "CONTRIBUTING.md"), "utf8");
    expect(text).toBe(withIssueCodeList(text));
  });

  it("lists every code with its meaning", () => {
    const text = readFileSync(join(ROOT, "CONTRIBUTING.md"), "utf8");
    for (const [code, { description }] of Object.entries(KB_CODES)) expect(text).toContain(`| \`${code}\` | ${description} |`);
  });
});
