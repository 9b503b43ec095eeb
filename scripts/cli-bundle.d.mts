// Types of scripts/cli-bundle.mjs (plain JavaScript: bin/fixpath.mjs loads it before any TypeScript).

/** The compiled CLI's files. */
export interface CliBundle {
  /** The bundle's folder. */
  dir: string;
  /** The bundle's entry module. */
  entry: string;
  /** The content snapshot (`snapshot-<hash>.v8`; may not exist yet with `snapshot: false`). */
  snapshot: string;
  /** Whether this call built it. */
  built: boolean;
  /** How long the check (and build) took, ms. */
  ms: number;
}

export const ROOT: string;
export const CLI_INPUTS: string[];
export function defaultCacheDir(root?: string): string;
export function listInputs(root?: string, inputs?: readonly string[]): { rel: string; abs: string; size: number; mtimeMs: number }[];
export function hashInputs(files: ReturnType<typeof listInputs>): string;
export function ensureCliBundle(options?: { root?: string; cacheDir?: string; snapshot?: boolean; onSlow?: () => void; onBuilt?: (ms: number) => void }): Promise<CliBundle>;
export function runFromSource(): Promise<void>;
