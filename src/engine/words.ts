/**
 * Names people read instead of ids: apps and error codes as the pages write them. Shared by the
 * session's notices and the report, so the two never disagree.
 */
/** App names (one definition, in the model). */
export { APP_NAMES, appName } from "../model/index.ts";

/** A code id as people see it on screen (one definition, in the model). */
export { displayCode } from "../model/index.ts";
