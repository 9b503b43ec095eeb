/**
 * `whoami /groups` (and the group part of `whoami /all`) in its three forms: table, list and CSV
 * (with or without the header row). Membership of local Administrators is read from the row whose
 * SID is S-1-5-32-544, and whether the window is elevated from its mandatory label (S-1-16-*),
 * never from names: names, types, attribute words and the CSV header are translated (shared/facts/evidence-bundle.md §1).
 *
 * Sample inputs:
 *   table: `BUILTIN\Administrators   Alias   S-1-5-32-544 Group used for deny only`  (fixture 01)
 *   CSV:   `"BUILTIN\Administrators","Alias","S-1-5-32-544","Mandatory group, …"`   (fixture 02)
 *   list:  `SID:        S-1-5-32-544` with the name, type and attributes on their own lines
 *
 * Output: `{ format, groups: [{ sid, line, name?, attributes? }], admin, integrity, unused }`.
 *
 * Quirks:
 * [1] CSV columns are read by position (name, type, SID, attributes), never by header name.
 * [2] In the table form the attributes follow the SID on the same line; in the list form they are
 *     the line after the SID's. Attributes are kept as printed (for people to read), never matched.
 * [3] `whoami /all` prints the user's own SID (S-1-5-21-…) first, under USER INFORMATION: it is
 *     the user, not a group, and is left out of `groups`.
 * [4] Strip NULs first: UTF-16 output read as 8-bit text has one between every character.
 */
import { sortedLines, type Answer, type Line, type Unused } from "../bundle/lines.ts";

export const ADMINISTRATORS_SID = "S-1-5-32-544";

export type Integrity = "untrusted" | "low" | "medium" | "medium-plus" | "high" | "system" | "protected";
const LEVELS: Record<string, Integrity> = {
  "S-1-16-0": "untrusted",
  "S-1-16-4096": "low",
  "S-1-16-8192": "medium",
  "S-1-16-8448": "medium-plus",
  "S-1-16-12288": "high",
  "S-1-16-16384": "system",
  "S-1-16-20480": "protected",
};

export interface GroupRow {
  sid: string;
  line: number;
  name?: string;
  attributes?: string;
}

export interface WhoamiGroups {
  format: "csv" | "table" | "list" | "unknown";
  groups: GroupRow[];
  /** Member of local Administrators (S-1-5-32-544 present). */
  admin: Answer<boolean | "unknown">;
  /** The mandatory label of this token; high or system means the window is elevated. */
  integrity: Answer<Integrity | "unknown">;
  elevated: Answer<boolean | "unknown">;
  unused: Unused[];
}

const SID = /\bS-1-\d+(?:-\d+)+\b/;
const CSV_LINE = /^\s*"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")+\s*$/;

function csvFields(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/"((?:[^"]|"")*)"/g)) out.push(m[1]!.replace(/""/g, '"'));
  return out;
}

/** Reads the group rows of one section; pure, never throws. */
export function parseWhoamiGroups(lines: readonly Line[]): WhoamiGroups {
  const groups: GroupRow[] = [];
  const unused: Unused[] = [];
  let csv = 0;
  let table = 0;
  let list = 0;
  let userInfo = false;
  /** Column starts from the `==== ====` underline of the table form. */
  let columns: number[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const text = l.text.replaceAll("\u0000", "");
    if (/^=+(?: =+)+\s*$/.test(text)) {
      columns = [...text.matchAll(/=+/g)].map((m) => m.index);
      continue;
    }
    if (text.trim() === "" || /^[\s=-]+$/.test(text)) continue;
    if (/^\s*USER INFORMATION\s*$/i.test(text)) userInfo = true;
    if (/^\s*GROUP INFORMATION\s*$/i.test(text)) userInfo = false;
    if (CSV_LINE.test(text)) {
      const f = csvFields(text);
      const sid = f[2]?.trim();
      if (sid && SID.test(sid) && SID.exec(sid)![0] === sid) {
        csv++;
        groups.push({ sid, line: l.n, name: f[0]!, attributes: f[3] ?? "" });
      }
      // Otherwise the header row (translated) or `whoami /user` CSV: not a group.
      else if (!f.some((x) => SID.test(x))) continue;
      else unused.push({ line: l.n, text });
      continue;
    }
    const m = SID.exec(text);
    if (!m) {
      unused.push({ line: l.n, text });
      continue;
    }
    const sid = m[0];
    const beforeSid = text.slice(0, m.index);
    const after = text.slice(m.index + sid.length).trim();
    // Quirk [3]: the user's own SID (USER INFORMATION; or the first row, a user SID with nothing after it).
    if (userInfo || (groups.length === 0 && /^S-1-5-21-/.test(sid) && after === "" && !/:\s*$/.test(beforeSid))) continue;
    if (/^\s*[^:]{1,40}:\s*$/.test(beforeSid)) {
      // List form: `SID: S-1-…`; the name is two lines up, the attributes on the next line.
      list++;
      const row: GroupRow = { sid, line: l.n };
      const name = valueAfterColon(lines[i - 2]?.text);
      const attrs = valueAfterColon(lines[i + 1]?.text);
      if (name !== undefined) row.name = name;
      if (attrs !== undefined) row.attributes = attrs;
      groups.push(row);
      continue;
    }
    table++;
    // The name column is as wide as the longest name: cut at the underline's second column.
    const name = (columns && columns.length >= 3 && columns[1]! <= m.index ? beforeSid.slice(0, columns[1]) : beforeSid.split(/\s{2,}/)[0]!).trim();
    groups.push({ sid, line: l.n, ...(name ? { name } : {}), attributes: after });
  }
  const format = csv >= Math.max(table, list) && csv > 0 ? "csv" : table >= list && table > 0 ? "table" : list > 0 ? "list" : "unknown";
  return { format, groups, ...derive(groups), unused };
}

function valueAfterColon(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const i = text.indexOf(":");
  return i > 0 ? text.slice(i + 1).trim() : undefined;
}

function derive(groups: readonly GroupRow[]): Pick<WhoamiGroups, "admin" | "integrity" | "elevated"> {
  const admin = groups.find((g) => g.sid === ADMINISTRATORS_SID);
  const label = groups.find((g) => g.sid.startsWith("S-1-16-"));
  const level = label ? LEVELS[label.sid] : undefined;
  const readable = groups.length > 0;
  const adminAnswer: Answer<boolean | "unknown"> = !readable
    ? { value: "unknown", lines: [], reason: "no group rows were printed" }
    : admin
      ? { value: true, lines: [admin.line], reason: `the sign-in carries ${ADMINISTRATORS_SID} (local Administrators)` }
      : { value: false, lines: sortedLines(...groups.map((g) => g.line)), reason: `none of the ${groups.length} group rows is ${ADMINISTRATORS_SID} (local Administrators)` };
  const integrity: Answer<Integrity | "unknown"> = label && level
    ? { value: level, lines: [label.line], reason: `mandatory label ${label.sid}` }
    : { value: "unknown", lines: label ? [label.line] : [], reason: label ? `mandatory label ${label.sid} is not one this analyzer knows` : "no mandatory label (S-1-16-…) row" };
  const elevated: Answer<boolean | "unknown"> =
    integrity.value === "unknown"
      ? { value: "unknown", lines: integrity.lines, reason: integrity.reason }
      : { value: integrity.value === "high" || integrity.value === "system" || integrity.value === "protected", lines: integrity.lines, reason: integrity.reason };
  return { admin: adminAnswer, integrity, elevated };
}

/** Whether lines look like `whoami /groups` output (for a paste without markers). */
export function looksLikeWhoamiGroups(lines: readonly Line[]): boolean {
  return lines.some((l) => /\bS-1-16-\d+\b|\bS-1-5-32-5\d\d\b/.test(l.text));
}
