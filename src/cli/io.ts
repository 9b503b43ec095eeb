import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { MAX_PASTE_BYTES, formatSize } from "../evidence/index.ts";
import type { Prompter } from "./interactive.ts";

/** What the CLI may touch, passed in so tests run it in-process. */
export interface CliIo {
  /** Scripted prompts for tests; the terminal uses @clack/prompts. */
  prompter?: Prompter;
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown };
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
}

/** Where `fixpath diagnose` saves its session unless --session names another file. */
export const DEFAULT_SESSION_FILE = ".fixpath-session.json";

/** Exit codes; listed in `fixpath --help`. */
export const EXIT = {
  ok: 0,
  /** Content or input has problems (validation failed), or nothing was found. */
  problems: 1,
  /** The command line or the answers were wrong. */
  usage: 2,
  /** A bug: this should never happen. */
  internal: 70,
  /** The person stopped an interactive command with Esc or Ctrl+C (128 + SIGINT, as shells do). */
  cancelled: 130,
} as const;

/** An error the user can fix; its message is printed as is, and main() maps it to its exit code. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}

/** Writes `s` to a stream as one line (adds the newline when missing). */
export function writeLine(stream: CliIo["stdout"] | CliIo["stderr"], s: string): void {
  stream.write(s.endsWith("\n") ? s : s + "\n");
}

/**
 * What reading standard input gave: its bytes (at most one chunk past the limit), how many bytes
 * it held (`complete` false when counting stopped at STDIN_COUNT_LIMIT), or why there were none.
 */
export type StdinRead = { kind: "read"; bytes: Uint8Array; total: number; complete: boolean } | { kind: "none" } | { kind: "terminal" };

/** Past the limit, standard input is counted (not kept) up to this size, to say how large it was. */
export const STDIN_COUNT_LIMIT = 256 * 1024 * 1024;

/**
 * Reads standard input to its end, keeping at most one chunk past `maxBytes` (enough for the caller
 * to say it is too large) and counting the rest up to STDIN_COUNT_LIMIT, so the size it reports
 * is the input's. A terminal is not read: the caller says how to pipe the input in.
 */
export async function readStdin(io: CliIo, maxBytes = Infinity): Promise<StdinRead> {
  const stdin = io.stdin;
  if (!stdin) return { kind: "none" };
  if (stdin.isTTY) return { kind: "terminal" };
  const chunks: Uint8Array[] = [];
  let kept = 0;
  let total = 0;
  let complete = true;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : (chunk as Uint8Array);
    total += bytes.length;
    if (kept <= maxBytes) {
      chunks.push(bytes);
      kept += bytes.length;
    }
    if (total > STDIN_COUNT_LIMIT) {
      complete = false;
      break;
    }
  }
  const all = new Uint8Array(kept);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return { kind: "read", bytes: all, total, complete };
}

/** How a command says what to pass instead, when a saved output cannot be read. */
export interface PasteFileFixes {
  /** After "no such file". */
  missing: string;
  /** After "not a file", when the command says more than that. */
  notAFile?: string;
  /** After "at most … is read". */
  tooBig: string;
  /** The most read; MAX_PASTE_BYTES unless said. */
  maxBytes?: number;
}

/**
 * A saved output (a paste) read from a file, for `analyze`, `diff` and `--evidence`: refused, in
 * the command's words, when it is missing, not a file, larger than MAX_PASTE_BYTES or the given
 * limit (read no further) or unreadable. `input` is the path as the person wrote it. A pipe read
 * as a file (`--answers <(fixpath analyze … --json)`, `/dev/stdin`) is read up to the limit too.
 */
export function readPasteFile(command: string, input: string, cwd: string, fix: PasteFileFixes): Uint8Array {
  const path = resolve(cwd, input);
  if (!existsSync(path)) throw new UserError(`fixpath ${command}: no such file: ${input}\n  Fix: ${fix.missing}`, EXIT.usage);
  const stat = statSync(path);
  const piped = stat.isFIFO() || stat.isCharacterDevice();
  if (!stat.isFile() && !piped) throw new UserError(`fixpath ${command}: not a file: ${input}${fix.notAFile ? `\n  Fix: ${fix.notAFile}` : ""}`, EXIT.usage);
  const max = fix.maxBytes ?? MAX_PASTE_BYTES;
  const tooBig = (size: string) => new UserError(`fixpath ${command}: ${input} is ${size}; at most ${formatSize(max)} is read\n  Fix: ${fix.tooBig}`, EXIT.usage);
  if (stat.size > max) throw tooBig(formatSize(stat.size));
  let bytes: Uint8Array;
  try {
    bytes = piped ? readUpTo(path, max + 1) : readFileSync(path);
  } catch {
    throw new UserError(`fixpath ${command}: cannot read ${input}`, EXIT.usage);
  }
  if (bytes.length > max) throw tooBig(`over ${formatSize(max)}`);
  return bytes;
}

/** At most `limit` bytes of a pipe or device, read until its end or the limit. */
function readUpTo(path: string, limit: number): Uint8Array {
  const fd = openSync(path, "r");
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.alloc(64 * 1024);
    for (let n = readSync(fd, chunk); n > 0 && total < limit; n = readSync(fd, chunk)) {
      chunks.push(Buffer.from(chunk.subarray(0, Math.min(n, limit - total))));
      total += Math.min(n, limit - total);
    }
    return Buffer.concat(chunks);
  } finally {
    closeSync(fd);
  }
}
