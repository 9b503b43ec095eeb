/**
 * Text of a PDF that Chromium printed (page.pdf()), for tests on a machine without pdftotext.
 * Hand-written because no PDF reader is among the dependencies: Chromium (Skia) writes its text
 * as Type0 fonts with Identity-H glyph ids and a ToUnicode CMap per font, in Flate streams, so
 * the text is: inflate every stream, read each font's CMap, then map the hex strings of the
 * Tj/TJ operators back to characters. One line per text object (BT … ET); enough for
 * "is this sentence in the PDF", not a general PDF parser.
 */
import { inflateSync } from "node:zlib";

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

/** Every `n 0 obj … endobj` with its dictionary and its (inflated) stream. */
function objects(pdf: Buffer): Map<number, PdfObject> {
  const out = new Map<number, PdfObject>();
  const text = pdf.toString("latin1");
  const re = /(\d+) 0 obj\s*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf("endobj", start);
    if (end === -1) break;
    const body = text.slice(start, end);
    const s = body.indexOf("stream");
    const obj: PdfObject = { dict: s === -1 ? body : body.slice(0, s) };
    if (s !== -1) {
      let from = start + s + "stream".length;
      if (pdf[from] === 0x0d) from++;
      if (pdf[from] === 0x0a) from++;
      const to = start + body.lastIndexOf("endstream");
      const raw = pdf.subarray(from, to);
      try {
        obj.stream = /\/FlateDecode/.test(obj.dict) ? inflateSync(raw) : raw;
      } catch {
        obj.stream = raw;
      }
    }
    out.set(Number(m[1]), obj);
    re.lastIndex = end;
  }
  return out;
}

/** A ToUnicode CMap: glyph code (hex) → text. */
function readCMap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string): string => {
    let s = "";
    for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
    return s;
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(m[1]!.toUpperCase(), utf16(m[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      const first = parseInt(m[3]!, 16);
      for (let c = lo; c <= hi; c++) map.set(c.toString(16).toUpperCase().padStart(m[1]!.length, "0"), String.fromCharCode(first + c - lo));
    }
  }
  return map;
}

/** The text of every page, in content order; lines end at text-positioning jumps. */
export function pdfText(pdf: Buffer): string {
  const objs = objects(pdf);
  // Font resource name (/F4) → CMap, via each font object's /ToUnicode.
  const fontMaps = new Map<number, Map<string, string>>();
  for (const [n, o] of objs) {
    const ref = /\/ToUnicode\s+(\d+) 0 R/.exec(o.dict);
    const cmap = ref ? objs.get(Number(ref[1]))?.stream : undefined;
    if (cmap) fontMaps.set(n, readCMap(cmap.toString("latin1")));
  }
  const names = new Map<string, Map<string, string>>();
  for (const o of objs.values()) {
    const fonts = /\/Font\s*<<([^>]*)>>/.exec(o.dict);
    if (!fonts) continue;
    for (const m of fonts[1]!.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const map = fontMaps.get(Number(m[2]));
      if (map) names.set(m[1]!, map);
    }
  }
  const lines: string[] = [];
  for (const o of objs.values()) {
    if (!o.stream || !/\bBT\b/.test(o.stream.toString("latin1"))) continue;
    let map: Map<string, string> | undefined;
    let line = "";
    const flush = (): void => {
      if (line.trim()) lines.push(line.replace(/\s+/g, " ").trim());
      line = "";
    };
    const ops = /\/(\w+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>|\[([^\]]*)\]\s*TJ|(T\*|Td|TD|Tm|ET)\b/g;
    const content = o.stream.toString("latin1");
    const decode = (hex: string): string => {
      if (!map) return "";
      let s = "";
      const width = [...map.keys()][0]?.length ?? 4;
      for (let i = 0; i + width <= hex.length; i += width) s += map.get(hex.slice(i, i + width).toUpperCase()) ?? "";
      return s;
    };
    for (let m = ops.exec(content); m; m = ops.exec(content)) {
      if (m[1] !== undefined) map = names.get(m[1]);
      else if (m[2] !== undefined) line += decode(m[2]);
      else if (m[3] !== undefined) {
        // Numbers between the strings are kerning, not spaces (Skia writes spaces as glyphs).
        for (const part of m[3].matchAll(/<([0-9a-fA-F]*)>/g)) line += decode(part[1]!);
      } else if (m[4] === "ET" || m[4] === "T*" || m[4] === "Tm" || m[4] === "Td" || m[4] === "TD") {
        // Skia writes spaces as glyphs and moves between kerned runs with Td: only ET ends a line.
        if (m[4] === "ET") flush();
      }
    }
    flush();
  }
  return lines.join("\n");
}
