import { describe, expect, it } from "vitest";
import { parseWhoamiGroups, type Line } from "../../src/evidence/index.ts";
import { windowsFixtures } from "./bundle-helpers.ts";

const lines = (text: string): Line[] => text.split("\n").map((t, i) => ({ n: i + 1, text: t }));

describe("whoami /groups in its three forms", () => {
  it("table (whoami /all): names cut at the underline's columns, the user's own SID left out", () => {
    const g = parseWhoamiGroups(lines(windowsFixtures()[0]!.text));
    expect(g.format).toBe("table");
    expect(g.groups.some((x) => x.sid.startsWith("S-1-5-21-"))).toBe(false);
    expect(g.groups.find((x) => x.sid === "S-1-5-114")).toMatchObject({ name: "NT AUTHORITY\\Local account and member of Administrators group", attributes: "Group used for deny only" });
    expect(g.admin).toMatchObject({ value: true, lines: [16] });
    expect(g.integrity).toMatchObject({ value: "medium", lines: [26] });
    expect(g.elevated.value).toBe(false);
  });

  it("CSV with its header row: the header is no group; the High label means elevated", () => {
    const g = parseWhoamiGroups(lines(windowsFixtures()[1]!.text));
    expect(g.format).toBe("csv");
    expect(g.groups).toHaveLength(5);
    expect(g.elevated).toMatchObject({ value: true, lines: [2] });
  });

  it("list form, in German: SIDs read, names and labels ignored", () => {
    const de = [
      "GRUPPENINFORMATIONEN",
      "",
      "Gruppenname: VORDEFINIERT\\Administratoren",
      "Typ:         Alias",
      "SID:         S-1-5-32-544",
      "Attribute:   Nur für Verweigern verwendete Gruppe",
      "",
      "Gruppenname: Verbindliche Beschriftung\\Mittlere Verbindlichkeitsstufe",
      "Typ:         Bezeichnung",
      "SID:         S-1-16-8192",
      "Attribute:",
    ].join("\n");
    const g = parseWhoamiGroups(lines(de));
    expect(g.format).toBe("list");
    expect(g.groups.map((x) => [x.sid, x.name])).toEqual([
      ["S-1-5-32-544", "VORDEFINIERT\\Administratoren"],
      ["S-1-16-8192", "Verbindliche Beschriftung\\Mittlere Verbindlichkeitsstufe"],
    ]);
    expect(g.admin.value).toBe(true);
    expect(g.elevated.value).toBe(false);
  });

  it("a name that says Administrators without the SID is not admin membership", () => {
    const g = parseWhoamiGroups(lines('"BUILTIN\\Administrators","Alias","S-1-5-32-545","Mandatory group"'));
    expect(g.admin.value).toBe(false);
  });

  it("strips NULs of UTF-16 read as 8-bit text", () => {
    const row = '"BUILTIN\\Administrators","Alias","S-1-5-32-544","Mandatory group"';
    const g = parseWhoamiGroups(lines([...row].join("\u0000")));
    expect(g.admin.value).toBe(true);
  });
});
