// Runs scripts/server-child.ts as a separate process, for the crash test and the benchmark.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";

export interface ServerProcessOptions {
  /** A built site to serve too (`--dist`). */
  distDir?: string;
  /** FIXPATH_* settings for the child (timeouts, connection cap, operator token). */
  env?: Record<string, string>;
}

/** Starts scripts/server-child.ts with `db` and resolves with its URL once it listens. */
export async function startServerProcess(root: string, db: string, options: ServerProcessOptions = {}): Promise<{ url: string; child: ChildProcess }> {
  const args = [join(root, "scripts", "server-child.ts"), "--db", db, "--rate-limit", "off", ...(options.distDir ? ["--dist", options.distDir] : [])];
  const child = spawn(process.execPath, ["--import", "tsx", ...args], { cwd: root, stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...options.env } });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("the server process did not start within 30 s"));
    }, 30_000);
    lines.on("line", (line) => {
      const m = /^READY (\S+)$/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server process exited with ${String(code)} before it was ready`));
    });
  });
  return { url, child };
}

/** SIGTERM, then waits for the exit. */
export async function stopServerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

