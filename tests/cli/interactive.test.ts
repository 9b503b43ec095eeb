import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
  it("rejects an unknown format and a missing session", async () => {
    const dir = tempDir();
    const io = fakeIo({ cwd: dir });
    expect(await main(["report", "--format", "pdf"], io)).toBe(2);
    expect(io.err()).toContain("md, txt or json");
    const io2 = fakeIo({ cwd: dir });
    expect(await main(["report"], io2)).toBe(2);
    expect(io2.err()).toContain("no saved session");
  });
});
