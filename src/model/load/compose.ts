/**
 * Composes a scenario from its file and the content library (issue 22): each `- use: <id>` entry
 * of `steps`, `questions`, `avoid` and `stops` becomes the library item's fields plus the few the
 * entry adds, so everything after the loader (rules, engine, pages, lookup) sees whole items and
 * cannot tell a library item from one written in place. Pure.
 *
 * One slip gives one problem: a reference to a missing item, a field written in both places or a
 * safety property written in a scenario is reported here, at the entry, and the scenario is not
 * checked further until it is fixed. Problems found later in a composed item (a schema problem, a
 * rule) are placed where the words live (`remap`): in the library file when the field came from it.
 */
import { displayCode } from "../codes.ts";
import { APP_NAMES, type App } from "../facts.ts";
import { suggest, type PathSegment } from "../issue.ts";
import type { Draft } from "../rules/rule.ts";
import { LIBRARY_KINDS, STEP_SAFETY_FIELDS, type LibraryFolder } from "../schema/library.ts";

/** One library item as read: its folder, id (the file name), file (as shown) and fields (without `kind`). */
export interface LibraryItem {
  folder: LibraryFolder;
  id: string;
  file: string;
  fields: Record<string, unknown>;
}

/** The library by folder and id; `used` collects what scenarios used, for the unused-item warning. */
export class Library {
  readonly items = new Map<string, LibraryItem>();
  readonly used = new Set<string>();
  /** Items whose file did not load: a scenario using one is not checked until it does (one slip, one problem). */
  readonly broken = new Set<string>();
  add(item: LibraryItem): void {
    this.items.set(`${item.folder}/${item.id}`, item);
  }
  get(folder: LibraryFolder, id: string): LibraryItem | undefined {
    return this.items.get(`${folder}/${id}`);
  }
  ids(folder: LibraryFolder): string[] {
    return [...this.items.values()].filter((i) => i.folder === folder).map((i) => i.id);
  }
  /** A warning for every item no scenario uses, and for every wording of a used item that none picks. */
  unused(): Draft[] {
    const wordings: Draft[] = [...this.items.values()]
      .filter((i) => this.used.has(`${i.folder}/${i.id}`))
      .flatMap((i) => Object.keys((i.fields.variants as Record<string, unknown> | undefined) ?? {}).filter((name) => !this.used.has(`${i.folder}/${i.id}#${name}`)).map((name) => ({ item: i, name })))
      .map(({ item, name }) => ({
        code: "kb/unused-library-item" as const,
        severity: "warning" as const,
        file: item.file,
        path: ["variants", name],
        at: "key" as const,
        message: `no scenario picks the wording "${name}"`,
        hint: `pick it in a scenario with "variant: ${name}", or delete it`,
      }));
    const items: Draft[] = [...this.items.values()]
      .filter((i) => !this.used.has(`${i.folder}/${i.id}`))
      .map((i) => ({
        code: "kb/unused-library-item" as const,
        severity: "warning" as const,
        file: i.file,
        path: [],
        message: `no scenario uses this library ${LIBRARY_KINDS[i.folder].kind} ("${i.id}")`,
        hint: i.folder === "managed" ? `write "use: ${i.id}" under a scenario's managed:, or delete the file` : `list it in a scenario's ${LIBRARY_KINDS[i.folder].list} as "- use: ${i.id}", or delete the file`,
      }));
    return [...items, ...wordings];
  }
}

/** Where the fields of a composed item came from, by `<list>.<index>` (or `managed`). */
export type Origins = Map<string, { file: string; fields: ReadonlyMap<string, PathSegment[]> }>;

export interface Composed {
  data: Record<string, unknown>;
  origins: Origins;
  /** Problems of the `use` entries; when there is an error, the scenario is not checked further. */
  drafts: Draft[];
  /** A `use` names an item whose own file did not load (already reported there). */
  blocked: boolean;
}

/** Where a field of a library file is, in words ("content/library/steps/x.yaml:4:3"), for messages that point at both places. */
export type Where = (file: string, path: PathSegment[]) => string;

/** Composes one scenario's raw data (after YAML, before its schema). */
export function composeScenario(raw: Record<string, unknown>, library: Library, file: string, where: Where): Composed {
  const data: Record<string, unknown> = { ...raw };
  const origins: Origins = new Map();
  const drafts: Draft[] = [];
  let blocked = false;
  const app = typeof raw.app === "string" ? raw.app : "";
  const code = typeof raw.code === "string" ? raw.code : "";
  /** One `use` entry (at `at`) composed with its library item; anything else as it is. */
  const compose = (folder: LibraryFolder, entry: unknown, prefix: PathSegment[]): unknown => {
    const { key, kind } = LIBRARY_KINDS[folder];
    if (typeof entry !== "object" || entry === null || !("use" in entry)) return entry;
    const { use, ...own } = entry as Record<string, unknown>;
    const at = (field: string): PathSegment[] => [...prefix, field];
    if (typeof use !== "string") {
      drafts.push({ code: "kb/unknown-library-item", file, path: at("use"), message: `"use" names a library ${kind} by its id`, received: JSON.stringify(use), hint: `write the id, e.g. "use: ${library.ids(folder)[0] ?? "clean-restart"}"` });
      return entry;
    }
    const item = library.get(folder, use);
    if (!item && library.broken.has(`${folder}/${use}`)) {
      blocked = true;
      return entry;
    }
    if (!item) {
      drafts.push({ code: "kb/unknown-library-item", file, path: at("use"), message: `no library ${kind} "${use}" (content/library/${folder}/${use}.yaml)`, hint: suggest(use, library.ids(folder)) });
      return entry;
    }
    library.used.add(`${folder}/${use}`);
    const { variant, ...words } = own;
    // The item's own fields, then each wording the scenario picks; where each field came from.
    const { variants: named = {}, ...base } = item.fields as Record<string, unknown> & { variants?: Record<string, Record<string, unknown>> };
    const from = new Map<string, PathSegment[]>(Object.keys(base).map((f) => [f, [f]]));
    const fields: Record<string, unknown> = { ...base };
    const picks = variant === undefined ? [] : Array.isArray(variant) ? variant : [variant];
    for (const [v, name] of picks.entries()) {
      const vPath: PathSegment[] = Array.isArray(variant) ? [...prefix, "variant", v] : [...prefix, "variant"];
      const wording = typeof name === "string" ? named[name] : undefined;
      if (!wording) {
        drafts.push({ code: "kb/unknown-library-item", file, path: vPath, message: `the library ${kind} "${use}" has no wording "${String(name)}" under its variants (${where(item.file, [])})`, hint: Object.keys(named).length ? suggest(String(name), Object.keys(named)) : `this item has no variants; remove "variant"` });
        continue;
      }
      library.used.add(`${folder}/${use}#${name}`);
      for (const [f, value] of Object.entries(wording)) {
        if (from.has(f)) {
          drafts.push({ code: "kb/library-redefined", file, path: vPath, message: `the wording "${name}" gives "${f}", which ${where(item.file, from.get(f)!)} already gives`, hint: "pick wordings that word different fields" });
          continue;
        }
        from.set(f, ["variants", name, f]);
        fields[f] = value;
      }
    }
    for (const field of Object.keys(words)) {
      if ((folder === "steps" && (STEP_SAFETY_FIELDS as readonly string[]).includes(field)) || (folder === "avoid" && field === "neverOnManaged")) {
        drafts.push({ code: "kb/library-safety-field", file, path: at(field), at: "key", message: `"${field}" is a safety property: only the library item says it (${where(item.file, [])})`, hint: `remove it here; one ${kind} id means one action everywhere` });
      } else if (from.has(field)) {
        drafts.push({ code: "kb/library-redefined", file, path: at(field), at: "key", message: `"${field}" is already written in the library item at ${where(item.file, from.get(field)!)}; a scenario does not write it again`, hint: "remove it here, or, when this code needs other words, move the field into a named wording under the item's variants" });
      }
    }
    origins.set(prefix.join("."), { file: item.file, fields: from });
    return { ...(key ? { [key]: use } : {}), ...fill(fields, app, code), ...words };
  };
  for (const folder of Object.keys(LIBRARY_KINDS) as LibraryFolder[]) {
    const { list } = LIBRARY_KINDS[folder];
    const value = raw[list];
    if (folder === "managed") data[list] = compose(folder, value, [list]);
    else if (Array.isArray(value)) data[list] = value.map((entry: unknown, i) => compose(folder, entry, [list, i]));
  }
  return { data, origins, drafts, blocked };
}

/** Places a problem found in a composed scenario where its words live: the library file when the field came from it. */
export function remap(draft: Draft, file: string, origins: Origins | undefined): Draft {
  if (!origins || draft.file !== file) return draft;
  // The entry is `<list>.<index>` (steps, questions, avoid, stops) or `<field>` (managed).
  for (const n of [2, 1]) {
    const origin = origins.get(draft.path.slice(0, n).join("."));
    const field = draft.path[n];
    const at = origin && typeof field === "string" ? origin.fields.get(field) : undefined;
    if (origin && at) return { ...draft, file: origin.file, path: [...at, ...draft.path.slice(n + 1)] };
  }
  return draft;
}

/** The library's words with `{app}` and `{code}` filled in for this scenario. */
function fill<T>(value: T, app: string, code: string): T {
  if (typeof value === "string") {
    if (!value.includes("{")) return value;
    return value.replaceAll("{app}", APP_NAMES[app as App] ?? app).replaceAll("{code}", code ? displayCode(code) : code) as T;
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, app, code)) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, app, code)])) as T;
  return value;
}
