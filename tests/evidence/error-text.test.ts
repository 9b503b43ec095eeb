import { describe, expect, it } from "vitest";
import { analyzePaste, detectInputKind, findCodeTokens, recognizeErrorText, type KbView } from "../../src/evidence/index.ts";
import { type Scenario } from "../../src/model/index.ts";
import { loadKnowledgeBase } from "../../src/model/load/index.ts";
import { readContentFiles } from "../../src/model/content-fs.ts";

/** A small knowledge base from YAML strings, so these tests do not depend on content being written elsewhere. */
function smallKb(): KbView {
  const hub = (id: string, aliases: string[], message?: string) => ({
    name: `${id}/code.yaml`,
    display: `content/${id}/code.yaml`,
    text: [
      "kind: code",
      `id: "${id}"`,
      `title: "${id.toUpperCase()} test hub"`,
      'description: "A hub for tests."',
      "reviewed: 2026-01-01",
      "references: [src]",
      `aliases: [${aliases.map((a) => `"${a}"`).join(", ")}]`,
      'family: "test"',
      "owner: client",
      "meaningStatus: unconfirmed",
      'quickAnswer: "A short answer."',
      'meaning: "A meaning."',
      "meaningSources: [src]",
      ...(message ? ["messages:", `  - text: "${message}"`, "    apps: [teams]", "    kind: community", "    sources: [src]"] : []),
    ].join("\n"),
  });
  const result = loadKnowledgeBase([
    { name: "sources.yaml", display: "content/sources.yaml", text: "kind: sources\nsources:\n  - id: src\n    title: A source\n    url: https://example.com/\n    kind: official\n" },
    hub("caa50021", ["0xCAA50021", "3399811105", "-895156191"], "Something went wrong. Our test message for this hub."),
    hub("0x8004de40", ["0x8004DE40", "2147802688"]),
  ]);
  if (!result.kb) throw new Error(JSON.stringify(result.issues, null, 2));
  // The scenario pages only need a title here; a full scenario file is out of scope for this test.
  const scenarios = new Map(result.kb.scenarios);
  scenarios.set("caa50021/outlook", { title: "CAA50021 in Outlook" } as Scenario);
  scenarios.set("caa50021/teams", { title: "CAA50021 in Teams" } as Scenario);
  return { codes: result.kb.codes, codeIndex: result.kb.codeIndex, scenarios };
}

describe("findCodeTokens", () => {
  it.each([
    ["CAA50021", "hex:caa50021"],
    ["0xCAA50021", "hex:caa50021"],
    ["caa 50021", "hex:caa50021"],
    ["caa-50021", "hex:caa50021"],
    ["3399811105", "hex:caa50021"],
    ["-895156191", "hex:caa50021"],
    ["0x8004DE40", "hex:8004de40"],
    ["2147802688", "hex:8004de40"],
    ["80070520", "hex:80070520"],
    ["AADSTS50126", "aadsts:50126"],
    ["AADSTS 50126", "aadsts:50126"],
  ])("finds %s as %s", (form, key) => {
    expect(findCodeTokens(`Error code: ${form}.`).map((t) => t.key)).toEqual([key]);
  });

  it.each([
    ["a longer hex token", "CAA500210"],
    ["a prefixed token", "xCAA50021"],
    ["a longer 0x token", "0x8004de400"],
    ["a GUID group", "c5ff949d-2696-4b68-9e13-055f19ed2d51"],
    ["a short 0x value", "HTTP Error : 0x0"],
    ["a number below the failure bit", "call 1234567890 or 2000000000"],
    ["a date", "20240131"],
    ["a longer AADSTS number", "AADSTS501260123"],
    ["a thumbprint", "CEC55C2566633AC8DA3D9E3EAD98A599084D0C4C"],
  ])("finds nothing in %s", (_, text) => {
    expect(findCodeTokens(text)).toEqual([]);
  });

  it("returns each occurrence with its offset", () => {
    expect(findCodeTokens("0x801c0021/0x801c000c").map((t) => [t.text, t.index])).toEqual([
      ["0x801c0021", 0],
      ["0x801c000c", 11],
    ]);
  });
});

describe("recognizeErrorText", () => {
  const kb = smallKb();

  it("groups every form of one code and points at its hub and the scenario of the named app", () => {
    const r = recognizeErrorText("Outlook said: We couldn't sign you in.\nerror code CAA50021 (log: 3399811105, -895156191)", kb);
    expect(r.codes).toEqual([{ key: "hex:caa50021", display: "0xCAA50021", written: ["CAA50021", "3399811105", "-895156191"], hub: "caa50021", line: 2 }]);
    expect(r.apps).toEqual([{ app: "outlook", line: 1 }]);
    expect(r.phrases.map((p) => p.id)).toEqual(["could-not-sign-you-in"]);
    expect(r.candidates.map((c) => [c.pageId, c.url, c.score])).toEqual([
      ["caa50021/outlook", "/codes/caa50021/outlook/", 4],
      ["caa50021", "/codes/caa50021/", 3],
    ]);
  });

  it("reports a code the knowledge base does not cover, without a page", () => {
    const r = recognizeErrorText("AADSTS50126: Error validating credentials", kb);
    expect(r.codes).toEqual([{ key: "aadsts:50126", display: "AADSTS50126", written: ["AADSTS50126"], line: 1 }]);
    expect(r.candidates).toEqual([]);
  });

  it("finds a hub from a known phrase when no code is pasted", () => {
    const r = recognizeErrorText("Word keeps saying: Number of retry attempts exceeds expectations", kb);
    expect(r.codes).toEqual([]);
    expect(r.apps.map((a) => a.app)).toEqual(["office"]);
    expect(r.candidates.map((c) => [c.pageId, c.score])).toEqual([["caa50021", 1]]);
  });

  it("matches a hub's own message text, whatever the quotes and spacing", () => {
    const r = recognizeErrorText("Teams:  something went   WRONG. Our test message for this hub", kb);
    expect(r.phrases.map((p) => p.id)).toContain("message:caa50021");
    expect(r.candidates[0]).toMatchObject({ pageId: "caa50021/teams" });
  });

  it("does not take 'our teams' as the Teams app", () => {
    expect(recognizeErrorText("several of our teams see it").apps).toEqual([]);
  });

  it("works without a knowledge base, with no candidates", () => {
    const r = recognizeErrorText("OneDrive error 0x8004de40");
    expect(r.codes.map((c) => c.hub)).toEqual([undefined]);
    expect(r.candidates).toEqual([]);
  });

  const real = loadKnowledgeBase(readContentFiles("content"));
  it("resolves every alias of the real content's hubs to their hub", () => {
    expect(real.issues.filter((i) => i.severity === "error")).toEqual([]);
    const kb = real.kb!;
    for (const [id, hub] of kb.codes) {
      for (const alias of hub.aliases) {
        const found = recognizeErrorText(`error ${alias} here`, kb).codes;
        if (found.length > 0) expect(found[0]!.hub, alias).toBe(id);
      }
    }
  });
});

describe("detectInputKind and analyzePaste", () => {
  it.each([
    ["a boxed section", "| Device State |\n AzureAdJoined : YES", "dsregcmd"],
    ["two known fields without headers", "AzureAdJoined : YES\nDomainJoined : NO", "dsregcmd"],
    ["one known field in a sentence", "it says AzureAdJoined : NO, why?", "error-text"],
    ["an error message", "We couldn't sign you in. CAA50021", "error-text"],
  ])("tells %s apart", (_, text, kind) => {
    expect(detectInputKind(text)).toBe(kind);
  });

  it("analyses an error text and says whether anything was recognised", () => {
    const yes = analyzePaste("Teams: caa70007");
    const no = analyzePaste("my computer is slow");
    expect(yes.ok && yes.kind === "error-text" && yes.recognised).toBe(true);
    expect(no.ok && no.kind === "error-text" && no.recognised).toBe(false);
  });

  it("analyses dsregcmd output given as UTF-16LE bytes", () => {
    const text = "| SSO State |\n AzureAdPrt : NO\n";
    const bytes = new Uint8Array([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0), 0])]);
    const r = analyzePaste(bytes);
    expect(r.ok && r.kind).toBe("dsregcmd");
    expect(r.ok && r.encoding).toBe("utf-16le");
    expect(r.ok && r.kind === "dsregcmd" && r.dsregcmd.state.prt.value).toBe("missing");
  });
});
