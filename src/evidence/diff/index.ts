export * from "./capture.ts";
export * from "./identity.ts";
export * from "./rows.ts";
export * from "./diff.ts";
export * from "./verify.ts";
