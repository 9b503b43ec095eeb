/**
 * Names people read instead of ids: apps and error codes as the pages write them. Shared by the
 * session's notices and the report, so the two never disagree.
 */
import { APPS, type App } from "../model/index.ts";

/** App names as people know them. */
export const APP_NAMES: Readonly<Record<App, string>> = {
  onedrive: "OneDrive",
  outlook: "Outlook",
  teams: "Microsoft Teams",
  office: "Microsoft 365 Apps (activation)",
};

/** The name of an app, or the text itself when it is not one of the design's apps. */
export function appName(app: string): string {
  return (APPS as readonly string[]).includes(app) ? APP_NAMES[app as App] : app;
}

/** A code id as people see it on screen (one definition, in the model). */
export { displayCode } from "../model/index.ts";
