// The lookup's answer table: queries written from real dialogs, logs and codes (the messages in
// content/ and ../shared/facts/*.md), with the answer each must get. Used by
// tests/lookup/answers.test.ts (the core, as the CLI calls it), tests/cli/lookup.test.ts (exit
// codes), tests/site/search-text.test.ts and the browser test, which types a sample of them.
import type { LookupVerdict, MatchKind } from "../../src/lookup/index.ts";

export interface QueryCase {
  query: string;
  /** The answer: a page, "no page yet", a list of word matches, or nothing. */
  answer: LookupVerdict["kind"];
  /** How the first result matched, or "none" for no result at all. */
  first: MatchKind | "none";
  /** The first result's page id (the answer's page when `answer` is "page"). */
  id?: string;
  /** Codes and tags reported as having no page, in order: [shown code, family id or undefined]. */
  missing?: [string, string | undefined][];
  /** The first "did you mean" pages (hub ids), in order: codes one slip away. */
  didYouMean?: string[];
  /** The codes (hub ids) of the first results, in this order, before any other code: multi-code pastes. */
  codes?: string[];
  /** Where the query comes from. */
  from: string;
}

export const QUERY_CASES: readonly QueryCase[] = [
  // ---- one code, in the forms people meet it: exact
  { query: "CAA50021", answer: "page", first: "exact", id: "caa50021", from: "Teams/Outlook dialog code" },
  { query: "0xCAA50021", answer: "page", first: "exact", id: "caa50021", from: "activation error form" },
  { query: "caa 50021", answer: "page", first: "exact", id: "caa50021", from: "typed with a space" },
  { query: "CAA-50021", answer: "page", first: "exact", id: "caa50021", from: "typed with a dash" },
  { query: "3399811105", answer: "page", first: "exact", id: "caa50021", from: "MSAL log, unsigned decimal" },
  { query: "-895156191", answer: "page", first: "exact", id: "caa50021", from: "log, signed decimal" },
  { query: "ERROR: 0xCAA50021", answer: "page", first: "exact", id: "caa50021", from: "Microsoft 365 Apps activation dialog" },
  { query: "Something went wrong. We couldn't sign you in. If this error persists, contact your system administrator and provide error code CAA50021.", answer: "page", first: "exact", id: "caa50021", from: "Teams/Outlook dialog, pasted whole" },
  { query: "ＣＡＡ５００２１", answer: "page", first: "exact", id: "caa50021", from: "typed with a full-width keyboard" },
  { query: "CAA50021 onedrive", answer: "page", first: "exact", id: "caa50021/onedrive", from: "code and app" },
  { query: "0xCAA50021 in OneDrive", answer: "page", first: "exact", id: "caa50021/onedrive", from: "code and app in a sentence" },
  { query: "OneDrive Can't sign in. Error 0x8004de40", answer: "page", first: "exact", id: "0x8004de40/onedrive", from: "OneDrive dialog" },
  { query: "Login was either interrupted or unsuccessful. Please try logging in again. (Error Code: 0x8004de40)", answer: "page", first: "exact", id: "0x8004de40", from: "OneDrive dialog" },
  { query: "AADSTS50126", answer: "page", first: "exact", id: "aadsts50126", from: "Entra sign-in error" },
  { query: "50126", answer: "page", first: "exact", id: "aadsts50126", from: "Entra sign-in log (bare number)" },
  { query: "AADSTS50155: Device is not authenticated", answer: "page", first: "exact", id: "aadsts50155", from: "AAD log event" },
  { query: "You'll need the internet for this. We couldn't connect to one of the services we needed to sign you in. Please check your connection and try again. 0xCAA70007", answer: "page", first: "exact", id: "caa70007", from: "Office sign-in dialog" },
  { query: "Error 0x8007016a: The cloud file provider is not running.", answer: "page", first: "exact", id: "0x8007016a", from: "OneDrive dialog" },
  { query: "We couldn't sign you in. If this error persists, contact your system administrator and provide the error code CAA2000B.", answer: "page", first: "exact", id: "caa2000b", from: "Teams dialog" },
  { query: "80070520", answer: "page", first: "exact", id: "80070520", from: "dsregcmd WamDefaultSet : ERROR (0x80070520)" },
  { query: "2147943712", answer: "page", first: "exact", id: "80070520", from: "log, unsigned decimal" },
  { query: "-2147023584", answer: "page", first: "exact", id: "80070520", from: "log, signed decimal" },
  { query: "0x80090016", answer: "page", first: "exact", id: "80090016", from: "WAM error, TPM keyset" },
  { query: "c0090016", answer: "page", first: "exact", id: "0xc0090016", from: "NTSTATUS-style form" },
  // ---- several codes in one paste: each, in order of appearance, before any text match
  { query: "CAA50021 and 80090030", answer: "page", first: "exact", id: "caa50021", codes: ["caa50021", "0x80090030"], from: "two codes from one dialog and its details" },
  { query: "dsregcmd said 0x80090030, then Outlook showed CAA50021", answer: "page", first: "exact", id: "0x80090030", codes: ["0x80090030", "caa50021"], from: "a person's account of two errors" },
  { query: "AzureAdPrt : NO, Attempt Status : 0xc000006d, Server Error Code: AADSTS50126", answer: "page", first: "exact", id: "0xc000006d", codes: ["0xc000006d", "aadsts50126"], from: "dsregcmd /status SSO State lines" },
  { query: "0x8004de40 0x8004de88 CAA70007", answer: "page", first: "exact", id: "0x8004de40", codes: ["0x8004de40", "caa70007"], from: "three codes, two of them one page" },
  { query: "CAA50021 and 0x8004010F", answer: "page", first: "exact", id: "caa50021", missing: [["0x8004010F", undefined]], from: "a code with a page and one without" },
  // ---- look-alike readings of a code we have: the same code, so an answer
  { query: "caa5002l", answer: "page", first: "look-alike", id: "caa50021", from: "l typed for 1" },
  { query: "CAA5OO21", answer: "page", first: "look-alike", id: "caa50021", from: "O typed for 0" },
  { query: "CAA 5002l", answer: "page", first: "look-alike", id: "caa50021", from: "issue 27: a space and an l" },
  { query: "0xCAA5OO2l", answer: "page", first: "look-alike", id: "caa50021", from: "0x form with O and l" },
  { query: "8OO7O52O", answer: "page", first: "look-alike", id: "80070520", from: "O typed for every 0" },
  { query: "CAA5002l onedrive", answer: "page", first: "look-alike", id: "caa50021/onedrive", from: "look-alike and app" },
  // ---- one-digit neighbours: a different error, so "no page yet" with the neighbour only as "did you mean"
  { query: "AADSTS50058", answer: "page", first: "exact", id: "aadsts50058", from: "issue 27: answered 'account locked'; now a page of its own" },
  { query: "AADSTS50059", answer: "no-page", first: "none", missing: [["AADSTS50059", "entra"]], didYouMean: ["aadsts50053", "aadsts50055", "aadsts50057", "aadsts50058", "aadsts50079"], from: "a code with no page among paged neighbours" },
  { query: "CAA50024", answer: "no-page", first: "none", missing: [["0xCAA50024", "caa"]], didYouMean: ["caa50021"], from: "issue 27: answered CAA50021 with exit 0" },
  { query: "0xCAA20009", answer: "no-page", first: "none", missing: [["0xCAA20009", "caa"]], didYouMean: ["caa20002"], from: "issue 27: answered CAA20002" },
  { query: "80180014", answer: "page", first: "exact", id: "0x80180014", from: "issue 27: an Intune enrolment code, answered 0x80180018; now a page of its own" },
  { query: "80180016", answer: "no-page", first: "none", missing: [["0x80180016", undefined]], didYouMean: ["0x80180014", "0x80180018"], from: "an enrolment code with no page between two that have one" },
  { query: "caa50012", answer: "no-page", first: "none", missing: [["0xCAA50012", "caa"]], didYouMean: ["caa50021", "caa5001c"], from: "two digits swapped" },
  { query: "caa50031", answer: "no-page", first: "none", missing: [["0xCAA50031", "caa"]], didYouMean: ["caa50021"], from: "one digit wrong" },
  { query: "0x8004de99", answer: "no-page", first: "none", missing: [["0x8004DE99", "onedrive"]], from: "a OneDrive code we have no page for" },
  { query: "AADSTS50127", answer: "no-page", first: "none", missing: [["AADSTS50127", "entra"]], didYouMean: ["aadsts50126"], from: "an Entra code we have no page for" },
  { query: "0x80072EFF", answer: "no-page", first: "none", missing: [["0x80072EFF", "wininet"]], didYouMean: ["0x80072efd"], from: "a WinINet code we have no page for" },
  { query: "CAA50024 in OneDrive", answer: "no-page", first: "none", missing: [["0xCAA50024", "caa"]], didYouMean: ["caa50021"], from: "a neighbour and an app: the app does not make it an answer" },
  { query: "We couldn't sign you in. If this error persists, contact your system administrator and provide the error code CAA50024.", answer: "no-page", first: "none", missing: [["0xCAA50024", "caa"]], didYouMean: ["caa50021"], from: "a whole dialog with a neighbour's code" },
  { query: "caa500211", answer: "nothing", first: "none", didYouMean: ["caa50021"], from: "one digit too many: not a code at all" },
  // ---- codes with no page: the answer says so, with the family when the shape tells it
  { query: "0x8004010F", answer: "no-page", first: "none", missing: [["0x8004010F", undefined]], from: "issue 14: answered 0x8009000F at score 90" },
  { query: "0x80190001", answer: "no-page", first: "none", missing: [["0x80190001", undefined]], from: "issue 14: answered 0x80090011 at score 90" },
  { query: "AADSTS99999", answer: "no-page", first: "none", missing: [["AADSTS99999", "entra"]], from: "an Entra code with no page" },
  { query: "0xCAA5004B", answer: "no-page", first: "none", missing: [["0xCAA5004B", "caa"]], from: "broker code seen only in a ticket template" },
  { query: "0xCAA70099", answer: "no-page", first: "none", missing: [["0xCAA70099", "caa-network"]], from: "a broker network-range code" },
  { query: "0x801C0099", answer: "no-page", first: "none", missing: [["0x801C0099", "dsreg"]], from: "a device registration code" },
  { query: "0x80280001", answer: "no-page", first: "none", missing: [["0x80280001", "tpm"]], from: "a TPM code from the AAD log" },
  // ---- messages the content gives for one code: an answer through the content
  { query: "The specified logon session doesn't exist", answer: "page", first: "message", id: "80070520", from: "dsregcmd message" },
  { query: "Access has been blocked by Conditional Access policies", answer: "page", first: "message", id: "aadsts53003", from: "Entra sign-in page" },
  { query: "The server or proxy was not found.", answer: "page", first: "message", id: "caa70004", from: "Teams message" },
  { query: "We are unable to connect right now", answer: "search", first: "message", id: "caa70007/office", from: "activation dialog: the message of two codes, so both are offered and neither is the answer" },
  { query: "Sorry, another account from your organization is already signed in on this computer", answer: "page", first: "message", id: "caa50021/office", from: "Office activation dialog with no code (Microsoft's article for it; the hub says Microsoft does not tie it to CAA50021 and which of its fixes the page has)" },
  { query: "another account from your organization is already signed in", answer: "page", first: "message", id: "caa50021/office", from: "the same message, as people quote it" },
  { query: "Something went wrong. [4usqa]", answer: "page", first: "message", id: "caa2000b/outlook", from: "Outlook dialog with its error tag (the tag is in the Outlook page's messages)" },
  { query: "Outlook says something went wrong 4usqa", answer: "page", first: "message", id: "caa2000b/outlook", from: "the tag typed without brackets" },
  // ---- error tags and messages the content does not have: no page yet (a tag) or nothing
  { query: "something went wrong 1001", answer: "page", first: "message", id: "1001", from: "issue 27: answered the CAA50021 pages; since issue 23 the [1001] page says what is known" },
  { query: "Something went wrong. [1001]", answer: "page", first: "message", id: "1001", from: "Outlook dialog" },
  { query: "error tag 58tm1", answer: "no-page", first: "none", missing: [["[58tm1]", "tag"]], from: "an FSLogix guide's tag" },
  { query: "upload blocked", answer: "search", first: "text", id: "0x8004dec5", from: "issue 27: answered AADSTS53003 on the word 'blocked'; the UPLOAD BLOCKED message is on 0x8004dec5's page" },
  // ---- symptoms and words, no code: a list of pages, not an answer
  { query: "There's a problem with your account. Please sign in again.", answer: "page", first: "message", id: "caa50021/onedrive", from: "OneDrive banner" },
  { query: "onedrive grey cloud red x", answer: "search", first: "text", id: "caa50021/onedrive", from: "what a person sees" },
  { query: "Number of retry attempts exceeds expectations", answer: "page", first: "message", id: "caa50021/office", from: "Office dialog" },
  { query: "the sign-in broker gave up", answer: "search", first: "text", id: "caa50021", from: "a person's words" },
  { query: "Your organization has disabled the device", answer: "page", first: "message", id: "aadsts135011", from: "sign-in dialog" },
  { query: "outlook keeps asking for password", answer: "search", first: "text", id: "caa50021/outlook", from: "a person's words" },
  { query: "module could not be found", answer: "search", first: "text", id: "0x8007007e", from: "a person's words" },
  // ---- nonsense, unknown words, other languages, dates: nothing
  { query: "asdf qwer zxcv", answer: "nothing", first: "none", from: "keyboard mash" },
  { query: "qqzzyx wibble", answer: "nothing", first: "none", from: "nonsense" },
  { query: "ist das so", answer: "nothing", first: "none", from: "German function words only" },
  { query: "Der Vorgang ist fehlgeschlagen", answer: "nothing", first: "none", from: "German dialog text the English pages do not hold" },
  { query: "Trusted Platform Module has malfunctioned", answer: "page", first: "message", id: "80090016/office", from: "issue 14: answered a 'module missing' page; issue 27: found nothing; since issue 23 its own page" },
  { query: "2026-01-02 14:03", answer: "nothing", first: "none", from: "a date and time from a log line: no code" },
  { query: "50059", answer: "nothing", first: "none", from: "a bare number we have no AADSTS page for: its digits find no neighbour" },
  { query: "!!!???", answer: "nothing", first: "none", from: "punctuation only" },
  { query: "lorem ipsum dolor sit amet", answer: "nothing", first: "none", from: "filler text" },
];
