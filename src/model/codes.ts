/**
 * Product error codes in all the forms people meet them: `CAA50021`, `0xCAA50021`, `caa 50021`,
 * `3399811105` (unsigned decimal, as MSAL logs print it), `-895156191` (signed), `AADSTS50126`.
 *
 * Quirks:
 * [1] Eight hex digits without `0x` are read as hex even when they are all digits: `80070520` is the
 *     HRESULT 0x80070520, the form Microsoft prints for it.
 * [2] Nine or ten digits (optionally signed) are read as a decimal HRESULT; only values that fit
 *     in 32 bits are codes.
 * [3] Spaces, dashes and underscores inside a code are dropped: `caa-50021`, `CAA 50021`.
 */

/** A comparable key for a code: `hex:caa50021` or `aadsts:50126`. */
export type CodeKey = string;

const TWO_32 = 2 ** 32;
const TWO_31 = 2 ** 31;

/** Parses any written form of a product error code; `undefined` when `input` is not a code. */
export function parseCode(input: string): CodeKey | undefined {
  const compact = input.trim().replace(/[\s_-]+(?=[0-9a-f])/gi, "").toLowerCase();
  const aadsts = /^aadsts:?(\d{4,7})$/.exec(compact);
  if (aadsts) return `aadsts:${Number(aadsts[1])}`;
  const hex = /^(?:0x)?([0-9a-f]{8})$/.exec(compact) ?? /^0x([0-9a-f]{1,7})$/.exec(compact);
  if (hex) return hexKey(parseInt(hex[1]!, 16));
  const dec = /^(-?)(\d{9,10})$/.exec(input.trim());
  if (dec) {
    const n = Number(dec[2]) * (dec[1] ? -1 : 1);
    if (n < 0 && n >= -TWO_31) return hexKey(n + TWO_32);
    if (n >= 0 && n < TWO_32) return hexKey(n);
  }
  return undefined;
}

function hexKey(value: number): CodeKey {
  return `hex:${value.toString(16).padStart(8, "0")}`;
}

/** The 32-bit value of a hex code key, or `undefined` for AADSTS keys. */
export function codeValue(key: CodeKey): number | undefined {
  return key.startsWith("hex:") ? parseInt(key.slice(4), 16) : undefined;
}

/** Every written form of a code, for search and for the hub's "also seen as" line. */
export function codeForms(key: CodeKey): string[] {
  const value = codeValue(key);
  if (value === undefined) {
    const n = key.slice("aadsts:".length);
    return [`AADSTS${n}`, n];
  }
  const hex = value.toString(16).toUpperCase().padStart(8, "0");
  const forms = [hex, `0x${hex}`, String(value)];
  if (value >= TWO_31) forms.push(String(value - TWO_32));
  return forms;
}

/** Whether two written forms name the same code. */
export function sameCode(a: string, b: string): boolean {
  const ka = parseCode(a);
  return ka !== undefined && ka === parseCode(b);
}

/**
 * A code as people usually see it on screen, from its canonical id or any written form:
 * `CAA50021`, `0x8004DE40`, `AADSTS50126` (the one display rule for the site, CLI and report).
 */
export function displayCode(code: string): string {
  if (/^0x/i.test(code)) return `0x${code.slice(2).toUpperCase()}`;
  return code.toUpperCase();
}
