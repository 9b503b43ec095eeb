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
