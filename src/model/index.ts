/**
 * The light model entry: facts, code forms, issues and their codes, conditions, and the types of
 * the knowledge base. No zod, no YAML: the site's browser islands import this. Loading content
 * (YAML, zod schemas, rules) is the loader entry, `src/model/load/index.ts`.
 */
export type {  EvidenceBundle } from "./load/bundle.ts";
export * from "./facts.ts";
export * from "./kb.ts";
export * from "./codes.ts";
export * from "./issue.ts";
export * from "./issue-codes.ts";
export * from "./conditions.ts";
export * from "./urls.ts";
export * from "./outcomes.ts";
export { QUICK_ANSWER_MAX_WORDS } from "./rules/quick-answer-too-long.ts";
export type {
  Avoid,
  Caveat,
  Checklist,
  CodeHub,
  Command,
  
  Instruction,
  
  PageLink,
  Question,
  Scenario,
  
  Source,
  
  Step,
  Stop,
} from "./schema/index.ts";
export * from "./view.ts";
export * from "./plain-text.ts";
