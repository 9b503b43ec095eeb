/**
 * The CLI keeps a diagnostic session in a JSON file, written after every answer so a restart
 * (which most steps ask for) loses nothing. The file wraps the engine's session with what the
 * report needs besides it (when the problem started).
 */
import { chmodSync, existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseSession, type Session } from "../engine/index.ts";
import type { FactValue } from "../model/index.ts";
import type { FoundAnswer } from "../report/index.ts";
import { DEFAULT_SESSION_FILE, EXIT, UserError, readPasteFile } from "./io.ts";
import { readJson } from "./json-input.ts";
import { renderForPeople } from "./people.ts";

/** A session file is a few KB; one this large is not one. */
const MAX_SESSION_BYTES = 4 * 1024 * 1024;

export { DEFAULT_SESSION_FILE };

export interface SessionFile {
  kind: "fixpath-session";
  version: 1;
  /** When the problem started, in the person's words. */
  startedAt?: string;
  session: Session;
  /**
   * What a paste passed with `--evidence` settled (answers not asked, labelled in the report with
   * what the analyzer read) and the identifier values it holds (redacted in the report).
   */
  evidence?: { found: FoundAnswer[]; identifiers: string[] };
}

/** Reads and validates a session file; a clear UserError when it is missing or damaged. */
export function readSessionFile(path: string, command: string): SessionFile {
  if (!existsSync(path)) {
    throw new UserError(`fixpath ${command}: no saved session at ${path}\n  Fix: start one with \`fixpath diagnose <code> --app <app>\`, or pass --session <file>`, EXIT.usage);
  }
  const bytes = readPasteFile(command, path, dirname(path), {
    missing: "start one with `fixpath diagnose <code> --app <app>`, or pass --session <file>",
    notAFile: "pass the session file fixpath diagnose wrote (.fixpath-session.json)",
    tooBig: "pass the session file fixpath diagnose wrote (a few KB)",
    maxBytes: MAX_SESSION_BYTES,
  });
  const read = readJson(bytes, MAX_SESSION_BYTES);
  if (!read.ok) {
    const at = read.place ? `:${read.place.line}:${read.place.col}` : "";
    throw new UserError(`fixpath ${command}: the session file ${path}${at} is ${read.problem}\n  Fix: start a new session, or restore the file`, EXIT.usage);
  }
  const wrapper = read.value as Partial<SessionFile> | null;
  if (!wrapper || wrapper.kind !== "fixpath-session" || wrapper.version !== 1) {
    throw new UserError(`fixpath ${command}: ${path} is not a Fixpath session file (expected "kind": "fixpath-session", "version": 1)\n  Fix: pass the file fixpath diagnose wrote`, EXIT.usage);
  }
  const parsed = parseSession(wrapper.session);
  if (!parsed.ok) {
    const issues = parsed.issues.map((i) => renderForPeople(command, { ...i, file: path, ...read.placeOf(["session", ...pathSegments(i.path)]) }));
    throw new UserError(`fixpath ${command}: the session in ${path} is damaged (mend what follows, or start a new session):\n${issues.join("\n")}`, EXIT.usage);
  }
  const startedAt = typeof wrapper.startedAt === "string" ? cutAtWord(wrapper.startedAt, STARTED_AT_MAX) : undefined;
  const evidence = readEvidenceNote(wrapper.evidence);
  return { kind: "fixpath-session", version: 1, startedAt, session: parsed.session, ...(evidence ? { evidence } : {}) };
}

/** The most of "when it started" that is read back, in characters. */
const STARTED_AT_MAX = 200;

/**
 * The person's words cut to `max` characters at a space, with "…": a word cut in half (an e-mail
 * address, an id) would no longer be recognised by the report's redactor, and half of it would show.
 */
function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const whole = /^([\s\S]*\S)\s+\S*$/.exec(text.slice(0, max + 1));
  return `${whole?.[1] ?? ""}…`;
}

/** The wrapper's evidence note, keeping only well-formed entries (it only labels answers and widens redaction). */
function readEvidenceNote(value: unknown): SessionFile["evidence"] {
  if (!value || typeof value !== "object") return undefined;
  const v = value as { found?: unknown; identifiers?: unknown };
  const found = (Array.isArray(v.found) ? v.found : []).filter(
    (f): f is FoundAnswer =>
      !!f && typeof f === "object" && typeof (f as FoundAnswer).fact === "string" && ["string", "boolean"].includes(typeof (f as FoundAnswer).value) && typeof (f as FoundAnswer).source === "string" && typeof (f as FoundAnswer).because === "string" && Array.isArray((f as FoundAnswer).lines),
  );
  const identifiers = (Array.isArray(v.identifiers) ? v.identifiers : []).filter((x): x is string => typeof x === "string");
  return { found: found.map((f) => ({ ...f, value: f.value as FactValue, lines: f.lines.filter((n) => typeof n === "number") })), identifiers };
}

/** Only the owner may read or write a session file: it holds what the person typed (issue 26). */
export const SESSION_FILE_MODE = 0o600;

/**
 * Writes the session file atomically (write a temporary file, then rename over the old one),
 * readable by its owner only: the temporary file is created with mode 0600 and set to it again
 * (a left-over temporary file keeps its old mode otherwise), so the renamed file has it too,
 * whatever the old file's mode was.
 */
export function writeSessionFile(path: string, file: SessionFile): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(file, null, 2) + "\n", { mode: SESSION_FILE_MODE });
  chmodSync(tmp, SESSION_FILE_MODE);
  renameSync(tmp, path);
}

/** `outcomes[0].stepId` → `["outcomes", 0, "stepId"]`; an issue about the whole session → `[]`. */
function pathSegments(path: string): (string | number)[] {
  if (path.startsWith("(")) return [];
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}
