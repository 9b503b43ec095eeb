/**
 * Recognises an error in pasted text (a dialog, a log line, a ticket) and returns the
 * knowledge-base pages that may cover it.
 *
 * Sample input: `Outlook: Something went wrong. We couldn't sign you in ... error code CAA50021`
 * Output: { codes: [{ key: "hex:caa50021", display: "0xcaa50021", written: ["CAA50021"], hub: "caa50021", line: 1 }],
 *           apps: [{ app: "outlook", line: 1 }], phrases: [{ id: "could-not-sign-you-in", line: 1 }],
 *           candidates: [{ pageId: "caa50021/outlook", url: "/codes/caa50021/outlook/", score: 4, reasons }, …] }
 *
 * Quirks:
 * [1] Codes come in many forms (`CAA50021`, `0xCAA50021`, `caa 50021`, `3399811105`,
 *     `-895156191`, `AADSTS50126`); they are found as whole tokens (find-codes.ts) and grouped by
 *     their normalised key.
 * [2] A code the knowledge base does not cover is still reported, without a page.
 * [3] Phrases are matched on normalised text (phrases.ts), and so are the hubs' own messages.
 */
import { appName, type App } from "../../model/facts.ts";
import { pageUrl, resolveCode, type KnowledgeBase } from "../../model/kb.ts";
import { findCodeTokens } from "./find-codes.ts";
import { APP_PATTERNS, KNOWN_PHRASES, normalisePhrase } from "./phrases.ts";

/** The part of the knowledge base the recognizer reads. */
export type KbView = Pick<KnowledgeBase, "codes" | "codeIndex" | "scenarios">;

export interface FoundCode {
  key: string;
  display: string;
  /** Each distinct way it was written. */
  written: string[];
  /** The hub that covers it, when the knowledge base has one. */
  hub?: string;
  /** First line it appears on. */
  line: number;
}

export interface FoundApp {
  app: App;
  line: number;
}

export interface FoundPhrase {
  /** A KNOWN_PHRASES id, or `message:<hub>` for a hub's own message text. */
  id: string;
  /** The words found, as the phrase list or the hub's message writes them. */
  text: string;
  line: number;
  hubs: string[];
  apps: App[];
}

export interface Candidate {
  pageId: string;
  url: string;
  title: string;
  kind: "code" | "scenario";
  /** 4: a code and an app name; 3: a code; 2: a known message and an app; 1: a known message. */
  score: number;
  reasons: string[];
}

export interface Recognition {
  codes: FoundCode[];
  apps: FoundApp[];
  phrases: FoundPhrase[];
  candidates: Candidate[];
}

/** Finds codes, app names and known phrases in `text`; with a knowledge base, the pages that fit. */
export function recognizeErrorText(text: string, kb?: KbView): Recognition {
  const lineAt = lineLocator(text);
  const codes = new Map<string, FoundCode>();
  for (const t of findCodeTokens(text)) {
    const found = codes.get(t.key);
    if (found) {
      if (!found.written.includes(t.text)) found.written.push(t.text);
      continue;
    }
    const entry: FoundCode = { key: t.key, display: t.display, written: [t.text], line: lineAt(t.index) };
    const hub = kb ? resolveCode(kb, t.text) : undefined;
    if (hub !== undefined) entry.hub = hub;
    codes.set(t.key, entry);
  }

  const apps: FoundApp[] = [];
  for (const { app, pattern } of APP_PATTERNS) {
    const m = new RegExp(pattern.source, pattern.flags).exec(text);
    if (m) apps.push({ app, line: lineAt(m.index) });
  }
  apps.sort((a, b) => a.line - b.line);

  const phrases = findPhrases(text, kb);
  return { codes: [...codes.values()], apps, phrases, candidates: kb ? rank(kb, [...codes.values()], apps, phrases) : [] };
}

function findPhrases(text: string, kb: KbView | undefined): FoundPhrase[] {
  const out: FoundPhrase[] = [];
  // Searched line by line: normalising changes offsets, and a phrase is never split across lines.
  const lines = text.split("\n").map(normalisePhrase);
  const lineOf = (fragment: string): number | undefined => {
    const i = lines.findIndex((l) => l.includes(fragment));
    return i === -1 ? undefined : i + 1;
  };
  for (const p of KNOWN_PHRASES) {
    const line = lineOf(p.text);
    if (line === undefined) continue;
    const hubs = kb ? p.codes.flatMap((c) => resolveCode(kb, c) ?? []) : [];
    out.push({ id: p.id, text: p.text, line, hubs, apps: [...p.apps] });
  }
  if (kb) {
    for (const [id, hub] of kb.codes) {
      for (const message of hub.messages) {
        const fragment = normalisePhrase(message.text).replace(/[\s.!]+$/, "");
        if (fragment.length < 12) continue;
        const line = lineOf(fragment);
        if (line !== undefined && !out.some((p) => p.id === `message:${id}`)) {
          out.push({ id: `message:${id}`, text: message.text, line, hubs: [id], apps: [...message.apps] });
        }
      }
    }
  }
  return out.sort((a, b) => a.line - b.line || a.id.localeCompare(b.id));
}

function rank(kb: KbView, codes: FoundCode[], apps: FoundApp[], phrases: FoundPhrase[]): Candidate[] {
  const byId = new Map<string, Candidate>();
  const add = (pageId: string, score: number, reason: string) => {
    const [code = "", app] = pageId.split("/");
    const title = app === undefined ? kb.codes.get(code)?.title : kb.scenarios.get(pageId)?.title;
    if (title === undefined) return;
    const c = byId.get(pageId);
    if (c) {
      c.score = Math.max(c.score, score);
      if (!c.reasons.includes(reason)) c.reasons.push(reason);
      return;
    }
    byId.set(pageId, { pageId, url: pageUrl(pageId), title, kind: app === undefined ? "code" : "scenario", score, reasons: [reason] });
  };
  const appNames = apps.map((a) => a.app);
  for (const c of codes) {
    if (c.hub === undefined) continue;
    for (const app of appNames) add(`${c.hub}/${app}`, 4, `code ${c.written[0]} and the app name ${appName(app)}`);
    add(c.hub, 3, `code ${c.written[0]}`);
  }
  for (const p of phrases) {
    for (const hub of p.hubs) {
      for (const app of new Set([...p.apps, ...appNames])) add(`${hub}/${app}`, 2, `the message "${p.text}"`);
      add(hub, 1, `the message "${p.text}"`);
    }
  }
  return [...byId.values()].sort((a, b) => b.score - a.score || a.pageId.localeCompare(b.pageId));
}

/** Offset → 1-based line number, by binary search over line starts. */
function lineLocator(text: string): (index: number) => number {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (index) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
