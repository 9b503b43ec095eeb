// Moves every step, question, avoided action and stop that two or more scenarios write into the
// content library (content/library/<kind>/<id>.yaml), and writes `- use: <id>` in the scenarios.
// A field that is the same text in every copy (or the same once the app's and the code's names
// read {app} and {code}) goes to the library; a field the copies write differently stays with each
// scenario. The safety properties always go to the library. The composed scenarios the loader
// gives afterwards are the same as before (run it, then `npm test`).
//
// npm run library:extract [-- --check]   (--check: say what would move, write nothing)
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { Pair, Scalar, YAMLMap, parseDocument, stringify, type Document } from "yaml";
import { readContentFiles } from "../src/model/content-fs.ts";
import { APP_NAMES, displayCode, type App } from "../src/model/index.ts";
import { LIBRARY_KINDS, STEP_SAFETY_FIELDS, type LibraryFolder } from "../src/model/schema/library.ts";

const ROOT = join(import.meta.dirname, "..");
const CONTENT = join(ROOT, "content");
const check = process.argv.includes("--check");
/** Fields that place an item in its scenario: always the scenario's own. */
const PLACE: Record<LibraryFolder, readonly string[]> = { steps: ["tier", "when", "whenNot", "completedBy"], questions: [], avoid: [], stops: [], managed: [] };
/** Fields only the library says. */
const SAFETY: Record<LibraryFolder, readonly string[]> = { steps: STEP_SAFETY_FIELDS, questions: [], avoid: ["neverOnManaged"], stops: [], managed: [] };
/** The kinds a scenario lists (the managed signs are one field: see managedPass). */
const LISTED = ["steps", "questions", "avoid", "stops"] as const;

interface Copy {
  file: string;
  doc: Document;
  list: string;
  index: number;
  app: App;
  code: string;
  raw: Record<string, unknown>;
}

/** Every scenario file as an editable YAML document (comments and layout kept), read afresh. */
function readScenarios(): { name: string; doc: Document; data: Record<string, unknown> }[] {
  return readContentFiles(CONTENT, ROOT)
    .filter((f) => /^[^/]+\/(onedrive|outlook|teams|office)\.yaml$/.test(f.name))
    .map((f) => {
      const doc = parseDocument(f.text);
      return { name: f.name, doc, data: doc.toJS() as Record<string, unknown> };
    });
}

const docs = new Map<string, Document>();
const copies = new Map<string, Copy[]>();
for (const { name, doc, data } of readScenarios()) {
  docs.set(name, doc);
  for (const folder of LISTED) {
    const { list, key } = LIBRARY_KINDS[folder];
    const items = (data[list] as Record<string, unknown>[] | undefined) ?? [];
    items.forEach((raw, index) => {
      if ("use" in raw) return;
      const id = String(raw[key]);
      const k = `${folder}/${id}`;
      copies.set(k, [...(copies.get(k) ?? []), { file: name, doc, list, index, app: data.app as App, code: String(data.code), raw }]);
    });
  }
}

/** A value with the scenario's app and code names written as {app} and {code}. */
function normal(value: unknown, c: Pick<Copy, "app" | "code">, key = ""): unknown {
  if (key === "sources") return value; // source ids are ids, not words
  if (typeof value === "string") return value.split(APP_NAMES[c.app]).join("{app}").split(displayCode(c.code)).join("{code}");
  if (Array.isArray(value)) return value.map((v) => normal(v, c));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normal(v, c, k)]));
  return value;
}

const changed = new Set<string>();
let moved = 0;
for (const [k, group] of [...copies].sort(([a], [b]) => a.localeCompare(b))) {
  if (group.length < 2) continue;
  const [folder, id] = k.split("/") as [LibraryFolder, string];
  const { key, kind } = LIBRARY_KINDS[folder];
  const fields = new Set(group.flatMap((c) => Object.keys(c.raw)).filter((f) => f !== key && !PLACE[folder].includes(f)));
  const library: Record<string, unknown> = {};
  for (const field of fields) {
    const values = group.map((c) => c.raw[field]);
    const all = values.every((v) => v !== undefined);
    if (SAFETY[folder].includes(field) || field === "changesState") {
      const set = values.map((v) => v ?? false);
      if (!set.every((v) => v === set[0])) throw new Error(`${k}: ${field} differs between copies (${group.map((c) => c.file).join(", ")}); make the action one before extracting`);
      library[field] = set[0];
    } else if (all && values.every((v) => isDeepStrictEqual(v, values[0]))) library[field] = values[0];
    else if (all && group.every((c) => isDeepStrictEqual(normal(c.raw[field], c), normal(group[0]!.raw[field], group[0]!)))) library[field] = normal(group[0]!.raw[field], group[0]!);
  }
  const shared = Object.keys(library).filter((f) => !SAFETY[folder].includes(f) && f !== "changesState");
  console.log(`${k}: ${group.length} copies; one text: ${shared.join(", ") || "(none)"}; per scenario: ${[...fields].filter((f) => !(f in library)).join(", ") || "(none)"}`);
  moved++;
  if (check) continue;
  const path = join(CONTENT, "library", folder, `${id}.yaml`);
  mkdirSync(join(CONTENT, "library", folder), { recursive: true });
  writeFileSync(path, `# yaml-language-server: $schema=../../../schema/library-${kind}.schema.json\n` + stringify({ kind, ...library }, { lineWidth: 100, flowCollectionPadding: false, blockQuote: "folded" }));
  for (const c of group) {
    const seq = c.doc.get(c.list) as { items: YAMLMap[] };
    const node = seq.items[c.index]!;
    const keep = node.items.filter((p) => {
      const name = String((p.key as Scalar).value);
      return name !== key && !(name in library);
    });
    const use = new YAMLMap();
    use.items = [new Pair(new Scalar("use"), new Scalar(id)), ...keep];
    seq.items[c.index] = use;
    changed.add(c.file);
  }
}
if (!check) for (const name of changed) writeFileSync(join(CONTENT, name), docs.get(name)!.toString({ lineWidth: 100, flowCollectionPadding: false }));
console.log(`${moved} items ${check ? "would move" : "moved"} to content/library; ${check ? "would rewrite" : "rewrote"} ${changed.size} scenario files`);
if (!check) variantsPass();
if (!check) managedPass();

// Second pass: a field that several scenarios word alike, but not all of them, becomes a named
// wording under the library item's `variants:`, and those scenarios pick it (`variant: <name>`).
// After it, no wording is written in two files. The wording's name says which apps read it (with
// a number when two wordings are read by the same apps); rename it freely in both places.
function variantsPass(): void {
  interface Use { file: string; doc: Document; node: YAMLMap; app: App; code: string }
  const scenarioDocs = new Map<string, Document>();
  const uses = new Map<string, Use[]>();
  for (const { name, doc, data } of readScenarios()) {
    scenarioDocs.set(name, doc);
    for (const folder of LISTED) {
      const seq = doc.get(LIBRARY_KINDS[folder].list) as { items: YAMLMap[] } | undefined;
      for (const node of seq?.items ?? []) {
        const use = node.get("use");
        if (typeof use !== "string") continue;
        const k = `${folder}/${use}`;
        uses.set(k, [...(uses.get(k) ?? []), { file: name, doc, node, app: data.app as App, code: String(data.code) }]);
      }
    }
  }
  const changedFiles = new Set<string>();
  let wordings = 0;
  for (const [k, group] of [...uses].sort(([a], [b]) => a.localeCompare(b))) {
    const [folder, id] = k.split("/") as [LibraryFolder, string];
    // Each (field, wording) several scenarios share, grouped by exactly who shares it.
    const byWording = new Map<string, { field: string; value: unknown; who: Use[] }>();
    for (const u of group) {
      for (const pair of u.node.items) {
        const field = String((pair.key as Scalar).value);
        if (field === "use" || field === "variant" || (PLACE[folder].includes(field) && field !== "whenNot")) continue;
        const value = normal((u.node.toJSON() as Record<string, unknown>)[field], { app: u.app, code: u.code }, field);
        const key = `${field}\u0000${JSON.stringify(value)}`;
        const entry = byWording.get(key) ?? { field, value, who: [] };
        entry.who.push(u);
        byWording.set(key, entry);
      }
    }
    const byWho = new Map<string, { who: Use[]; fields: Record<string, unknown> }>();
    for (const w of byWording.values()) {
      if (w.who.length < 2) continue;
      const key = w.who.map((u) => u.file).join(",");
      const entry = byWho.get(key) ?? { who: w.who, fields: {} };
      entry.fields[w.field] = w.value;
      byWho.set(key, entry);
    }
    if (byWho.size === 0) continue;
    const path = join(CONTENT, "library", folder, `${id}.yaml`);
    const libDoc = parseDocument(readFileSync(path, "utf8"));
    const existing = (libDoc.toJS() as { variants?: Record<string, unknown> }).variants ?? {};
    const names = new Set(Object.keys(existing));
    const picks = new Map<Use, string[]>();
    for (const { who, fields } of [...byWho.values()].sort((a, b) => b.who.length - a.who.length)) {
      // Named after the field it words (when one) and who reads it: one code, or the apps.
      const apps = [...new Set(who.map((u) => u.app))].sort();
      const codes = [...new Set(who.map((u) => u.code))];
      const oneCode = codes.length === 1 && group.filter((u) => u.code === codes[0]).length === who.length;
      const fieldNames = Object.keys(fields);
      const field = fieldNames.length === 1 ? fieldNames[0]!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`) : "";
      const base = [field, oneCode ? codes[0]!.toLowerCase() : apps.join("-")].filter(Boolean).join("-");
      let name = base;
      for (let n = 2; names.has(name); n++) name = `${base}-${n}`;
      names.add(name);
      libDoc.setIn(["variants", name], libDoc.createNode(fields));
      for (const u of who) {
        picks.set(u, [...(picks.get(u) ?? []), name]);
        for (const field of Object.keys(fields)) u.node.delete(field);
      }
      wordings++;
    }
    for (const [u, names] of picks) {
      const had = u.node.get("variant");
      const all = [...(had === undefined ? [] : Array.isArray(had) ? had : [had]), ...names] as string[];
      u.node.delete("variant");
      const value = all.length === 1 ? new Scalar(all[0]) : u.doc.createNode(all, { flow: true });
      u.node.items.splice(1, 0, new Pair(new Scalar("variant"), value));
      changedFiles.add(u.file);
    }
    console.log(`${k}: ${byWho.size} wording${byWho.size === 1 ? "" : "s"} shared by some of its ${group.length} scenarios`);
    if (!check) writeFileSync(path, libDoc.toString({ lineWidth: 100, flowCollectionPadding: false }));
  }
  if (!check) for (const name of changedFiles) writeFileSync(join(CONTENT, name), scenarioDocs.get(name)!.toString({ lineWidth: 100, flowCollectionPadding: false }));
  console.log(`${wordings} wordings ${check ? "would move" : "moved"} to variants; ${check ? "would rewrite" : "rewrote"} ${changedFiles.size} scenario files`);
}


// The signs of a managed computer: scenarios that list the same signs read them from
// content/library/managed/signs.yaml (`managed: { use: signs, advice: … }`).
function managedPass(): void {
  const bySigns = new Map<string, { signs: unknown; docs: [string, Document][] }>();
  for (const { name, doc, data: raw } of readScenarios()) {
    const data = raw as { app: App; code: string; managed?: { signs?: unknown } };
    if (!data.managed?.signs) continue;
    const signs = normal(data.managed.signs, { app: data.app, code: String(data.code) });
    const key = JSON.stringify(signs);
    const entry = bySigns.get(key) ?? { signs, docs: [] };
    entry.docs.push([name, doc]);
    bySigns.set(key, entry);
  }
  let n = 0;
  for (const { signs, docs } of [...bySigns.values()].sort((a, b) => b.docs.length - a.docs.length)) {
    if (docs.length < 2) continue;
    const id = n++ ? `signs-${n}` : "signs";
    const kind = "managed";
    mkdirSync(join(CONTENT, "library", "managed"), { recursive: true });
    writeFileSync(join(CONTENT, "library", "managed", `${id}.yaml`), `# yaml-language-server: $schema=../../../schema/library-${kind}.schema.json\n` + stringify({ kind, signs }, { lineWidth: 100, flowCollectionPadding: false, blockQuote: "folded" }));
    for (const [name, doc] of docs) {
      const managed = doc.get("managed") as YAMLMap;
      managed.delete("signs");
      managed.items.unshift(new Pair(new Scalar("use"), new Scalar(id)));
      writeFileSync(join(CONTENT, name), doc.toString({ lineWidth: 100, flowCollectionPadding: false }));
    }
    console.log(`managed/${id}: the signs of a managed computer of ${docs.length} scenarios`);
  }
}
