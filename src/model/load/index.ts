/**
 * The loader entry: reading content files into a knowledge base, with full zod and the YAML
 * parser. Shells (CLI, site build, server, scripts) import this; code that runs in the browser
 * imports the light entry `src/model/index.ts` instead, which has none of it.
 */
export { loadKnowledgeBase } from "./load.ts";
export { renderJsonSchemas } from "./json-schema.ts";
export { withIssueCodeList } from "./issue-code-list.ts";
export type { Broken, ContentFile, LoadResult, Parsed } from "./types.ts";
export * from "../schema/index.ts";
export { RULES, runRules, type Draft, type Problem, type Report, type Rule, type RuleContext, type RuleName } from "../rules/index.ts";
