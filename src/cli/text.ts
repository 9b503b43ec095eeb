/** Small text helpers the CLI's commands share: counts with their noun, wrapping, escaping. */

/**
 * Escapes control characters (except newline and tab) as `\u001b`, so text that came from outside
 * (a paste, a query, a file name, a saved session) cannot drive the terminal: no colours, no
 * cursor moves, no window title.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** `1 page`, `7 pages`, `1 answer`, `3 steps`: a count and its noun, in the right number. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Wraps `text` at `width` columns, each line starting with `indent` (the first with `first`,
 * default `indent`). Words are never split and no line starts or ends with a space.
 */
export function wrap(text: string, options: { width?: number; indent?: string; first?: string } = {}): string {
  const width = options.width ?? 100;
  const indent = options.indent ?? "";
  let line = options.first ?? indent;
  let lineHasWord = false;
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (lineHasWord && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent;
      lineHasWord = false;
    }
    line += (lineHasWord ? " " : "") + word;
    lineHasWord = true;
  }
  lines.push(line);
  return lines.map((l) => l.trimEnd()).join("\n");
}
