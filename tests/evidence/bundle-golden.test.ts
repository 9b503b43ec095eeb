import { describe, expect, it } from "vitest";
import { bundleOf, bundleFixtures, windowsFixtures, withoutLines } from "./bundle-helpers.ts";
import { toCrlf, utf16leWithBom } from "./helpers.ts";
import { loadProjectKb } from "../helpers/kb.ts";

const kb = loadProjectKb();
const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";
const EXPECTED: Record<string, string> = {
  "01-whoami-all-local-admin-not-elevated": "whoami-groups",
  "02-whoami-groups-csv-elevated-admin": "whoami-groups",
  "03-currentversion-get-itemproperty-win10-21h2": "os",
  "04-currentversion-reg-query-win10-enterprise-22h2": "os",
  "05-enrollments-export-placeholder-no-providerid": "mdm",
  "06-wevtutil-text-russian-labels": "aad-operational",
  "07-wevtutil-text-english": "aad-operational",
  "08-cmdkey-list-office-adal-onedrive": "credman",
  "09-appx-brokerplugin-allusers": "appx",
  "10-dsregcmd-listaccounts-win11": "listaccounts",
  "11-appx-msteams": "appx",
  "12-aad-operational-1081-aadsts50034": "aad-operational",
  "13-aad-operational-1098-caa5001c": "aad-operational",
};

describe("every shared Windows fixture, pasted on its own", () => {
  const fixtures = windowsFixtures();
  it("has all thirteen", () => expect(fixtures.map((f) => f.name)).toEqual(Object.keys(EXPECTED)));

  describe.each(fixtures)("$name", ({ name, text }) => {
    const base = bundleOf(text, kb);

    it("is recognised as its section and read", () => {
      const sections = Object.values(base.evidence.sections);
      expect(sections.map((s) => [s!.id, s!.state])).toEqual([[EXPECTED[name], "read"]]);
    });

    it("matches its golden file", async () => {
      await expect(json(base)).toMatchFileSnapshot(`../fixtures/windows/${name}.json`);
    });

    it("gives the same analysis as UTF-16LE with a BOM and with CRLF line ends", () => {
      expect(bundleOf(utf16leWithBom(text), kb)).toEqual(base);
      expect(bundleOf(toCrlf(text), kb)).toEqual(base);
    });

    it("gives the same values with a prompt line first, lines shifted by one", () => {
      const prompted = bundleOf(`PS C:\\Users\\someone> the command\n${text}`, kb);
      expect(withoutLines(prompted)).toEqual(withoutLines(base));
      const firstFinding = base.findings[0];
      if (firstFinding) expect(prompted.findings[0]!.lines).toEqual(firstFinding.lines.map((l) => l + 1));
    });

    it("gives the same values inside a bundle, under its marker", () => {
      // The bundle prints no prompt inside a section: the fixture's own prompt line is left out.
      const body = text.replace(/^(?:PS )?[A-Z]:\\[^>\n]*>.*\n/, "");
      const inBundle = bundleOf(`\n===== FIXPATH:${EXPECTED[name]} =====\n${body}\n===== FIXPATH:end =====\n`, kb);
      const a = withoutLines(Object.values(inBundle.evidence.sections)[0]!.data);
      expect(a).toEqual(withoutLines(Object.values(base.evidence.sections)[0]!.data));
    });
  });
});

describe("bundle fixtures", () => {
  describe.each(bundleFixtures())("$name", ({ name, text }) => {
    const base = bundleOf(text, kb);
    it("matches its golden file", async () => {
      await expect(json(base)).toMatchFileSnapshot(`../fixtures/bundle/${name}.json`);
    });
    it("gives the same analysis as UTF-16LE, as CRLF, and as UTF-16LE with CRLF", () => {
      expect(bundleOf(utf16leWithBom(text), kb)).toEqual(base);
      expect(bundleOf(toCrlf(text), kb)).toEqual(base);
      expect(bundleOf(utf16leWithBom(toCrlf(text)), kb)).toEqual(base);
    });
    it("gives the same values when a longer prompt comes first", () => {
      const shifted = bundleOf(`PS C:\\> cd \\\nPS C:\\> & { … }\n${text}`, kb);
      expect(withoutLines(shifted.facts)).toEqual(withoutLines(base.facts));
      expect(withoutLines(shifted.findings)).toEqual(withoutLines(base.findings));
    });
  });
});
