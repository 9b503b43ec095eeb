import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, parseConfig } from "../../src/model/config.ts";
import { readConfig } from "../../src/model/config-fs.ts";
import { renderIssue } from "../../src/model/index.ts";

const VALID = `# yaml-language-server: $schema=./schema/config.schema.json
site:
  name: Contoso IT help
  baseUrl: https://help.contoso.example/fixpath/
it:
  name: Contoso Service Desk
  email: servicedesk@contoso.example
  ticketUrl: https://contoso.example/tickets/new
  phone: "+44 20 7946 0000"
  hours: Mon–Fri 8:00–18:00
facts:
  managed: true
  isAdmin: false
  accountType: work
apps: [onedrive, teams]
`;

describe("parseConfig", () => {
  it("reads a complete organisation file", () => {
    const r = parseConfig(VALID);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config).toEqual({
      site: { name: "Contoso IT help", baseUrl: "https://help.contoso.example/fixpath" },
      it: { name: "Contoso Service Desk", email: "servicedesk@contoso.example", ticketUrl: "https://contoso.example/tickets/new", phone: "+44 20 7946 0000", hours: "Mon–Fri 8:00–18:00" },
      facts: { managed: true, isAdmin: false, accountType: "work" },
      apps: ["onedrive", "teams"],
    });
  });

  it("treats an empty file as no organisation", () => {
    expect(parseConfig("# nothing yet\n")).toEqual({ ok: true, config: DEFAULT_CONFIG, issues: [] });
  });

  // Every field broken once: the code, the line:col of the broken value (or key), and a fix.
  it.each([
    ["site.name empty", VALID.replace("name: Contoso IT help", 'name: ""'), "config/empty", "site.name", 3, 9],
    ["site.baseUrl without a scheme", VALID.replace("https://help.contoso.example/fixpath/", "help.contoso.example"), "config/bad-url", "site.baseUrl", 4, 12, 'write it with its scheme: "https://help.contoso.example"'],
    ["site.baseUrl with a query", VALID.replace("fixpath/", "fixpath?x=1"), "config/bad-url", "site.baseUrl", 4, 12, "drop the ?query"],
    ["site.baseUrl ftp", VALID.replace("https://help.contoso.example/fixpath/", "ftp://help.contoso.example"), "config/bad-url", "site.baseUrl", 4, 12],
    ["site: misspelt field", VALID.replace("  baseUrl:", "  baseURL:"), "config/unknown-field", "site.baseURL", 4, 3, 'did you mean "baseUrl"?'],
    ["it.name missing", VALID.replace("  name: Contoso Service Desk\n", ""), "config/missing-field", "it.name", 5, 1],
    ["it.email not an address", VALID.replace("servicedesk@contoso.example", "Service Desk <servicedesk@contoso.example>"), "config/bad-email", "it.email", 7, 10],
    ["it.ticketUrl not a URL", VALID.replace("https://contoso.example/tickets/new", "tickets"), "config/bad-url", "it.ticketUrl", 8, 14],
    ["it.phone letters", VALID.replace('"+44 20 7946 0000"', "call us"), "config/bad-format", "it.phone", 9, 10],
    ["it.hours too long", VALID.replace("Mon–Fri 8:00–18:00", "x".repeat(81)), "config/too-long", "it.hours", 10, 10],
    ["it: no contact at all", VALID.replace(/ {2}email:.*\n {2}ticketUrl:.*\n {2}phone:.*\n/, ""), "config/no-contact", "it", 6, 3],
    ["facts: unknown fact", VALID.replace("  managed: true", "  manged: true"), "config/unknown-fact", "facts.manged", 12, 3, 'did you mean "managed"?'],
    ["facts: managed false is less cautious", VALID.replace("managed: true", "managed: false"), "config/less-cautious-preset", "facts.managed", 12, 12],
    ["facts: isAdmin true is less cautious", VALID.replace("isAdmin: false", "isAdmin: true"), "config/less-cautious-preset", "facts.isAdmin", 13, 12],
    ["facts: a boolean written as text", VALID.replace("managed: true", 'managed: "yes"'), "config/wrong-type", "facts.managed", 12, 12, "write true (without quotes)"],
    ["facts: a choice not in the table", VALID.replace("accountType: work", "accountType: wrok"), "config/bad-fact-value", "facts.accountType", 14, 16, 'did you mean "work"?'],
    ["facts: a per-incident fact", VALID.replace("  accountType: work", "  otherErrorAfterSignIn: 0x8004de40"), "config/not-presettable", "facts.otherErrorAfterSignIn", 14, 3],
    ["facts: app has its own setting", VALID.replace("  accountType: work", "  app: onedrive"), "config/not-presettable", "facts.app", 14, 3, 'remove "app"'],
    ["apps: unknown app", VALID.replace("[onedrive, teams]", "[onedrive, skype]"), "config/bad-value", "apps[1]", 15, 18],
    ["apps: listed twice", VALID.replace("[onedrive, teams]", "[onedrive, onedrive]"), "config/duplicate-app", "apps[1]", 15, 18],
    ["apps: empty", VALID.replace("[onedrive, teams]", "[]"), "config/empty", "apps", 15, 7],
    ["top level: misspelt section", VALID.replace("apps:", "app:"), "config/unknown-field", "app", 15, 1, 'did you mean "apps"?'],
    ["YAML syntax", VALID.replace("  hours: Mon–Fri", "   hours: Mon–Fri"), "config/yaml-syntax", "(file)", 10, 1],
    ["duplicate key", VALID + "apps: [office]\n", "config/duplicate-key", "(file)", 16, 1],
    ["not a mapping", "- managed: true\n", "config/wrong-type", "(file)", 1, 1],
  ])("%s", (_title, text, code, path, line, col, hint?: string) => {
    const r = parseConfig(text);
    expect(r.ok).toBe(false);
    const issue = r.issues.find((i) => i.code === code);
    expect(issue, r.issues.map(renderIssue).join("\n")).toBeDefined();
    expect(issue).toMatchObject({ path, line, col, file: "fixpath.config.yaml" });
    expect(issue!.hint ?? "").not.toBe("");
    if (hint) expect(issue!.hint).toContain(hint);
  });

  it("renders a problem as file:line:col  code  path, what was found, and a fix", () => {
    const r = parseConfig(VALID.replace("managed: true", "managed: false"));
    expect(r.issues.map(renderIssue).join("\n")).toMatchInlineSnapshot(`
      "fixpath.config.yaml:12:12  config/less-cautious-preset  facts.managed
        a preset can only make plans more cautious, and "managed: false" would offer steps that are held back while it is unknown (expected managed: true, or no preset, found false)
        Fix: remove "managed" from facts (people then answer it themselves)"
    `);
  });

  it("reports every problem of the file in one run", () => {
    const r = parseConfig(VALID.replace("managed: true", "managed: false").replace("[onedrive, teams]", "[onedrive, skype]").replace("baseUrl: https", "baseUrl: htps"));
    expect(r.issues.map((i) => i.code).sort()).toEqual(["config/bad-url", "config/bad-value", "config/less-cautious-preset"]);
  });
});

describe("readConfig", () => {
  const dir = () => mkdtempSync(join(tmpdir(), "fixpath-config-"));

  it("is the public site when there is no file", () => {
    expect(readConfig({}, dir())).toMatchObject({ ok: true, config: DEFAULT_CONFIG });
  });

  it("reads fixpath.config.yaml from the working folder, and FIXPATH_CONFIG elsewhere", () => {
    const d = dir();
    writeFileSync(join(d, "fixpath.config.yaml"), VALID);
    writeFileSync(join(d, "other.yaml"), "apps: [office]\n");
    expect(readConfig({}, d)).toMatchObject({ ok: true, config: { apps: ["onedrive", "teams"] } });
    expect(readConfig({ FIXPATH_CONFIG: "other.yaml" }, d)).toMatchObject({ ok: true, config: { apps: ["office"] } });
  });

  it("says what to do when FIXPATH_CONFIG names no file, a folder, or a UTF-16 file", () => {
    const d = dir();
    mkdirSync(join(d, "folder"));
    writeFileSync(join(d, "utf16.yaml"), Buffer.from("\uFEFFapps: [office]\n", "utf16le"));
    expect(readConfig({ FIXPATH_CONFIG: "nope.yaml" }, d).issues[0]).toMatchObject({ code: "config/missing-file", file: "nope.yaml" });
    expect(readConfig({ FIXPATH_CONFIG: "folder" }, d).issues[0]).toMatchObject({ code: "config/not-a-file" });
    expect(readConfig({ FIXPATH_CONFIG: "utf16.yaml" }, d).issues[0]).toMatchObject({ code: "config/not-text", hint: "save it as UTF-8 text" });
  });
});
