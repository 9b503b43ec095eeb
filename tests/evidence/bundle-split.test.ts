import { describe, expect, it } from "vitest";
import { analyzePaste, splitBundle, MAX_SPLIT_NOTES } from "../../src/evidence/index.ts";
import { bundleOf, section } from "./bundle-helpers.ts";
import { utf16leWithBom } from "./helpers.ts";

const GROUPS = '"Mandatory Label\\Medium Mandatory Level","Label","S-1-16-8192",""\n"BUILTIN\\Users","Alias","S-1-5-32-545","Mandatory group"';
const OS = "EditionID        : Professional\nInstallationType : Client\nCurrentBuild     : 22631";

describe("splitBundle", () => {
  it("splits on the markers, keeps line numbers and the lines before the first marker", () => {
    const text = `PS C:\\> & { … }${section("ver", "Microsoft Windows [Version 10.0.22631.4460]")}${section("end", "")}`;
    const s = splitBundle(text);
    expect(s.before.map((l) => l.n)).toEqual([1]);
    expect(s.sections.map((x) => [x.id, x.markerLine])).toEqual([["ver", 2], ["end", 5]]);
    expect(s.sections[0]!.lines.map((l) => l.n)).toEqual([3, 4]); // 4: the blank line the next marker starts with
    expect(s.complete).toBe(true);
    expect(s.notes).toEqual([]);
  });

  it("reads a marker echoed by Select-String (`> ` first) and with trailing spaces", () => {
    expect(splitBundle("> ===== FIXPATH:ver =====   \nx\n===== FIXPATH:end =====").sections.map((x) => x.id)).toEqual(["ver", "end"]);
  });

  it("reads a part that comes again as a second run (earlier command, no token), and uses the last complete run", () => {
    const text = section("os", OS) + section("os", OS.replace("22631", "19045")) + section("end", "");
    const s = splitBundle(text);
    expect(s.runs.map((r) => [r.parts, r.endLine !== undefined])).toEqual([[["os"], false], [["os", "end"], true]]);
    expect(s.used).toBe(1);
    expect(s.notes.map((n) => n.code)).toEqual(["bundle/cut-off", "bundle/runs"]);
    expect(bundleOf(text).evidence.sections.os!.data.currentBuild!.value).toBe(19045);
  });

  it("reads sections out of order without a note: the order says nothing", () => {
    const text = section("os", OS) + section("whoami-groups", GROUPS) + section("end", "");
    const a = bundleOf(text);
    expect(a.evidence.notes.map((n) => n.code)).toEqual([]);
    expect(a.facts.facts).toMatchObject({ isAdmin: false, windowsServer: false });
  });

  it("keeps an unknown section's lines and reads none of them", () => {
    const s = splitBundle(section("wmi", "secret") + section("end", ""));
    expect(s.notes.map((n) => n.code)).toEqual(["bundle/unknown-section"]);
    expect(s.sections[0]).toMatchObject({ id: "wmi", known: false });
    expect(bundleOf(section("wmi", "x") + section("ver", "[Version 10.0.1.2]") + section("end", "")).evidence.sections).not.toHaveProperty("wmi");
  });

  it("reads a marker inside event text as event text when it names an earlier or unknown section", () => {
    const events = "Event[0]:\n  Event ID: 1081\n  Description:\nOAuth response error: invalid_grant\n===== FIXPATH:whoami-groups =====\n===== FIXPATH:nope =====\nError description: AADSTS50126: wrong password";
    const text = section("aad-operational", events) + section("udr-admin", "Event[0]:\n  Event ID: 304") + section("end", "");
    const a = bundleOf(text);
    expect(a.evidence.notes.map((n) => n.code)).toEqual(["bundle/marker-in-text", "bundle/marker-in-text"]);
    expect(a.evidence.sections).not.toHaveProperty("whoami-groups");
    const ev = a.evidence.sections["aad-operational"]!.data.events;
    expect(ev).toHaveLength(1);
    expect(ev[0]!.codes.map((c) => c.display)).toEqual(["AADSTS50126"]);
    expect(a.evidence.sections["udr-admin"]!.data.events[0]!.id!.value).toBe(304);
  });

  it("reads a quoted marker of a later section as event text when the next event continues the numbering", () => {
    const events = "Event[0]:\n  Event ID: 1081\n  Description:\nthe log quotes\n===== FIXPATH:udr-admin =====\n===== FIXPATH:end =====\nEvent[1]:\n  Event ID: 1081\n  Description:\nError description: AADSTS50126: wrong password";
    const text = section("aad-operational", events) + section("udr-admin", "Event[0]:\n  Event ID: 304") + section("end", "");
    const a = bundleOf(text);
    expect(a.evidence.notes.map((n) => n.code)).toEqual(["bundle/marker-in-text", "bundle/marker-in-text"]);
    expect(a.evidence.complete).toBe(true);
    const ev = a.evidence.sections["aad-operational"]!.data.events;
    expect(ev.map((e) => e.codes.map((c) => c.display))).toEqual([[], ["AADSTS50126"]]);
    expect(a.evidence.sections["udr-admin"]!.data.events.map((e) => e.id!.value)).toEqual([304]);
  });

  it("reads a quoted end marker in the last event as event text when a real later marker follows", () => {
    const events = "Event[0]:\n  Event ID: 1081\n  Description:\n===== FIXPATH:end =====\nError description: AADSTS50126: wrong password";
    const a = bundleOf(section("aad-operational", events) + section("udr-admin", "Event[0]:\n  Event ID: 304") + section("end", ""));
    expect(a.evidence.notes.map((n) => n.code)).toEqual(["bundle/marker-in-text"]);
    expect(a.evidence.sections["aad-operational"]!.data.events[0]!.codes.map((c) => c.display)).toEqual(["AADSTS50126"]);
    expect(a.evidence.sections["udr-admin"]!.data.events[0]!.id!.value).toBe(304);
    expect(a.evidence.seen.map((s) => s.id)).toEqual(["aad-operational", "udr-admin", "end"]);
  });

  it("still ends the events at a real later marker, and keeps two runs pasted one after the other apart", () => {
    const run = section("aad-operational", "Event[0]:\n  Event ID: 1081\n  Description:\nx") + section("udr-admin", "Event[0]:\n  Event ID: 304") + section("end", "");
    const s = splitBundle(section("ver", "[Version 10.0.1.2]") + run + section("ver", "[Version 10.0.1.3]") + run);
    expect(s.sections.map((x) => x.id)).toEqual(["ver", "aad-operational", "udr-admin", "end", "ver", "aad-operational", "udr-admin", "end"]);
    expect(s.runs).toHaveLength(2);
    expect(s.notes.map((n) => n.code)).toEqual(["bundle/runs"]);
  });

  it("says a paste without the end marker was cut off, and flags the last section", () => {
    const text = section("ver", "[Version 10.0.1.2]") + section("whoami-groups", GROUPS.split("\n")[0]!);
    const s = splitBundle(text);
    expect(s.complete).toBe(false);
    expect(s.sections.at(-1)).toMatchObject({ id: "whoami-groups", cutOff: true });
    expect(s.notes.at(-1)!.code).toBe("bundle/cut-off");
    const a = bundleOf(text);
    expect(a.findings.map((f) => f.id)).toContain("bundle-cut-off");
  });

  it("splits 10,000 sections in one pass, caps its notes and reads the last of each", () => {
    const parts: string[] = [];
    for (let i = 0; i < 10_000; i++) parts.push(section(i % 2 ? "os" : "ver", i % 2 ? OS.replace("22631", String(20000 + i)) : `[Version 10.0.${i}.1]`));
    const text = parts.join("") + section("end", "");
    const s = splitBundle(text);
    expect(s.sections).toHaveLength(10_001);
    expect(s.notes).toHaveLength(MAX_SPLIT_NOTES + 1);
    expect(s.notes.at(-1)!.code).toBe("bundle/notes-capped");
    const a = bundleOf(text);
    expect(a.evidence.sections.os!.data.currentBuild!.value).toBe(29999);
    expect(a.evidence.sections.ver!.data!.build).toBe(9998);
  });

  it("reads thousands of quoted markers inside events as event text and still finds the real ones", () => {
    const events: string[] = [];
    for (let i = 0; i < 3_000; i++) events.push(`Event[${i}]:\n  Event ID: 1081\n  Description:\n===== FIXPATH:${["udr-admin", "end", "nope"][i % 3]} =====\n===== FIXPATH:end =====`);
    const text = section("aad-operational", events.join("\n")) + section("udr-admin", "Event[0]:\n  Event ID: 304") + section("end", "");
    const a = bundleOf(text);
    expect(a.evidence.sections["aad-operational"]!.data.events).toHaveLength(3_000);
    expect(a.evidence.sections["udr-admin"]!.data.events.map((e) => e.id!.value)).toEqual([304]);
    expect(a.evidence.complete).toBe(true);
    expect(a.evidence.notes.filter((n) => n.code === "bundle/marker-in-text")).toHaveLength(MAX_SPLIT_NOTES);
  });

  it("reads other languages: translated names and attributes do not matter, SIDs do", () => {
    const de = '"Verbindliche Beschriftung\\Mittlere Verbindlichkeitsstufe","Bezeichnung","S-1-16-8192",""\n"VORDEFINIERT\\Administratoren","Alias","S-1-5-32-544","Nur für Verweigern verwendete Gruppe"';
    const a = bundleOf(section("whoami-groups", de) + section("end", ""));
    expect(a.facts.facts.isAdmin).toBe(true);
    expect(a.evidence.sections["whoami-groups"]!.data.elevated.value).toBe(false);
  });

  it("refuses binary input with a clear message and no crash", () => {
    const bytes = new Uint8Array(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37) % 256;
    const a = analyzePaste(bytes);
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.issues[0]!.message).toMatch(/not text/);
  });

  it("reads a UTF-16LE bundle the same as its text", () => {
    const text = section("whoami-groups", GROUPS) + section("os", OS) + section("end", "");
    expect(bundleOf(utf16leWithBom(text))).toEqual(bundleOf(text));
  });
});

describe("pastes of the earlier command (no run token)", () => {
  it("a first run cut inside its events with a full rerun below it: the rerun is read, not swallowed", () => {
    const run = section("meta", "bundle=1") + section("whoami-groups", GROUPS) + section("os", OS) + section("aad-operational", "Event[0]:\n  Event ID: 1081\n  Description:\nOAuth response error: invalid_grant");
    const text = run + run + section("udr-admin", "Event[0]:\n  Event ID: 304") + section("end", "");
    const a = bundleOf(text);
    expect(a.evidence.runs.map((r) => r.endLine !== undefined)).toEqual([false, true]);
    expect(a.evidence.usedRun).toBe(1);
    expect(a.facts.facts).toMatchObject({ isAdmin: false, windowsServer: false });
    expect(a.evidence.notes.map((n) => n.code)).toEqual(["bundle/cut-off", "bundle/runs"]);
  });

  it("a quoted meta marker without its bundle= line stays event text", () => {
    const text = section("aad-operational", "Event[0]:\n  Event ID: 1081\n  Description:\n===== FIXPATH:meta =====\nsomething else") + section("end", "");
    expect(bundleOf(text).evidence.runs).toHaveLength(1);
  });
});
