// Fixpath for an organisation in the CLI: `validate` checks fixpath.config.yaml with the content,
// `report` names where the report goes and makes its links absolute, a broken file stops `start`.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { runStart } from "../../src/cli/start.ts";
import { startSession } from "../../src/engine/index.ts";
import { fakeIo, ROOT } from "../helpers/io.ts";
import { loadProjectKb } from "../helpers/kb.ts";

const CONFIG = `site:
  name: Contoso IT help
  baseUrl: https://help.contoso.example
it:
  name: Contoso Service Desk
  email: servicedesk@contoso.example
  phone: "+44 20 7946 0000"
facts:
  managed: true
`;

function orgDir(config: string): string {
  const dir = mkdtempSync(join(tmpdir(), "fixpath-org-"));
  writeFileSync(join(dir, "fixpath.config.yaml"), config);
  return dir;
}

describe("fixpath validate with an organisation file", () => {
  it("checks it with the content and names it", async () => {
    const io = fakeIo({ cwd: orgDir(CONFIG) });
    expect(await main(["validate", join(ROOT, "content")], io)).toBe(0);
    expect(io.out()).toContain("✔ fixpath.config.yaml (the organisation file) is valid");
  });

  it("prints each problem of a broken one as file:line:col, and fails", async () => {
    const io = fakeIo({ cwd: orgDir(CONFIG.replace("managed: true", "managed: false")) });
    expect(await main(["validate", join(ROOT, "content")], io)).toBe(1);
    expect(io.out()).toMatch(/^fixpath\.config\.yaml:9:12 {2}config\/less-cautious-preset {2}facts\.managed$/m);
    expect(io.out()).toContain("✖ 1 problem in fixpath.config.yaml (the organisation file)");
  });
});

describe("fixpath report for an organisation", () => {
  const sessionFile = (dir: string) => {
    const started = startSession(loadProjectKb(), { code: "CAA50021", app: "onedrive", facts: { accountType: "work", windowsServer: true } });
    if (!started.ok) throw new Error("no session");
    writeFileSync(join(dir, ".fixpath-session.json"), JSON.stringify({ kind: "fixpath-session", version: 1, session: started.session }));
  };

  it("says where the report goes (on stderr) and links pages at the organisation's address", async () => {
    const dir = orgDir(CONFIG);
    sessionFile(dir);
    const io = fakeIo({ cwd: dir });
    expect(await main(["report", "--format", "txt"], io)).toBe(0);
    expect(io.err()).toBe("Send this report to Contoso Service Desk:\n  E-mail: servicedesk@contoso.example\n  Phone: +44 20 7946 0000\n");
    expect(io.out()).toContain("https://help.contoso.example/codes/caa50021/onedrive/");
  });

  it("takes --base-url over FIXPATH_BASE_URL over the file, and refuses one that is not an address", async () => {
    const dir = orgDir(CONFIG);
    sessionFile(dir);
    const flag = fakeIo({ cwd: dir, env: { FIXPATH_BASE_URL: "https://env.example" } });
    expect(await main(["report", "--format", "txt", "--base-url", "https://flag.example"], flag)).toBe(0);
    expect(flag.out()).toContain("https://flag.example/codes/caa50021/onedrive/");
    const env = fakeIo({ cwd: dir, env: { FIXPATH_BASE_URL: "https://env.example" } });
    expect(await main(["report", "--format", "txt"], env)).toBe(0);
    expect(env.out()).toContain("https://env.example/codes/caa50021/onedrive/");
    const bad = fakeIo({ cwd: dir });
    expect(await main(["report", "--base-url", "intranet"], bad)).toBe(2);
    expect(bad.err()).toMatch(/is not a web address\. Fix: give the site's address/);
  });
});

describe("fixpath diagnose --answers for an organisation", () => {
  it("plans with the organisation's presets: a managed PC stays managed whatever the answers say", async () => {
    const dir = orgDir(CONFIG);
    writeFileSync(join(dir, "answers.json"), JSON.stringify({ accountType: "work", managed: false, isAdmin: true, where: "banner", windowsServer: false, multipleUsersAffected: false, filesNotSyncedZeroFiles: false }));
    const io = fakeIo({ cwd: dir });
    expect(await main(["diagnose", "CAA50021", "--app", "onedrive", "--answers", "answers.json", "--json"], io)).toBe(0);
    const plan = JSON.parse(io.out()) as { steps: { id: string; status: string }[]; organisation?: { fact: string; value: unknown; overrode?: unknown }[] };
    expect(plan.organisation).toEqual([expect.objectContaining({ fact: "managed", value: true, overrode: false })]);
    expect(plan.steps.find((s) => s.id === "cleanup-wam-accounts")?.status).toBe("ask-admin");
    const plain = fakeIo({ cwd: orgDir("apps: [onedrive]\n") });
    writeFileSync(join(plain.cwd, "answers.json"), JSON.stringify({ accountType: "work", managed: false, isAdmin: true, where: "banner", windowsServer: false, multipleUsersAffected: false, filesNotSyncedZeroFiles: false }));
    expect(await main(["diagnose", "CAA50021", "--app", "onedrive", "--answers", "answers.json", "--json"], plain)).toBe(0);
    expect((JSON.parse(plain.out()) as typeof plan).steps.find((s) => s.id === "cleanup-wam-accounts")?.status).toBe("do");
  });
});

describe("fixpath start with a broken organisation file", () => {
  it("stops before anything starts, with each problem and exit 2", async () => {
    const io = fakeIo({ cwd: orgDir(CONFIG.replace("baseUrl: https://", "baseUrl: ")) , env: { FIXPATH_DB: ":memory:" } });
    await expect(runStart(loadProjectKb(), io, Promise.resolve())).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/organisation file has a problem:\nfixpath\.config\.yaml:3:12 {2}config\/bad-url {2}site\.baseUrl/) });
  });
});
