// The diagnostic island ships the engine's session code with zod/mini, never full zod. This bundles
// the engine exactly as the island does and checks it against the real engine.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import * as real from "../../src/engine/session.ts";
import { loadProjectKb } from "../helpers/kb.ts";

type Engine = typeof real;
let bundled: Engine;
const kb = loadProjectKb();

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "fixpath-island-"));
  const out = join(dir, "engine.mjs");
  const result = await build({
    stdin: { contents: `export * from ${JSON.stringify(join(process.cwd(), "src/engine/session.ts"))};`, resolveDir: process.cwd(), loader: "ts" },
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

/** A real session with answers, an "I don't know" and step outcomes. */
function sampleSession(): real.Session {
  let s = real.startSession(kb, { code: "caa50021", app: "onedrive" });
  const steps: [string, boolean | string | null][] = [["accountType", "work"], ["managed", true], ["isAdmin", null], ["where", "banner"]];
  for (const [fact, value] of steps) if (s.ok) s = real.answer(s.session, fact, value);
  if (s.ok) s = real.recordOutcome(kb, s.session, { stepId: "clean-restart", outcome: "no-change", at: "2026-01-02T10:00:00.000Z" });
  if (!s.ok) throw new Error(JSON.stringify(s.issues));
  return s.session;
}

describe("the island's engine bundle (zod/mini)", () => {
  it("reads a stored session exactly as the engine does", () => {
    const text = JSON.stringify(sampleSession());
    expect(bundled.parseSession(text)).toEqual(real.parseSession(text));
  });

  const broken: [string, (s: Record<string, unknown>) => unknown][] = [
    ["a wrong version", (s) => ({ ...s, version: 2 })],
    ["an unknown key", (s) => ({ ...s, extra: 1 })],
    ["a missing field", ({ outcomes: _o, ...s }) => s],
    ["a bad app", (s) => ({ ...s, app: "word" })],
    ["an outcome time without an offset", (s) => ({ ...s, outcomes: [{ stepId: "clean-restart", outcome: "no-change", at: "2026-01-02T10:00:00" }] })],
    ["an unknown outcome", (s) => ({ ...s, history: [...(s.history as unknown[]), { type: "outcome", stepId: "x", outcome: "maybe", at: "2026-01-02T10:00:00Z" }] })],
    ["an unknown history type", (s) => ({ ...s, history: [{ type: "note" }] })],
    ["facts that are not an object", (s) => ({ ...s, facts: [] })],
    ["an empty code", (s) => ({ ...s, code: "" })],
    ["a fact of the wrong type", (s) => ({ ...s, facts: { managed: "yes" } })],
    ["dontKnow missing (defaults to none)", ({ dontKnow: _d, ...s }) => s],
    ["not JSON", () => "{"],
    ["null", () => null],
  ];
  it.each(broken)("agrees with the engine on a session with %s", (_name, mutate) => {
    const input = mutate(JSON.parse(JSON.stringify(sampleSession())) as Record<string, unknown>);
    const text = typeof input === "string" ? input : JSON.stringify(input);
    const a = bundled.parseSession(text);
    const b = real.parseSession(text);
    expect(a.ok).toBe(b.ok);
    if (a.ok && b.ok) expect(a.session).toEqual(b.session);
    if (!a.ok && !b.ok) expect(a.issues.map((i) => i.code)).toEqual(b.issues.map((i) => i.code));
  });

  it("records outcomes and refuses bad times and outcomes as the engine does", () => {
    const s = sampleSession();
    for (const event of [
      { stepId: "unlink-work-account", outcome: "no-change", at: "2026-01-02T11:00:00.000Z" },
      { stepId: "unlink-work-account", outcome: "no-change", at: "yesterday" },
      { stepId: "unlink-work-account", outcome: "perhaps", at: "2026-01-02T11:00:00Z" },
    ] as const) {
      const a = bundled.recordOutcome(kb, s, event as Parameters<Engine["recordOutcome"]>[2]);
      const b = real.recordOutcome(kb, s, event as Parameters<Engine["recordOutcome"]>[2]);
      expect(a).toEqual(b);
    }
  });
});
