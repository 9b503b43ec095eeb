/**
 * Answers as data: checks a fact's value against the design's fact table, and reads a whole
 * answers object (CLI `--answers`, a stored session) into `Facts`, collecting every problem.
 */
import {
  FACTS,
  FACT_NAMES,
  factValues,
  isFactName,
  parseCode,
  suggest,
  type FactName,
  type Facts,
  type FactValue,
  type Issue,
} from "../model/index.ts";
import { NO_CODE, UNKNOWN } from "./conditions.ts";

/** A value checked against its fact: the value to store, `unknown` (not answered), or an issue. */
export type CheckedValue = { ok: true; value: FactValue | typeof UNKNOWN } | { ok: false; issue: Issue };

/**
 * Checks one answer. `null` and `"unknown"` mean "I don't know". Codes keep the form written
 * (`0X8004DE40`); `None` is stored as `none`. `path` is where the value sits, for the issue.
 */
export function checkFactValue(fact: string, value: unknown, path: string = fact): CheckedValue {
  if (!isFactName(fact)) {
    return { ok: false, issue: { code: "facts/unknown-fact", severity: "error", path, message: `"${fact}" is not a fact the diagnostic knows`, expected: FACT_NAMES.join(" | "), received: JSON.stringify(fact), hint: suggest(fact, FACT_NAMES, "a fact") } };
  }
  if (value === null || value === UNKNOWN) return { ok: true, value: UNKNOWN };
  const spec = FACTS[fact];
  const received = JSON.stringify(value) ?? String(value);
  if (spec.type === "boolean") {
    if (typeof value === "boolean") return { ok: true, value };
    const hint = value === "yes" || value === "true" ? "write true (without quotes)" : value === "no" || value === "false" ? "write false (without quotes)" : "use true, false or \"unknown\"";
    return { ok: false, issue: { code: "facts/wrong-type", severity: "error", path, message: `"${fact}" is true or false`, expected: "true | false | \"unknown\"", received, hint } };
  }
  if (spec.type === "choice") {
    const values = factValues(fact) as readonly string[];
    if (typeof value === "string" && values.includes(value)) return { ok: true, value };
    if (typeof value !== "string") {
      return { ok: false, issue: { code: "facts/wrong-type", severity: "error", path, message: `"${fact}" is one of its values, written as text`, expected: values.join(" | "), received, hint: `use one of: ${values.join(", ")}` } };
    }
    return { ok: false, issue: { code: "facts/bad-value", severity: "error", path, message: `"${value}" is not a value of "${fact}"`, expected: values.join(" | "), received, hint: suggest(value, values) } };
  }
  if (typeof value !== "string") {
    return { ok: false, issue: { code: "facts/wrong-type", severity: "error", path, message: `"${fact}" holds an error code written as text, or "none"`, expected: "a code such as \"0x8004de40\", or \"none\"", received, hint: "put the code in quotes" } };
  }
  if (value.trim().toLowerCase() === NO_CODE) return { ok: true, value: NO_CODE };
  if (parseCode(value) === undefined) {
    return { ok: false, issue: { code: "facts/bad-value", severity: "error", path, message: `"${value}" is not an error code`, expected: "a code such as 0x8004de40 or CAA50021, or \"none\"", received, hint: "copy the code exactly as shown, or answer \"none\"" } };
  }
  return { ok: true, value };
}

/**
 * Reads an answers object (`{ "managed": true, "where": "banner" }`) into facts. Values that mean
 * "I don't know" are left out. Returns every issue at once.
 */
export function parseFacts(input: unknown): { ok: true; facts: Facts } | { ok: false; issues: Issue[] } {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    const received = input === null ? "null" : Array.isArray(input) ? "a list" : typeof input;
    return { ok: false, issues: [{ code: "facts/not-an-object", severity: "error", path: "(answers)", message: "answers are a JSON object of facts", expected: '{ "managed": true, "where": "banner" }', received, hint: "write one key per fact, with its value" }] };
  }
  const facts: Facts = {};
  const issues: Issue[] = [];
  for (const [key, value] of Object.entries(input)) {
    const checked = checkFactValue(key, value);
    if (!checked.ok) issues.push(checked.issue);
    else if (checked.value !== UNKNOWN) facts[key as FactName] = checked.value;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, facts };
}
