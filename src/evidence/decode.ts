/**
 * Turns pasted bytes (or a string that may hide the same problems) into clean text, or says
 * clearly why it cannot: empty, binary, too large.
 *
 * Sample inputs: `FF FE 2B 00 2D 00 …` (what PowerShell's `>` writes), `EF BB BF …`, plain text.
 * Output: `{ ok: true, text, encoding }` with LF line ends and no BOM | `{ ok: false, issue }`.
 *
 * Quirks:
 * [1] Windows PowerShell 5.1 redirects with `>` as UTF-16LE with a BOM; `Out-File -Encoding
 *     bigendianunicode` writes UTF-16BE; Notepad may add a UTF-8 BOM.
 * [2] A UTF-16 file without a BOM is recognised by its zero bytes: every other byte of ASCII text is 0.
 * [3] A UTF-16 file read as Latin-1 arrives as a string starting `ÿþ` with NULs between characters;
 *     it is repaired rather than rejected, so every route gives the same text.
 * [4] Line ends: CRLF and lone CR both become LF.
 */
import type { Issue } from "../model/issue.ts";

/** The largest paste the analyzer reads: `dsregcmd /status` prints well under 20 KB. */
export const MAX_PASTE_BYTES = 2 * 1024 * 1024;

export type Encoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be";

export type DecodeResult = { ok: true; text: string; encoding: Encoding } | { ok: false; issue: Issue };

export interface DecodeOptions {
  /** Reject input larger than this many bytes (strings: UTF-16 code units). Default MAX_PASTE_BYTES. */
  maxBytes?: number;
}

/** Decodes a paste to LF-terminated text; never throws. */
export function decodePaste(input: Uint8Array | string, options: DecodeOptions = {}): DecodeResult {
  const max = options.maxBytes ?? MAX_PASTE_BYTES;
  const size = input.length;
  if (size > max) {
    return fail("dsreg/too-large", `the input is ${formatSize(size)}; at most ${formatSize(max)} is read`, {
      expected: `at most ${formatSize(max)}`,
      received: formatSize(size),
      hint: "paste only the output of `dsregcmd /status` or the error message (a few KB)",
    });
  }
  let text: string;
  let encoding: Encoding;
  if (typeof input === "string") {
    ({ text, encoding } = repairString(input));
  } else {
    ({ text, encoding } = decodeBytes(input));
  }
  if (text.includes("\r")) text = text.replace(/\r\n?/g, "\n");
  if (!/\S/.test(text)) {
    return fail("dsreg/empty-input", "the input is empty", {
      hint: "paste the output of `dsregcmd /status` or the text of the error message",
    });
  }
  if (looksBinary(text)) {
    return fail("dsreg/binary-input", "the input is not text (it holds binary data)", {
      expected: "text",
      received: "binary data",
      hint: "save the output as text: `dsregcmd /status > status.txt`, then pass that file",
    });
  }
  return { ok: true, text, encoding };
}

function fail(code: string, message: string, extra: Partial<Issue>): DecodeResult {
  return { ok: false, issue: { code, severity: "error", file: "<paste>", path: "(input)", message, ...extra } };
}

/** `2.0 MB`, `512 bytes`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function decodeBytes(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: utf8(bytes.subarray(3)), encoding: "utf-8-bom" };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: utf16(bytes.subarray(2), "le"), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: utf16(bytes.subarray(2), "be"), encoding: "utf-16be" };
  const guess = utf16WithoutBom(bytes);
  if (guess) return { text: utf16(bytes, guess), encoding: guess === "le" ? "utf-16le" : "utf-16be" };
  return { text: utf8(bytes), encoding: "utf-8" };
}

function utf8(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes);
}

function utf16(bytes: Uint8Array, order: "le" | "be"): string {
  let data = bytes;
  if (order === "be") {
    // Swap to little-endian: not every TextDecoder knows utf-16be.
    data = new Uint8Array(bytes.length - (bytes.length % 2));
    for (let i = 0; i + 1 < bytes.length; i += 2) {
      data[i] = bytes[i + 1]!;
      data[i + 1] = bytes[i]!;
    }
  }
  return new TextDecoder("utf-16le", { fatal: false, ignoreBOM: true }).decode(data);
}

/** Quirk [2]: most odd (LE) or even (BE) bytes are zero in the first 4 KB. */
function utf16WithoutBom(bytes: Uint8Array): "le" | "be" | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.9 && evenZero < pairs * 0.1) return "le";
  if (evenZero > pairs * 0.9 && oddZero < pairs * 0.1) return "be";
  return undefined;
}

/** Quirk [3], and a BOM kept in a string. */
function repairString(input: string): { text: string; encoding: Encoding } {
  let text = input;
  let encoding: Encoding = "utf-8";
  if (text.startsWith("\ufeff")) {
    text = text.slice(1);
    encoding = "utf-8-bom";
  }
  const latin1Le = text.startsWith("\u00ff\u00fe");
  const latin1Be = text.startsWith("\u00fe\u00ff");
  if (latin1Le || latin1Be || text.charCodeAt(1) === 0 || text.charCodeAt(0) === 0) {
    const body = latin1Le || latin1Be ? text.slice(2) : text;
    const nul = countNul(body, 4096);
    const sample = Math.min(body.length, 4096);
    if (sample >= 4 && nul > sample * 0.4) {
      text = body.replaceAll("\u0000", "");
      encoding = latin1Be || body.charCodeAt(0) === 0 ? "utf-16be" : "utf-16le";
    }
  }
  return { text, encoding };
}

function countNul(s: string, limit: number): number {
  let n = 0;
  const end = Math.min(s.length, limit);
  for (let i = 0; i < end; i++) if (s.charCodeAt(i) === 0) n++;
  return n;
}

/** NULs, or more than 2% control characters and U+FFFD (undecodable bytes). */
function looksBinary(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (!/[\u0000-\u0008\u000b\u000d-\u001f\u007f\ufffd]/.test(text)) return false;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c) || c === 0x7f || c === 0xfffd) bad++;
  }
  return bad > Math.max(2, text.length * 0.02);
}
