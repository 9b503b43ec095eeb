/**
 * What is kept of a lookup that found nothing: the error code alone, normalised with the model's
 * code functions so every written form of one code counts together (`CAA50021`, `0xcaa50021`,
 * `3399811105` and `-895156191` are all `caa50021`; `AADSTS50126` and `aadsts 50126` are
 * `aadsts50126`). Anything that is not a code is refused, so no free text (a name, an address,
 * markup) can ever be stored or shown.
 */
import { codeForms, parseCode } from "../model/index.ts";

/**
 * The normalised code, lower-case, in the form the site shows for a code without a page:
 * `caa50021` (broker codes are seen bare), `0x8004010f` (other HRESULTs with their prefix),
 * `aadsts50126`; undefined when `raw` is not a code.
 */
export function normaliseMissCode(raw: string): string | undefined {
  const key = parseCode(raw.normalize("NFKC"));
  if (key === undefined) return undefined;
  const first = codeForms(key)[0]!.toLowerCase();
  return /^[0-9a-f]{8}$/.test(first) && !first.startsWith("caa") ? `0x${first}` : first;
}
