export * from "./lookup.ts";
export * from "./families.ts";
export * from "./words.ts";
export * from "./split.ts";
