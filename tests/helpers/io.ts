import { resolve } from "node:path";
import type { CliIo } from "../../src/cli/io.ts";

export const ROOT = resolve(import.meta.dirname, "..", "..");

/** An in-memory io for main(): collects stdout and stderr. */
export function fakeIo(overrides: Partial<CliIo> = {}): CliIo & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    env: {},
    cwd: ROOT,
    ...overrides,
    out: () => out,
    err: () => err,
  };
}
