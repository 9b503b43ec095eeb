/**
 * Finds product error codes in free text, in every form people paste them, as whole tokens.
 *
 * Sample input: `Something went wrong [caa 50021]. Log: Error 3399811105, AADSTS50126: …`
 * Output: `[{ text: "caa 50021", index: 21, key: "hex:caa50021", display: "0xcaa50021" }, …]`
 *
 * Quirks:
 * [1] A code is a whole token: `CAA500210`, `xCAA50021` and `0x8004de400` are not codes. A dash
 *     next to a token also disqualifies it, so GUID groups (`c5ff949d-2696-…`) are not codes.
 * [2] Bare eight-digit hex is taken only when it starts with 8 or C (an HRESULT or NTSTATUS failure:
 *     `80070520`, `c000006d`); other bare numbers of that length are dates and ids.
 * [3] Nine- and ten-digit decimals (optionally signed) are taken only when their 32-bit value has
 *     the failure bit set (`3399811105`, `-895156191`, `2147802688`); phone numbers and Unix times
 *     are below it.
 * [4] `0x` codes shorter than eight digits (`0x0`, `0x102`) are not product codes here.
 * Normalisation is `parseCode` from src/model/codes.ts.
 */
import { codeValue, displayCode, parseCode, type CodeKey } from "../../model/codes.ts";

export interface CodeToken {
  /** The token as written. */
  text: string;
  /** Offset in the text. */
  index: number;
  key: CodeKey;
  /** `0xcaa50021` for hex codes, `AADSTS50126` for Entra codes. */
  display: string;
}

const TOKEN =
  /(?<![\w-])(AADSTS[:\s]?\d{4,7}|(?:0x)?CAA[\s_-]?[0-9A-F]{5}|0x[0-9A-F]{8}|[8C][0-9A-F]{7}|-?\d{9,10})(?![\w-])/gi;

/** Every code token in `text`, in order (repeats included). */
export function findCodeTokens(text: string): CodeToken[] {
  const out: CodeToken[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const token = m[1]!;
    const key = parseCode(token);
    if (key === undefined) continue;
    if (/^-?\d+$/.test(token)) {
      const value = codeValue(key);
      if (value === undefined || value < 0x80000000) continue;
    }
    out.push({ text: token, index: m.index, key, display: displayOf(key) });
  }
  return out;
}

/** The form codes are shown in: `0x8004DE40`, `AADSTS50126` (the model's one display rule, displayCode). */
export function displayOf(key: CodeKey): string {
  return key.startsWith("aadsts:") ? `AADSTS${key.slice(7)}` : displayCode(`0x${key.slice(4)}`);
}
