/**
 * Answers in a shareable link: `/diagnose/?code=caa50021&app=onedrive&managed=yes&isAdmin=no`.
 * Only answers travel in links, never evidence. Booleans are `yes` / `no`; choices and codes are
 * written as they are; `unknown` (I don't know) is left out. Pure.
 */
import { FACTS, FACT_NAMES, isFactName, type Facts, type FactValue } from "../../../src/model/index.ts";

/** The facts a query string carries; values that do not fit their fact are dropped. */
export function factsFromParams(params: URLSearchParams): Facts {
  const facts: Facts = {};
  for (const [key, raw] of params) {
    if (!isFactName(key) || key === "app") continue;
    const spec = FACTS[key];
    const value = raw.trim();
    if (spec.type === "boolean") {
      if (/^(yes|true|1)$/i.test(value)) facts[key] = true;
      else if (/^(no|false|0)$/i.test(value)) facts[key] = false;
    } else if (spec.type === "choice") {
      if ((spec.values as readonly string[]).includes(value)) facts[key] = value;
    } else if (value && value.toLowerCase() !== "unknown" && value.length <= 40) {
      facts[key] = value;
    }
  }
  return facts;
}

/** The query string for a diagnostic with these answers, in fact-table order. */
export function diagnoseHref(target: { code?: string; app?: string }, facts: Facts): string {
  const params = new URLSearchParams();
  if (target.code) params.set("code", target.code);
  if (target.app) params.set("app", target.app);
  for (const name of FACT_NAMES) {
    const v: FactValue | undefined = facts[name];
    if (v === undefined || name === "app") continue;
    params.set(name, v === true ? "yes" : v === false ? "no" : v);
  }
  const q = params.toString();
  return `/diagnose/${q ? `?${q}` : ""}`;
}

/** The browser storage key of a session for one code and app. */
export function sessionKey(code: string, app: string): string {
  return `fixpath:session:${code}:${app}`;
}
