import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Language, Parser, type Node } from "web-tree-sitter";
import { beforeAll, describe, expect, it } from "vitest";
import { BUNDLE_COMMAND_FILES, BUNDLE_FILE, loadBundleFile, markerSectionIds, powershellSectionIds, type EvidenceBundle } from "../../src/model/load/bundle.ts";
import { loadKnowledgeBase } from "../../src/model/load/index.ts";
import { readContentFiles } from "../../src/model/content-fs.ts";

const ROOT = join(import.meta.dirname, "../..");
const FILE = join(ROOT, "content", BUNDLE_FILE);
const TEXT = readFileSync(FILE, "utf8");
const COMMANDS = new Map(BUNDLE_COMMAND_FILES.map((f) => [f, readFileSync(join(ROOT, "content", f), "utf8")] as const));

function load(text = TEXT, commands: ReadonlyMap<string, string> = COMMANDS) {
  return loadBundleFile("content/evidence-bundle.yaml", text, commands);
}
const bundle = load().bundle as EvidenceBundle;

let parser: Parser;
beforeAll(async () => {
  await Parser.init();
  const lang = await Language.load(join(ROOT, "node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm"));
  parser = new Parser();
  parser.setLanguage(lang);
});

function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  for (const c of node.children) if (c) walk(c, visit);
}

/** Every command name and every `-Switch` in the PowerShell text, from the grammar's tree. */
function commandsOf(text: string): { names: string[]; errors: string[]; params: string[] } {
  const tree = parser.parse(text)!;
  const names: string[] = [];
  const params: string[] = [];
  const errors: string[] = [];
  walk(tree.rootNode, (n) => {
    if (n.type === "ERROR" || n.isMissing) errors.push(`${n.type} at ${n.startPosition.row + 1}:${n.startPosition.column + 1}: ${n.text.slice(0, 40)}`);
    if (n.type === "command_name") names.push(n.text);
    if (n.type === "command_parameter") params.push(n.text);
  });
  return { names, errors, params };
}

/** Verbs that write, remove, start or download; `Set-Clipboard` is the one write the bundle makes. */
const DENIED_VERB = /^(?:Set|Remove|New|Clear|Reset|Stop|Restart|Start|Disable|Enable|Add|Install|Uninstall|Register|Unregister|Import|Export|Invoke|Move|Rename|Copy|Update|Write|Out)-/i;
const ALLOWED = new Set(["set-clipboard", "new-object", "out-string"]);
/** Switches and native commands that change something or need elevation, anywhere in the text. */
const DENIED_TEXT: readonly [string, RegExp][] = [
  ["-AllUsers", /-AllUsers\b/i],
  ["-User (another user's packages)", /Get-AppxPackage[^|;]*\s-User\b/i],
  ["/cleanupaccounts", /\/cleanupaccounts/i],
  ["/leave", /\/leave\b/i],
  ["/join", /\/join\b/i],
  ["/refreshprt", /\/refreshprt/i],
  ["/debug", /dsregcmd[^&|;"]*\/debug/i],
  ["reg add|delete|import|copy|restore|save|load|unload", /\breg(?:\.exe)?\s+(?:add|delete|import|copy|restore|save|load|unload)\b/i],
  ["cmdkey /add|/delete|/generic", /cmdkey\s+\/(?:add|delete|generic|pass)/i],
  ["wevtutil cl|sl|im", /wevtutil\s+(?:cl|clear-log|sl|set-log|im|install-manifest|um)\b/i],
  ["-Verb RunAs", /-Verb\s+RunAs/i],
  ["manage-bde (needs elevation)", /manage-bde/i],
  ["a download", /\b(?:iwr|irm|curl|wget|Invoke-WebRequest|Invoke-RestMethod|DownloadString|Net\.WebClient)\b/i],
  ["iex", /\biex\b/i],
  ["a redirection into a file", /(?<![0-9])>(?!&)\s*[A-Za-z$"'%]/],
  ["DigitalProductId/ProductId", /\bProductId\b/i],
  ["the MDM WMI bridge", /dmmap/i],
];

describe("content/evidence-bundle.yaml", () => {
  it("loads without problems", () => {
    expect(load().issues).toEqual([]);
    expect(bundle.sections.length).toBeGreaterThan(10);
  });

  it("is on the knowledge base the shells load", () => {
    const loaded = loadKnowledgeBase(readContentFiles(join(ROOT, "content"), ROOT));
    expect(loaded.issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(loaded.kb?.bundle?.powershell.command).toBe(bundle.powershell.command);
  });

  describe("the PowerShell command", () => {
    it("parses under the PowerShell grammar with no error node", () => {
      const { errors, names } = commandsOf(bundle.powershell.command);
      expect(errors).toEqual([]);
      // The grammar saw the commands: a tree of one string would also have no error.
      expect(names).toEqual(expect.arrayContaining(["Get-ItemProperty", "Get-AppxPackage", "Select-String", "Set-Clipboard", "X"]));
    });

    it("the grammar test can fail: a broken quote is an error node", () => {
      expect(commandsOf(bundle.powershell.command.replace("S 'ver'", "S 'ver")).errors.length).toBeGreaterThan(0);
    });

    it("runs no command with a writing verb (Set-Clipboard aside)", () => {
      const writing = commandsOf(bundle.powershell.command).names.filter((n) => DENIED_VERB.test(n) && !ALLOWED.has(n.toLowerCase()));
      expect(writing).toEqual([]);
      // And the check sees one when it is there.
      const bad = commandsOf(bundle.powershell.command.replace("S 'end'", "Remove-Item HKCU:\\Software\\Microsoft\\OneDrive; S 'end'")).names;
      expect(bad.filter((n) => DENIED_VERB.test(n) && !ALLOWED.has(n.toLowerCase()))).toEqual(["Remove-Item"]);
    });

    it.each(DENIED_TEXT)("holds no %s", (_label, re) => {
      expect(bundle.powershell.command).not.toMatch(re);
    });

    it("selects registry values by name: every Get-ItemProperty goes through Select-Object or picks one property", () => {
      for (const line of bundle.powershell.command.split("\n").filter((l) => l.includes("Get-ItemProperty"))) {
        expect(line, line).toMatch(/Select-Object '[A-Za-z]+',|\)\.ProductType/);
      }
    });

    it("asks for Get-AppxPackage by name, for the current user", () => {
      const params = commandsOf(bundle.powershell.command).params;
      expect(params).toContain("-Name");
      expect(params.map((p) => p.toLowerCase())).not.toContain("-allusers");
    });

    it("marks each section once, starting with meta and ending with end", () => {
      const ids = powershellSectionIds(bundle.powershell.command);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids[0]).toBe("meta");
      expect(ids.at(-1)).toBe("end");
      // Every marker carries the run's token, printed in meta too (issue 25).
      expect(bundle.powershell.command).toContain('"`r`n===== FIXPATH:$n $t ====="');
      expect(bundle.powershell.command).toContain('"run=$t"');
    });

    it("keeps errors inside their section: the whole block is redirected 2>&1 and every external tool runs through the one wrapper", () => {
      expect(bundle.powershell.command).toMatch(/S 'end' \} 2>&1 \|/);
      // The wrapper turns a tool's error output into plain lines and survives $ErrorActionPreference='Stop'.
      expect(bundle.powershell.command).toMatch(/\$ErrorActionPreference = 'Continue'/);
      expect(bundle.powershell.command).toMatch(/function X \{[^\n]*2>&1[^\n]*catch/);
      const { names } = commandsOf(bundle.powershell.command);
      const external = names.filter((n) => /^(?:cmd|whoami|dsregcmd|reg|cmdkey|wevtutil)(?:\.exe)?$/i.test(n));
      expect(external).toEqual([]);
      for (const tool of ["whoami /groups", "dsregcmd /status", "wevtutil qe 'Microsoft-Windows-AAD/Operational'", "wevtutil qe 'Microsoft-Windows-User Device Registration/Admin'", "cmdkey /list", "reg query"]) {
        expect(bundle.powershell.command).toContain(`X ${tool}`);
      }
    });

    it("reads HKLM through the 64-bit registry view, so a 32-bit window is not redirected", () => {
      for (const key of ["Windows NT\\CurrentVersion", "Enrollments", "ClickToRun\\Configuration"]) {
        const line = bundle.powershell.command.split("\n").find((l) => l.includes(key))!;
        expect(/X reg query [^;]*\/reg:64/.test(line) || /^S '[a-z-]+'; R '/.test(line), key).toBe(true);
      }
      expect(bundle.powershell.command).toMatch(/function R\([^)]*\)\{[^\n]*\/reg:64/);
      expect(bundle.powershell.command).not.toMatch(/Get-\w+ [^|\n]*HKLM:/);
    });

    it("asks for each app in a try/catch with $p reset, so a failure prints an error, never NOT FOUND", () => {
      const line = bundle.powershell.command.split("\n").find((l) => l.startsWith("S 'appx'"))!;
      expect(line).toMatch(/\$p = \$null; try \{ \$p = @\(Get-AppxPackage -Name \$n -ErrorAction Stop\)/);
      expect(line).toMatch(/catch \{ "\$n : ERROR: /);
    });
  });

  describe("the Command Prompt line", () => {
    it.each(DENIED_TEXT.filter(([l]) => !l.startsWith("a redirection")))("holds no %s", (_label, re) => {
      expect(bundle.cmd.command).not.toMatch(re);
    });

    it("filters the saved sign-ins like the PowerShell command, and marks the run with a token", () => {
      expect(bundle.cmd.command).toMatch(/cmdkey \/list 2>&1 \| findstr \/i \/c:"MicrosoftOffice" \/c:"OneDrive" \/c:"msteams" \/c:"SSO_POP_Device" \/c:"virtualapp\/didlogical"/);
      expect(bundle.cmd.command).toMatch(/^for \/f %t in \("c%RANDOM%%RANDOM%%RANDOM%"\) do @\(/);
      expect(bundle.cmd.command.match(/===== FIXPATH:[a-z-]+ %t =====/g)!.length).toBe(markerSectionIds(bundle.cmd.command).length);
    });

    it("is one line whose markers are all listed sections, ending with end", () => {
      expect(bundle.cmd.command).not.toContain("\n");
      const ids = markerSectionIds(bundle.cmd.command);
      expect(ids.at(-1)).toBe("end");
      for (const id of ids) expect(bundle.sections.map((s) => s.id)).toContain(id);
    });

    it("reads the registry with reg query only, value by value (/v)", () => {
      const regs = [...bundle.cmd.command.matchAll(/\breg (\w+)[^&)]*/g)];
      expect(regs.length).toBeGreaterThan(4);
      for (const m of regs) {
        expect(m[1]).toBe("query");
        expect(m[0]).toMatch(/\/v /);
      }
    });
  });

  describe("its checks", () => {
    it("reports a section the command does not print, at its line", () => {
      const broken = TEXT.replace("{ id: end,", "{ id: ending,");
      const issues = load(broken).issues;
      expect(issues.map((i) => i.code)).toEqual(expect.arrayContaining(["kb/bundle-section-not-printed", "kb/bundle-section-unlisted"]));
      const notPrinted = issues.find((i) => i.code === "kb/bundle-section-not-printed")!;
      expect(notPrinted.line).toBe(TEXT.split("\n").findIndex((l) => l.includes("{ id: end,")) + 1);
    });

    it("reports a command file that is missing, at the field naming it", () => {
      const issues = load(TEXT, new Map([...COMMANDS].filter(([f]) => f !== "evidence-bundle.cmd"))).issues;
      expect(issues).toEqual([expect.objectContaining({ code: "kb/bundle-command-missing", path: "cmd.file", line: TEXT.split("\n").indexOf("  file: evidence-bundle.cmd") + 1 })]);
    });

    it("reports a section the PowerShell command prints but the file does not list", () => {
      const ps = COMMANDS.get("evidence-bundle.ps1")!.replace("S 'end'", "S 'extra'; 'x'; S 'end'");
      const issues = load(TEXT, new Map([...COMMANDS, ["evidence-bundle.ps1", ps]])).issues;
      expect(issues).toEqual([expect.objectContaining({ code: "kb/bundle-section-unlisted", path: "powershell.file" })]);
    });

    it("reports an unconfirmed point that does not exist", () => {
      const issues = load(TEXT.replace("unconfirmed: [bitlocker-values]", "unconfirmed: [bitlocker-map]")).issues;
      expect(issues).toContainEqual(expect.objectContaining({ code: "kb/bundle-unknown-unconfirmed", path: "sections[14].unconfirmed[0]" }));
    });

    it("reports an unknown field and a missing one with a position", () => {
      const issues = load(TEXT.replace("neverTouches:", "neverTouch:")).issues;
      expect(issues.map((i) => i.code).sort()).toEqual(["kb/missing-field", "kb/unknown-field"]);
      expect(issues.every((i) => i.file === "content/evidence-bundle.yaml" && typeof i.line === "number")).toBe(true);
    });

    it("stops the knowledge base from loading when broken", () => {
      const all = readContentFiles(join(ROOT, "content"), ROOT);
      expect(all.map((f) => f.name)).toEqual(expect.arrayContaining([...BUNDLE_COMMAND_FILES]));
      const files = all.map((f) => (f.name === BUNDLE_FILE ? { ...f, text: f.text.replace("version: 1", "version: 2") } : f));
      const loaded = loadKnowledgeBase(files);
      expect(loaded.kb).toBeUndefined();
      expect(loaded.issues[0]?.file).toBe("content/evidence-bundle.yaml");
    });
  });
});
