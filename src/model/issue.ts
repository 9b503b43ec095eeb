/**
 * Problems found in content (or any other input) are data: a code, a place and the parts of a
 * message. One renderer in the shells turns them into text (`renderIssue`).
 */

export type Severity = "error" | "warning";

export interface Issue {
  /** A stable id such as `kb/unknown-step`; tests assert it. */
  code: string;
  severity: Severity;
  /** The file, relative to the project (`content/caa50021/onedrive.yaml`). */
  file?: string;
  line?: number;
  col?: number;
  /** The field path, e.g. `steps[3].id`. */
  path: string;
  /** What is wrong, in one sentence. */
  message: string;
  expected?: string;
  received?: string;
  /** An imperative fix: "did you mean …", or where to read more. */
  hint?: string;
}

export type PathSegment = string | number;

/** `steps[3].when.all[0].fact` from `["steps", 3, "when", "all", 0, "fact"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out || "(file)";
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** The closest candidate to `wrong`, when it is close enough to be a plausible typo. */
export function closest(wrong: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const w = wrong.toLowerCase();
  for (const c of candidates) {
    const lower = c.toLowerCase();
    // A prefix of a longer id ("first" for "first-line") is as good as a one-letter typo.
    const dist = w.length >= 3 && lower.startsWith(w) ? 1 : editDistance(w, lower);
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  const limit = Math.max(2, Math.floor(wrong.length / 3));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

/** "did you mean `x`?" or a list of what is allowed. */
export function suggest(wrong: string, candidates: readonly string[], what = "one of"): string {
  const near = closest(wrong, candidates);
  if (near) return `did you mean "${near}"?`;
  const shown = candidates.slice(0, 12).map((c) => `"${c}"`).join(", ");
  return `use ${what}: ${shown}${candidates.length > 12 ? ", …" : ""}`;
}

/** Formats one issue the same way everywhere (CLI, site build, tests). */
export function renderIssue(issue: Issue): string {
  const where = issue.file
    ? `${issue.file}${issue.line !== undefined ? `:${issue.line}:${issue.col ?? 1}` : ""}`
    : "<input>";
  const lines = [`${where}  ${issue.code}  ${issue.path}${issue.severity === "warning" ? "  (warning)" : ""}`];
  let what = `  ${issue.message}`;
  if (issue.expected !== undefined || issue.received !== undefined) {
    what += ` (expected ${issue.expected ?? "?"}, found ${issue.received ?? "nothing"})`;
  }
  lines.push(what);
  if (issue.hint) lines.push(`  Fix: ${issue.hint}`);
  return lines.join("\n");
}
