// The content library (issue 22): scenarios compose steps, questions, avoided actions, stops and
// the signs of a managed computer from content/library/, and validation follows the words to the
// file they live in. The last block walks the project's content for a second copy of any words.
import { describe, expect, it } from "vitest";
import { APP_NAMES, displayCode, type Issue } from "../../src/model/index.ts";
import { readContentFiles } from "../../src/model/content-fs.ts";
import { loadKnowledgeBase } from "../../src/model/load/index.ts";
import { parse } from "yaml";
import { positionOf, toContentFiles, validFiles } from "../helpers/content.ts";
import { ROOT } from "../helpers/io.ts";
import { join } from "node:path";

const RESTART = `kind: step
title: Restart {app}
needsRestart: true
changesState: false
dataSafety: Nothing is lost.
summary: Restart Windows, then open {app} and see whether {code} is gone.
instructions:
  - Choose Restart.
sources: [forum]
variants:
  shift:
    expect: The app opens without the error.
  long:
    expect: It signs in after a while.
  other:
    caveats:
      - text: Some guides hold Shift.
        sources: [forum]
`;
const LEAVE = `kind: avoid
title: Leaving the join
neverOnManaged: true
why: It unjoins the device.
sources: [ms-doc]
`;
const SIGNS = `kind: managed
signs: [Intune, It is joined to Microsoft Entra ID.]
`;

/** The small knowledge base with clean-restart, dsregcmd-leave and the managed signs in the library. */
function libraryFiles(): Record<string, string> {
  const files = validFiles();
  const scenario = files["caa50021/onedrive.yaml"]!;
  const restartAt = scenario.indexOf("  - id: clean-restart");
  const restartEnd = scenario.indexOf("  - id: unlink-work-account");
  files["caa50021/onedrive.yaml"] = (scenario.slice(0, restartAt) + "  - use: clean-restart\n    variant: shift\n    tier: first-line\n" + scenario.slice(restartEnd))
    .replace(/ {2}- id: dsregcmd-leave\n( {4}.*\n)+/, "  - use: dsregcmd-leave\n")
    .replace("managed:\n  signs: [Intune]\n", "managed:\n  use: signs\n");
  files["library/steps/clean-restart.yaml"] = RESTART;
  files["library/avoid/dsregcmd-leave.yaml"] = LEAVE;
  files["library/managed/signs.yaml"] = SIGNS;
  return files;
}

function load(files: Record<string, string>) {
  return loadKnowledgeBase(toContentFiles(files));
}
const errors = (issues: Issue[]) => issues.filter((i) => i.severity === "error");

describe("a scenario composed from the library", () => {
  it("reads the library's words with {app} and {code} filled in, the wording it picks, and its own tier", () => {
    const { kb, issues } = load(libraryFiles());
    expect(errors(issues)).toEqual([]);
    const scenario = kb!.scenarios.get("caa50021/onedrive")!;
    const step = scenario.steps.find((s) => s.id === "clean-restart")!;
    expect(step.title).toBe(`Restart ${APP_NAMES.onedrive}`);
    expect(step.summary).toBe(`Restart Windows, then open OneDrive and see whether ${displayCode("caa50021")} is gone.`);
    expect(step.expect).toBe("The app opens without the error.");
    expect(step.tier).toBe("first-line");
    expect(step.needsRestart).toBe(true);
    expect(scenario.avoid.find((a) => a.id === "dsregcmd-leave")?.neverOnManaged).toBe(true);
    expect(scenario.managed.signs).toEqual(["Intune", "It is joined to Microsoft Entra ID."]);
    expect(scenario.managed.advice).toBe("Do the first-line steps.");
  });

  it("warns once for each wording no scenario picks, in the library file, and still loads", () => {
    const files = libraryFiles();
    const { kb, issues } = load(files);
    expect(kb).toBeDefined();
    const unused = issues.filter((i) => i.code === "kb/unused-library-item");
    expect(unused.map((i) => [i.file, i.path, i.line])).toEqual([
      ["content/library/steps/clean-restart.yaml", "variants.long", positionOf(RESTART, "long:").line],
      ["content/library/steps/clean-restart.yaml", "variants.other", positionOf(RESTART, "other:").line],
    ]);
    expect(unused.every((i) => i.severity === "warning")).toBe(true);
  });
});

describe("validation that follows the library", () => {
  it("a reference to a missing item: one located error with did-you-mean", () => {
    const files = libraryFiles();
    files["caa50021/onedrive.yaml"] = files["caa50021/onedrive.yaml"]!.replace("use: clean-restart", "use: clean-restrat");
    const { kb, issues } = load(files);
    expect(kb).toBeUndefined();
    expect(errors(issues)).toHaveLength(1);
    const [issue] = errors(issues);
    const at = positionOf(files["caa50021/onedrive.yaml"]!, "clean-restrat");
    expect(issue).toMatchObject({ code: "kb/unknown-library-item", file: "content/caa50021/onedrive.yaml", path: "steps[0].use", line: at.line, col: at.col });
    expect(issue!.hint).toMatch(/clean-restart/);
  });

  it("an item no scenario uses: one warning in its own file", () => {
    const files = libraryFiles();
    files["library/steps/spare-step.yaml"] = "kind: step\ntitle: A spare step\nchangesState: false\n";
    const { kb, issues } = load(files);
    expect(kb).toBeDefined();
    const spare = issues.filter((i) => i.file === "content/library/steps/spare-step.yaml");
    expect(spare).toHaveLength(1);
    expect(spare[0]).toMatchObject({ code: "kb/unused-library-item", severity: "warning", line: 1, col: 1 });
    expect(spare[0]!.hint).toMatch(/use: spare-step/);
  });

  it("a scenario that writes a library item's words again: one error pointing at both places", () => {
    const files = libraryFiles();
    files["caa50021/onedrive.yaml"] = files["caa50021/onedrive.yaml"]!.replace("    variant: shift\n", "    variant: shift\n    title: Restart the PC\n");
    const { issues } = load(files);
    expect(errors(issues)).toHaveLength(1);
    const [issue] = errors(issues);
    const here = positionOf(files["caa50021/onedrive.yaml"]!, "title: Restart the PC");
    const there = positionOf(RESTART, "Restart {app}");
    expect(issue).toMatchObject({ code: "kb/library-redefined", file: "content/caa50021/onedrive.yaml", line: here.line, col: here.col, path: "steps[0].title" });
    expect(issue!.message).toContain(`content/library/steps/clean-restart.yaml:${there.line}:${there.col}`);
  });

  it("a scenario that writes a field its picked wording gives: the same error, pointing into the wording", () => {
    const files = libraryFiles();
    files["caa50021/onedrive.yaml"] = files["caa50021/onedrive.yaml"]!.replace("    variant: shift\n", "    variant: shift\n    expect: Fine.\n");
    const [issue, ...rest] = errors(load(files).issues);
    expect(rest).toEqual([]);
    const there = positionOf(RESTART, "The app opens");
    expect(issue).toMatchObject({ code: "kb/library-redefined", path: "steps[0].expect" });
    expect(issue!.message).toContain(`clean-restart.yaml:${there.line}:${there.col}`);
  });

  it("a wording that is not there: one error with did-you-mean", () => {
    const files = libraryFiles();
    files["caa50021/onedrive.yaml"] = files["caa50021/onedrive.yaml"]!.replace("variant: shift", "variant: shfit");
    const [issue, ...rest] = errors(load(files).issues);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ code: "kb/unknown-library-item", path: "steps[0].variant" });
    expect(issue!.hint).toMatch(/shift/);
  });

  it("two picked wordings that word the same field: one error", () => {
    const files = libraryFiles();
    files["caa50021/onedrive.yaml"] = files["caa50021/onedrive.yaml"]!.replace("variant: shift", "variant: [shift, long]");
    const [issue, ...rest] = errors(load(files).issues);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ code: "kb/library-redefined", path: "steps[0].variant[1]" });
  });

  it("a wording that gives a field the item already gives: one error in the library file", () => {
    const files = libraryFiles();
    files["library/steps/clean-restart.yaml"] = RESTART.replace("  long:\n", "  long:\n    title: Restart now\n");
    const [issue, ...rest] = errors(load(files).issues);
    expect(rest).toEqual([]);
    const at = positionOf(files["library/steps/clean-restart.yaml"]!, "title: Restart now");
    expect(issue).toMatchObject({ code: "kb/library-redefined", file: "content/library/steps/clean-restart.yaml", path: "variants.long.title", line: at.line, col: at.col });
  });

  it("a safety property written in a scenario: an error, since one id is one action everywhere", () => {
    const files = libraryFiles();
    files["caa50021/onedrive.yaml"] = files["caa50021/onedrive.yaml"]!.replace("    variant: shift\n", "    variant: shift\n    needsAdmin: true\n");
    const [issue, ...rest] = errors(load(files).issues);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ code: "kb/library-safety-field", file: "content/caa50021/onedrive.yaml", path: "steps[0].needsAdmin" });
  });

  it("a problem in words that come from the library is placed in the library file, at the line", () => {
    const files = libraryFiles();
    files["library/steps/clean-restart.yaml"] = RESTART.replace("sources: [forum]\nvariants", "sources: [forum, no-such-source]\nvariants");
    const found = errors(load(files).issues);
    const at = positionOf(files["library/steps/clean-restart.yaml"]!, "no-such-source");
    expect(found.map((i) => [i.code, i.file, i.path, i.line, i.col])).toEqual([["kb/unknown-source", "content/library/steps/clean-restart.yaml", "sources[1]", at.line, at.col]]);
  });

  it("a library file of the wrong kind, or named after no fact, is one located error", () => {
    const wrongKind = libraryFiles();
    wrongKind["library/steps/clean-restart.yaml"] = RESTART.replace("kind: step", "kind: stop");
    expect(errors(load(wrongKind).issues).map((i) => [i.code, i.file, i.path])).toEqual([["kb/wrong-kind", "content/library/steps/clean-restart.yaml", "kind"]]);
    const badName = libraryFiles();
    badName["library/questions/isAdmn.yaml"] = "kind: question\nprompt: Admin?\n";
    const [issue, ...rest] = errors(load(badName).issues);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ code: "kb/library-file-name", file: "content/library/questions/isAdmn.yaml" });
    expect(issue!.hint).toMatch(/isAdmin/);
  });
});

describe("the project's content", () => {
  const files = readContentFiles(join(ROOT, "content"), ROOT);
  const scenarios = files.filter((f) => /^[^/]+\/(onedrive|outlook|teams|office)\.yaml$/.test(f.name)).map((f) => ({ file: f.name, data: parse(f.text) as Record<string, unknown> }));
  const LISTS = { steps: "id", questions: "fact", avoid: "id", stops: "id" } as const;
  /** Fields that place an item in one scenario (not words). */
  const PLACE = new Set(["use", "variant", "tier", "when", "completedBy"]);

  it("has no step, question, avoided action or stop written in two scenario files: a second one is a library item", () => {
    const where = new Map<string, string[]>();
    for (const { file, data } of scenarios) {
      for (const [list, key] of Object.entries(LISTS)) {
        for (const entry of (data[list] as Record<string, unknown>[] | undefined) ?? []) {
          if ("use" in entry) continue;
          const id = `${list}/${String(entry[key])}`;
          where.set(id, [...(where.get(id) ?? []), file]);
        }
      }
    }
    const library = new Set(files.filter((f) => f.name.startsWith("library/")).map((f) => f.name.replace(/^library\//, "").replace(/\.yaml$/, "")));
    const twice = [...where].filter(([id, inFiles]) => inFiles.length > 1 || library.has(id));
    expect(twice).toEqual([]);
  });

  it("has no words written twice: a wording several scenarios share lives once in the library", () => {
    // Each field value a scenario writes for a library item (its own words), with the app's and the
    // code's names read as {app} and {code}: no value may appear in two scenarios.
    const seen = new Map<string, string[]>();
    const normal = (value: unknown, app: string, code: string): string => JSON.stringify(value).split(APP_NAMES[app as keyof typeof APP_NAMES]).join("{app}").split(displayCode(code)).join("{code}");
    for (const { file, data } of scenarios) {
      const own: [string, unknown][] = [];
      for (const list of Object.keys(LISTS)) {
        for (const entry of (data[list] as Record<string, unknown>[] | undefined) ?? []) {
          if (!("use" in entry)) continue;
          for (const [field, value] of Object.entries(entry)) if (!PLACE.has(field)) own.push([`${list}/${String(entry.use)}.${field}`, value]);
        }
      }
      const managed = data.managed as Record<string, unknown>;
      if (managed.signs) own.push(["managed.signs", managed.signs]);
      for (const [key, value] of own) {
        const k = `${key}=${normal(value, String(data.app), String(data.code))}`;
        seen.set(k, [...(seen.get(k) ?? []), file]);
      }
    }
    const copies = [...seen].filter(([, inFiles]) => inFiles.length > 1).map(([k, inFiles]) => `${k.slice(0, 80)}… in ${inFiles.join(", ")}`);
    expect(copies).toEqual([]);
  });

  it("uses the library in every scenario: the signs of a managed computer are one list", () => {
    const signs = new Set(scenarios.map(({ data }) => JSON.stringify((data.managed as Record<string, unknown>).use ?? (data.managed as Record<string, unknown>).signs)));
    expect([...signs]).toEqual([JSON.stringify("signs")]);
  });
});
