export * from "./redact.ts";
export * from "./report.ts";
export * from "./plain-text.ts";
export * from "./bundle-findings.ts";
