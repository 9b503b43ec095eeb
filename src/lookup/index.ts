export * from "./lookup.ts";
