// Node-only entry: wires the real process to main().
import { main } from "./main.ts";

/**
 * Runs the CLI on this process's arguments and streams, then sets the exit code.
 *
 * A reader that stops early (`fixpath list | head -1`) closes the pipe: the next write fails with
 * EPIPE. That is not an error of fixpath's: it stops writing to that stream and ends quietly with
 * the command's own exit code, as `gh` and `git` do, instead of dying with a stack trace.
 */
export async function runCli(): Promise<void> {
  const closed = new Set<NodeJS.WriteStream>();
  const guard = (stream: NodeJS.WriteStream) => {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE" || e.code === "ERR_STREAM_DESTROYED") {
        closed.add(stream);
        return;
      }
      // Anything else on stdout/stderr is unexpected; say it once, where it can still be seen.
      if (!closed.has(process.stderr)) process.stderr.write(`fixpath: cannot write output: ${e.message}\n`);
      process.exitCode = 70;
    });
    return { write: (s: string) => (closed.has(stream) ? false : stream.write(s)), isTTY: stream.isTTY };
  };
  const code = await main(process.argv.slice(2), {
    stdout: guard(process.stdout),
    stderr: guard(process.stderr),
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  });
  process.exitCode = code;
}
