export {  serverSettingsFromEnv,   } from "./limits.ts";
export {   createServer, portFromEnv, startServer, type CreateServerOptions, type RunningServer, type StartServerOptions } from "./server.ts";
export { buildCsp, DEFAULT_CSP,  } from "./security.ts";
;
;
export {  openRepository,  } from "./storage/open.ts";
export * from "./storage/repository.ts";
