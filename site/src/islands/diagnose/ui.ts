/**
 * What every part of the diagnostic shares: the island's root element, the state of one view
 * (`Ctx`), and the few helpers that put cards on screen.
 */
import type { App } from "../../../../src/model/index.ts";
import type { Facts, KnowledgeBase } from "../../../../src/model/index.ts";
import type { ItContact } from "../../../../src/model/config.ts";
import type { Session, SessionResult } from "../../../../src/engine/session.ts";
import type { ReportFormat } from "../../../../src/report/report.ts";
import type { HubLink } from "../../lib/data.ts";
import type { SettledStore } from "../../lib/settled.ts";
import { h, type Child } from "../dom.ts";
import type { Api } from "./outcomes-api.ts";

export const root = document.getElementById("diagnose")!;

/** One view of a session: its data, the session and what the report panel was set to. */
export interface Ctx {
  kb: KnowledgeBase;
  /** Every hub with a page (for "another code's guide applies"). */
  hubs: readonly HubLink[];
  code: string;
  app: App;
  session: Session;
  /** Answers that came from the analyzer or a link (what each read), and the differences waiting for the person. */
  settled: SettledStore;
  report: { redact: boolean; format: ReportFormat; startedAt: string };
  api: Api;
  /** The organisation running this site (fixpath.config.yaml): preset facts, apps in use, IT's contact. */
  org: Org;
}

/** What the page says about the organisation (`data-org` on the island's root). */
export interface Org {
  facts: Facts;
  apps: readonly App[];
  it?: ItContact;
  /** The site's public address (`site.baseUrl`): links that leave the browser (the report, the mail to IT) use it. */
  baseUrl?: string;
}

/** The organisation from the page; the public defaults when the page carries none. */
export function readOrg(): Org {
  try {
    const data = JSON.parse(root.dataset.org ?? "{}") as Partial<Org>;
    return { facts: data.facts ?? {}, apps: data.apps ?? [], ...(data.it ? { it: data.it } : {}), ...(typeof data.baseUrl === "string" && /^https?:\/\//.test(data.baseUrl) ? { baseUrl: data.baseUrl.replace(/\/+$/, "") } : {}) };
  } catch {
    return { facts: {}, apps: [] };
  }
}

/** Applies what the engine answered to an action: the next view, or the problem it found. */
export type Apply = (ctx: Ctx, result: SessionResult) => void;

export function show(...children: Child[]): void {
  root.replaceChildren(...children.filter((c): c is Node | string => Boolean(c)));
}

export function focusHeading(): void {
  root.querySelector<HTMLElement>("h2")?.focus();
}

export function errorBox(message: string): HTMLElement {
  return h("div", { class: "notice", role: "alert" }, message);
}

export function button(label: string, onClick: () => void, cls = "btn", attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = h("button", { type: "button", class: cls, ...attrs }, label);
  b.addEventListener("click", onClick);
  return b;
}
