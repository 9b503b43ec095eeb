/**
 * The one table from any written form of a code to its hub, used by every way a code reaches the
 * site through its address: the static redirect pages `/codes/<form>/` (written after the build,
 * redirects-fs.ts), the deep link `/?code=<form>` and the 404 page's lookup of `/codes/<form>/…`
 * (the search island). The table is the knowledge base's code index (`codeIndex`: code key → hub
 * id); a form is read with the model's `parseCode`, plus bare AADSTS numbers (`50126`) the table
 * holds. Pure.
 */
import { parseCode, type CodeKey } from "../../../src/model/index.ts";

/** The hub a written code form leads to (`CAA50021`, `0xcaa50021`, `3399811105`, `caa-50021`, `50126`), or undefined. */
export function codeLinkTarget(codes: Pick<ReadonlyMap<CodeKey, string>, "get">, form: string): string | undefined {
  const text = form.trim().slice(0, 40);
  if (!text) return undefined;
  const key = parseCode(text) ?? (/^\d{4,7}$/.test(text) ? `aadsts:${Number(text)}` : undefined);
  return key === undefined ? undefined : codes.get(key);
}

/** Every form (as written and lower-cased) that can be a path segment and is not itself a hub id → the hub it leads to. */
export function codeRedirects(codes: ReadonlyMap<CodeKey, string>, forms: readonly string[]): { form: string; code: string }[] {
  const hubs = new Set(codes.values());
  const out = new Map<string, string>();
  for (const form of forms) {
    for (const f of [form, form.toLowerCase()]) {
      if (hubs.has(f) || out.has(f) || !/^[A-Za-z0-9-]+$/.test(f)) continue;
      const code = codeLinkTarget(codes, f);
      if (code) out.set(f, code);
    }
  }
  return [...out].map(([form, code]) => ({ form, code }));
}
