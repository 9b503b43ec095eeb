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

/** What reading standard input gave: its bytes, or why there were none to read. */
export type StdinRead = { kind: "read"; bytes: Uint8Array } | { kind: "none" } | { kind: "terminal" };

/**
 * Reads standard input to its end, or up to one byte past `maxBytes` (enough for the caller to say
 * it is too large). A terminal is not read: the caller says how to pipe the input in.
 */
export async function readStdin(io: CliIo, maxBytes = Infinity): Promise<StdinRead> {
  const stdin = io.stdin;
  if (!stdin) return { kind: "none" };
  if (stdin.isTTY) return { kind: "terminal" };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : (chunk as Uint8Array);
    chunks.push(bytes);
    size += bytes.length;
    if (size > maxBytes) break;
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return { kind: "read", bytes: all };
}
