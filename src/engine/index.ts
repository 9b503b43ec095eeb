export * from "./answers.ts";
export * from "./conditions.ts";
export * from "./plan.ts";
export * from "./safety.ts";
export * from "./session.ts";
export * from "./space.ts";
export * from "./target.ts";
export * from "./types.ts";
