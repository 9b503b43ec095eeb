/**
 * On-screen phrases that point at a code or an app, for pastes that carry no code. Short
 * fragments of the messages listed in shared/facts/domain-facts.md §1.2, §2 and §9.8, matched
 * after `normalisePhrase` (lower case, straight apostrophes, single spaces).
 */
import type { App } from "../../model/facts.ts";

export interface KnownPhrase {
  id: string;
  /** Normalised fragment. */
  text: string;
  /** Codes (any written form) the phrase is shown with. */
  codes: string[];
  apps: App[];
}

export const KNOWN_PHRASES: readonly KnownPhrase[] = [
  { id: "retry-attempts-exceeded", text: "number of retry attempts exceeds expectations", codes: ["CAA50021"], apps: [] },
  { id: "could-not-sign-you-in", text: "we couldn't sign you in", codes: [], apps: [] },
  { id: "login-interrupted", text: "login was either interrupted or unsuccessful", codes: ["0x8004de40"], apps: ["onedrive"] },
  { id: "cannot-sign-into-account", text: "we can't sign into your account", codes: ["0x8004de88"], apps: ["onedrive"] },
  { id: "need-the-internet", text: "you'll need the internet for this", codes: ["CAA70007"], apps: ["office"] },
  { id: "trying-to-connect", text: "trying to connect", codes: [], apps: ["outlook"] },
  { id: "were-not-able-to-connect", text: "we weren't able to connect", codes: [], apps: ["teams"] },
  { id: "another-account-signed-in", text: "another account from your organization is already signed in", codes: [], apps: ["office"] },
  { id: "device-disabled", text: "your organization has disabled the device", codes: [], apps: [] },
  { id: "device-deleted", text: "your organization has deleted the device", codes: [], apps: [] },
  { id: "password-changed", text: "either your password changed", codes: [], apps: ["teams"] },
  { id: "need-password", text: "need password", codes: [], apps: ["office"] },
  { id: "needs-password", text: "needs password", codes: [], apps: ["office"] },
  { id: "logon-session-missing", text: "logon session doesn't exist", codes: ["80070520"], apps: ["office"] },
  { id: "logon-session-missing-long", text: "logon session does not exist", codes: ["80070520"], apps: ["office"] },
  { id: "account-limit-reached", text: "account limit is reached", codes: [], apps: [] },
];

/** Lower case, straight quotes, single spaces: the form phrases are compared in. */
export function normalisePhrase(text: string): string {
  return text.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, " ");
}

/** App names in free text. `Teams` and `Office` need their capital: "our teams" is not the app. */
export const APP_PATTERNS: readonly { app: App; pattern: RegExp }[] = [
  { app: "onedrive", pattern: /\bone ?drive\b/gi },
  { app: "outlook", pattern: /\boutlook\b/gi },
  { app: "teams", pattern: /\b(?:[Mm]icrosoft [Tt]eams|MS Teams|Teams|TEAMS)\b/g },
  { app: "office", pattern: /\b(?:Microsoft 365 [Aa]pps|Office|OFFICE|Word|Excel|PowerPoint)\b/g },
];
