// Node-only entry: wires the real process to main().
import { EXIT } from "./io.ts";
import { main } from "./main.ts";

/**
 * Runs the CLI on this process's arguments and streams, then sets the exit code.
 *
 * A reader that stops early (`fixpath list | head -1`) closes the pipe: the next write fails with
 * EPIPE. That is not an error of fixpath's: it stops writing to that stream and ends quietly with
 * the command's own exit code, as `gh` and `git` do, instead of dying with a stack trace.
 */
export async function runCli(): Promise<void> {
  let broken = false;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      // The reader is gone: later writes fail the same way and are dropped with the stream.
      if (e.code === "EPIPE" || e.code === "ERR_STREAM_DESTROYED") return;
      // Anything else on stdout/stderr is unexpected; say it where it can still be seen.
      if (stream !== process.stderr && !process.stderr.destroyed) process.stderr.write(`fixpath: cannot write output: ${e.message}\n`);
      broken = true;
    });
  }
  // The streams themselves (not wrappers): the terminal prompts need their events and size.
  const code = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  });
  process.exitCode = broken ? EXIT.internal : code;
}
