// Vitest global setup (e2e tier): compiles the `fixpath` bin once before the tests that start it as
// a process (closed pipes, the terminal test), so none of them pays for, or prints, the build.
import { ensureCliBundle } from "../../scripts/cli-bundle.mjs";

export default async function setup(): Promise<void> {
  await ensureCliBundle();
}
