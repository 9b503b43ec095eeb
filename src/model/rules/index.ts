/**
 * The content rules: one module per rule in this folder, each `{ code, description, check }`
 * (ESLint's shape), run over every file that passed its schema.
 *
 * Adding a rule:
 * 1. write `rules/<name>.ts` exporting `default { code, description, check } satisfies Rule`
 *    (see `unknown-step.ts` for a small one; `context.ts` has what `check` can read, `walk.ts` the
 *    shared walks, `../conditions.ts` the condition walker);
 * 2. add its code with a one-line meaning to `KB_CODES` in `../issue-codes.ts` (stage "rule");
 * 3. import it below and add it to `RULES` under its file name;
 * 4. run `npm run issue-codes` to update CONTRIBUTING's list of codes, and add a case to
 *    tests/model/load.test.ts. tests/model/rules.test.ts checks names, codes and the list.
 */
import type { Broken, Parsed } from "../load/types.ts";
import type { KnowledgeBase } from "../kb.ts";
import { buildContext } from "./context.ts";
import type { Draft, Rule } from "./rule.ts";

import appMismatch from "./app-mismatch.ts";
import codeMismatch from "./code-mismatch.ts";
import commandFlagConflict from "./command-flag-conflict.ts";
import unknownStepRef from "./unknown-step-ref.ts";
import danglingLink from "./dangling-link.ts";
import duplicateCode from "./duplicate-code.ts";
import duplicateHub from "./duplicate-hub.ts";
import duplicateItemId from "./duplicate-item-id.ts";
import duplicateQuestion from "./duplicate-question.ts";
import duplicateScenarioApp from "./duplicate-scenario-app.ts";
import duplicateSourceId from "./duplicate-source-id.ts";
import duplicateStepId from "./duplicate-step-id.ts";
import duplicateStopId from "./duplicate-stop-id.ts";
import hubIdMismatch from "./hub-id-mismatch.ts";
import missingChecklist from "./missing-checklist.ts";
import missingScenario from "./missing-scenario.ts";
import missingSourcesFile from "./missing-sources-file.ts";
import missingStop from "./missing-stop.ts";
import noFirstLine from "./no-first-line.ts";
import plannedExists from "./planned-exists.ts";
import plannedWithoutTitle from "./planned-without-title.ts";
import quickAnswerTooLong from "./quick-answer-too-long.ts";
import rawHtml from "./raw-html.ts";
import sharedFixWithoutScenario from "./shared-fix-without-scenario.ts";
import stepConflict from "./step-conflict.ts";
import stepOrder from "./step-order.ts";
import switchFactNotCode from "./switch-fact-not-code.ts";
import unaskedFact from "./unasked-fact.ts";
import unknownCode from "./unknown-code.ts";
import unknownFactValue from "./unknown-fact-value.ts";
import unknownSource from "./unknown-source.ts";
import unknownStep from "./unknown-step.ts";
import unknownSwitchTarget from "./unknown-switch-target.ts";
import unlistedChecklist from "./unlisted-checklist.ts";
import unlistedScenario from "./unlisted-scenario.ts";
import unusedQuestion from "./unused-question.ts";

export type { Draft,   Rule } from "./rule.ts";
;

/**
 * Every content rule by name (its file's name), in the order they run: files and ids, references,
 * pages, scenarios. ESLint's plugin shape: `rules: { name: module }`.
 */
export const RULES = {
  // sources and hubs
  "duplicate-source-id": duplicateSourceId,
  "missing-sources-file": missingSourcesFile,
  "hub-id-mismatch": hubIdMismatch,
  "duplicate-hub": duplicateHub,
  "duplicate-code": duplicateCode,
  // where scenario and checklist files belong
  "unknown-code": unknownCode,
  "code-mismatch": codeMismatch,
  "app-mismatch": appMismatch,
  // references and text in every page
  "unknown-source": unknownSource,
  "planned-exists": plannedExists,
  "planned-without-title": plannedWithoutTitle,
  "dangling-link": danglingLink,
  "raw-html": rawHtml,
  "quick-answer-too-long": quickAnswerTooLong,
  // hubs
  "duplicate-scenario-app": duplicateScenarioApp,
  "missing-scenario": missingScenario,
  "unlisted-scenario": unlistedScenario,
  "shared-fix-without-scenario": sharedFixWithoutScenario,
  "unknown-step": unknownStep,
  "missing-checklist": missingChecklist,
  "unlisted-checklist": unlistedChecklist,
  // scenarios
  "duplicate-step-id": duplicateStepId,
  "step-order": stepOrder,
  "step-conflict": stepConflict,
  "command-flag-conflict": commandFlagConflict,
  "unknown-step-ref": unknownStepRef,
  "no-first-line": noFirstLine,
  "duplicate-question": duplicateQuestion,
  "duplicate-stop-id": duplicateStopId,
  "unknown-fact-value": unknownFactValue,
  "unknown-switch-target": unknownSwitchTarget,
  "switch-fact-not-code": switchFactNotCode,
  "missing-stop": missingStop,
  "unasked-fact": unaskedFact,
  "unused-question": unusedQuestion,
  // checklists
  "duplicate-item-id": duplicateItemId,
} as const satisfies Record<string, Rule>;


/** Runs every rule over the files that loaded; returns the knowledge base and the problems found. */
export function runRules(parsed: readonly Parsed[], broken: Broken, rules: readonly Rule[] = Object.values(RULES)): { kb: KnowledgeBase; drafts: Draft[] } {
  const ctx = buildContext(parsed, broken);
  const drafts: Draft[] = [];
  for (const rule of rules) {
    rule.check(ctx, (problem) => drafts.push({ ...problem, code: rule.code, ...(rule.severity ? { severity: rule.severity } : {}) }));
  }
  return { kb: ctx.kb, drafts };
}
