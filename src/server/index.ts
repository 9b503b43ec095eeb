export { DEFAULT_LIMITS, serverSettingsFromEnv, type ConnectionLimits, type ServerEnvSettings } from "./limits.ts";
export { BODY_LIMIT, DEFAULT_PORT, createServer, portFromEnv, startServer, type CreateServerOptions, type RunningServer, type StartServerOptions } from "./server.ts";
export { buildCsp, DEFAULT_CSP, type CspOptions } from "./security.ts";
export type { RateLimitOptions } from "./rate-limit.ts";
export type { StepStats } from "./api.ts";
export { DEFAULT_SQLITE_FILE, openRepository, type OpenRepositoryOptions } from "./storage/open.ts";
export * from "./storage/repository.ts";
