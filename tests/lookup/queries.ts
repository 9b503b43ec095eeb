// The lookup's answer table: queries written from real dialogs, logs and codes (the messages in
// content/ and ../shared/facts/domain-facts.md), with what the answer must be. Used by
// tests/lookup/answers.test.ts (the core, as the CLI calls it) and by the browser test, which
// types a sample of them into the site's search box.
import type { MatchKind } from "../../src/lookup/index.ts";

export interface QueryCase {
  query: string;
  /** How the first result matched, or "none" for no result at all. */
  first: MatchKind | "none";
  /** The first result's page id, when one is expected. */
  id?: string;
  /** Codes reported as having no page, in order: [shown code, family id or undefined]. */
  missing?: [string, string | undefined][];
  /** The codes (hub ids) of the first results, in this order, before any other code: multi-code pastes. */
  codes?: string[];
  /** Where the query comes from. */
  from: string;
}

export const QUERY_CASES: readonly QueryCase[] = [
  // ---- one code, in the forms people meet it: exact
  { query: "CAA50021", first: "exact", id: "caa50021", from: "Teams/Outlook dialog code" },
  { query: "0xCAA50021", first: "exact", id: "caa50021", from: "activation error form" },
  { query: "caa 50021", first: "exact", id: "caa50021", from: "typed with a space" },
  { query: "CAA-50021", first: "exact", id: "caa50021", from: "typed with a dash" },
  { query: "3399811105", first: "exact", id: "caa50021", from: "MSAL log, unsigned decimal" },
  { query: "-895156191", first: "exact", id: "caa50021", from: "log, signed decimal" },
  { query: "ERROR: 0xCAA50021", first: "exact", id: "caa50021", from: "Microsoft 365 Apps activation dialog" },
  { query: "Something went wrong. We couldn't sign you in. If this error persists, contact your system administrator and provide error code CAA50021.", first: "exact", id: "caa50021", from: "Teams/Outlook dialog, pasted whole" },
  { query: "ＣＡＡ５００２１", first: "exact", id: "caa50021", from: "typed with a full-width keyboard" },
  { query: "CAA50021 onedrive", first: "exact", id: "caa50021/onedrive", from: "code and app" },
  { query: "0xCAA50021 in OneDrive", first: "exact", id: "caa50021/onedrive", from: "code and app in a sentence" },
  { query: "OneDrive Can't sign in. Error 0x8004de40", first: "exact", id: "0x8004de40/onedrive", from: "OneDrive dialog" },
  { query: "Login was either interrupted or unsuccessful. Please try logging in again. (Error Code: 0x8004de40)", first: "exact", id: "0x8004de40", from: "OneDrive dialog" },
  { query: "AADSTS50126", first: "exact", id: "aadsts50126", from: "Entra sign-in error" },
  { query: "50126", first: "exact", id: "aadsts50126", from: "Entra sign-in log (bare number)" },
  { query: "AADSTS50155: Device is not authenticated", first: "exact", id: "aadsts50155", from: "AAD log event" },
  { query: "You'll need the internet for this. We couldn't connect to one of the services we needed to sign you in. Please check your connection and try again. 0xCAA70007", first: "exact", id: "caa70007", from: "Office sign-in dialog" },
  { query: "Error 0x8007016a: The cloud file provider is not running.", first: "exact", id: "0x8007016a", from: "OneDrive dialog" },
  { query: "We couldn't sign you in. If this error persists, contact your system administrator and provide the error code CAA2000B.", first: "exact", id: "caa2000b", from: "Teams dialog" },
  { query: "80070520", first: "exact", id: "80070520", from: "dsregcmd WamDefaultSet : ERROR (0x80070520)" },
  { query: "2147943712", first: "exact", id: "80070520", from: "log, unsigned decimal" },
  { query: "-2147023584", first: "exact", id: "80070520", from: "log, signed decimal" },
  { query: "0x80090016", first: "exact", id: "80090016", from: "WAM error, TPM keyset" },
  { query: "c0090016", first: "exact", id: "0xc0090016", from: "NTSTATUS-style form" },
  // ---- several codes in one paste: each, in order of appearance, before any text match
  { query: "CAA50021 and 80090030", first: "exact", id: "caa50021", codes: ["caa50021", "0x80090030"], from: "two codes from one dialog and its details" },
  { query: "dsregcmd said 0x80090030, then Outlook showed CAA50021", first: "exact", id: "0x80090030", codes: ["0x80090030", "caa50021"], from: "a person's account of two errors" },
  { query: "AzureAdPrt : NO, Attempt Status : 0xc000006d, Server Error Code: AADSTS50126", first: "exact", id: "0xc000006d", codes: ["0xc000006d", "aadsts50126"], from: "dsregcmd /status SSO State lines" },
  { query: "0x8004de40 0x8004de88 CAA70007", first: "exact", id: "0x8004de40", codes: ["0x8004de40", "caa70007"], from: "three codes, two of them one page" },
  { query: "CAA50021 and 0x8004010F", first: "exact", id: "caa50021", missing: [["0x8004010F", undefined]], from: "a code with a page and one without" },
  // ---- codes one slip away: near, never exact
  { query: "caa5002l", first: "near", id: "caa50021", from: "l typed for 1" },
  { query: "CAA5OO21", first: "near", id: "caa50021", from: "O typed for 0" },
  { query: "caa50012", first: "near", id: "caa50021", missing: [["0xCAA50012", "caa"]], from: "two digits swapped" },
  { query: "0x8004de99", first: "near", missing: [["0x8004DE99", "onedrive"]], from: "a OneDrive code we have no page for" },
  { query: "AADSTS50127", first: "near", id: "aadsts50126", missing: [["AADSTS50127", "entra"]], from: "an Entra code we have no page for" },
  { query: "0x80072EFF", first: "near", id: "0x80072efd", missing: [["0x80072EFF", "wininet"]], from: "a WinINet code we have no page for" },
  // ---- codes with no page: the answer says so, with the family when the shape tells it
  { query: "0x8004010F", first: "none", missing: [["0x8004010F", undefined]], from: "issue 14: answered 0x8009000F at score 90" },
  { query: "0x80190001", first: "none", missing: [["0x80190001", undefined]], from: "issue 14: answered 0x80090011 at score 90" },
  { query: "AADSTS99999", first: "none", missing: [["AADSTS99999", "entra"]], from: "an Entra code with no page" },
  { query: "0xCAA5004B", first: "none", missing: [["0xCAA5004B", "caa"]], from: "broker code seen only in a ticket template" },
  { query: "0xCAA70099", first: "none", missing: [["0xCAA70099", "caa-network"]], from: "a broker network-range code" },
  { query: "0x801C0099", first: "none", missing: [["0x801C0099", "dsreg"]], from: "a device registration code" },
  { query: "0x80280001", first: "none", missing: [["0x80280001", "tpm"]], from: "a TPM code from the AAD log" },
  // ---- messages and symptoms, no code: text
  { query: "There's a problem with your account. Please sign in again.", first: "text", id: "caa50021/onedrive", from: "OneDrive banner" },
  { query: "onedrive grey cloud red x", first: "text", id: "caa50021/onedrive", from: "what a person sees" },
  { query: "Number of retry attempts exceeds expectations", first: "text", id: "caa50021/office", from: "Office dialog" },
  { query: "the sign-in broker gave up", first: "text", id: "caa50021", from: "a person's words" },
  { query: "The specified logon session doesn't exist", first: "text", id: "80070520", from: "dsregcmd message" },
  // issue 14 once found a 'module missing' page for this; since issue 23 it has its own page
  { query: "Trusted Platform Module has malfunctioned", first: "text", id: "80090016/office", from: "Outlook/Teams TPM dialog (community screenshot)" },
  { query: "Trusted Platform Module malfunctioned", first: "text", id: "80090016/office", from: "Microsoft 365 Apps activation error (Microsoft's article)" },
  { query: "Something went wrong [1001]", first: "text", id: "1001", from: "issue 23: answered with the CAA50021 pages" },
  { query: "58tm1", first: "text", id: "1001", from: "a tag shown beside [1001] (its meaning is unknown)" },
  { query: "Something went wrong. [4usqa]", first: "text", id: "caa2000b/outlook", from: "classic Outlook, May 2025 wave" },
  { query: "Access has been blocked by Conditional Access policies", first: "text", id: "aadsts53003", from: "Entra sign-in page" },
  { query: "The server or proxy was not found.", first: "text", id: "caa70004", from: "Teams message" },
  { query: "We are unable to connect right now", first: "text", id: "caa80000", from: "activation dialog" },
  { query: "Your organization has disabled the device", first: "text", id: "aadsts135011", from: "sign-in dialog" },
  { query: "outlook keeps asking for password", first: "text", id: "caa50021/outlook", from: "a person's words" },
  // ---- nonsense, unknown words, other languages, dates: nothing
  { query: "asdf qwer zxcv", first: "none", from: "keyboard mash" },
  { query: "qqzzyx wibble", first: "none", from: "nonsense" },
  { query: "ist das so", first: "none", from: "German function words only" },
  { query: "Der Vorgang ist fehlgeschlagen", first: "none", from: "German dialog text the English pages do not hold" },
  { query: "2026-01-02 14:03", first: "none", from: "a date and time from a log line: no code" },
];
