// The diagnostic island ships the engine's session code without zod in its first load, and the
// session reader (session-parse.ts) with zod/mini, never full zod, in a part of its own. This
// bundles the island as the site build does (site/src/lib/islands-fs.ts), checks what ends up in
// which file, and checks the bundled engine against written-out expectations (the issue code and
// path each broken session must get), not only against the source it came from.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import * as session from "../../src/engine/session.ts";
import * as reader from "../../src/engine/session-parse.ts";
import { bundleIsland } from "../../site/src/lib/islands-fs.ts";
import { loadProjectKb } from "../helpers/kb.ts";

const real = { ...session, ...reader };
type Engine = typeof real;
let bundled: Engine;
const kb = loadProjectKb();

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "fixpath-island-"));
  const out = join(dir, "engine.mjs");
  const result = await build({
    stdin: { contents: ["session.ts", "session-parse.ts"].map((f) => `export * from ${JSON.stringify(join(process.cwd(), "src/engine", f))};`).join("\n"), resolveDir: process.cwd(), loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "neutral",
    write: false,
    metafile: true,
  });
  // What ends up in the bundle (inputs tree-shaken away count 0 bytes).
  const shipped = Object.entries(Object.values(result.metafile.outputs)[0]!.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([f]) => f);
  expect(shipped.some((f) => f.includes("node_modules/zod/v4/mini"))).toBe(true);
  expect(shipped.filter((f) => f.includes("node_modules/zod/v4/classic") || f.includes("node_modules/zod/v4/locales"))).toEqual([]);
  writeFileSync(out, result.outputFiles[0]!.text);
  bundled = (await import(pathToFileURL(out).href)) as Engine;
});

describe("the diagnostic island's bundle", () => {
  it("carries the engine's session code in its first load without zod, and the session reader with zod/mini (never full zod) in a part", async () => {
    const island = await bundleIsland("diagnose");
    const first = island.files.filter((f) => island.initial.includes(f.file)).flatMap((f) => f.modules);
    const later = island.files.filter((f) => !island.initial.includes(f.file)).flatMap((f) => f.modules);
    expect(first).toContain("src/engine/session.ts");
    expect(first.filter((f) => f.includes("node_modules/zod/"))).toEqual([]);
    expect(first).not.toContain("src/engine/session-parse.ts");
    expect(later).toContain("src/engine/session-parse.ts");
    expect(later.some((f) => f.includes("node_modules/zod/v4/mini"))).toBe(true);
    expect([...first, ...later].filter((f) => f.includes("node_modules/zod/v4/classic") || f.includes("node_modules/zod/v4/locales") || f.includes("src/model/schema/") || f.includes("src/model/load/"))).toEqual([]);
  });
});

/** A real session with answers, an "I don't know" and step outcomes. */
function sampleSession(): session.Session {
  let s = real.startSession(kb, { code: "caa50021", app: "onedrive" });
  const steps: [string, boolean | string | null][] = [["accountType", "work"], ["windowsServer", false], ["multipleUsersAffected", false], ["filesNotSyncedZeroFiles", false], ["managed", true], ["isAdmin", null], ["where", "banner"]];
  for (const [fact, value] of steps) if (s.ok) s = real.answer(s.session, fact, value);
  if (s.ok) s = real.recordOutcome(kb, s.session, { stepId: "clean-restart", outcome: "no-change", at: "2026-01-02T10:00:00.000Z" });
  if (!s.ok) throw new Error(JSON.stringify(s.issues));
  return s.session;
}

describe("the island's engine bundle (zod/mini)", () => {
  it("reads a stored session back as it was stored, as the engine does", () => {
    const stored = sampleSession();
    const text = JSON.stringify(stored);
    const a = bundled.parseSession(text);
    expect(a).toEqual({ ok: true, session: stored });
    expect(a.ok && a.session.facts).toEqual({ accountType: "work", windowsServer: false, multipleUsersAffected: false, filesNotSyncedZeroFiles: false, managed: true, where: "banner" });
    expect(a.ok && a.session.dontKnow).toEqual(["isAdmin"]);
    expect(a).toEqual(real.parseSession(text));
  });

  /** Each broken session, and the issues (code at path) it must get; none for one still readable. */
  const broken: [string, (s: Record<string, unknown>) => unknown, string[]][] = [
    ["a wrong version", (s) => ({ ...s, version: 2 }), ["session/bad-version at version"]],
    ["an unknown key", (s) => ({ ...s, extra: 1 }), ["session/invalid at (session)"]],
    ["a missing field", ({ outcomes: _o, ...s }) => s, ["session/invalid at outcomes"]],
    ["a bad app", (s) => ({ ...s, app: "word" }), ["session/invalid at app"]],
    ["an outcome time without an offset", (s) => ({ ...s, outcomes: [{ stepId: "clean-restart", outcome: "no-change", at: "2026-01-02T10:00:00" }] }), ["session/invalid at outcomes[0].at"]],
    ["an unknown outcome", (s) => ({ ...s, history: [...(s.history as unknown[]), { type: "outcome", stepId: "x", outcome: "maybe", at: "2026-01-02T10:00:00Z" }] }), ["session/invalid at history[8].outcome"]],
    ["an unknown history type", (s) => ({ ...s, history: [{ type: "note" }] }), ["session/invalid at history[0].type"]],
    ["facts that are not an object", (s) => ({ ...s, facts: [] }), ["session/invalid at facts"]],
    ["an empty code", (s) => ({ ...s, code: "" }), ["session/invalid at code"]],
    ["a fact of the wrong type", (s) => ({ ...s, facts: { managed: "yes" } }), ["facts/wrong-type at facts.managed"]],
    ["dontKnow missing (defaults to none)", ({ dontKnow: _d, ...s }) => s, []],
    ["not JSON", () => "{", ["session/bad-json at (session)"]],
    ["null", () => null, ["session/invalid at (session)"]],
  ];
  it.each(broken)("reads a session with %s as the engine does", (_name, mutate, expected) => {
    const input = mutate(JSON.parse(JSON.stringify(sampleSession())) as Record<string, unknown>);
    const text = typeof input === "string" ? input : JSON.stringify(input);
    const a = bundled.parseSession(text);
    expect(a.ok ? [] : a.issues.map((i) => `${i.code} at ${i.path}`)).toEqual(expected);
    if (a.ok) expect(a.session.dontKnow).toEqual([]);
    expect(a).toEqual(real.parseSession(text));
  });

  it("records outcomes and refuses bad times and outcomes as the engine does", () => {
    const s = sampleSession();
    for (const [event, expected] of [
      [{ stepId: "unlink-work-account", outcome: "no-change", at: "2026-01-02T11:00:00.000Z" }, ["clean-restart no-change", "unlink-work-account no-change"]],
      [{ stepId: "unlink-work-account", outcome: "no-change", at: "yesterday" }, ["session/bad-time at at"]],
      [{ stepId: "unlink-work-account", outcome: "perhaps", at: "2026-01-02T11:00:00Z" }, ["session/bad-outcome at outcome"]],
    ] as const) {
      const a = bundled.recordOutcome(kb, s, event as Parameters<Engine["recordOutcome"]>[2]);
      expect(a.ok ? a.session.outcomes.map((o) => `${o.stepId} ${o.outcome}`) : a.issues.map((i) => `${i.code} at ${i.path}`)).toEqual(expected);
      expect(a).toEqual(real.recordOutcome(kb, s, event as Parameters<Engine["recordOutcome"]>[2]));
    }
  });
});
