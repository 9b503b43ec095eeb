/**
 * Stage 2 of the `dsregcmd /status` parser: raw lines → typed evidence, one typed value per field
 * of shared/facts/domain-facts.md §3.3, each with the line it came from.
 *
 * Sample input: see `raw.ts`. Output:
 *
 *   { ok: true, evidence: { layout: "modern", sections: [{ name: "deviceState", line: 2, … }],
 *       deviceState: { azureAdJoined: { value: true, raw: "YES", line: 5 }, … }, …,
 *       workAccounts: [], prtDiagnostics: [], capture: { truncated: false, … },
 *       extras: [{ line: 20, text: "…", reason: "unknown-key" }] },
 *     warnings: Issue[] }
 *   | { ok: false, issues: Issue[] }   (empty, binary, too large, or no dsregcmd output at all)
 *
 * Quirks:
 * [1] The legacy layout (Windows 10 1607/1703, fixture 01) prints device, tenant and key fields
 *     under Device State and `AzureAdPrt` under User State. A field found under Device State or
 *     User State that lives elsewhere today goes to its home section and marks the layout legacy.
 * [2] A paste of bare fields without any header is placed by field name the same way.
 * [3] The PRT failure fields (`Attempt Status`, …) follow `AcquirePrtDiagnostics : PRESENT` or
 *     `RefreshPrtDiagnostics : PRESENT` in SSO State; each such line opens a block of its own.
 * [4] A field printed twice in one block keeps its first value; the second line is an extra.
 * [5] Lines before the output (prompt, chat) and after its closing line are kept as extras
 *     without a warning; unknown lines inside the output get a warning.
 */
import type { Issue } from "../../model/issue.ts";
import { decodePaste, type DecodeOptions } from "../decode.ts";
import {
  EXPECTED,
  convertValue,
  fieldIn,
  homeOf,
  sectionOfTitle,
  type FieldSpec,
  type SectionFields,
  type SectionName,
} from "./fields.ts";
import { parseDsregcmdRaw, type RawLine } from "./raw.ts";

export type ExtraReason =
  | "before-output"
  | "after-output"
  | "unrecognised"
  | "unknown-field"
  | "unknown-section"
  | "duplicate"
  | "bad-value"
  | "truncated";

/** A line that is not part of the typed evidence, kept with its number. */
export interface Extra {
  line: number;
  text: string;
  reason: ExtraReason;
}

export interface SectionSeen {
  /** `unknown` for a boxed title this parser does not know. */
  name: SectionName | "unknown";
  title: string;
  line: number;
}

export interface WorkAccount {
  index: number;
  line: number;
  fields: SectionFields<"workAccount">;
}

export interface PrtDiagnosticsBlock {
  /** Which `…PrtDiagnostics : PRESENT` line opened the block; `unlabelled` when none did. */
  kind: "acquire" | "refresh" | "unlabelled";
  line: number;
  fields: SectionFields<"prtDiagnostics">;
}

/** Typed evidence from one `dsregcmd /status` paste. A field that is absent was not printed: unknown. */
export interface DsregcmdEvidence {
  layout: "modern" | "legacy";
  sections: SectionSeen[];
  deviceState: SectionFields<"deviceState">;
  deviceDetails: SectionFields<"deviceDetails">;
  tenantDetails: SectionFields<"tenantDetails">;
  userState: SectionFields<"userState">;
  workAccounts: WorkAccount[];
  ssoState: SectionFields<"ssoState">;
  prtDiagnostics: PrtDiagnosticsBlock[];
  diagnosticData: SectionFields<"diagnosticData">;
  ieProxy: SectionFields<"ieProxy">;
  winHttpProxy: SectionFields<"winHttpProxy">;
  ngcPrerequisiteCheck: SectionFields<"ngcPrerequisiteCheck">;
  capture: {
    /** The line with the `dsregcmd /status` command, when the prompt was pasted too. */
    commandLine?: number;
    /** The closing `For more information…` line, when present. */
    trailerLine?: number;
    /** The paste was cut off: the evidence is partial. */
    truncated: boolean;
    /** Console width the lines were unwrapped from. */
    wrapWidth?: number;
    lineCount: number;
  };
  extras: Extra[];
}

export type DsregcmdParseResult =
  | { ok: true; evidence: DsregcmdEvidence; warnings: Issue[] }
  | { ok: false; issues: Issue[] };

/** At most this many warnings are listed; one more says how many were left out. */
export const MAX_WARNINGS = 100;

type FieldBag = Record<string, unknown>;

/**
 * Parses a `dsregcmd /status` paste (text or the bytes of a saved file) into typed evidence.
 * Never throws: bad input gives `{ ok: false, issues }`.
 */
export function parseDsregcmdStatus(input: string | Uint8Array, options: DecodeOptions = {}): DsregcmdParseResult {
  const decoded = decodePaste(input, options);
  if (!decoded.ok) return { ok: false, issues: [decoded.issue] };
  const raw = parseDsregcmdRaw(decoded.text);

  const evidence: DsregcmdEvidence = {
    layout: "modern",
    sections: [],
    deviceState: {},
    deviceDetails: {},
    tenantDetails: {},
    userState: {},
    workAccounts: [],
    ssoState: {},
    prtDiagnostics: [],
    diagnosticData: {},
    ieProxy: {},
    winHttpProxy: {},
    ngcPrerequisiteCheck: {},
    capture: { truncated: raw.truncated !== undefined, lineCount: raw.lines.at(-1)?.line ?? 0 },
    extras: [],
  };
  if (raw.wrapWidth !== undefined) evidence.capture.wrapWidth = raw.wrapWidth;

  const warnings: Issue[] = [];
  let dropped = 0;
  const warn = (issue: Omit<Issue, "severity" | "file">) => {
    if (warnings.length < MAX_WARNINGS) warnings.push({ severity: "warning", file: "<paste>", col: 1, ...issue });
    else dropped++;
  };

  let phase: "before" | "inside" | "after" = "before";
  let section: SectionName | "unknown" | undefined;
  let workAccount: WorkAccount | undefined;
  let prtBlock: PrtDiagnosticsBlock | undefined;
  let recognised = 0;
  const cutLine = raw.truncated?.reason === "partial-line" ? raw.truncated.line : undefined;

  const bagOf = (name: SectionName): FieldBag | undefined => {
    if (name === "workAccount") return workAccount?.fields as FieldBag | undefined;
    if (name === "prtDiagnostics") {
      if (!prtBlock) {
        prtBlock = { kind: "unlabelled", line: 0, fields: {} };
        evidence.prtDiagnostics.push(prtBlock);
      }
      return prtBlock.fields as FieldBag;
    }
    return evidence[name] as FieldBag;
  };

  const place = (rec: Extract<RawLine, { kind: "record" }>): boolean => {
    const target = resolve(rec.key, section);
    if (!target) return false;
    const { name, spec, moved } = target;
    if (spec.name === "acquirePrtDiagnostics" || spec.name === "refreshPrtDiagnostics") {
      prtBlock = { kind: spec.name === "acquirePrtDiagnostics" ? "acquire" : "refresh", line: rec.line, fields: {} };
      evidence.prtDiagnostics.push(prtBlock);
    }
    if (name === "prtDiagnostics" && prtBlock?.line === 0) prtBlock.line = rec.line;
    const bag = bagOf(name);
    if (!bag) return false;
    const value = convertValue(spec.type, rec.value);
    if (value === undefined) {
      if (rec.line === cutLine) {
        evidence.extras.push({ line: rec.line, text: rec.text, reason: "truncated" });
      } else {
        evidence.extras.push({ line: rec.line, text: rec.text, reason: "bad-value" });
        warn({
          code: "dsreg/unexpected-value",
          line: rec.line,
          path: `${name}.${spec.name}`,
          message: `${spec.key} holds a value this parser does not know`,
          expected: EXPECTED[spec.type],
          received: rec.value.length > 40 ? `${rec.value.slice(0, 40)}…` : rec.value,
          hint: "if this comes from a newer Windows build, report it with the build number so a fixture can be added",
        });
      }
      return true;
    }
    if (bag[spec.name] !== undefined) {
      evidence.extras.push({ line: rec.line, text: rec.text, reason: "duplicate" });
      warn({
        code: "dsreg/duplicate-field",
        line: rec.line,
        path: `${name}.${spec.name}`,
        message: `${spec.key} is printed twice in one block; the first value is kept`,
        hint: "paste one `dsregcmd /status` run at a time",
      });
      return true;
    }
    bag[spec.name] = { value, raw: rec.value, line: rec.line };
    if (moved) evidence.layout = "legacy";
    recognised++;
    return true;
  };

  for (const l of raw.lines) {
    if (phase === "after") {
      if (l.kind !== "blank") evidence.extras.push({ line: l.line, text: textOf(l), reason: "after-output" });
      continue;
    }
    switch (l.kind) {
      case "blank":
      case "border":
        break;
      case "command":
        if (phase === "before" && evidence.capture.commandLine === undefined) evidence.capture.commandLine = l.line;
        else evidence.extras.push({ line: l.line, text: l.text, reason: phase === "before" ? "before-output" : "unrecognised" });
        break;
      case "trailer":
        evidence.capture.trailerLine = l.line;
        phase = "after";
        break;
      case "header": {
        phase = "inside";
        const known = sectionOfTitle(l.title);
        prtBlock = undefined;
        if (!known) {
          section = "unknown";
          evidence.sections.push({ name: "unknown", title: l.title, line: l.line });
          evidence.extras.push({ line: l.line, text: l.text, reason: "unknown-section" });
          warn({
            code: "dsreg/unknown-section",
            line: l.line,
            path: "(section)",
            message: "a section this parser does not know; its lines are kept as extras",
            hint: "if this comes from a newer Windows build, report it with the build number",
          });
          break;
        }
        section = known.section;
        recognised++;
        evidence.sections.push({ name: known.section, title: l.title, line: l.line });
        if (known.section === "workAccount") {
          workAccount = { index: known.index ?? evidence.workAccounts.length + 1, line: l.line, fields: {} };
          evidence.workAccounts.push(workAccount);
        }
        break;
      }
      case "record": {
        if (phase === "before" && homeOf(l.key) === undefined) {
          evidence.extras.push({ line: l.line, text: l.text, reason: "before-output" });
          break;
        }
        phase = "inside";
        if (place(l)) break;
        if (l.line === cutLine) {
          evidence.extras.push({ line: l.line, text: l.text, reason: "truncated" });
          break;
        }
        evidence.extras.push({ line: l.line, text: l.text, reason: "unknown-field" });
        warn({
          code: "dsreg/unknown-field",
          line: l.line,
          path: section === undefined ? "(line)" : section,
          message: "a field this parser does not know in this section; the line is kept as an extra",
          received: l.key.length > 40 ? `${l.key.slice(0, 40)}…` : l.key,
          hint: "if this comes from a newer Windows build, report it with the build number",
        });
        break;
      }
      case "text":
        if (phase === "before") {
          evidence.extras.push({ line: l.line, text: l.text, reason: "before-output" });
        } else if (l.line === cutLine) {
          evidence.extras.push({ line: l.line, text: l.text, reason: "truncated" });
        } else {
          evidence.extras.push({ line: l.line, text: l.text, reason: "unrecognised" });
          warn({
            code: "dsreg/unrecognised-line",
            line: l.line,
            path: "(line)",
            message: "a line that is neither a section header nor a `Key : value` field; it is kept as an extra",
            hint: "check that the paste is one `dsregcmd /status` output, unedited",
          });
        }
        break;
    }
  }

  if (recognised === 0) {
    return {
      ok: false,
      issues: [
        {
          code: "dsreg/not-dsregcmd",
          severity: "error",
          file: "<paste>",
          path: "(input)",
          message: "no `dsregcmd /status` section or field was found in the input",
          hint: "run `dsregcmd /status` in a Command Prompt and paste everything it prints",
        },
      ],
    };
  }
  if (raw.truncated) {
    warn({
      code: "dsreg/truncated",
      line: raw.truncated.line,
      path: "(input)",
      message:
        raw.truncated.reason === "partial-line"
          ? "the paste stops in the middle of a line: the evidence is partial"
          : "the paste stops right after a section header: the evidence is partial",
      hint: "copy the whole output again, down to its last line",
    });
  }
  if (dropped > 0) {
    warnings.push({
      code: "dsreg/too-many-warnings",
      severity: "warning",
      file: "<paste>",
      path: "(input)",
      message: `${dropped} more warning(s) not listed`,
      hint: "paste one `dsregcmd /status` run at a time",
    });
  }
  return { ok: true, evidence, warnings };
}

/** Where a key goes, given the section it was printed in (quirks [1]–[3]). */
function resolve(
  key: string,
  section: SectionName | "unknown" | undefined,
): { name: SectionName; spec: FieldSpec; moved: boolean } | undefined {
  if (section === "ssoState") {
    const diag = fieldIn("prtDiagnostics", key);
    if (diag) return { name: "prtDiagnostics", spec: diag, moved: false };
  }
  if (section !== undefined && section !== "unknown") {
    const spec = fieldIn(section, key);
    if (spec) return { name: section, spec, moved: false };
    if (section !== "deviceState" && section !== "userState") return undefined;
  }
  if (section === "unknown") return undefined;
  const home = homeOf(key);
  if (!home || home.section === "workAccount") return undefined;
  return { name: home.section, spec: home.spec, moved: section !== undefined };
}

function textOf(l: RawLine): string {
  return l.kind === "blank" ? "" : l.text;
}
