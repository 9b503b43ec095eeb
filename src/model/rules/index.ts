/**
 * The content rules: one module per rule in this folder, each `{ code, description, check }`
 * (ESLint's shape), run over every file that passed its schema.
 *
 * Adding a rule: write `rules/<name>.ts` exporting `default { code, description, check } satisfies
 * Rule`, add its code with a one-line meaning to `../issue-codes.ts`, import it below and add it
 * to `RULES`, then run `npm run issue-codes` (CONTRIBUTING's list of codes). tests/model/rules.test.ts
 * checks that every rule's code is registered and unique.
 */
import type { Broken, Parsed } from "../load/types.ts";
import type { KnowledgeBase } from "../kb.ts";
import { buildContext } from "./context.ts";
import type { Draft, Rule } from "./rule.ts";

import appMismatch from "./app-mismatch.ts";
import codeMismatch from "./code-mismatch.ts";
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

export type { Draft, Problem, Report, Rule } from "./rule.ts";
export type { Entry, RuleContext } from "./context.ts";

/** Every content rule, in the order they run: files and ids, references, pages, scenarios. */
export const RULES: readonly Rule[] = [
  // sources and hubs
  duplicateSourceId,
  missingSourcesFile,
  hubIdMismatch,
  duplicateHub,
  duplicateCode,
  // where scenario and checklist files belong
  unknownCode,
  codeMismatch,
  appMismatch,
  // references and text in every page
  unknownSource,
  plannedExists,
  plannedWithoutTitle,
  danglingLink,
  rawHtml,
  quickAnswerTooLong,
  // hubs
  duplicateScenarioApp,
  missingScenario,
  unlistedScenario,
  sharedFixWithoutScenario,
  unknownStep,
  missingChecklist,
  unlistedChecklist,
  // scenarios
  duplicateStepId,
  stepOrder,
  stepConflict,
  noFirstLine,
  duplicateQuestion,
  duplicateStopId,
  unknownFactValue,
  unknownSwitchTarget,
  switchFactNotCode,
  missingStop,
  unaskedFact,
  unusedQuestion,
  // checklists
  duplicateItemId,
];

/** Runs every rule over the files that loaded; returns the knowledge base and the problems found. */
export function runRules(parsed: readonly Parsed[], broken: Broken, rules: readonly Rule[] = RULES): { kb: KnowledgeBase; drafts: Draft[] } {
  const ctx = buildContext(parsed, broken);
  const drafts: Draft[] = [];
  for (const rule of rules) {
    rule.check(ctx, (problem) => drafts.push({ ...problem, code: rule.code, ...(rule.severity ? { severity: rule.severity } : {}) }));
  }
  return { kb: ctx.kb, drafts };
}
