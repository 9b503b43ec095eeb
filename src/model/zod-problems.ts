/**
 * zod issues as plain problems with the value they are about: the one place that reads zod's issue
 * shapes. Content validation (`load/schema-drafts.ts`) and the API (`src/server/api-schema.ts`) each word them
 * in their own terms (`kb/…`, `api/…`).
 */
import type { PathSegment } from "./issue.ts";

/** The parts of a zod 4 issue this module reads. */
export interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  values?: unknown[];
  keys?: string[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  params?: { code?: string; hint?: string };
  errors?: ZodIssueLike[][];
}

interface Base {
  /** Where, from the root of the parsed value. */
  path: PathSegment[];
  /** `aliases[1]` for list items, the key name for fields. */
  field: string;
  /** The value found there (undefined when missing). */
  value: unknown;
}

export type ZodProblem = Base &
  (
    | { kind: "missing-field"; expected?: string }
    | { kind: "wrong-type"; expected?: string }
    | { kind: "unknown-field"; key: string }
    | { kind: "invalid-value"; values: string[] }
    | { kind: "too-small"; origin?: string; minimum?: number | bigint }
    | { kind: "too-big"; origin?: string; maximum?: number | bigint }
    | { kind: "invalid-format"; message: string }
    | { kind: "no-branch" }
    | { kind: "custom"; message: string; code?: string; hint?: string }
  );

/** Turns zod issues about `root` into problems; a union's issues come from the branch that fits. */
export function zodProblems(issues: readonly ZodIssueLike[], root: unknown, base: PathSegment[] = []): ZodProblem[] {
  return issues.flatMap((iss): ZodProblem[] => {
    const path = [...base, ...(iss.path as PathSegment[])];
    const at = { path, field: fieldLabel(path), value: valueAt(root, path) };
    switch (iss.code) {
      case "invalid_type":
        return [{ ...at, kind: at.value === undefined ? "missing-field" : "wrong-type", expected: iss.expected }];
      case "unrecognized_keys":
        return (iss.keys ?? []).map((key) => ({ path: [...path, key], field: key, value: valueAt(root, [...path, key]), kind: "unknown-field" as const, key }));
      case "invalid_value":
        return [{ ...at, kind: "invalid-value", values: (iss.values ?? []).map(String) }];
      case "too_small":
        return [{ ...at, kind: "too-small", origin: iss.origin, minimum: iss.minimum }];
      case "too_big":
        return [{ ...at, kind: "too-big", origin: iss.origin, maximum: iss.maximum }];
      case "invalid_format":
        return [{ ...at, kind: "invalid-format", message: iss.message }];
      case "invalid_union": {
        // Follow the branch that fits the value's type; report its problems, not the union's.
        const branches = (iss.errors ?? []).filter((b) => !(b.length === 1 && b[0]!.code === "invalid_type" && b[0]!.path.length === 0));
        return branches.length === 1 ? zodProblems(branches[0]!, root, path) : [{ ...at, kind: "no-branch" }];
      }
      default:
        return [{ ...at, kind: "custom", message: iss.message, code: iss.params?.code, hint: iss.params?.hint }];
    }
  });
}

/** A value in a few words, for "found …": `the text "…"`, `a list`, `number 3`. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the text ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)}`;
  return `${typeof value} ${String(value)}`;
}

function fieldLabel(path: readonly PathSegment[]): string {
  const last = path[path.length - 1];
  if (typeof last !== "number") return String(last ?? "(file)");
  return `${String(path[path.length - 2] ?? "")}[${last}]`;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let current = root;
  for (const seg of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[seg];
  }
  return current;
}
