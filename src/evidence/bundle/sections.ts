/**
 * The small sections of the bundle, each a few lines: `meta`, `whoami-user`, `whoami-upn`,
 * `office` and `bitlocker` (shared/facts/evidence-bundle.md §1, §4, §7).
 *
 * - meta: `bundle=2`, `run=<token>` (the token every marker of the run carries), the run's time
 *   (ISO 8601), `PS=5.1… LM=FullLanguage UI=de-DE`; the Command Prompt line prints `shell=cmd`
 *   instead of the PowerShell line. Under ConstrainedLanguage, COM (the BitLocker read) is blocked.
 *   `PS=7.…` is PowerShell 7, which Windows Terminal often opens instead of Windows PowerShell.
 * - office: ClickToRun values; the channel named from the GUID in CDNBaseUrl is community-sourced
 *   (UNCONFIRMED on Microsoft Learn). UpdateChannel may differ from CDNBaseUrl: both are kept.
 * - bitlocker: the Shell property System.Volume.BitLockerProtection. Only 2 = off is backed by a
 *   Microsoft document; 1, 5, 6 = on, 3 = encrypting, 4 = decrypting are community readings (UNCONFIRMED).
 */
import { mergeRecords, readRecords, regNumber, valueOf, type Line, type Valued } from "./lines.ts";

export interface BundleMeta {
  bundleVersion?: Valued<number>;
  /** The run's token, as `run=` printed it (the markers carry the same). */
  run?: Valued<string>;
  /** `cmd` for the Command Prompt line; absent for PowerShell (which prints `PS=`). */
  shell?: Valued<string>;
  /** As printed: the person's clock, never compared with ours. */
  time?: Valued<string>;
  powershell?: Valued<string>;
  languageMode?: Valued<string>;
  uiCulture?: Valued<string>;
}

export function parseMeta(lines: readonly Line[]): BundleMeta {
  const out: BundleMeta = {};
  for (const l of lines) {
    const v = /^\s*bundle=(\d+)\s*$/.exec(l.text);
    if (v) out.bundleVersion = { value: Number(v[1]), line: l.n };
    const run = /^\s*run=([0-9A-Za-z]{4,40})\s*$/.exec(l.text);
    if (run) out.run = { value: run[1]!, line: l.n };
    const shell = /^\s*shell=(\w+)\s*$/.exec(l.text);
    if (shell) out.shell = { value: shell[1]!.toLowerCase(), line: l.n };
    if (/^\s*\d{4}-\d\d-\d\dT\d\d:\d\d/.test(l.text)) out.time = { value: l.text.trim(), line: l.n };
    const ps = /\bPS=(\S+)/.exec(l.text);
    if (ps) out.powershell = { value: ps[1]!, line: l.n };
    const lm = /\bLM=(\S+)/.exec(l.text);
    if (lm) out.languageMode = { value: lm[1]!, line: l.n };
    const ui = /\bUI=(\S*)/.exec(l.text);
    if (ui && ui[1]) out.uiCulture = { value: ui[1], line: l.n };
  }
  return out;
}

export interface WhoamiUser {
  /** `DOMAIN\user` as printed: identifies the person; redact. */
  name?: Valued<string>;
  /** The user's SID (S-1-5-21-…): identifies the person; redact. */
  sid?: Valued<string>;
}

export function parseWhoamiUser(lines: readonly Line[]): WhoamiUser {
  for (const l of lines) {
    const m = /^\s*"([^"]*)","(S-1-[\d-]+)"\s*$/.exec(l.text) ?? /^\s*(\S.*?)\s+(S-1-5-[\d-]+)\s*$/.exec(l.text);
    if (m) return { name: { value: m[1]!, line: l.n }, sid: { value: m[2]!, line: l.n } };
  }
  return {};
}

/** `whoami /upn`: the one line with an @ (identifies the person; redact). */
export function parseUpn(lines: readonly Line[]): Valued<string> | undefined {
  for (const l of lines) {
    const m = /^\s*([^\s@:]+@[^\s@]+\.[^\s@]+)\s*$/.exec(l.text);
    if (m) return { value: m[1]!, line: l.n };
  }
  return undefined;
}

/** Community-sourced names of the channel GUIDs in CDNBaseUrl (UNCONFIRMED on Microsoft Learn). */
export const OFFICE_CHANNELS: Readonly<Record<string, string>> = Object.fromEntries(
  (
    [
      ["Current", "492350f6-3a01-4f97-b9c0-c7c6ddf67d60"],
      ["Monthly Enterprise", "55336b82-a18d-4dd6-b5f6-9e5095c314a6"],
      ["Semi-Annual", "7ffbc6bf-bc32-4f92-8982-f9dd17fd3114"],
      ["Current Preview", "64256afe-f5d9-4f86-8936-8840a6a4f5be"],
      ["Semi-Annual Preview", "b8f9b850-328d-4355-9145-c59439a0c4cf"],
    ] as const
  ).map(([name, guid]) => [guid, name]),
);

export interface OfficeInfo {
  version?: Valued<string>;
  cdnBaseUrl?: Valued<string>;
  /** From the GUID at the end of CDNBaseUrl (UNCONFIRMED names). */
  channel?: Valued<string>;
  updateChannel?: Valued<string>;
  platform?: Valued<string>;
  sharedComputerLicensing?: Valued<string>;
}

export function parseOffice(lines: readonly Line[]): OfficeInfo {
  const r = mergeRecords(readRecords(lines).records);
  const out: OfficeInfo = {};
  const pick = (n: string) => {
    const v = valueOf(r, n);
    return v ? { value: v.value.trim(), line: v.line } : undefined;
  };
  for (const [k, n] of [["version", "VersionToReport"], ["cdnBaseUrl", "CDNBaseUrl"], ["updateChannel", "UpdateChannel"], ["platform", "Platform"], ["sharedComputerLicensing", "SharedComputerLicensing"]] as const) {
    const v = pick(n);
    if (v) out[k] = v;
  }
  const guid = out.cdnBaseUrl && /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i.exec(out.cdnBaseUrl.value)?.[1]?.toLowerCase();
  if (guid && OFFICE_CHANNELS[guid]) out.channel = { value: OFFICE_CHANNELS[guid], line: out.cdnBaseUrl!.line };
  return out;
}

export type BitLockerState = "on" | "off" | "encrypting" | "decrypting" | "unknown";

export interface BitLocker {
  raw?: Valued<number>;
  state: BitLockerState;
  /** Only "off" (2) is backed by a Microsoft document. */
  confirmed: boolean;
}

const BITLOCKER: Record<number, BitLockerState> = { 1: "on", 2: "off", 3: "encrypting", 4: "decrypting", 5: "on", 6: "on" };

export function parseBitLocker(lines: readonly Line[]): BitLocker {
  for (const l of lines) {
    const n = /^\s*(\d{1,2})\s*$/.exec(l.text) ? regNumber(l.text) : undefined;
    if (n !== undefined) return { raw: { value: n, line: l.n }, state: BITLOCKER[n] ?? "unknown", confirmed: n === 2 };
  }
  return { state: "unknown", confirmed: false };
}
