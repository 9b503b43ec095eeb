/**
 * End to end in a real pseudo-terminal: tmux runs `fixpath diagnose`, the test reads the screen
 * and presses keys like a person would, through questions, two steps, a pause for a restart, a
 * resume, to the escalation and the report; then what a person does by accident (Enter through
 * the questions, Go back, Esc, Ctrl+C) and the saved session's edges (another code, a damaged
 * file, the switch to another guide).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REDACTED_WORDS } from "../../src/report/report.ts";
import { ROOT } from "../helpers/io.ts";

const TMUX = "/usr/bin/tmux";
const BIN = join(ROOT, "bin", "fixpath.mjs");
const session = `fixpath-e2e-${process.pid}`;
let dir = "";

const tmux = (...args: string[]) => execFileSync(TMUX, ["-L", session, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const screen = () => tmux("capture-pane", "-p", "-t", session, "-S", "-200");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the screen matches, or fails with what the screen shows. */
async function waitFor(re: RegExp, timeoutMs = 20_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const text = screen();
    if (re.test(text)) return text;
    if (Date.now() > end) throw new Error(`timed out waiting for ${re}; the screen shows:\n${text}`);
    await sleep(150);
  }
}

/** The active prompt: its message lines and its options (the text after ●/○), or undefined. */
function activePrompt(text: string): { message: string; options: string[]; selected: number } | undefined {
  const lines = text.split("\n");
  const start = lines.map((l) => l.startsWith("◆")).lastIndexOf(true);
  if (start < 0) return undefined;
  const message: string[] = [lines[start]!.replace(/^◆\s+/, "")];
  const options: string[] = [];
  let selected = -1;
  for (const line of lines.slice(start + 1)) {
    const opt = /^│\s+([●○])\s+(.*?)(?:\s{2,}\(.*\))?\s*$/.exec(line);
    if (opt) {
      if (opt[1] === "●") selected = options.length;
      options.push(opt[2]!);
    } else if (options.length === 0 && line.startsWith("│")) message.push(line.replace(/^│\s*/, ""));
    else if (line.startsWith("└")) break;
  }
  return { message: message.join(" "), options, selected };
}

/** Picks the option whose label matches, with arrow keys and Enter, as a person would. */
async function choose(question: RegExp, option: RegExp): Promise<void> {
  const text = await waitFor(new RegExp(`◆[^\\n]*${question.source}`, "i"));
  const prompt = activePrompt(text)!;
  const target = prompt.options.findIndex((o) => option.test(o));
  if (target < 0) throw new Error(`no option ${option} in ${JSON.stringify(prompt)}`);
  const moves = target - Math.max(prompt.selected, 0);
  for (let i = 0; i < Math.abs(moves); i++) tmux("send-keys", "-t", session, moves > 0 ? "Down" : "Up");
  await submitted(() => tmux("send-keys", "-t", session, "Enter"));
}

/** Does `act`, then waits until one more prompt shows as answered (◇) on the screen. */
async function submitted(act: () => void): Promise<void> {
  const answered = () => (screen().match(/^◇/gm) ?? []).length;
  const before = answered();
  act();
  const end = Date.now() + 20_000;
  while (answered() <= before) {
    if (Date.now() > end) throw new Error(`the answer was not taken; the screen shows:\n${screen()}`);
    await sleep(100);
  }
}

/** Answers whatever question is active, from a table keyed by words in the question. */
async function answerQuestions(answers: [RegExp, RegExp][], until: RegExp): Promise<void> {
  for (let guard = 0; guard < 20; guard++) {
    const text = await waitFor(/◆|└ {2}/);
    if (until.test(activePrompt(text)?.message ?? "")) return;
    const prompt = activePrompt(text);
    if (!prompt) throw new Error(`no prompt on screen:\n${text}`);
    const entry = answers.find(([q]) => q.test(prompt.message));
    if (!entry) throw new Error(`unexpected question: ${prompt.message}`);
    await choose(entry[0], entry[1]);
  }
  throw new Error("too many questions");
}

/** Starts `fixpath <args>` in a fresh tmux session (retried: the server of the last one may still be exiting). */
async function start(args: string): Promise<void> {
  try {
    tmux("kill-session", "-t", session);
  } catch {
    /* no session yet */
  }
  const command = `cd ${dir} && NO_COLOR=1 node ${BIN} ${args}; echo "EXIT=$?"; sleep 60`;
  for (let attempt = 1; ; attempt++) {
    try {
      tmux("new-session", "-d", "-s", session, "-x", "110", "-y", "50", command);
      return;
    } catch (e) {
      if (attempt >= 10) throw e;
      await sleep(200);
    }
  }
}

const ANSWERS: [RegExp, RegExp][] = [
  [/Which account/, /work or school/],
  [/another OneDrive error code/, /no other code/],
  [/Windows Server/, /^No$/],
  [/other people in your organisation/, /^No$/],
  [/not yet synced/, /^No$/],
  [/organisation manages/, /^Yes$/],
  [/administrator rights/, /^No$/],
  [/When does CAA50021 appear/, /already set up/],
  [/both a personal and a work/, /^No$/],
];

beforeAll(() => {
  if (!existsSync(TMUX)) throw new Error("tmux is missing: apt-get install -y tmux (CI installs it in .ci/run)");
  dir = mkdtempSync(join(tmpdir(), "fixpath-tty-"));
});

afterAll(() => {
  try {
    tmux("kill-server");
  } catch {
    /* already gone */
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("fixpath diagnose in a terminal", () => {
  it("asks the app, walks two steps, shows IT's step, pauses for a restart, resumes to the escalation, and reports", async () => {
    await start("diagnose CAA50021 --session s.json");
    await choose(/Which app shows CAA50021/, /^OneDrive$/);
    await waitFor(/When did the error start/);
    await submitted(() => tmux("send-keys", "-t", session, "Monday, after the password change", "Enter"));

    await answerQuestions(ANSWERS, /Did this fix it/);
    const first = await waitFor(/Step 1: Restart Windows/);
    expect(first).toContain("Your data:");
    await choose(/Did this fix it/, /still there/);
    // the questions the next steps need come between the steps
    await answerQuestions(ANSWERS, /Did this fix it/);
    const second = await waitFor(/Step 2: Unlink the work account/);
    expect(second).toContain("Unlink this PC");
    await choose(/Did this fix it/, /still there/);
    await answerQuestions(ANSWERS, /Did this fix it/);
    // on a managed PC the third and fourth first-line steps remove or add a work account, which is
    // IT's: they are shown as IT's steps, and the next step offered is the fifth
    const fifth = await waitFor(/Step 5: Pair OneDrive/);
    expect(fifth).toMatch(/\(for your IT\)/);
    await choose(/Did this fix it/, /Pause here/);
    const paused = await waitFor(/EXIT=\d+/);
    expect(paused).toContain("EXIT=0");
    expect(paused).toContain("Continue with: fixpath diagnose --resume --session s.json");

    const saved = JSON.parse(readFileSync(join(dir, "s.json"), "utf8"));
    expect(saved.startedAt).toBe("Monday, after the password change");
    expect(saved.session.outcomes.map((o: { stepId: string }) => o.stepId)).toEqual(["clean-restart", "unlink-work-account"]);
    // No step of this page needs admin rights any more, so the question is never asked.
    expect(saved.session.facts).toMatchObject({ managed: true, accountType: "work" });
    expect(saved.session.facts.isAdmin).toBeUndefined();

    // after the restart
    await start("diagnose --resume --session s.json");
    await waitFor(/Continuing your CAA50021 in OneDrive session from s\.json/);
    await waitFor(/Step 5: Pair OneDrive/);
    await choose(/Did this fix it/, /still there/);
    const end = await waitFor(/EXIT=\d+/);
    expect(end).toContain("Time to hand over to IT");
    expect(end).toContain("fixpath report --session s.json");

    const report = execFileSync("node", [BIN, "report", "--session", "s.json", "--format", "txt"], { cwd: dir, encoding: "utf8" });
    expect(report).toContain("Started: Monday, after the password change");
    expect(report).toMatch(/Restart Windows \(Restart, not Shut down\): no change/);
    expect(report).toMatch(/Pair OneDrive with the work account again: no change/);
    expect(report).toMatch(/For IT to do with the person: Clear the broker's accounts[^\n]*; Check the work account under Access work or school/);
    expect(report).toContain(REDACTED_WORDS);
    expect(report).not.toMatch(/cleanup-wam-accounts|ask-admin|clean-restart/);
  }, 120_000);

  it("prints no colour codes when NO_COLOR is set", async () => {
    await start("diagnose CAA50021 --app onedrive --session colour.json");
    await waitFor(/When did the error start/);
    const raw = tmux("capture-pane", "-p", "-e", "-t", session);
    expect(raw).not.toMatch(new RegExp(`${String.fromCharCode(27)}\\[3\\dm`));
    tmux("send-keys", "-t", session, "C-c");
    await waitFor(/EXIT=/);
  }, 60_000);

  it("pressing Enter through the questions answers \"I don't know\", never Yes; Esc saves and exits 130", async () => {
    await start("diagnose CAA50021 --app onedrive --session enter.json");
    await waitFor(/When did the error start/);
    await submitted(() => tmux("send-keys", "-t", session, "Enter"));
    let sawServer = false;
    for (let guard = 0; ; guard++) {
      if (guard > 20) throw new Error(`too many questions:\n${screen()}`);
      const prompt = activePrompt(await waitFor(/◆/))!;
      if (/Did this fix it/.test(prompt.message)) {
        // Enter alone would pause (and save), never claim the step fixed it
        expect(prompt.options[prompt.selected]).toMatch(/^Pause here/);
        break;
      }
      if (/Windows Server/.test(prompt.message)) sawServer = true;
      expect(prompt.options[prompt.selected], prompt.message).toBe("I don't know");
      await submitted(() => tmux("send-keys", "-t", session, "Enter"));
    }
    expect(sawServer).toBe(true);
    tmux("send-keys", "-t", session, "Escape");
    const end = await waitFor(/EXIT=\d+/);
    expect(end).toContain("EXIT=130");
    expect(end).toContain("Stopped: progress saved in enter.json. Continue with: fixpath diagnose --resume --session enter.json");
    const saved = JSON.parse(readFileSync(join(dir, "enter.json"), "utf8"));
    expect(saved.session.facts.windowsServer).toBeUndefined();
    expect(saved.session.dontKnow).toContain("windowsServer");
  }, 120_000);

  it("Go back starts on the earlier answer; Ctrl+C saves and exits 130", async () => {
    await start("diagnose CAA50021 --app onedrive --session back.json");
    await waitFor(/When did the error start/);
    await submitted(() => tmux("send-keys", "-t", session, "Enter"));
    await choose(/Which account/, /work or school/);
    await choose(/Windows Server/, /^No$/);
    await choose(/other people in your organisation/, /Go back/);
    const again = activePrompt(await waitFor(/◆[^\n]*Windows Server/))!;
    expect(again.options[again.selected]).toBe("No");
    tmux("send-keys", "-t", session, "C-c");
    const end = await waitFor(/EXIT=\d+/);
    expect(end).toContain("EXIT=130");
    expect(end).toContain("Stopped: progress saved in back.json");
    expect(JSON.parse(readFileSync(join(dir, "back.json"), "utf8")).session.facts).toMatchObject({ accountType: "work" });
  }, 120_000);

  it("after a switch to another guide, the command it prints starts that guide", async () => {
    await start("diagnose CAA50021 --app onedrive --session switch.json");
    await waitFor(/When did the error start/);
    await submitted(() => tmux("send-keys", "-t", session, "Enter"));
    // the code seen after sign-in is asked once a step changed nothing
    await answerQuestions([...ANSWERS.filter(([q]) => !/another OneDrive error code/.test(q.source)), [/Did this fix it/, /still there/]], /another OneDrive error code/);
    await choose(/another OneDrive error code/, /type the code/);
    await waitFor(/Which code\?/);
    await submitted(() => tmux("send-keys", "-t", session, "0x8004de40", "Enter"));
    const end = await waitFor(/EXIT=\d+/);
    const hint = /Continue with: (fixpath diagnose .*?)\s*$/m.exec(end)?.[1];
    expect(hint).toBe("fixpath diagnose 0x8004DE40 --app onedrive --session switch.json");

    await start(hint!.replace(/^fixpath /, ""));
    await waitFor(/The ended CAA50021 in OneDrive session in switch\.json is replaced by this one/);
    await waitFor(/When did the error start/);
    await submitted(() => tmux("send-keys", "-t", session, "Enter"));
    await waitFor(/◆/);
    expect(JSON.parse(readFileSync(join(dir, "switch.json"), "utf8")).session.code).toBe("0x8004de40");
    tmux("send-keys", "-t", session, "C-c");
    await waitFor(/EXIT=130/);
  }, 120_000);

  it("names a saved session of another code instead of resuming it, and reports a damaged file first", async () => {
    const other = { kind: "fixpath-session", version: 1, session: { version: 1, code: "0x8004de40", app: "onedrive", facts: {}, dontKnow: [], outcomes: [], history: [] } };
    writeFileSync(join(dir, "other.json"), JSON.stringify(other));
    await start("diagnose CAA50021 --resume --session other.json");
    await choose(/holds a 0x8004DE40 in OneDrive session, not a CAA50021 one/, /Stop here/);
    expect(await waitFor(/EXIT=\d+/)).toContain("EXIT=0");
    expect(JSON.parse(readFileSync(join(dir, "other.json"), "utf8"))).toEqual(other);

    writeFileSync(join(dir, "damaged.json"), "{ not json");
    await start("diagnose CAA50021 --app onedrive --session damaged.json");
    const text = await waitFor(/◆[^\n]*Start a new CAA50021 session/);
    expect(text).toMatch(/cannot be used:[\s\S]*is not valid JSON[\s\S]*Start a new CAA50021 session/);
    await choose(/Start a new CAA50021 session/, /Stop here/);
    await waitFor(/EXIT=0/);
    expect(readFileSync(join(dir, "damaged.json"), "utf8")).toBe("{ not json");
  }, 120_000);
});
