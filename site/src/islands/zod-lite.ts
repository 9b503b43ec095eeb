/**
 * A small stand-in for `zod`, used only in the browser bundle of the diagnostic island.
 *
 * Why: `src/engine/session.ts` validates stored sessions with zod, and zod 4 adds about 100 KB
 * gzip to the island (budget: 25 KB). This module implements exactly the part of zod's API that
 * `session.ts` calls at run time (strictObject, union, discriminatedUnion, enum, literal, array,
 * record, string/boolean/null/unknown, min, default, iso.datetime, meta, safeParse), with zod's
 * semantics for valid and invalid input; `tests/site/zod-lite.test.ts` checks it against zod on
 * sessions. The bundler (`site/src/lib/islands-fs.ts`) aliases `zod` to this file.
 * TODO: remove when session validation moves out of the engine's browser path (see the site report).
 */

/** A validation problem, shaped like zod's. */
export interface LiteIssue {
  path: (string | number)[];
  message: string;
}

type Run = (value: unknown, path: (string | number)[], issues: LiteIssue[]) => unknown;

export type SafeParse<T> = { success: true; data: T } | { success: false; error: { issues: LiteIssue[] } };

/** A schema: parses a value or records issues. */
export class LiteType<T = unknown> {
  /** The literal values this schema accepts, for discriminated unions. */
  readonly literals?: readonly unknown[];
  /** Object shape, for discriminated unions. */
  readonly shape?: Record<string, LiteType>;

  constructor(
    readonly run: Run,
    extra: { literals?: readonly unknown[]; shape?: Record<string, LiteType> } = {},
  ) {
    this.literals = extra.literals;
    this.shape = extra.shape;
  }

  safeParse(value: unknown): SafeParse<T> {
    const issues: LiteIssue[] = [];
    const data = this.run(value, [], issues);
    return issues.length > 0 ? { success: false, error: { issues } } : { success: true, data: data as T };
  }

  /** Descriptions are for JSON Schema only: ignored here. */
  meta(_meta: unknown): this {
    return this;
  }

  /** A minimum length (strings and arrays). */
  min(n: number): LiteType<T> {
    return new LiteType(
      (v, path, issues) => {
        const before = issues.length;
        const out = this.run(v, path, issues);
        if (issues.length === before && (typeof out === "string" || Array.isArray(out)) && out.length < n) {
          issues.push({ path, message: `Too small: expected ${typeof out === "string" ? "string" : "array"} to have >=${n} ${typeof out === "string" ? "characters" : "items"}` });
        }
        return out;
      },
      { literals: this.literals, shape: this.shape },
    );
  }

  /** A default for an absent value. */
  default(value: T): LiteType<T> {
    return new LiteType((v, path, issues) => (v === undefined ? structuredClone(value) : this.run(v, path, issues)));
  }
}

const expected = (what: string, v: unknown) => `Invalid input: expected ${what}, received ${v === null ? "null" : Array.isArray(v) ? "array" : typeof v}`;
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function primitive(what: string, test: (v: unknown) => boolean): LiteType {
  return new LiteType((v, path, issues) => {
    if (!test(v)) issues.push({ path, message: expected(what, v) });
    return v;
  });
}

// Zod 4's ISO datetime with an offset: seconds and fractions optional, `Z` or ±hh:mm / ±hhmm / ±hh.
const DATE = String.raw`(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))`;
const TIME = String.raw`(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?`;
const ISO_OFFSET = new RegExp(`^${DATE}T${TIME}(?:Z|[+-](?:[01]\\d|2[0-3])(?::?[0-5]\\d)?)$`);

export const z = {
  string: () => primitive("string", (v) => typeof v === "string"),
  boolean: () => primitive("boolean", (v) => typeof v === "boolean"),
  null: () => primitive("null", (v) => v === null),
  unknown: () => new LiteType((v) => v),
  literal: (value: unknown) =>
    new LiteType(
      (v, path, issues) => {
        if (v !== value) issues.push({ path, message: `Invalid input: expected ${JSON.stringify(value)}` });
        return v;
      },
      { literals: [value] },
    ),
  enum: (values: readonly string[]) =>
    new LiteType(
      (v, path, issues) => {
        if (typeof v !== "string" || !values.includes(v)) issues.push({ path, message: `Invalid option: expected one of ${values.map((x) => JSON.stringify(x)).join("|")}` });
        return v;
      },
      { literals: values },
    ),
  iso: {
    datetime: (_options?: { offset?: boolean }) =>
      new LiteType((v, path, issues) => {
        if (typeof v !== "string") issues.push({ path, message: expected("string", v) });
        else if (!ISO_OFFSET.test(v)) issues.push({ path, message: "Invalid ISO datetime" });
        return v;
      }),
  },
  array: (item: LiteType) =>
    new LiteType((v, path, issues) => {
      if (!Array.isArray(v)) {
        issues.push({ path, message: expected("array", v) });
        return v;
      }
      return v.map((x, i) => item.run(x, [...path, i], issues));
    }),
  record: (key: LiteType, value: LiteType) =>
    new LiteType((v, path, issues) => {
      if (!isPlainObject(v)) {
        issues.push({ path, message: expected("record", v) });
        return v;
      }
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        key.run(k, [...path, k], issues);
        out[k] = value.run(x, [...path, k], issues);
      }
      return out;
    }),
  strictObject: (shape: Record<string, LiteType>) =>
    new LiteType(
      (v, path, issues) => {
        if (!isPlainObject(v)) {
          issues.push({ path, message: expected("object", v) });
          return v;
        }
        const out: Record<string, unknown> = {};
        for (const [k, schema] of Object.entries(shape)) {
          const parsed = schema.run(v[k], [...path, k], issues);
          if (parsed !== undefined || k in v) out[k] = parsed;
        }
        const extra = Object.keys(v).filter((k) => !(k in shape));
        if (extra.length > 0) issues.push({ path, message: `Unrecognized key${extra.length > 1 ? "s" : ""}: ${extra.map((k) => `"${k}"`).join(", ")}` });
        return out;
      },
      { shape },
    ),
  union: (options: readonly LiteType[]) =>
    new LiteType((v, path, issues) => {
      for (const option of options) {
        const own: LiteIssue[] = [];
        const out = option.run(v, path, own);
        if (own.length === 0) return out;
      }
      issues.push({ path, message: "Invalid input" });
      return v;
    }),
  discriminatedUnion: (key: string, options: readonly LiteType[]) =>
    new LiteType((v, path, issues) => {
      if (!isPlainObject(v)) {
        issues.push({ path, message: expected("object", v) });
        return v;
      }
      const option = options.find((o) => o.shape?.[key]?.literals?.includes(v[key]));
      if (!option) {
        issues.push({ path: [...path, key], message: "Invalid input" });
        return v;
      }
      return option.run(v, path, issues);
    }),
};

export default z;
