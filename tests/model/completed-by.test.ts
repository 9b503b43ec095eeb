import { describe, expect, it } from "vitest";
import { renderIssue } from "../../src/model/index.ts";
import { loadKnowledgeBase } from "../../src/model/load/index.ts";
import { positionOf, toContentFiles, validFiles } from "../helpers/content.ts";

/** The valid base content with `completedBy` added to the unlink step. */
function withCompletedBy(step: string): Record<string, string> {
  const files = validFiles();
  const from = "    whenNot: Nothing is paired yet.\n";
  files["caa50021/onedrive.yaml"] = files["caa50021/onedrive.yaml"]!.replace(from, `${from}    completedBy:\n      step: ${step}\n      until: OneDrive stays unlinked until you pair it again.\n`);
  return files;
}

describe("a step's completedBy", () => {
  it("is read when it names a later step of the scenario", () => {
    const result = loadKnowledgeBase(toContentFiles(withCompletedBy("reset-onedrive")));
    expect(result.issues).toEqual([]);
    expect(result.kb!.scenarios.get("caa50021/onedrive")!.steps[1]!.completedBy).toEqual({ step: "reset-onedrive", until: "OneDrive stays unlinked until you pair it again." });
  });

  it.each([
    ["an unknown step", "reset-onedriv", /did you mean "reset-onedrive"/],
    ["an earlier step", "clean-restart", /reset-onedrive/],
  ])("is refused when it names %s, at the value", (_name, step, hint) => {
    const files = withCompletedBy(step);
    const result = loadKnowledgeBase(toContentFiles(files));
    const issue = result.issues.find((i) => i.code === "kb/unknown-step-ref");
    expect(issue, result.issues.map(renderIssue).join("\n")).toBeDefined();
    expect(issue!.path).toBe("steps[1].completedBy.step");
    expect({ line: issue!.line, col: issue!.col }).toEqual(positionOf(files["caa50021/onedrive.yaml"]!, `step: ${step}`, "step: ".length));
    expect(issue!.hint).toMatch(hint);
  });
});
