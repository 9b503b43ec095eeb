export * from "./redact.ts";
export * from "./report.ts";
