// fixpath analyze: links to the page of the code and app the paste names, absolute with a base
// URL; the bundle's "not confirmed yet" points only on request; fixpath start checks its settings
// before it writes anything.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { fakeIo, ROOT } from "../helpers/io.ts";

const dir = mkdtempSync(join(tmpdir(), "fixpath-analyze-"));
const status = readFileSync(join(ROOT, "tests/fixtures/dsregcmd/03-aadinternals-entra-joined-no-prt.txt"), "utf8");
const bundle = join(ROOT, "tests/fixtures/bundle/90-derived-bundle-from-fixtures.txt");

describe("fixpath analyze: links", () => {
  it("points a step's link at the guide of the app the paste names", async () => {
    const file = join(dir, "outlook.txt");
    writeFileSync(file, `${status}\nOutlook said: CAA50021\n`);
    const io = fakeIo();
    expect(await main(["analyze", file], io)).toBe(0);
    expect(io.out()).toContain("/codes/caa50021/outlook/#fix-check-device-registration");
    expect(io.out()).not.toContain("/codes/caa50021/onedrive/#");
  });

  it("makes every link absolute with a base URL", async () => {
    const io = fakeIo({ env: { FIXPATH_BASE_URL: "https://help.example.com" } });
    expect(await main(["analyze", bundle], io)).toBe(0);
    const links = io.out().match(/(?:see [^\n]*: |→ |^ {2})(\S*\/codes\/\S+)/gm) ?? [];
    expect(links.length).toBeGreaterThan(3);
    for (const l of links) expect(l).toContain("https://help.example.com/codes/");
  });
});

describe("fixpath analyze: the points not confirmed yet", () => {
  it("counts them by default and lists them with --unconfirmed", async () => {
    const plain = fakeIo();
    expect(await main(["analyze", bundle], plain)).toBe(0);
    expect(plain.out()).toMatch(/\n\d+ points about what these parts show are not confirmed yet: add --unconfirmed to list them\./);
    expect(plain.out()).not.toContain("\nNot confirmed yet\n");
    const all = fakeIo();
    expect(await main(["analyze", bundle, "--unconfirmed"], all)).toBe(0);
    expect(all.out()).toContain("\nNot confirmed yet\n  - ");
  });
});

describe("fixpath start", () => {
  it("refuses a short operator token before it creates the data folder", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "fixpath-start-"));
    const io = fakeIo({ cwd, env: { FIXPATH_OPERATOR_TOKEN: "short" } });
    expect(await main(["start"], io)).toBe(2);
    expect(io.err()).toContain("FIXPATH_OPERATOR_TOKEN is shorter than 16 characters");
    expect(existsSync(join(cwd, "data"))).toBe(false);
  });
});
