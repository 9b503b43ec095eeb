/**
 * JSON that a person hands the CLI (`--answers`, a saved session), read the way a paste is read:
 * UTF-8 with or without a BOM, or UTF-16 (Windows PowerShell 5.1's `>` writes UTF-16LE, Notepad may
 * add a BOM), binary refused; then parsed strictly, with a syntax error, or a value the caller
 * refuses, placed at `file:line:col`.
 *
 * jsonc-parser (VS Code's JSON parser) does the parsing because it reports where: each error with
 * its offset, and a tree whose nodes know theirs. `JSON.parse` gives neither portably (Node 20 names
 * no position for an unexpected token, and quotes the raw input, control characters included).
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import { decodePaste, formatSize } from "../evidence/index.ts";

/** Where in the text: 1-based, as editors count. */
export interface TextPlace {
  line: number;
  col: number;
}

export type JsonRead =
  | {
      ok: true;
      value: unknown;
      /** The place of the key (or the item) at `path`, for a message about its value. */
      placeOf(path: readonly (string | number)[]): TextPlace | undefined;
    }
  /** `problem` follows "is" or "are": "not valid JSON: …", "empty". */
  | { ok: false; problem: string; place?: TextPlace; hint: string };

/**
 * Each syntax error in words, for the person who wrote the file, by jsonc-parser's name for it
 * (its codes are a const enum, which this project's TypeScript settings cannot read).
 */
const SYNTAX_WORDS: Readonly<Record<string, string>> = {
  InvalidSymbol: "a character JSON does not allow here (strings and names take double quotes)",
  InvalidNumberFormat: "a number JSON cannot read",
  PropertyNameExpected: "a name in double quotes was expected",
  ValueExpected: "a value was expected (true, false, a number, a string in double quotes, an object or a list)",
  ColonExpected: 'a ":" was expected after the name',
  CommaExpected: 'a "," was expected between two entries',
  CloseBraceExpected: 'a "}" was expected: an object is not closed, or it ends in a comma',
  CloseBracketExpected: 'a "]" was expected: a list is not closed, or it ends in a comma',
  EndOfFileExpected: "the JSON ends here, but more follows",
  InvalidCommentToken: "JSON has no comments",
  UnexpectedEndOfComment: "JSON has no comments",
  UnexpectedEndOfString: "a string is not closed (a double quote is missing)",
  UnexpectedEndOfNumber: "a number ends too early",
  InvalidUnicode: "a \\u escape that is not 4 hexadecimal digits",
  InvalidEscapeCharacter: 'a backslash that escapes nothing JSON knows (write "\\\\" for one backslash, as in a Windows path)',
  InvalidCharacter: "a control character (a tab or a line break) inside a string",
};

/** Reads `bytes` as JSON: see the header. */
export function readJson(bytes: Uint8Array, maxBytes: number): JsonRead {
  const decoded = decodePaste(bytes, { maxBytes });
  if (!decoded.ok) {
    const code = decoded.issue.code;
    if (code === "dsreg/too-large") return { ok: false, problem: `${formatSize(bytes.length)}; at most ${formatSize(maxBytes)} is read`, hint: "pass the JSON file itself" };
    if (code === "dsreg/empty-input") return { ok: false, problem: "empty", hint: 'write a JSON object, e.g. { "managed": true }' };
    return { ok: false, problem: "not text (it holds binary data)", hint: "pass the JSON file itself, saved as text" };
  }
  const text = decoded.text;
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first || !root) {
    const offset = first?.offset ?? 0;
    // A comma before a closing brace or bracket: JSON allows none after the last entry (JavaScript does).
    const trailingComma = /,\s*$/.test(text.slice(0, offset)) && /^[}\]]/.test(text.slice(offset));
    const cutShort = offset >= text.trimEnd().length && first?.error !== undefined && printParseErrorCode(first.error) !== "EndOfFileExpected";
    const words = trailingComma ? "a comma after the last entry (JSON allows none there)" : cutShort ? "it ends too early (a closing } or ] is missing, or the file was cut short)" : first ? (SYNTAX_WORDS[printParseErrorCode(first.error)] ?? "it cannot be read") : "there is no value";
    const place = placeAt(text, trailingComma ? text.slice(0, offset).lastIndexOf(",") : first ? withinToken(text, first) : offset);
    return { ok: false, problem: `not valid JSON: ${words}`, place, hint: 'write a JSON object, e.g. { "managed": true, "where": "banner" }' };
  }
  // With no error from jsonc-parser, JSON.parse reads the same text; it builds the value.
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return { ok: false, problem: "not valid JSON", hint: 'write a JSON object, e.g. { "managed": true, "where": "banner" }' };
  }
  return {
    ok: true,
    value,
    placeOf(path) {
      const node: Node | undefined = findNodeAtLocation(root, [...path]);
      if (!node) return undefined;
      const at = node.parent?.type === "property" ? node.parent.offset : node.offset;
      return placeAt(text, at);
    },
  };
}

/**
 * Where in its token an error inside a string is: jsonc-parser places it at the string's start,
 * but the person is looking for the backslash or the control character.
 */
function withinToken(text: string, error: ParseError): number {
  const name = printParseErrorCode(error.error);
  // eslint-disable-next-line no-control-regex -- the control characters JSON refuses in a string
  const at = name === "InvalidEscapeCharacter" || name === "InvalidUnicode" ? /\\(?:[^"\\/bfnrtu]|u(?![0-9a-fA-F]{4}))/ : name === "InvalidCharacter" ? /[\u0000-\u001f]/ : undefined;
  const found = at ? text.slice(error.offset, error.offset + error.length).search(at) : -1;
  return error.offset + Math.max(found, 0);
}

/** The 1-based line and column of `offset` (columns count UTF-16 units, as editors mostly do). */
function placeAt(text: string, offset: number): TextPlace {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, col: offset - (before.lastIndexOf("\n") + 1) + 1 };
}
