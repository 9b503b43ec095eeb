import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CANCELLED, type Choice, type Prompter } from "../../src/cli/interactive.ts";
import { main } from "../../src/cli/main.ts";
import { fakeIo } from "../helpers/io.ts";

const temps: string[] = [];
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "fixpath-cli-"));
  temps.push(d);
  return d;
}

/** A prompter that answers from a script: each entry picks an option by label (RegExp) or types text. */
function scripted(script: (RegExp | string | typeof CANCELLED)[]): Prompter & { seen: string[]; notes: string[] } {
  const seen: string[] = [];
  const notes: string[] = [];
  const next = (message: string) => {
    seen.push(message.split("\n")[0]!);
    if (script.length === 0) throw new Error(`script ran out at: ${message}`);
    return script.shift()!;
  };
  return {
    seen,
    notes,
    async select<T>(message: string, choices: Choice<T>[]) {
      const want = next(message);
      if (want === CANCELLED) return CANCELLED;
      const pick = choices.find((c) => (want instanceof RegExp ? want.test(c.label) : c.label === want));
      if (!pick) throw new Error(`no choice ${String(want)} for "${message}": ${choices.map((c) => c.label).join(" | ")}`);
      return pick.value;
    },
    async text(message: string) {
      const want = next(message);
      return want === CANCELLED ? CANCELLED : String(want);
    },
    note: (body: string, title?: string) => void notes.push(`${title ?? ""}\n${body}`),
    info: (m: string) => void notes.push(m),
    done: (m: string) => void notes.push(m),
  };
}

const answersFor = (q: string): RegExp => {
  const table: [RegExp, RegExp][] = [
    [/Which account/, /work or school/],
    [/another OneDrive error code/, /no other code/],
    [/Windows Server|other people|not yet synced|both a personal/, /^No$/],
    [/organisation manages/, /^No$/],
    [/administrator rights/, /^Yes$/],
    [/When does CAA50021 appear/, /already set up/],
  ];
  return table.find(([k]) => k.test(q))?.[1] ?? /I don't know/;
};

/** Answers every question from the table and gives each step `stepAnswer`, until it ends. */
function autoPrompter(stepAnswer: RegExp, first: (string | RegExp)[] = ["yesterday"]): Prompter & { notes: string[]; seen: string[] } {
  const base = scripted([]);
  const queue = [...first];
  return {
    ...base,
    async select<T>(message: string, choices: Choice<T>[]) {
      base.seen.push(message.split("\n")[0]!);
      const want = queue.length ? (queue.shift() as RegExp) : /Did this fix it/.test(message) ? stepAnswer : answersFor(message);
      const pick = choices.find((c) => want.test(c.label));
      if (!pick) throw new Error(`no choice ${want} in ${message}`);
      return pick.value;
    },
    async text(message: string) {
      base.seen.push(message);
      return queue.length ? String(queue.shift()) : "";
    },
    notes: base.notes,
    seen: base.seen,
    note: base.note,
    info: base.info,
    done: base.done,
  } as Prompter & { notes: string[]; seen: string[] };
}

describe("fixpath diagnose, interactive", () => {
  it("refuses to ask questions without a terminal, with the non-interactive way out", async () => {
    const io = fakeIo({ cwd: tempDir() });
    expect(await main(["diagnose", "CAA50021", "--app", "onedrive"], io)).toBe(2);
    expect(io.err()).toContain("needs an interactive terminal");
    expect(io.err()).toContain("--answers answers.json");
  });

  it("runs an unmanaged admin to the fix, saving the session after every answer", async () => {
    const dir = tempDir();
    const prompter = autoPrompter(/still there/);
    let fixedOn = 0;
    const origSelect = prompter.select.bind(prompter);
    prompter.select = async (message, choices) => {
      if (/Did this fix it/.test(message) && ++fixedOn === 3) return choices.find((c) => /fixed/.test(c.label))!.value;
      return origSelect(message, choices);
    };
    const io = fakeIo({ cwd: dir, prompter });
    expect(await main(["diagnose", "0xCAA50021", "--app", "onedrive"], io)).toBe(0);
    const saved = JSON.parse(readFileSync(join(dir, ".fixpath-session.json"), "utf8"));
    expect(saved.startedAt).toBe("yesterday");
    expect(saved.session.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(["no-change", "no-change", "fixed"]);
    expect(saved.session.outcomes[2].stepId).toBe("cleanup-wam-accounts");
    expect(prompter.notes.at(-1)).toMatch(/^Fixed\./);
  });

  it("turns \"I don't know\" whether the PC is managed into finding out, before any account step (issue 21)", async () => {
    const dir = tempDir();
    const base = autoPrompter(/still there/);
    const origSelect = base.select.bind(base);
    const held: string[] = [];
    base.select = async (message, choices) => {
      if (/organisation manages/.test(message) && choices.some((c) => /I don't know/.test(c.label))) return choices.find((c) => /I don't know/.test(c.label))!.value;
      if (choices.some((c) => /leave this step to IT/.test(c.label))) {
        held.push(message);
        return choices.find((c) => /leave this step to IT/.test(c.label))!.value;
      }
      return origSelect(message, choices);
    };
    const io = fakeIo({ cwd: dir, prompter: base });
    expect(await main(["diagnose", "CAA50021", "--app", "onedrive"], io)).toBe(0);
    expect(held).toEqual(["Is this a computer your organisation manages?"]);
    const findOut = base.notes.find((n) => /find out first/.test(n))!;
    expect(findOut).toMatch(/Clear the broker's accounts/);
    expect(findOut).toMatch(/Microsoft Entra ID/);
    expect(findOut).toMatch(/fixpath analyze/);
    const saved = JSON.parse(readFileSync(join(dir, ".fixpath-session.json"), "utf8"));
    const tried = saved.session.outcomes.map((o: { stepId: string }) => o.stepId);
    expect(tried).not.toContain("cleanup-wam-accounts");
    expect(tried).not.toContain("check-access-work-or-school");
    expect(saved.session.deferred).toEqual(["cleanup-wam-accounts"]);
    // It ends with IT, naming the held steps and the question.
    expect(base.notes.join("\n")).toMatch(/could not be found out here/);
  });

  it("goes back with undo and asks the same question again", async () => {
    const dir = tempDir();
    const prompter = scripted(["", /work or school/, /Go back/, /personal/, CANCELLED]);
    const io = fakeIo({ cwd: dir, prompter });
    expect(await main(["diagnose", "caa50021", "--app", "onedrive"], io)).toBe(0);
    expect(prompter.seen.slice(1, 4)).toEqual(["Which account fails to sign in?", prompter.seen[2], "Which account fails to sign in?"]);
    const saved = JSON.parse(readFileSync(join(dir, ".fixpath-session.json"), "utf8"));
    expect(saved.session.facts.accountType).toBe("personal");
  });

  it("stops a personal account with not-this-error", async () => {
    const dir = tempDir();
    const prompter = scripted(["", /personal/]);
    const io = fakeIo({ cwd: dir, prompter });
    expect(await main(["diagnose", "caa50021", "--app", "onedrive"], io)).toBe(0);
    expect(prompter.notes.at(-1)).toMatch(/does not fit/);
  });

  it("says clearly when there is nothing to resume, or the file is damaged", async () => {
    const dir = tempDir();
    const io = fakeIo({ cwd: dir, prompter: scripted([]) });
    expect(await main(["diagnose", "--resume"], io)).toBe(2);
    expect(io.err()).toContain("no saved session at");
    writeFileSync(join(dir, ".fixpath-session.json"), "{ not json");
    const io2 = fakeIo({ cwd: dir, prompter: scripted([]) });
    expect(await main(["diagnose", "--resume"], io2)).toBe(2);
    expect(io2.err()).toContain("is not valid JSON");
    writeFileSync(join(dir, ".fixpath-session.json"), JSON.stringify({ kind: "fixpath-session", version: 1, session: { version: 9 } }));
    const io3 = fakeIo({ cwd: dir, prompter: scripted([]) });
    expect(await main(["diagnose", "--resume"], io3)).toBe(2);
    expect(io3.err()).toContain("is damaged");
    expect(existsSync(join(dir, ".fixpath-session.json"))).toBe(true);
  });
});

describe("fixpath report", () => {
  /** A session file as fixpath diagnose writes it: one answer given. */
  const savedSession = (managed: unknown) =>
    JSON.stringify(
      { kind: "fixpath-session", version: 1, session: { version: 1, code: "caa50021", app: "onedrive", facts: { managed }, dontKnow: [], outcomes: [], history: [{ type: "answer", fact: "managed", value: managed, previous: null }] } },
      null,
      2,
    );

  it("reads a session file that Windows PowerShell saved again as UTF-16, and places what is wrong in one at its line and column", async () => {
    const dir = tempDir();
    const report = async (name: string, bytes: string | Uint8Array) => {
      writeFileSync(join(dir, name), bytes);
      const io = fakeIo({ cwd: dir });
      const code = await main(["report", "--session", name, "--format", "txt"], io);
      return { code, out: io.out().replace(/^Made: .*$/m, ""), err: io.err() };
    };
    const plain = await report("plain.json", savedSession(true));
    expect(plain.code).toBe(0);
    expect(await report("utf16.json", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(savedSession(true), "utf16le")]))).toEqual(plain);

    const wrong = await report("wrong.json", savedSession("yes"));
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/the session in \S*wrong\.json is damaged \(mend what follows, or start a new session\)/);
    expect(wrong.err).toMatch(/wrong\.json:9:7: "managed" is true or false/);
    expect(wrong.err).not.toMatch(/\b(?:facts|session)\/[a-z-]+/);

    const cut = await report("cut.json", savedSession(true).slice(0, savedSession(true).indexOf('"version": 1,') + 13));
    expect(cut.code).toBe(2);
    expect(cut.err).toMatch(/the session file \S*cut\.json:\d+:\d+ is not valid JSON: it ends too early/);
    expect(cut.err).toMatch(/cut\.json:3:16 /);
  });

  it("rejects an unknown format, a missing session and a folder given as the session, in words", async () => {
    const dir = tempDir();
    const io = fakeIo({ cwd: dir });
    expect(await main(["report", "--format", "pdf"], io)).toBe(2);
    expect(io.err()).toContain("md, txt or json");
    const io2 = fakeIo({ cwd: dir });
    expect(await main(["report"], io2)).toBe(2);
    expect(io2.err()).toContain("no saved session");
    const io3 = fakeIo({ cwd: dir });
    expect(await main(["report", "--session", "."], io3)).toBe(2);
    expect(io3.err()).toMatch(/^fixpath report: not a file: .*\n {2}Fix: pass the session file fixpath diagnose wrote/);
    expect(io3.err()).not.toContain("internal error");
  });
});

/** One prompt as the scripted prompter saw it: the message, the option labels, and where the cursor started. */
interface Seen {
  message: string;
  labels: string[];
  initial?: string;
}

/**
 * A prompter driven by rules: the first rule whose pattern matches the message answers it, by
 * option label (RegExp), typed text (string) or Esc (CANCELLED). Records every prompt it saw.
 */
function ruled(rules: [RegExp, RegExp | string | typeof CANCELLED][]): Prompter & { seen: Seen[]; notes: string[] } {
  const seen: Seen[] = [];
  const notes: string[] = [];
  const rule = (message: string) => {
    const r = rules.find(([m]) => m.test(message));
    if (!r) throw new Error(`no rule for: ${message}`);
    return r[1];
  };
  return {
    seen,
    notes,
    async select<T>(message: string, choices: Choice<T>[], initial?: T) {
      seen.push({ message: message.split("\n")[0]!, labels: choices.map((c) => c.label), initial: choices.find((c) => c.value === initial)?.label });
      const want = rule(message);
      if (want === CANCELLED) return CANCELLED;
      const pick = choices.find((c) => (want instanceof RegExp ? want.test(c.label) : c.label === want));
      if (!pick) throw new Error(`no choice ${String(want)} for "${message}": ${choices.map((c) => c.label).join(" | ")}`);
      return pick.value;
    },
    async text(message: string, _placeholder?: string, initial?: string) {
      seen.push({ message, labels: [], initial });
      const want = rule(message);
      return want === CANCELLED ? CANCELLED : String(want);
    },
    note: (body: string, title?: string) => void notes.push(`${title ?? ""}\n${body}`),
    info: (m: string) => void notes.push(m),
    done: (m: string) => void notes.push(m),
  };
}

const MANAGED_USER: [RegExp, RegExp | string | typeof CANCELLED][] = [
  [/When did the error start/, ""],
  [/Which account/, /work or school/],
  [/another OneDrive error code/, /no other code/],
  [/Windows Server|other people|not yet synced|both a personal/, /^No$/],
  [/organisation manages/, /^Yes$/],
  [/administrator rights/, /^No$/],
  [/When does CAA50021 appear/, /already set up/],
];

describe("fixpath diagnose, interactive: choices a person can trust", () => {
  it("starts every question on \"I don't know\", never on Yes", async () => {
    const prompter = ruled([...MANAGED_USER, [/Did this fix it/, CANCELLED]]);
    const io = fakeIo({ cwd: tempDir(), prompter });
    await main(["diagnose", "caa50021", "--app", "onedrive"], io);
    const questions = prompter.seen.filter((s) => s.labels.includes("I don't know"));
    expect(questions.map((q) => q.message)).toContain("Is this computer running Windows Server (for example a virtual machine or a remote desktop host)?");
    for (const q of questions) expect(q.initial, q.message).toBe("I don't know");
    expect(prompter.seen.at(-1)).toMatchObject({ message: "Did this fix it?", initial: expect.stringMatching(/^Pause here/) });
  });

  it("after Go back, starts on the earlier answer", async () => {
    let backs = 0;
    const prompter = ruled([
      [/When did the error start/, ""],
      [/Which account/, /work or school/],
      [/another OneDrive error code/, /no other code/],
      [/Windows Server/, /^No$/],
      [/other people/, CANCELLED],
    ]);
    const select = prompter.select.bind(prompter);
    prompter.select = async (message, choices, initial) => {
      if (/other people/.test(message) && backs++ === 0) {
        prompter.seen.push({ message, labels: [], initial: undefined });
        return choices.find((c) => c.label === "Go back")!.value;
      }
      return select(message, choices, initial);
    };
    const io = fakeIo({ cwd: tempDir(), prompter });
    expect(await main(["diagnose", "caa50021", "--app", "onedrive"], io)).toBe(130);
    const server = prompter.seen.filter((s) => /Windows Server/.test(s.message));
    expect(server.map((s) => s.initial)).toEqual(["I don't know", "No"]);
  });

  it("asks for the app when the code has several and --app is left out", async () => {
    const prompter = ruled([[/Which app shows CAA50021/, /^Teams$/], [/When did the error start/, CANCELLED]]);
    const dir = tempDir();
    const io = fakeIo({ cwd: dir, prompter });
    expect(await main(["diagnose", "CAA50021"], io)).toBe(130);
    expect(prompter.seen[0]!.labels).toEqual(expect.arrayContaining(["OneDrive", "Outlook", "Teams"]));
    expect(prompter.notes.at(-1)).toBe("Stopped: nothing was changed.");
    expect(existsSync(join(dir, ".fixpath-session.json"))).toBe(false);
  });

  it("shows the step IT does as a numbered step between the person's own", async () => {
    const prompter = ruled([...MANAGED_USER, [/Did this fix it/, /still there/]]);
    const io = fakeIo({ cwd: tempDir(), prompter });
    expect(await main(["diagnose", "caa50021", "--app", "onedrive"], io)).toBe(0);
    const titles = prompter.notes.map((n) => n.split("\n")[0]!).filter((t) => t.startsWith("Step "));
    expect(titles.map((t) => t.replace(/:.*/, ""))).toEqual(["Step 1", "Step 2", "Step 3", "Step 4", "Step 5"]);
    expect(titles[2]).toMatch(/\(for your IT\)$/);
    expect(prompter.notes.find((n) => n.startsWith("Step 3"))).toContain("For IT");
  });

  it("Esc saves the session, says how to continue, and exits 130", async () => {
    const dir = tempDir();
    const prompter = ruled([...MANAGED_USER, [/Did this fix it/, CANCELLED]]);
    const io = fakeIo({ cwd: dir, prompter });
    expect(await main(["diagnose", "caa50021", "--app", "onedrive", "--session", "b.json"], io)).toBe(130);
    expect(prompter.notes.at(-1)).toBe("Stopped: progress saved in b.json. Continue with: fixpath diagnose --resume --session b.json");
    expect(JSON.parse(readFileSync(join(dir, "b.json"), "utf8")).session.facts).toMatchObject({ accountType: "work", windowsServer: false });
  });
});

describe("fixpath diagnose, interactive: the saved session", () => {
  /** Saves a CAA50021 OneDrive session that answered "which account" in `dir`/`name`. */
  async function savedCaa(dir: string, name = ".fixpath-session.json"): Promise<void> {
    const prompter = ruled([[/When did the error start/, ""], [/Which account/, /work or school/], [/./, CANCELLED]]);
    await main(["diagnose", "caa50021", "--app", "onedrive", "--session", name], fakeIo({ cwd: dir, prompter }));
  }

  it("does not resume a session of another code silently", async () => {
    const dir = tempDir();
    await savedCaa(dir);
    const prompter = ruled([[/holds a CAA50021 in OneDrive session, not a 0x8004DE40 one/, /Stop here/]]);
    const io = fakeIo({ cwd: dir, prompter });
    expect(await main(["diagnose", "0x8004de40", "--resume"], io)).toBe(0);
    expect(prompter.seen).toHaveLength(1);
    expect(prompter.seen[0]!.labels[0]).toMatch(/^Start the 0x8004DE40 session/);
    expect(JSON.parse(readFileSync(join(dir, ".fixpath-session.json"), "utf8")).session.code).toBe("caa50021");
  });

  it("does not resume a session of the same code in another app silently", async () => {
    const dir = tempDir();
    await savedCaa(dir);
    const prompter = ruled([[/holds a CAA50021 in OneDrive session, not a CAA50021 in Teams one/, /^Start the CAA50021 in Teams session/], [/When did the error start/, CANCELLED]]);
    expect(await main(["diagnose", "caa50021", "--app", "teams", "--resume"], fakeIo({ cwd: dir, prompter }))).toBe(130);
    expect(prompter.seen.map((s) => s.message)).toHaveLength(2);
  });

  it("names the code and app of the session it offers to continue", async () => {
    const dir = tempDir();
    await savedCaa(dir);
    const prompter = ruled([[/A saved CAA50021 in OneDrive session is in/, /Continue/], [/./, CANCELLED]]);
    expect(await main(["diagnose", "caa50021"], fakeIo({ cwd: dir, prompter }))).toBe(130);
    expect(prompter.notes).toContain("Continuing your CAA50021 in OneDrive session from .fixpath-session.json.");
  });

  it("reports a damaged session file before offering anything, and keeps it unless told", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, ".fixpath-session.json"), "{ not json");
    const prompter = ruled([[/Start a new CAA50021 session/, /Stop here/]]);
    expect(await main(["diagnose", "caa50021", "--app", "onedrive"], fakeIo({ cwd: dir, prompter }))).toBe(0);
    expect(prompter.notes[0]).toMatch(/cannot be used:[\s\S]*is not valid JSON/);
    expect(prompter.seen.map((s) => s.message)).toEqual(["Start a new CAA50021 session?"]);
    expect(readFileSync(join(dir, ".fixpath-session.json"), "utf8")).toBe("{ not json");
  });

  it("after a switch to another guide, the command it prints starts that guide", async () => {
    const dir = tempDir();
    const first = ruled([
      [/When did the error start/, ""],
      [/Which account/, /work or school/],
      [/another OneDrive error code/, /type the code/],
      [/Which code/, "0x8004de40"],
      // The other-code question comes once a step changed nothing.
      [/Windows Server|other people|not yet synced|both a personal/, /^No$/],
      [/organisation manages/, /^No$/],
      [/administrator rights/, /^Yes$/],
      [/When does CAA50021 appear/, /already set up/],
      [/Did this fix it/, /still there/],
    ]);
    expect(await main(["diagnose", "caa50021", "--app", "onedrive", "--session", "b.json"], fakeIo({ cwd: dir, prompter: first }))).toBe(0);
    const hint = first.notes.at(-1)!;
    expect(hint).toBe("Continue with: fixpath diagnose 0x8004DE40 --app onedrive --session b.json");

    const argv = hint.replace("Continue with: fixpath ", "").split(" ");
    const second = ruled([[/When did the error start/, CANCELLED]]);
    expect(await main(argv, fakeIo({ cwd: dir, prompter: second }))).toBe(130);
    expect(second.notes[0]).toBe("The ended CAA50021 in OneDrive session in b.json is replaced by this one.");
    expect(second.seen.map((s) => s.message)).toEqual(["When did the error start? (for the report to IT; Enter to skip)"]);
  });

  /** A prompter that presses Enter on the first prompt (it takes whatever the cursor starts on), then Esc (issue 26). */
  function enterOnly(): Prompter & { seen: Seen[]; notes: string[] } {
    const base = ruled([]);
    return {
      ...base,
      async select<T>(message: string, choices: Choice<T>[], initial?: T) {
        base.seen.push({ message: message.split("\n")[0]!, labels: choices.map((c) => c.label), initial: choices.find((c) => c.value === initial)?.label });
        if (base.seen.length > 1) return CANCELLED;
        // The real prompt starts on the first option when no initial value is given.
        return initial ?? choices[0]!.value;
      },
      async text() {
        return CANCELLED;
      },
    };
  }

  it.each<[string, (dir: string) => Promise<void>, string[], RegExp]>([
    ["the same code and app", async (dir) => savedCaa(dir), ["diagnose", "caa50021", "--app", "onedrive"], /^Continue the saved session$/],
    ["another code", async (dir) => savedCaa(dir), ["diagnose", "0x8004de40"], /^Stop here \(nothing is changed\)$/],
    ["the same code in another app", async (dir) => savedCaa(dir), ["diagnose", "caa50021", "--app", "teams"], /^Stop here \(nothing is changed\)$/],
    ["a damaged file", async (dir) => writeFileSync(join(dir, ".fixpath-session.json"), "{ not json"), ["diagnose", "caa50021", "--app", "onedrive"], /^Stop here \(the file is kept as it is\)$/],
  ])("a saved session and %s: the prompt starts on keeping it, and Enter keeps the file as it was", async (_name, save, argv, keep) => {
    const dir = tempDir();
    await save(dir);
    const before = readFileSync(join(dir, ".fixpath-session.json"), "utf8");
    const prompter = enterOnly();
    await main(argv, fakeIo({ cwd: dir, prompter }));
    expect(prompter.seen[0]!.initial).toMatch(keep);
    expect(readFileSync(join(dir, ".fixpath-session.json"), "utf8")).toBe(before);
  });

  it("creates the session file readable by its owner only, and keeps it so when rewritten", async () => {
    const dir = tempDir();
    await savedCaa(dir);
    const file = join(dir, ".fixpath-session.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // A file made readable by others (copied, or written by an older fixpath) is written back 0600.
    chmodSync(file, 0o644);
    const prompter = ruled([[/A saved CAA50021 in OneDrive session is in/, /Continue/], [/Windows Server/, /^No$/], [/./, CANCELLED]]);
    expect(await main(["diagnose", "caa50021", "--app", "onedrive"], fakeIo({ cwd: dir, prompter }))).toBe(130);
    expect(JSON.parse(readFileSync(file, "utf8")).session.facts).toMatchObject({ windowsServer: false });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe("fixpath diagnose, interactive, with --evidence (issue 26)", () => {
  const STANDARD_USER = join(import.meta.dirname, "..", "fixtures", "bundle", "92-derived-current-command-standard-user.txt");

  it("does not ask what the paste settles, says what it found, and the report labels those answers as the analyzer's", async () => {
    const dir = tempDir();
    const prompter = ruled([...MANAGED_USER, [/Did this fix it/, CANCELLED]]);
    expect(await main(["diagnose", "caa50021", "--app", "onedrive", "--evidence", STANDARD_USER], fakeIo({ cwd: dir, prompter }))).toBe(130);
    // The bundle settles administrator rights, management and Windows Server: none of them is asked.
    const asked = prompter.seen.map((s) => s.message).join("\n");
    expect(asked).not.toMatch(/administrator rights|organisation manages|Windows Server|both a personal/);
    expect(asked).toMatch(/Which account/);
    const found = prompter.notes.find((n) => n.startsWith("Found in "));
    expect(found).toMatch(/^Found in .*92-derived-current-command-standard-user\.txt \(the evidence bundle\), not asked\n/);
    expect(found).toMatch(/Do you have administrator rights on this computer\? No/);

    const saved = JSON.parse(readFileSync(join(dir, ".fixpath-session.json"), "utf8"));
    expect(saved.session.facts).toMatchObject({ isAdmin: false, managed: false, windowsServer: false, accountType: "work" });
    expect(saved.session.findings.map((g: { source: string }) => g.source)).toEqual(["the evidence bundle"]);

    const report = fakeIo({ cwd: dir });
    expect(await main(["report", "--format", "txt"], report)).toBe(0);
    expect(report.out()).toMatch(/Do you have administrator rights on this computer\? No \(found by the analyzer in the evidence bundle: [^\n]*; not asked\)\./);
    expect(report.out()).toMatch(/Which account fails to sign in\? A work or school account/);
    expect(report.out()).toContain("the evidence bundle:");
  });

  it("refuses to continue with a paste that contradicts a saved answer, and keeps the session", async () => {
    const dir = tempDir();
    // A session where the person said the computer is managed; the paste shows it is not.
    const session = {
      kind: "fixpath-session",
      version: 1,
      session: {
        version: 1,
        code: "caa50021",
        app: "onedrive",
        facts: { accountType: "work", managed: true },
        dontKnow: [],
        outcomes: [],
        history: [
          { type: "answer", fact: "accountType", value: "work", previous: null },
          { type: "answer", fact: "managed", value: true, previous: null },
        ],
      },
    };
    writeFileSync(join(dir, ".fixpath-session.json"), JSON.stringify(session));
    const before = readFileSync(join(dir, ".fixpath-session.json"), "utf8");
    const io = fakeIo({ cwd: dir, prompter: ruled([[/./, CANCELLED]]) });
    expect(await main(["diagnose", "--resume", "--evidence", STANDARD_USER], io)).toBe(2);
    expect(io.err()).toMatch(/"managed": true, but .*92-derived-current-command-standard-user\.txt shows false[\s\S]*Fix: /);
    expect(readFileSync(join(dir, ".fixpath-session.json"), "utf8")).toBe(before);
  });
});
