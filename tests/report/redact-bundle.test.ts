import { describe, expect, it } from "vitest";
import { collectBundleIdentifiers, createBundleRedactor, identifiesSomeone } from "../../src/report/redact.ts";
import { bundleOf, bundleFixtures, section, windowsFixtures } from "../evidence/bundle-helpers.ts";
import { readFixtures } from "../evidence/helpers.ts";

/** Identifiers read by eye from each fixture: none may survive redaction. */
const BY_HAND: Record<string, string[]> = {
  "01-whoami-all-local-admin-not-elevated": ["memn0ps", "windows-10-vm\\user", "S-1-5-21-3694103140-4081734440-3706941413-1001"],
  "03-currentversion-get-itemproperty-win10-21h2": ["user1", "00330-80000-00000-AA949"],
  "04-currentversion-reg-query-win10-enterprise-22h2": ["00329-00000-00003-AA153"],
  "06-wevtutil-text-russian-labels": ["DESKTOP-82V9KDO"],
  "07-wevtutil-text-english": ["WIN-1O0UJBNP9G7", "Users\\Administrator"],
  "08-cmdkey-list-office-adal-onedrive": ["airoldia1", "danbttest1.danieli.it", "cosmo\\airoldia1", "3e47136a-2382-43d3-98e7-fa3646a91bfe"],
  "10-dsregcmd-listaccounts-win11": ["muehsig", "xxxx.xxxx@xxxx.com", "a17axxxx-xxxx-xxxx-xxxx-1caa2b93xxxx", "85c7xxxx-xxxx-xxxx-xxxx-34dc6b33xxxx"],
  "90-derived-bundle-from-fixtures": ["ana@contoso.com", "Users\\ana", "Users\\someone", "1a2b3c4d5e6f7a8b", "3e47136a-2382-43d3-98e7-fa3646a91bfe", "airoldia1", "danbttest1.danieli.it"],
};

/** Shapes that are identifiers wherever they appear, checked on every redacted fixture. */
const LEFTOVERS: [string, RegExp][] = [
  ["a user SID", /S-1-5-21-\d+-\d+-\d+/],
  ["an e-mail or UPN", /[\w.+-]+@[\w-]+\.[\w.]+/],
  ["a GUID", /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i],
  ["a profile folder", /[A-Z]:\\Users\\(?!\[)[^\\\s>]+/i],
  ["a credential target", /:target=(?!\[)\S/],
  ["a computer name", /^\s*Computer:\s*(?!\[|N\/A)\S/m],
];

const cases = [
  ...windowsFixtures().map((f) => ({ ...f, text: f.text })),
  ...bundleFixtures(),
  // dsregcmd captures inside a bundle: the dsregcmd part's identifiers are collected too.
  ...readFixtures().map((f) => ({ name: `dsregcmd ${f.name}`, text: section("dsregcmd", f.text) + section("end", "") })),
];

describe("redaction of every fixture", () => {
  it.each(cases)("$name: nothing identifying is left", ({ name, text }) => {
    const ev = bundleOf(text).evidence;
    const redact = createBundleRedactor(ev);
    const out = redact(text);
    for (const id of BY_HAND[name] ?? []) expect(out.toLowerCase(), id).not.toContain(id.toLowerCase());
    for (const id of collectBundleIdentifiers(ev).filter(identifiesSomeone)) {
      expect(out.toLowerCase(), id).not.toContain(id.toLowerCase());
    }
    for (const [what, re] of LEFTOVERS) expect(out, `${what} in ${name}`).not.toMatch(re);
    // Redacting twice changes nothing, and what identifies nobody stays readable.
    expect(redact(out)).toBe(out);
    if (text.includes("S-1-5-32-544")) expect(out).toContain("S-1-5-32-544");
    if (/Event ID[: ]+1081/.test(text)) expect(out).toMatch(/Event ID[: ]+1081/);
  });

  it("keeps the analysis of a redacted bundle: the same facts", () => {
    const text = bundleFixtures()[0]!.text;
    const a = bundleOf(text);
    expect(bundleOf(createBundleRedactor(a.evidence)(text)).facts.facts).toEqual(a.facts.facts);
  });
});

describe("words that look like names, and hosts in URLs (issue 25)", () => {
  const redact = createBundleRedactor();

  it("keeps Windows' own names and words with letters outside English", () => {
    for (const text of ["HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "NT AUTHORITY\\SYSTEM", "AUTORITE NT\\Système", "Étiquette obligatoire\\Niveau obligatoire système"]) {
      expect(redact(text)).toBe(text);
    }
    expect(redact("Executing Account Name : CONTOSO\\ana")).toBe("Executing Account Name : [account-1]");
  });

  it("replaces the AD FS host of EnterprisePrtAuthority and other hosts, not Microsoft's public sign-in hosts", () => {
    const out = redact("EnterprisePrtAuthority : https://sts.contoso.com:443/adfs\nAzureAdPrtAuthority : https://login.microsoftonline.com/x\nJoinSrvUrl : https://enterpriseregistration.windows.net/EnrollmentServer/device/\nProxy: http://proxy.corp.fabrikam.net:8080");
    expect(out).toContain("https://[host-1]:443/adfs");
    expect(out).toContain("http://[host-2]:8080");
    expect(out).toContain("https://login.microsoftonline.com/x");
    expect(out).toContain("https://enterpriseregistration.windows.net/");
    expect(redact(out)).toBe(out);
  });
});
