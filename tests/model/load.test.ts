import { describe, expect, it } from "vitest";
import { KB_CODES, listPages, renderIssue, type Issue, type KbCode } from "../../src/model/index.ts";
import { loadKnowledgeBase } from "../../src/model/load/index.ts";
import { positionOf, toContentFiles, validFiles } from "../helpers/content.ts";

interface BreakCase {
  name: string;
  file: string;
  /** Replace the first `from` with `to` in that file. */
  from: string;
  to: string;
  code: string;
  path: string;
  /** Where the issue must point: the first occurrence of this text in the broken file (+ offset). */
  at: string;
  offset?: number;
  hint?: RegExp;
  /** Extra files to add or override (before the replacement). */
  extra?: Record<string, string>;
  /** Replace every `from`, not only the first. */
  all?: boolean;
  /** The problem is a warning: the knowledge base still loads. */
  warning?: boolean;
}

/** A small valid admin checklist for caa50021. */
const CHECKLIST = `kind: checklist
code: caa50021
title: CAA50021 for IT
description: The checklist.
reviewed: 2026-11-26
references: [ms-doc]
summary: For IT.
items:
  - id: check-broker
    title: Check the broker
    owner: device
    text: Look at the broker.
    sources: [ms-doc]
`;

const cases: BreakCase[] = [
  // --- schema: types, fields, values
  { name: "wrong type", file: "caa50021/onedrive.yaml", from: "needsRestart: true", to: 'needsRestart: "yes"', code: "kb/wrong-type", path: "steps[0].needsRestart", at: '"yes"' },
  { name: "unknown field with did-you-mean", file: "caa50021/onedrive.yaml", from: "    tier: advanced", to: "    teir: advanced", code: "kb/unknown-field", path: "steps[2].teir", at: "teir", hint: /did you mean "tier"/ },
  { name: "missing field points at its parent", file: "caa50021/onedrive.yaml", from: "    dataSafety: Nothing is lost.\n", to: "", code: "kb/missing-field", path: "steps[0].dataSafety", at: "id: clean-restart" },
  { name: "invalid enum value", file: "caa50021/onedrive.yaml", from: "tier: first-line", to: "tier: first", code: "kb/invalid-value", path: "steps[0].tier", at: "first\n", hint: /did you mean "first-line"/ },
  { name: "id not in kebab-case", file: "caa50021/onedrive.yaml", from: "id: reset-onedrive", to: "id: resetOneDrive", code: "kb/invalid-format", path: "steps[2].id", at: "resetOneDrive", hint: /reset-one-drive/ },
  // --- facts and values in conditions
  { name: "unknown fact", file: "caa50021/onedrive.yaml", from: "when: { fact: where,", to: "when: { fact: wher,", code: "kb/unknown-fact", path: "steps[1].when.fact", at: "wher,", hint: /did you mean "where"/ },
  { name: "unknown fact value", file: "caa50021/onedrive.yaml", from: "is: banner", to: "is: banerr", code: "kb/unknown-fact-value", path: "steps[1].when.is", at: "banerr", hint: /did you mean "banner"/ },
  { name: "boolean fact given yes", file: "caa50021/onedrive.yaml", from: "{ fact: windowsServer, is: true }", to: "{ fact: windowsServer, is: yes }", code: "kb/unknown-fact-value", path: "stops[0].when.is", at: "yes }", hint: /write true/ },
  { name: "condition read but never asked", file: "caa50021/onedrive.yaml", from: "{ fact: windowsServer, is: true }", to: "{ fact: hybridJoined, is: true }", code: "kb/unasked-fact", path: "stops[0].when.fact", at: "hybridJoined", hint: /fact: hybridJoined/ },
  { name: "malformed condition", file: "caa50021/onedrive.yaml", from: "{ fact: where, is: banner }", to: "{ fact: where, is: banner, in: [banner] }", code: "kb/bad-condition", path: "steps[1].when", at: "{ fact: where" },
  // --- ids and references
  { name: "duplicate step id", file: "caa50021/onedrive.yaml", from: "id: unlink-work-account", to: "id: clean-restart", code: "kb/duplicate-step-id", path: "steps[1].id", at: "clean-restart\n    title: Unlink" },
  { name: "unknown source reference", file: "caa50021/onedrive.yaml", from: "    sources: [forum]", to: "    sources: [forun]", code: "kb/unknown-source", path: "steps[0].sources[0]", at: "forun", hint: /did you mean "forum"/ },
  { name: "dangling page link", file: "caa50021/onedrive.yaml", from: "  - page: caa50021\n", to: "  - page: caa50021/teams\n", code: "kb/dangling-link", path: "related[0].page", at: "caa50021/teams", hint: /planned: true/ },
  { name: "planned link to an existing page", file: "caa50021/onedrive.yaml", from: "  - page: caa50021\n", to: "  - page: caa50021\n    planned: true\n    title: Hub\n", code: "kb/planned-exists", path: "related[0].planned", at: "true\n    title: Hub" },
  { name: "planned link without a title", file: "caa50021/onedrive.yaml", from: "  - page: caa50021\n", to: "  - page: 0x8004de40/onedrive\n    planned: true\n", code: "kb/planned-without-title", path: "related[0].title", at: "page: 0x8004de40" },
  { name: "dangling Markdown link", file: "caa50021/onedrive.yaml", from: "meaning: The broker failed.", to: "meaning: See [the admin list](/codes/caa50021/admin/).", code: "kb/dangling-link", path: "meaning", at: "See [the" },
  { name: "hub lists a scenario that is not written", file: "caa50021/code.yaml", from: "  - app: onedrive\n", to: "  - app: onedrive\n  - app: teams\n", code: "kb/missing-scenario", path: "scenarios[1].app", at: "teams" },
  { name: "scenario the hub does not list", file: "caa50021/code.yaml", from: "scenarios:\n  - app: onedrive\n", to: "scenarios: []\n", code: "kb/unlisted-scenario", path: "scenarios", at: "[]" },
  { name: "shared fix names an unknown step", file: "caa50021/code.yaml", from: 'checklist: "no"', to: 'checklist: "no"\nsharedFixes:\n  - step: clean-reboot\n    apps: [onedrive]', code: "kb/unknown-step", path: "sharedFixes[0].step", at: "clean-reboot", hint: /did you mean "clean-restart"/ },
  { name: "alias of another hub's code", file: "caa50021/code.yaml", from: 'aliases: ["0xCAA50021", 3399811105]', to: 'aliases: ["0xCAA50021", 3399811105, "0x8004DE40"]', code: "kb/duplicate-code", path: "aliases[2]", at: '"0x8004DE40"', extra: { "0x8004de40/code.yaml": "hub:0x8004de40" } },
  { name: "code folder and id disagree", file: "caa50021/code.yaml", from: "id: caa50021", to: "id: caa70007", code: "kb/hub-id-mismatch", path: "id", at: "caa70007" },
  { name: "scenario for an unknown code", file: "caa50021/onedrive.yaml", from: "code: caa50021", to: "code: caa99999", code: "kb/unknown-code", path: "code", at: "caa99999" },
  { name: "duplicate avoided-action id", file: "caa50021/onedrive.yaml", from: "id: dsregcmd-leave", to: "id: reset-onedrive", code: "kb/duplicate-step-id", path: "avoid[0].id", at: "reset-onedrive\n    title: Leaving" },
  { name: "question asked twice", file: "caa50021/onedrive.yaml", from: "  - fact: where\n", to: "  - fact: isAdmin\n", code: "kb/duplicate-question", path: "questions[1].fact", at: "isAdmin\n    prompt: When" },
  { name: "duplicate stop id", file: "caa50021/onedrive.yaml", from: "stops:\n", to: "stops:\n  - id: windows-server\n    when: { fact: windowsServer, is: false }\n    outcome: escalate\n    title: Again.\n    reason: Again.\n    sources: [forum]\n", code: "kb/duplicate-stop-id", path: "stops[1].id", at: "windows-server\n    when: { fact: windowsServer, is: true }" },
  { name: "source id used twice", file: "sources.yaml", from: "  - id: forum", to: "  - id: ms-doc", code: "kb/duplicate-source-id", path: "sources[1].id", at: "ms-doc\n    title: A forum" },
  { name: "hub lists an app twice", file: "caa50021/code.yaml", from: "  - app: onedrive\n", to: "  - app: onedrive\n  - app: onedrive\n    planned: true\n", code: "kb/duplicate-scenario-app", path: "scenarios[1].app", at: "onedrive\n    planned" },
  { name: "scenario's app is not its file name", file: "caa50021/onedrive.yaml", from: "app: onedrive", to: "app: teams", code: "kb/app-mismatch", path: "app", at: "teams" },
  { name: "hub says it has a checklist that is not written", file: "caa50021/code.yaml", from: 'checklist: "no"', to: "checklist: yes", code: "kb/missing-checklist", path: "checklist", at: "yes" },
  { name: "stop switches to a code without a hub", file: "caa50021/onedrive.yaml", from: "    outcome: escalate\n", to: "    outcome: switch-guide\n    switchTo: caa99999\n", code: "kb/unknown-switch-target", path: "stops[0].switchTo", at: "caa99999" },
  { name: "stop switches by a fact that holds no code", file: "caa50021/onedrive.yaml", from: "    outcome: escalate\n", to: "    outcome: switch-guide\n    switchToFact: windowsServer\n", code: "kb/switch-fact-not-code", path: "stops[0].switchToFact", at: "windowsServer\n    title", hint: /otherErrorAfterSignIn/ },
  { name: "two hubs for one code", file: "caa50021/code.yaml", from: "family: Broker", to: "family: Broker", code: "kb/duplicate-hub", path: "id", at: "caa50021", extra: { "caa50020/code.yaml": "hub:caa50021" } },
  { name: "scenario in the folder of another code", file: "caa50021/onedrive.yaml", from: "code: caa50021", to: "code: 0x8004de40", code: "kb/code-mismatch", path: "code", at: "0x8004de40", extra: { "0x8004de40/code.yaml": "hub:0x8004de40" } },
  { name: "checklist file the hub does not list", file: "caa50021/code.yaml", from: 'checklist: "no"', to: 'checklist: "no"', code: "kb/unlisted-checklist", path: "checklist", at: '"no"', extra: { "caa50021/admin.yaml": CHECKLIST } },
  { name: "checklist item id used twice", file: "caa50021/admin.yaml", from: "    sources: [ms-doc]\n", to: "    sources: [ms-doc]\n  - id: check-broker\n    title: Again\n    owner: tenant\n    text: Again.\n    sources: [ms-doc]\n", code: "kb/duplicate-item-id", path: "items[1].id", at: "check-broker\n    title: Again", extra: { "caa50021/admin.yaml": CHECKLIST } },
  { name: "shared fix for an app without a scenario", file: "caa50021/code.yaml", from: 'checklist: "no"', to: 'checklist: "no"\nsharedFixes:\n  - step: clean-restart\n    apps: [onedrive, teams]', code: "kb/shared-fix-without-scenario", path: "sharedFixes[0].apps[1]", at: "teams]" },
  { name: "no first-line step", file: "caa50021/onedrive.yaml", from: "tier: first-line", to: "tier: advanced", all: true, code: "kb/no-first-line", path: "steps", at: "- id: clean-restart" },
  { name: "work-only scenario without a stop for personal accounts", file: "caa50021/onedrive.yaml", from: "app: onedrive\n", to: "app: onedrive\naccountTypes: [work]\n", code: "kb/missing-stop", path: "accountTypes", at: "[work]" },
  { name: "question nothing reads (a warning)", file: "caa50021/onedrive.yaml", from: "questions:\n", to: "questions:\n  - fact: hybridJoined\n    prompt: Hybrid joined?\n    why: Nothing reads it.\n", code: "kb/unused-question", path: "questions[0].fact", at: "hybridJoined", warning: true },
  { name: "meaning without its sources", file: "caa50021/onedrive.yaml", from: "meaningSources: [ms-doc]\n", to: "", code: "kb/missing-field", path: "meaningSources", at: "kind: scenario" },
  { name: "unknown source behind a meaning", file: "caa50021/code.yaml", from: "meaningSources: [ms-doc]", to: "meaningSources: [ms-docs]", code: "kb/unknown-source", path: "meaningSources[0]", at: "ms-docs", hint: /did you mean "ms-doc"/ },
  // --- content rules
  { name: "completedBy names no later step", file: "caa50021/onedrive.yaml", from: "    whenNot: Nothing is paired yet.\n", to: "    whenNot: Nothing is paired yet.\n    completedBy:\n      step: reset-onedriv\n      until: OneDrive stays unlinked.\n", code: "kb/unknown-step-ref", path: "steps[1].completedBy.step", at: "reset-onedriv\n", hint: /did you mean "reset-onedrive"/ },
  { name: "quick answer over 60 words", file: "caa50021/onedrive.yaml", from: "quickAnswer: Restart, then clear the broker.", to: `quickAnswer: ${"word ".repeat(61).trim()}`, code: "kb/quick-answer-too-long", path: "quickAnswer", at: "word" },
  { name: "raw HTML in Markdown", file: "caa50021/onedrive.yaml", from: "summary: Restart Windows.", to: "summary: Restart <b>Windows</b>.", code: "kb/raw-html", path: "steps[0].summary", at: "Restart <b>" },
  { name: "first-line step after an advanced one", file: "caa50021/onedrive.yaml", from: "    tier: first-line\n    needsRestart: true", to: "    tier: advanced\n    needsRestart: true", code: "kb/step-order", path: "steps[1].tier", at: "first-line\n    changesState: true" },
  { name: "a file name that is no content kind", file: "caa50021/onedrive.yaml", from: "kind: scenario", to: "kind: scenario", code: "kb/unexpected-file", path: "(file)", at: "kind", extra: { "caa50021/notes.yaml": "kind: scenario\n" } },
  { name: "kind does not match the file name", file: "caa50021/onedrive.yaml", from: "kind: scenario", to: "kind: checklist", code: "kb/wrong-kind", path: "kind", at: "checklist" },
  // --- YAML itself
  { name: "YAML syntax error", file: "caa50021/onedrive.yaml", from: "title: Restart\n", to: "title: Restart: now\n", code: "kb/yaml-syntax", path: "(file)", at: "Restart: now", hint: /quotes/ },
  { name: "duplicate key", file: "caa50021/onedrive.yaml", from: "    summary: Restart Windows.\n", to: "    summary: Restart Windows.\n    summary: Again.\n", code: "kb/duplicate-key", path: "(file)", at: "summary: Again" },
];

describe("loadKnowledgeBase", () => {
  it("accepts the valid base content and lists its pages", () => {
    const result = loadKnowledgeBase(toContentFiles(validFiles()));
    expect(result.issues).toEqual([]);
    expect(result.kb).toBeDefined();
    expect(listPages(result.kb!).map((p) => [p.id, p.url])).toEqual([
      ["caa50021", "/codes/caa50021/"],
      ["caa50021/onedrive", "/codes/caa50021/onedrive/"],
    ]);
    expect(result.counts).toMatchObject({ codes: 1, scenarios: 1, steps: 3 });
  });

  it("keeps codes written as YAML numbers in their written form", () => {
    const kb = loadKnowledgeBase(toContentFiles(validFiles())).kb!;
    expect(kb.codes.get("caa50021")!.aliases).toEqual(["0xCAA50021", "3399811105"]);
    expect(kb.codeIndex.get("hex:caa50021")).toBe("caa50021");
  });

  it.each(cases)("$name → $code at $path", (c) => {
    const files = validFiles();
    for (const [name, text] of Object.entries(c.extra ?? {})) {
      files[name] = text.startsWith("hub:") ? hubFor(text.slice(4)) : text;
    }
    const original = files[c.file]!;
    if (!original.includes(c.from)) throw new Error(`test setup: "${c.from}" not in ${c.file}`);
    files[c.file] = c.all ? original.replaceAll(c.from, c.to) : original.replace(c.from, c.to);
    const result = loadKnowledgeBase(toContentFiles(files));
    const issue = result.issues.find((i) => i.code === c.code);
    expect(issue, `issues were:\n${result.issues.map(renderIssue).join("\n")}`).toBeDefined();
    if (c.warning) expect(issue!.severity).toBe("warning");
    expect(result.kb === undefined).toBe(!c.warning);
    const fileOfIssue = c.code === "kb/unexpected-file" ? "content/caa50021/notes.yaml" : `content/${c.file}`;
    expect(KB_CODES[c.code as KbCode], `${c.code} is registered`).toBeDefined();
    expect(issue!.file).toBe(fileOfIssue);
    expect(issue!.path).toBe(c.path);
    const text = c.code === "kb/unexpected-file" ? files["caa50021/notes.yaml"]! : files[c.file]!;
    expect({ line: issue!.line, col: issue!.col }).toEqual(positionOf(text, c.at, c.offset ?? 0));
    if (c.hint) expect(issue!.hint).toMatch(c.hint);
  });

  it("reports every problem of every file in one run", () => {
    const files = validFiles();
    files["caa50021/onedrive.yaml"] = files["caa50021/onedrive.yaml"]!.replace("sources: [forum]", "sources: [nope]").replace("is: banner", "is: sometimes");
    files["caa50021/code.yaml"] = files["caa50021/code.yaml"]!.replace("owner: client", "owner: someone");
    const codes = loadKnowledgeBase(toContentFiles(files)).issues.map((i) => `${i.file} ${i.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        "content/caa50021/code.yaml kb/invalid-value",
        "content/caa50021/onedrive.yaml kb/unknown-source",
        "content/caa50021/onedrive.yaml kb/unknown-fact-value",
      ]),
    );
  });

  it("refuses two scenarios that give one step id different safety properties", () => {
    const files = validFiles();
    files["caa50021/code.yaml"] = files["caa50021/code.yaml"]!.replace("  - app: onedrive\n", "  - app: onedrive\n  - app: teams\n");
    files["caa50021/teams.yaml"] = files["caa50021/onedrive.yaml"]!.replace("app: onedrive", "app: teams").replace("    needsRestart: true\n", "");
    const issues = loadKnowledgeBase(toContentFiles(files)).issues;
    const conflict = issues.find((i) => i.code === "kb/step-conflict");
    expect(conflict, issues.map(renderIssue).join("\n")).toMatchObject({ path: "steps[0].id" });
    expect(conflict!.file).toMatch(/teams\.yaml|onedrive\.yaml/);
  });

  it("reports a knowledge base without a sources file once, on its first file", () => {
    const files = validFiles();
    delete files["sources.yaml"];
    const issues = loadKnowledgeBase(toContentFiles(files)).issues;
    expect(issues.find((i) => i.code === "kb/missing-sources-file")).toMatchObject({ code: "kb/missing-sources-file", file: "content/caa50021/code.yaml", line: 1, col: 1 });
    expect(issues.filter((i) => i.code === "kb/missing-sources-file")).toHaveLength(1);
  });

  it("refuses two steps that run the same command under different ids with different safety flags", () => {
    const files = validFiles();
    // A second step in the same scenario runs the reset command of reset-onedrive, but needs admin.
    files["caa50021/onedrive.yaml"] = files["caa50021/onedrive.yaml"]!.replace(
      "avoid:\n",
      `  - id: reset-sync-client
    title: Reset the sync client
    tier: advanced
    needsAdmin: true
    changesState: true
    dataSafety: Files stay.
    summary: Reset it.
    instructions:
      - run: '%LOCALAPPDATA%\\Microsoft\\OneDrive\\onedrive.exe  /reset'
        shell: run
    sources: [ms-doc]
avoid:\n`,
    );
    const result = loadKnowledgeBase(toContentFiles(files));
    const issue = result.issues.find((i) => i.code === "kb/command-flag-conflict");
    expect(issue, result.issues.map(renderIssue).join("\n")).toMatchObject({ file: "content/caa50021/onedrive.yaml", path: "steps[3].instructions[0].run" });
    expect(issue!.message).toContain('"reset-onedrive"');
    expect(issue!.expected).toBe("needsAdmin: false");
    expect(issue!.received).toBe("needsAdmin: true");
    expect({ line: issue!.line, col: issue!.col }).toEqual(positionOf(files["caa50021/onedrive.yaml"]!, "'%LOCALAPPDATA%"));
    expect(result.kb).toBeUndefined();
  });

  it("refuses the same command with other profile or registration flags in another scenario", () => {
    const files = validFiles();
    files["caa50021/code.yaml"] = files["caa50021/code.yaml"]!.replace("  - app: onedrive\n", "  - app: onedrive\n  - app: teams\n");
    files["caa50021/onedrive.yaml"] = files["caa50021/onedrive.yaml"]!.replace("    tier: advanced\n    changesState: true\n", "    tier: advanced\n    changesState: true\n    actsOnOwnProfile: true\n");
    files["caa50021/teams.yaml"] = validFiles()["caa50021/onedrive.yaml"]!.replace("app: onedrive", "app: teams").replace("id: reset-onedrive", "id: reset-client");
    const issues = loadKnowledgeBase(toContentFiles(files)).issues;
    const conflict = issues.find((i) => i.code === "kb/command-flag-conflict");
    expect(conflict, issues.map(renderIssue).join("\n")).toMatchObject({ path: "steps[2].instructions[0].run" });
    expect(conflict!.expected).toMatch(/actsOnOwnProfile/);
  });

  it("accepts the same command under two ids when the flags agree, and read-only commands whatever the flags", () => {
    const files = validFiles();
    files["caa50021/code.yaml"] = files["caa50021/code.yaml"]!.replace("  - app: onedrive\n", "  - app: onedrive\n  - app: teams\n");
    files["caa50021/teams.yaml"] = files["caa50021/onedrive.yaml"]!.replace("app: onedrive", "app: teams").replace("id: reset-onedrive", "id: reset-client");
    expect(loadKnowledgeBase(toContentFiles(files)).issues).toEqual([]);
  });

  it("refuses one step id with different profile or registration flags", () => {
    const files = validFiles();
    files["caa50021/code.yaml"] = files["caa50021/code.yaml"]!.replace("  - app: onedrive\n", "  - app: onedrive\n  - app: teams\n");
    files["caa50021/teams.yaml"] = files["caa50021/onedrive.yaml"]!.replace("app: onedrive", "app: teams").replace("    tier: advanced\n    changesState: true\n", "    tier: advanced\n    changesState: true\n    changesRegistration: true\n");
    const issues = loadKnowledgeBase(toContentFiles(files)).issues;
    expect(issues.find((i) => i.code === "kb/step-conflict" && /"changesRegistration":false/.test(i.expected ?? "") && /"changesRegistration":true/.test(i.received ?? "")), issues.map(renderIssue).join("\n")).toBeDefined();
  });

  it("reports an empty content folder", () => {
    expect(loadKnowledgeBase([]).issues.map((i) => i.code)).toEqual(["kb/no-content"]);
  });

  it("renders an issue as location, code and path, then what, then the fix", () => {
    const files = validFiles();
    files["caa50021/onedrive.yaml"] = files["caa50021/onedrive.yaml"]!.replace("sources: [forum]", "sources: [forun]");
    const issue = loadKnowledgeBase(toContentFiles(files)).issues[0]!;
    expect(renderIssue(issue)).toMatchInlineSnapshot(`
      "content/caa50021/onedrive.yaml:40:15  kb/unknown-source  steps[0].sources[0]
        unknown source "forun"
        Fix: did you mean "forum"?; or add it to content/sources.yaml"
    `);
  });
});

/** Loads the small valid knowledge base with `edit` applied to one file. */
function loadBroken(file: string, edit: (text: string) => string, extra: Record<string, string> = {}) {
  const files = validFiles();
  const edited = edit(files[file]!);
  if (edited === files[file]) throw new Error(`test setup: the edit changed nothing in ${file}`);
  files[file] = edited;
  Object.assign(files, extra);
  return { text: edited, result: loadKnowledgeBase(toContentFiles(files)) };
}

const shown = (issues: readonly Issue[]) => issues.map(renderIssue).join("\n");

describe("one slip, one problem", () => {
  it("reports a misspelt step field once, as the unknown field with did-you-mean, and nothing about the file elsewhere", () => {
    // Before: the missing dataSafety too, and the hub's "no scenario file … write it" for a file that exists.
    const { text, result } = loadBroken("caa50021/onedrive.yaml", (t) => t.replace("    dataSafety: Nothing is lost.", "    dataSaftey: Nothing is lost."));
    expect(result.issues, shown(result.issues)).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ code: "kb/unknown-field", file: "content/caa50021/onedrive.yaml", path: "steps[0].dataSaftey", ...positionOf(text, "dataSaftey") });
    expect(result.issues[0]!.hint).toMatch(/did you mean "dataSafety"/);
    expect(result.kb).toBeUndefined();
  });

  it("reports a misspelt field whose value is a choice once too", () => {
    const { result } = loadBroken("caa50021/onedrive.yaml", (t) => t.replace("    tier: advanced", "    teir: advanced"));
    expect(result.issues.map((i) => `${i.code} ${i.path}`), shown(result.issues)).toEqual(["kb/unknown-field steps[2].teir"]);
  });

  it("says a missing choice field is missing, with the values it takes", () => {
    const { result } = loadBroken("caa50021/onedrive.yaml", (t) => t.replace("    tier: advanced\n", ""));
    expect(result.issues).toMatchObject([{ code: "kb/missing-field", path: "steps[2].tier", message: 'missing required field "tier"', expected: '"first-line" | "advanced"' }]);
  });

  it("still reports a missing field that no unknown field resembles", () => {
    const { result } = loadBroken("caa50021/onedrive.yaml", (t) => t.replace("    dataSafety: Nothing is lost.\n", "    notes: Nothing is lost.\n"));
    expect(result.issues.map((i) => `${i.code} ${i.path}`).sort()).toEqual(["kb/missing-field steps[0].dataSafety", "kb/unknown-field steps[0].notes"]);
  });

  it("reports a source without a url once, not as an unknown source wherever it is cited", () => {
    const { text, result } = loadBroken("sources.yaml", (t) => t.replace("    url: https://learn.microsoft.com/en-us/example\n", ""));
    expect(result.issues, shown(result.issues)).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ code: "kb/missing-field", file: "content/sources.yaml", path: "sources[0].url", ...positionOf(text, "id: ms-doc") });
  });

  it("still reports a citation of an id that the broken sources file does not have", () => {
    const files = validFiles();
    files["sources.yaml"] = files["sources.yaml"]!.replace("    url: https://learn.microsoft.com/en-us/example\n", "");
    files["caa50021/onedrive.yaml"] = files["caa50021/onedrive.yaml"]!.replace("sources: [forum]", "sources: [forun]");
    const issues = loadKnowledgeBase(toContentFiles(files)).issues;
    expect(issues.map((i) => `${i.code} ${i.path}`)).toEqual(["kb/unknown-source steps[0].sources[0]", "kb/missing-field sources[0].url"]);
  });

  it("reports a sources file that is not YAML once, with no unknown sources and no missing sources file", () => {
    const { result } = loadBroken("sources.yaml", (t) => t.replace("    title: A forum thread", "    title: A forum: thread"));
    expect(result.issues.map((i) => `${i.file} ${i.code}`), shown(result.issues)).toEqual(["content/sources.yaml kb/yaml-syntax"]);
  });

  it("reports a hub that failed its schema once: its scenario is neither of an unknown code nor a dangling link", () => {
    const { result } = loadBroken("caa50021/code.yaml", (t) => t.replace("owner: client", "owner: someone"));
    expect(result.issues.map((i) => `${i.file} ${i.code}`), shown(result.issues)).toEqual(["content/caa50021/code.yaml kb/invalid-value"]);
  });

  it("gives the column to use for a list item's field indented too little", () => {
    const { text, result } = loadBroken("caa50021/onedrive.yaml", (t) => t.replace("  - id: clean-restart\n    title: Restart", "  - id: clean-restart\n   title: Restart"));
    expect(result.issues, shown(result.issues)).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ code: "kb/yaml-syntax", path: "(file)", ...positionOf(text, "title: Restart") });
    expect(result.issues[0]!.message).toMatch(/"title" starts at column 4, but the fields of the list item on line \d+ start at column 5/);
    expect(result.issues[0]!.hint).toMatch(/^indent "title" to column 5/);
  });

  it("gives the column to use for a list item's field indented too far", () => {
    const { text, result } = loadBroken("caa50021/onedrive.yaml", (t) => t.replace("  - id: clean-restart\n    title: Restart", "  - id: clean-restart\n      title: Restart"));
    expect(result.issues, shown(result.issues)).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ code: "kb/yaml-syntax", ...positionOf(text, "title: Restart") });
    expect(result.issues[0]!.hint).toMatch(/start "title" at column 5, like "id"/);
  });

  it("gives the column to use for a list item indented unlike the item above it", () => {
    const edit = (t: string) => t.replace("    instructions:\n      - Choose Restart.\n", "    instructions:\n      - Choose Restart.\n    - Sign in again.\n");
    const { text, result } = loadBroken("caa50021/onedrive.yaml", edit);
    expect(result.issues, shown(result.issues)).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ code: "kb/yaml-syntax", ...positionOf(text, "- Sign in") });
    expect(result.issues[0]!.message).toMatch(/this list item starts at column 5, the item above it \(line \d+\) at column 7/);
    expect(result.issues[0]!.hint).toMatch(/start its "- " at column 7/);
  });

  it("reports a list item's field indented to the top level once, as misplaced, with where it belongs", () => {
    const { text, result } = loadBroken("caa50021/onedrive.yaml", (t) => t.replace("    tier: advanced\n", "").replace("avoid:\n", "tier: advanced\navoid:\n"));
    expect(result.issues, shown(result.issues)).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ code: "kb/unknown-field", path: "tier", ...positionOf(text, "tier: advanced") });
    expect(result.issues[0]!.message).toMatch(/steps\[2\] is missing it/);
    expect(result.issues[0]!.hint).toMatch(/indent "tier" to line up with the other fields of steps\[2\]/);
  });

  it("reports a file that cannot be read as a content problem, and nothing about it elsewhere", () => {
    const files = toContentFiles(validFiles()).map((f) => (f.name === "caa50021/onedrive.yaml" ? { ...f, text: "", unreadable: "it is a symlink to gone.yaml, which does not exist" } : f));
    const { issues, kb } = loadKnowledgeBase(files);
    expect(issues.map((i) => `${i.file} ${i.code}`), shown(issues)).toEqual(["content/caa50021/onedrive.yaml kb/unreadable-file"]);
    expect(issues[0]!.message).toMatch(/symlink to gone\.yaml/);
    expect(kb).toBeUndefined();
  });
});

function hubFor(id: string): string {
  return validFiles()["caa50021/code.yaml"]!
    .replace("id: caa50021", `id: ${id}`)
    .replace('aliases: ["0xCAA50021", 3399811105]', "aliases: []")
    .replace("scenarios:\n  - app: onedrive\n", "scenarios: []\n");
}
