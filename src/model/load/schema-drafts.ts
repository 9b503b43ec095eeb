/**
 * A file's schema problems in content terms (`kb/…`), each with a fix. One slip gives one
 * problem: a misspelt field (`dataSaftey`) is reported as the unknown field with "did you mean
 * `dataSafety`?", not also as the missing `dataSafety`; a field indented at the wrong level (a
 * step's `tier` at the top of the file) as the misplaced line, not also as the step's missing one.
 */
import type { z } from "zod";
import { closest, formatPath, suggest, type PathSegment } from "../issue.ts";
import { isKbCode } from "../issue-codes.ts";
import type { Draft } from "../rules/rule.ts";
import { describeValue, zodProblems, type ZodIssueLike, type ZodProblem } from "../zod-problems.ts";

/** The drafts for one file's zod issues. */
export function schemaDrafts(issues: readonly ZodIssueLike[], data: unknown, schema: z.ZodType, file: string): Draft[] {
  // zod reports a missing enum field as a value not allowed: it is a missing field.
  const problems = zodProblems(issues, data).map((p): ZodProblem =>
    p.kind === "invalid-value" && p.value === undefined ? { path: p.path, field: p.field, value: undefined, kind: "missing-field", expected: p.values.map((v) => `"${v}"`).join(" | ") } : p,
  );
  const missing = new Map<string, ZodProblem>();
  for (const p of problems) if (p.kind === "missing-field") missing.set(JSON.stringify(p.path), p);
  // An unknown key close to a missing field at the same place is that field misspelt.
  const misspelt = new Map<ZodProblem, string>();
  const misplaced = new Map<ZodProblem, PathSegment[]>();
  for (const p of problems) {
    if (p.kind !== "unknown-field") continue;
    const parent = p.path.slice(0, -1);
    const candidates = [...missing.values()].filter((m) => JSON.stringify(m.path.slice(0, -1)) === JSON.stringify(parent)).map((m) => m.field);
    const near = closest(p.key, candidates);
    if (near !== undefined) {
      misspelt.set(p, near);
      missing.delete(JSON.stringify([...parent, near]));
      continue;
    }
    // The same name missing elsewhere: the line is indented at the wrong level.
    const elsewhere = [...missing.values()].find((m) => m.field === p.key);
    if (elsewhere) {
      misplaced.set(p, elsewhere.path.slice(0, -1));
      missing.delete(JSON.stringify(elsewhere.path));
    }
  }
  return problems
    .filter((p) => p.kind !== "missing-field" || missing.has(JSON.stringify(p.path)))
    .map((p) => {
      const near = misspelt.get(p);
      if (near !== undefined && p.kind === "unknown-field") {
        return { code: "kb/unknown-field", file, path: p.path, message: `unknown field "${p.key}" (and "${near}" is missing)`, hint: `did you mean "${near}"? Rename "${p.key}" to "${near}"`, at: "key" } satisfies Draft;
      }
      const owner = misplaced.get(p);
      if (owner !== undefined && p.kind === "unknown-field") {
        const where = formatPath(owner);
        return { code: "kb/unknown-field", file, path: p.path, message: `"${p.key}" is not a field here, and ${where} is missing it: the line is indented at the wrong level`, hint: `indent "${p.key}" to line up with the other fields of ${where} (spaces, not tabs)`, at: "key" } satisfies Draft;
      }
      return contentDraft(p, schema, file);
    });
}

/** Words a zod problem in content terms, with a fix. */
function contentDraft(p: ZodProblem, rootSchema: z.ZodType, file: string): Draft {
  const { path, field, value } = p;
  switch (p.kind) {
    case "missing-field":
      return { code: "kb/missing-field", file, path, message: `missing required field "${field}"`, expected: p.expected, hint: `add "${field}:" here (see the schema's description of it)`, at: "parent" };
    case "wrong-type":
      return { code: "kb/wrong-type", file, path, message: `"${field}" has the wrong type`, expected: p.expected, received: describeValue(value) };
    case "unknown-field": {
      const allowed = allowedKeys(rootSchema, path.slice(0, -1));
      return { code: "kb/unknown-field", file, path, message: `unknown field "${p.key}"`, hint: allowed.length ? suggest(p.key, allowed, "a known field") : "remove it", at: "key" };
    }
    case "invalid-value": {
      const isFact = path[path.length - 1] === "fact" || path[path.length - 1] === "switchToFact";
      return { code: isFact ? "kb/unknown-fact" : "kb/invalid-value", file, path, message: isFact ? `unknown fact ${JSON.stringify(value)}: conditions use the design's facts only` : `"${field}" is not one of the allowed values`, expected: p.values.map((v) => `"${v}"`).join(" | "), received: JSON.stringify(value), hint: typeof value === "string" ? suggest(value, p.values) : `use one of: ${p.values.join(", ")}` };
    }
    case "too-small":
      if (p.origin === "array") {
        return { code: "kb/empty-list", file, path, message: `"${field}" needs at least ${String(p.minimum)} item(s)`, received: `${(value as unknown[] | undefined)?.length ?? 0}`, hint: `add the missing item(s) to "${field}"` };
      }
      return { code: "kb/too-short", file, path, message: `"${field}" is empty or too short`, hint: "write the text, or remove the field if it is optional" };
    case "too-big":
      return { code: "kb/too-long", file, path, message: `"${field}" is too long`, expected: `at most ${String(p.maximum)}`, received: typeof value === "string" ? `${value.length}` : undefined, hint: "shorten it" };
    case "invalid-format": {
      const kebab = typeof value === "string" && /kebab-case/.test(p.message) ? toKebab(value) : undefined;
      return { code: "kb/invalid-format", file, path, message: `"${field}" is not in the right format`, expected: p.message, received: JSON.stringify(value), hint: kebab ? `write it as "${kebab}"` : `write ${p.message}` };
    }
    case "no-branch":
      return { code: "kb/wrong-type", file, path, message: `"${field}" does not fit any allowed form`, received: describeValue(value), hint: "see the schema description of this field" };
    case "custom":
      return { code: p.code !== undefined && isKbCode(p.code) ? p.code : "kb/invalid", file, path, message: p.message, at: value === undefined ? "parent" : undefined };
  }
}

/** The keys an object schema allows at `path`, for "did you mean" hints on unknown fields. */
function allowedKeys(schema: z.ZodType, path: PathSegment[]): string[] {
  let current: unknown = schema;
  for (const seg of path) {
    current = unwrap(current);
    const def = defOf(current);
    if (def?.type === "object") current = (def.shape as Record<string, unknown>)[String(seg)];
    else if (def?.type === "array") current = def.element;
    else if (def?.type === "union") {
      const options = (def.options as unknown[]).map(unwrap);
      current = options.find((o) => defOf(o)?.type === (typeof seg === "number" ? "array" : "object"));
      if (current && typeof seg !== "number") current = (defOf(current)!.shape as Record<string, unknown>)[seg];
      else if (current) current = defOf(current)!.element;
    } else return [];
  }
  current = unwrap(current);
  const def = defOf(current);
  if (def?.type === "union") {
    const obj = (def.options as unknown[]).map(unwrap).find((o) => defOf(o)?.type === "object");
    return obj ? Object.keys(defOf(obj)!.shape as object) : [];
  }
  return def?.type === "object" ? Object.keys(def.shape as object) : [];
}

interface DefLike {
  type: string;
  shape?: unknown;
  element?: unknown;
  options?: unknown;
  innerType?: unknown;
  getter?: () => unknown;
  in?: unknown;
}

function defOf(schema: unknown): DefLike | undefined {
  return (schema as { _zod?: { def?: DefLike } } | undefined)?._zod?.def;
}

function unwrap(schema: unknown): unknown {
  let current = schema;
  for (let i = 0; i < 10; i++) {
    const def = defOf(current);
    if (!def) return current;
    if (def.type === "optional" || def.type === "default" || def.type === "nullable") current = def.innerType;
    else if (def.type === "lazy") current = def.getter!();
    else if (def.type === "pipe") current = def.in;
    else return current;
  }
  return current;
}

function toKebab(value: string): string {
  return value
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
