// Node-only entry: wires the real process to main().
import { main } from "./main.ts";

/** Runs the CLI on this process's arguments and streams, then sets the exit code. */
export async function runCli(): Promise<void> {
  const code = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  });
  process.exitCode = code;
}
