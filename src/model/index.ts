export * from "./bundle.ts";
export * from "./codes.ts";
export * from "./facts.ts";
export * from "./issue.ts";
export * from "./kb.ts";
export * from "./load.ts";
export * from "./schema.ts";
export { QUICK_ANSWER_MAX_WORDS } from "./cross-check.ts";
