/**
 * Every problem code content validation reports (`fixpath validate`, the site build), with one
 * line each on what it means. The loader, the schemas and the rules in `rules/` may only report a
 * code listed here (`KbCode`); CONTRIBUTING's list of codes is generated from this table
 * (`npm run issue-codes`), and a test fails when it is stale.
 *
 * Adding a rule: add its code here, then its module under `rules/` (see `rules/index.ts`).
 */

/** Where a code is found: reading the files, a file's schema, or a rule across files. */
export type IssueStage = "load" | "schema" | "rule";

interface CodeInfo {
  readonly stage: IssueStage;
  readonly description: string;
}

export const KB_CODES = {
  // ---- reading the content folder and each file's YAML
  "kb/no-content": { stage: "load", description: "The content folder holds no `*.yaml` file." },
  "kb/unreadable-file": { stage: "load", description: "A content file cannot be read (a dangling symlink, or no permission)." },
  "kb/unexpected-file": { stage: "load", description: "A file's name or place is not one a content file has." },
  "kb/yaml-syntax": { stage: "load", description: "The file is not valid YAML." },
  "kb/duplicate-key": { stage: "load", description: "A YAML mapping has the same key twice." },
  "kb/wrong-kind": { stage: "load", description: "The file's `kind:` is missing or does not match its name." },
  // ---- a file against its schema (src/model/schema/)
  "kb/wrong-type": { stage: "schema", description: "A value has the wrong type (text, list, mapping, true/false), or the file is not a mapping." },
  "kb/missing-field": { stage: "schema", description: "A required field is missing." },
  "kb/unknown-field": { stage: "schema", description: "A field the schema does not know (often a typo or a mis-indented line)." },
  "kb/unknown-fact": { stage: "schema", description: "A condition or question names a fact that is not one of the design's facts." },
  "kb/invalid-value": { stage: "schema", description: "A value is not one of the field's allowed values." },
  "kb/empty-list": { stage: "schema", description: "A list has fewer items than it needs." },
  "kb/too-short": { stage: "schema", description: "A text is empty." },
  "kb/too-long": { stage: "schema", description: "A text is longer than the field allows." },
  "kb/invalid-format": { stage: "schema", description: "A text is not in the field's format (kebab-case id, date, https URL, page id)." },
  "kb/invalid": { stage: "schema", description: "The schema refuses a value for another reason (the message says which)." },
  "kb/bad-condition": { stage: "schema", description: "A condition is not exactly one of: fact with is or in, all, any, not." },
  "kb/missing-skip-reason": { stage: "schema", description: "A step with `when` has no `whenNot` reason to show when it is skipped." },
  "kb/missing-switch-target": { stage: "schema", description: "A switch-guide stop names neither `switchTo` nor `switchToFact`." },
  "kb/unexpected-switch-target": { stage: "schema", description: "A stop that is not switch-guide names a switch target." },
  // ---- rules across files (src/model/rules/)
  "kb/duplicate-source-id": { stage: "rule", description: "Two sources share one id." },
  "kb/missing-sources-file": { stage: "rule", description: "There is no sources file (content/sources.yaml)." },
  "kb/hub-id-mismatch": { stage: "rule", description: "A hub's id is not its folder's name." },
  "kb/duplicate-hub": { stage: "rule", description: "Two hubs have the same code id." },
  "kb/duplicate-code": { stage: "rule", description: "A code form (id or alias) already leads to another hub." },
  "kb/unknown-code": { stage: "rule", description: "A scenario or checklist names a code that has no hub." },
  "kb/code-mismatch": { stage: "rule", description: "A scenario's or checklist's code is not its folder's code." },
  "kb/app-mismatch": { stage: "rule", description: "A scenario's app is not its file name." },
  "kb/unknown-source": { stage: "rule", description: "A reference names a source id that no sources file has." },
  "kb/planned-exists": { stage: "rule", description: "A link or scenario entry is marked planned, but the page exists." },
  "kb/planned-without-title": { stage: "rule", description: "A planned link has no title (there is no page to take it from)." },
  "kb/dangling-link": { stage: "rule", description: "A related link or Markdown link points at a page that does not exist." },
  "kb/raw-html": { stage: "rule", description: "Content holds raw HTML instead of Markdown." },
  "kb/quick-answer-too-long": { stage: "rule", description: "A quick answer is longer than 60 words." },
  "kb/duplicate-scenario-app": { stage: "rule", description: "A hub lists the same app twice under `scenarios`." },
  "kb/missing-scenario": { stage: "rule", description: "A hub lists a scenario whose file is not written (and not marked planned)." },
  "kb/unlisted-scenario": { stage: "rule", description: "A scenario file exists that its hub does not list." },
  "kb/shared-fix-without-scenario": { stage: "rule", description: "A shared fix names an app that has no scenario for the code." },
  "kb/unknown-step": { stage: "rule", description: "A shared fix names a step id that the app's scenario does not have." },
  "kb/missing-checklist": { stage: "rule", description: "A hub says `checklist: yes` but content/<code>/admin.yaml does not exist." },
  "kb/unlisted-checklist": { stage: "rule", description: "A checklist file exists but its hub does not say `checklist: yes`." },
  "kb/duplicate-step-id": { stage: "rule", description: "A step or avoided action's id is used twice in one scenario." },
  "kb/step-order": { stage: "rule", description: "A first-line step comes after an advanced step." },
  "kb/step-conflict": { stage: "rule", description: "One step id has different safety properties in two scenarios." },
  "kb/unknown-step-ref": { stage: "rule", description: "A step's completedBy names no later step of its scenario." },
  "kb/unknown-library-item": { stage: "load", description: "A scenario's `use:` names a library step, question, avoided action or stop that content/library/ does not have." },
  "kb/library-redefined": { stage: "load", description: "A scenario writes again a field its library item already writes (each text lives in one place)." },
  "kb/library-safety-field": { stage: "load", description: "A scenario's `use:` entry sets a safety property; only the library item says it." },
  "kb/unused-library-item": { stage: "load", description: "A library item that no scenario uses (a warning)." },
  "kb/library-file-name": { stage: "load", description: "A library file's name is not a valid id (kebab-case; for a question, a fact name)." },
  "kb/bundle-command-missing": { stage: "load", description: "The evidence bundle's PowerShell or Command Prompt file is missing or empty." },
  "kb/bundle-section-not-printed": { stage: "load", description: "The evidence bundle lists a section its PowerShell command does not print." },
  "kb/bundle-section-unlisted": { stage: "load", description: "The evidence bundle's command prints a section its list does not name." },
  "kb/bundle-unknown-unconfirmed": { stage: "load", description: "An evidence bundle section names an unconfirmed point that is not listed." },
  "kb/command-flag-conflict": { stage: "rule", description: "Two steps run the same state-changing command with different safety flags." },
  "kb/no-first-line": { stage: "rule", description: "A scenario has no first-line step." },
  "kb/duplicate-question": { stage: "rule", description: "A scenario asks the same fact twice." },
  "kb/duplicate-stop-id": { stage: "rule", description: "A stop id is used twice in one scenario." },
  "kb/unknown-fact-value": { stage: "rule", description: "A condition or answer choice gives a fact a value it cannot have." },
  "kb/unknown-switch-target": { stage: "rule", description: "A stop switches to a code that has no hub." },
  "kb/switch-fact-not-code": { stage: "rule", description: "A stop's `switchToFact` names a fact that does not hold a code." },
  "kb/missing-stop": { stage: "rule", description: "A work-only scenario has no not-this-error stop for personal accounts." },
  "kb/unasked-fact": { stage: "rule", description: "A condition reads a fact that no question of the scenario asks." },
  "kb/unused-question": { stage: "rule", description: "A question asks a fact that nothing in the scenario reads (a warning)." },
  "kb/duplicate-item-id": { stage: "rule", description: "A checklist item id is used twice." },
} as const satisfies Record<`kb/${string}`, CodeInfo>;

/** A content problem code. */
export type KbCode = keyof typeof KB_CODES;

/** Whether `code` is a content problem code. */
export function isKbCode(code: string): code is KbCode {
  return Object.prototype.hasOwnProperty.call(KB_CODES, code);
}
