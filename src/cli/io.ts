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

/** Exit codes; listed in `fixpath --help`. */
export const EXIT = {
  ok: 0,
  /** Content or input has problems (validation failed). */
  problems: 1,
  /** The command line or the answers were wrong. */
  usage: 2,
  /** A bug: this should never happen. */
  internal: 70,
} as const;

/** An error the user can fix; its message is printed as is. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
  }
}
