/**
 * The operator page (`/operator/`): what fixes what, drawn on the server as HTML and SVG so it
 * needs no script, loads no library and sends no data anywhere. Hand-written because the page is
 * a handful of bars: a chart library would be the page's largest part and would need a script.
 *
 * Every figure is a count the outcomes API already stores (code, app, step, outcome, reason, day);
 * the page shows words, never ids.
 */
import { wilsonInterval } from "./wilson.ts";

/** One step's counts, in words. */
export interface OperatorStep {
  title: string;
  fixed: number;
  noChange: number;
  couldNot: number;
  /**
   * Outcomes two captures (before and after the step) bore out or contradicted (issue 30): counted
   * apart; the reported counts above include them.
   */
  verified?: { fixed: number; noChange: number; contradicted: number };
  /**
   * A step that leaves the app half-done (an unlink): the title of the step that completes it.
   * Its "fixed" answers are counted there (`countsInStatistics`), so this step shows no share.
   */
  finishedBy?: string;
}

/** One scenario (a code in an app) and its steps in content order. */
export interface OperatorScenario {
  /** "CAA50021 in OneDrive". */
  title: string;
  /** The scenario page's path, for a link. */
  href: string;
  steps: OperatorStep[];
  /** Why a step changed nothing or people could not do it, as they said it, most frequent first. */
  reasons: { step: string; outcome: "no-change" | "could-not"; words: string; n: number }[];
}

export interface OperatorData {
  /** The day the page was made (UTC, YYYY-MM-DD). */
  day: string;
  siteName: string;
  scenarios: OperatorScenario[];
  feedback: { page: string; href: string; helpful: number; notHelpful: number; reasons: { words: string; n: number }[] }[];
  /** The most searched codes that have no page, most searched first. */
  missingCodes: { code: string; count: number; lastDay: string }[];
}

/** The page's only style block; the server allows it by hash (`OPERATOR_STYLE`). */
export const OPERATOR_STYLE = `
:root{color-scheme:light dark;--fg:#1b1f24;--muted:#57606a;--bg:#fff;--line:#d0d7de;--fixed:#1a7f37;--track:#eaeef2;--ci:#1b1f24}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9da7b3;--bg:#0d1117;--line:#30363d;--fixed:#3fb950;--track:#21262d;--ci:#e6edf3}}
body{font:16px/1.5 system-ui,sans-serif;color:var(--fg);background:var(--bg);max-width:60rem;margin:0 auto;padding:1rem;overflow-wrap:anywhere}
.wide{overflow-x:auto;max-width:100%}.wide:focus{outline:2px solid var(--fg)}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;margin:2rem 0 .5rem;border-top:1px solid var(--line);padding-top:1rem}h3{font-size:1rem;margin:1rem 0 .25rem}
p.lede,.muted{color:var(--muted)}table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}svg{display:block;max-width:100%;height:auto}svg text{fill:var(--fg);font:13px system-ui,sans-serif}
.track{fill:var(--track)}.fixed{fill:var(--fixed)}.ci{stroke:var(--ci);stroke-width:2}a{color:inherit}
@media print{h2{break-before:auto}section{break-inside:avoid}}
`;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pct = (x: number) => `${Math.round(x * 100)} %`;

/** The whole page. */
export function renderOperatorPage(data: OperatorData): string {
  const body = [
    `<header><h1>What fixes what</h1><p class="lede">${esc(data.siteName)}: what people reported after each step of the diagnostic, as of ${esc(data.day)}. Only counts are stored: the code, the app, the step, the outcome and the day. The bars show the share that said a step fixed it, with its 95 % interval; a wide interval means few tries.</p></header>`,
    "<main>",
    data.scenarios.length === 0 ? `<p>No step outcomes yet. They appear here once people use the diagnostic and say whether a step helped.</p>` : data.scenarios.map(renderScenario).join("\n"),
    renderFeedback(data.feedback),
    renderMissing(data.missingCodes),
    "</main>",
  ].join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>What fixes what — ${esc(data.siteName)}</title><style>${OPERATOR_STYLE}</style></head>
<body>${body}</body></html>
`;
}

function renderScenario(sc: OperatorScenario): string {
  const tried = sc.steps.filter((s) => s.fixed + s.noChange + s.couldNot > 0);
  const rows = tried
    .map((s) => {
      const n = s.fixed + s.noChange;
      const ci = wilsonInterval(s.fixed, n);
      const v = s.verified ?? { fixed: 0, noChange: 0, contradicted: 0 };
      const vn = v.fixed + v.noChange;
      const vci = wilsonInterval(v.fixed, vn);
      const shown = s.finishedBy === undefined;
      const verified = `<td class="n">${vn}</td><td class="n">${vn && shown ? `${v.fixed} (${pct(v.fixed / vn)})` : "—"}</td><td class="n">${vci && shown ? `${pct(vci.low)}–${pct(vci.high)}` : "—"}</td><td class="n">${v.contradicted}</td>`;
      const title = shown ? esc(s.title) : `${esc(s.title)}<br><span class="muted">${esc(finishedWords(s.finishedBy!))}</span>`;
      return `<tr><td>${title}</td><td class="n">${n}</td><td class="n">${shown ? s.fixed : "—"}</td><td class="n">${n && shown ? pct(s.fixed / n) : "—"}</td><td class="n">${ci && shown ? `${pct(ci.low)}–${pct(ci.high)}` : "—"}</td><td class="n">${s.couldNot}</td>${verified}</tr>`;
    })
    .join("");
  const list = (outcome: string, heading: string) => {
    const mine = sc.reasons.filter((r) => r.outcome === outcome);
    return mine.length ? `<h3>${heading}</h3><ul>${mine.map((r) => `<li>${esc(r.step)} — ${esc(r.words)} (${r.n})</li>`).join("")}</ul>` : "";
  };
  const reasons = list("no-change", "When a step changed nothing, people said") + list("could-not", "When people could not do a step, they said");
  return `<section><h2><a href="${esc(sc.href)}">${esc(sc.title)}</a></h2>
${renderBars(sc.title, tried)}
<div class="wide" role="region" aria-label="Counts per step" tabindex="0"><table><caption class="muted">Tried counts a step that fixed it or changed nothing; "could not do it" is counted apart. Verified counts only the answers that a capture taken before and one taken after the step bore out; contradicted, the answers the captures did not bear out (such as "fixed" while the sign-in token was still missing).</caption><thead><tr><th scope="col">Step</th><th scope="col">Tried</th><th scope="col">Fixed it</th><th scope="col">Share</th><th scope="col">95 % interval</th><th scope="col">Could not do it</th><th scope="col">Verified tries</th><th scope="col">Verified fixed</th><th scope="col">Verified 95 % interval</th><th scope="col">Contradicted</th></tr></thead><tbody>${rows}</tbody></table></div>
${reasons}</section>`;
}

/** Why a step another completes shows no share of its own. */
function finishedWords(by: string): string {
  return `a fix is counted on "${by}", the step that completes it`;
}

const LABEL_W = 260;
const BAR_W = 360;
const ROW_H = 34;

/** One horizontal bar per step: the track is 0–100 %, the fill the fixed share, the whisker its interval. */
export function renderBars(title: string, steps: readonly OperatorStep[]): string {
  const height = steps.length * ROW_H + 24;
  const width = LABEL_W + BAR_W + 120;
  const x = (share: number) => LABEL_W + share * BAR_W;
  const rows = steps.map((s, i) => {
    const n = s.fixed + s.noChange;
    const y = 8 + i * ROW_H;
    const share = n ? s.fixed / n : 0;
    const ci = s.finishedBy === undefined ? wilsonInterval(s.fixed, n) : null;
    const label = s.title.length > 38 ? `${s.title.slice(0, 37)}…` : s.title;
    // Only "could not do it" answers: nobody tried it to the end, but people did reach it. A step
    // another completes has no share of its own: no bar, and why.
    const words = s.finishedBy !== undefined ? "fixes counted later" : n ? `${s.fixed} of ${n} (${pct(share)})` : s.couldNot ? `${s.couldNot} could not do it` : "not tried yet";
    const says = s.finishedBy !== undefined ? finishedWords(s.finishedBy) : n ? `fixed it for ${words}` : words;
    return [
      `<g><title>${esc(s.title)}: ${esc(says)}${ci ? `, 95 % interval ${pct(ci.low)} to ${pct(ci.high)}` : ""}</title>`,
      `<text x="0" y="${y + 17}">${esc(label)}</text>`,
      `<rect class="track" x="${LABEL_W}" y="${y + 4}" width="${BAR_W}" height="18" rx="3"/>`,
      n && s.finishedBy === undefined ? `<rect class="fixed" x="${LABEL_W}" y="${y + 4}" width="${(share * BAR_W).toFixed(1)}" height="18" rx="3"/>` : "",
      ci ? `<line class="ci" x1="${x(ci.low).toFixed(1)}" x2="${x(ci.high).toFixed(1)}" y1="${y + 13}" y2="${y + 13}"/><line class="ci" x1="${x(ci.low).toFixed(1)}" x2="${x(ci.low).toFixed(1)}" y1="${y + 7}" y2="${y + 19}"/><line class="ci" x1="${x(ci.high).toFixed(1)}" x2="${x(ci.high).toFixed(1)}" y1="${y + 7}" y2="${y + 19}"/>` : "",
      `<text x="${LABEL_W + BAR_W + 8}" y="${y + 17}">${esc(words)}</text></g>`,
    ].join("");
  });
  const axis = [0, 0.5, 1].map((t) => `<text x="${x(t) - (t === 1 ? 30 : t === 0.5 ? 14 : 0)}" y="${height - 4}" class="muted">${pct(t)}</text>`).join("");
  return `<svg role="img" aria-label="${esc(`${title}: the share of people each step fixed it for`)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${rows.join("")}${axis}</svg>`;
}

function renderFeedback(rows: OperatorData["feedback"]): string {
  if (rows.length === 0) return `<section><h2>Page feedback</h2><p>No page feedback yet.</p></section>`;
  const body = rows
    .map((r) => `<tr><td><a href="${esc(r.href)}">${esc(r.page)}</a></td><td class="n">${r.helpful}</td><td class="n">${r.notHelpful}</td><td>${r.reasons.map((x) => `${esc(x.words)} (${x.n})`).join("; ") || "—"}</td></tr>`)
    .join("");
  return `<section><h2>Page feedback</h2><div class="wide" role="region" aria-label="Page feedback counts" tabindex="0"><table><thead><tr><th scope="col">Page</th><th scope="col">Helpful</th><th scope="col">Not helpful</th><th scope="col">Why not</th></tr></thead><tbody>${body}</tbody></table></div><p class="muted">Comments are stored redacted and are never shown here.</p></section>`;
}

function renderMissing(rows: OperatorData["missingCodes"]): string {
  if (rows.length === 0) return `<section><h2>Searched codes with no page</h2><p>No searches for codes without a page yet.</p></section>`;
  return `<section><h2>Searched codes with no page</h2><p class="muted">Codes people looked up that the knowledge base has no page for: candidates for the next hub.</p><ol>${rows.map((r) => `<li><strong>${esc(r.code)}</strong>: ${r.count} ${r.count === 1 ? "search" : "searches"}, last on ${esc(r.lastDay)}</li>`).join("")}</ol></section>`;
}
