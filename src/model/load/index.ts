/**
 * The loader entry: reading content files into a knowledge base, with full zod and the YAML
 * parser. Shells (CLI, site build, server, scripts) import this; code that runs in the browser
 * imports the light entry `src/model/index.ts` instead, which has none of it.
 */
export { loadKnowledgeBase } from "./load.ts";
export { renderJsonSchemas } from "./json-schema.ts";
export { withIssueCodeList } from "./issue-code-list.ts";
export type {  ContentFile, LoadResult,  } from "./types.ts";
export * from "../schema/index.ts";
export { RULES,        } from "../rules/index.ts";
