// fixpath show, bundle, completion and the help, through main(argv, io).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { instructionGroups } from "../../src/model/index.ts";
import { fakeIo, ROOT } from "../helpers/io.ts";
import { loadProjectKb } from "../helpers/kb.ts";

const kb = loadProjectKb();

describe("fixpath show", () => {
  it("prints the quick answer, the steps numbered as the page numbers them, what not to do and when to stop", async () => {
    const io = fakeIo();
    expect(await main(["show", "0xCAA50021", "--app", "onedrive"], io)).toBe(0);
    const out = io.out();
    const sc = kb.scenarios.get("caa50021/onedrive")!;
    expect(out.split("\n")[0]).toBe(sc.title);
    for (const heading of ["Quick answer", "Fixes to try first (in order)", "What not to do", "When to stop and get help"]) expect(out).toContain(`\n${heading}\n`);
    // Every step, numbered in page order (first-line then advanced).
    const ordered = [...sc.steps.filter((s) => s.tier === "first-line"), ...sc.steps.filter((s) => s.tier === "advanced")];
    ordered.forEach((s, i) => expect(out).toContain(`\n  ${i + 1}. ${s.title}\n`));
    for (const a of sc.avoid) expect(out).toContain(`Don't: ${a.title.replace(/`/g, "")}`);
    // The reset step: its fallbacks are part of the sentence before them, not three numbered resets.
    const reset = sc.steps.find((s) => s.id === "reset-onedrive")!;
    const section = out.slice(out.indexOf(reset.title), out.indexOf("When it worked:", out.indexOf(reset.title)));
    const numbered = section.match(/^ {5}\d+\. /gm) ?? [];
    expect(numbered).toHaveLength(instructionGroups(reset.instructions).filter((g) => g.text).length);
    expect(section.match(/onedrive\.exe \/reset/g)).toHaveLength(3);
    // No line starts with a stray space after wrapping, none ends with one.
    for (const line of out.split("\n")) expect(line, JSON.stringify(line)).not.toMatch(/\s$/);
  });

  it("shows a code's quick answer and one command per app when it has several, with absolute links", async () => {
    const io = fakeIo({ env: { FIXPATH_BASE_URL: "https://help.example.com" } });
    expect(await main(["show", "caa 50021"], io)).toBe(0);
    expect(io.out()).toContain("https://help.example.com/codes/caa50021/\n");
    expect(io.out()).toContain("fixpath show CAA50021 --app onedrive");
  });

  it.each(["caa50021/teams", "/codes/caa50021/teams/", "CAA50021/Teams"])("reads a page's id or address as written on the site (%s)", async (written) => {
    const io = fakeIo();
    expect(await main(["show", written], io)).toBe(0);
    expect(io.out().split("\n")[0]).toBe(kb.scenarios.get("caa50021/teams")!.title);
  });

  it("refuses a one-digit neighbour as a different error, naming it only as 'did you mean'", async () => {
    const io = fakeIo();
    expect(await main(["show", "CAA50024"], io)).toBe(1);
    expect(io.out()).toBe("");
    expect(io.err()).toContain("there is no page for 0xCAA50024 yet");
    expect(io.err()).toContain("did you mean CAA50021? that is a different error");
  });

  it("refuses an app the code has no page for, and an app that does not exist, in words", async () => {
    const io = fakeIo();
    expect(await main(["show", "CAA50021", "--app", "word"], io)).toBe(2);
    expect(io.err()).toContain('there is no app "word"');
    const none = fakeIo();
    expect(await main(["show", "0x8004de40", "--app", "teams"], none)).toBe(2);
    expect(none.err()).toMatch(/has no page for Teams|has no page for Microsoft Teams/);
  });
});

describe("fixpath bundle", () => {
  it("prints the PowerShell command exactly as content/evidence-bundle.ps1 has it, alone on stdout", async () => {
    const io = fakeIo();
    expect(await main(["bundle"], io)).toBe(0);
    expect(io.out()).toBe(readFileSync(join(ROOT, "content/evidence-bundle.ps1"), "utf8").replace(/\n+$/, "") + "\n");
    expect(io.err()).toContain("fixpath analyze");
  });

  it("--cmd prints the Command Prompt version exactly", async () => {
    const io = fakeIo();
    expect(await main(["bundle", "--cmd"], io)).toBe(0);
    expect(io.out()).toBe(readFileSync(join(ROOT, "content/evidence-bundle.cmd"), "utf8").replace(/\n+$/, "") + "\n");
  });
});

describe("fixpath completion", () => {
  it.each(["bash", "zsh", "powershell"])("prints a %s script that knows every command", async (shell) => {
    const io = fakeIo();
    expect(await main(["completion", shell], io)).toBe(0);
    for (const cmd of ["validate", "list", "diagnose", "report", "analyze", "lookup", "show", "bundle", "start", "completion"]) expect(io.out()).toContain(cmd);
    expect(io.out()).toContain("--app");
  });

  it("refuses another shell in words", async () => {
    const io = fakeIo();
    expect(await main(["completion", "fish"], io)).toBe(2);
    expect(io.err()).toContain('there is no completion for "fish"');
  });
});

describe("the help", () => {
  it("lists the exit codes once, in the main help, and every command's help has examples but no exit codes", async () => {
    const io = fakeIo();
    expect(await main(["--help"], io)).toBe(0);
    expect(io.out().match(/Exit codes/g)).toHaveLength(1);
    for (const cmd of ["validate", "list", "diagnose", "report", "analyze", "lookup", "show", "bundle", "start", "completion"]) {
      const sub = fakeIo();
      expect(await main([cmd, "--help"], sub), cmd).toBe(0);
      expect(sub.out(), cmd).toContain("\nExamples:\n  fixpath ");
      expect(sub.out(), cmd).not.toContain("Exit codes");
      expect(sub.out(), cmd).not.toMatch(/\b1 problems\b/);
    }
  });
});
