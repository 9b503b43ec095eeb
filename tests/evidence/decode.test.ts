import { describe, expect, it } from "vitest";
import { decodePaste, formatSize } from "../../src/evidence/index.ts";
import { utf16beWithBom, utf16leWithBom, utf8WithBom } from "./helpers.ts";

const TEXT = "| Device State |\r\n AzureAdJoined : YES\r\n";
const LF = "| Device State |\n AzureAdJoined : YES\n";

describe("decodePaste", () => {
  it.each([
    ["UTF-8", new TextEncoder().encode(TEXT), "utf-8"],
    ["UTF-8 with a BOM", utf8WithBom(TEXT), "utf-8-bom"],
    ["UTF-16LE with a BOM", utf16leWithBom(TEXT), "utf-16le"],
    ["UTF-16BE with a BOM", utf16beWithBom(TEXT), "utf-16be"],
    ["UTF-16LE without a BOM", utf16leWithBom(TEXT).subarray(2), "utf-16le"],
    ["UTF-16BE without a BOM", utf16beWithBom(TEXT).subarray(2), "utf-16be"],
    ["a string with a BOM", "\ufeff" + TEXT, "utf-8-bom"],
    ["UTF-16LE read as Latin-1", String.fromCharCode(...utf16leWithBom(TEXT)), "utf-16le"],
  ])("decodes %s to the same LF text", (_, input, encoding) => {
    expect(decodePaste(input)).toEqual({ ok: true, text: LF, encoding });
  });

  it("turns lone CRs into line ends too", () => {
    expect(decodePaste("a\rb").ok && (decodePaste("a\rb") as { text: string }).text).toBe("a\nb");
  });

  it.each([
    ["random bytes", new Uint8Array(Array.from({ length: 512 }, (_, i) => (i * 97 + 13) % 256)), "dsreg/binary-input"],
    ["a PNG header", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), "dsreg/binary-input"],
    ["no bytes", new Uint8Array(), "dsreg/empty-input"],
    ["a BOM only", utf16leWithBom(""), "dsreg/empty-input"],
  ])("rejects %s", (_, input, code) => {
    const r = decodePaste(input);
    expect(!r.ok && r.issue.code).toBe(code);
  });

  it("rejects input over the limit before decoding it", () => {
    const r = decodePaste(new Uint8Array(11), { maxBytes: 10 });
    expect(!r.ok && r.issue).toMatchObject({ code: "dsreg/too-large", received: "11 bytes", expected: "at most 10 bytes" });
  });

  it("formats sizes for messages", () => {
    expect([formatSize(512), formatSize(2048), formatSize(10 * 1024 * 1024)]).toEqual(["512 bytes", "2.0 KB", "10.0 MB"]);
  });
});
