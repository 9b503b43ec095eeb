/**
 * Derived state of a bundle: what its parts say, worked out once (parse → derive → facts,
 * findings and the device card read it), as dsregcmd/derive.ts does for one `dsregcmd /status`.
 *
 * - parts: for every part a bundle can hold, whether it printed data, and why it settles no
 *   answer when it does not: not in the paste, cut off inside it (split.ts quirk [4]: no answer
 *   from a fragment), access denied, an error instead, or empty.
 * - edition: Windows Server and the Windows family (edition/edition.ts) from the Windows edition
 *   part when it settles answers, the product type unless the paste is cut off inside it, and `ver`.
 * - packages: each watched app (appx/packages.ts) when the installed-apps part printed data, a
 *   fragment too (each app is a line of its own); an answer from them needs `parts.appx` readable.
 */
import { WATCHED_PACKAGES, packageState, type PackageState, type WatchedPackage } from "../appx/packages.ts";
import { deriveEdition, type EditionState } from "../edition/edition.ts";
import type { BundleEvidence, ReadSectionId, SectionResult } from "./parse.ts";
import { SECTION_WORDS } from "./split.ts";

/** Why a part settles no answer. */
export type PartGap = "missing" | "cut-off" | "denied" | "error" | "empty";

export interface PartReading {
  /** It printed data (read, or partial: data beside an error line), even if the paste is cut off inside it. */
  printed: boolean;
  /** Why it settles no answer, in words too; absent when it may settle some. */
  unreadable?: { kind: PartGap; words: string };
}

export interface BundleState {
  /** Every part a bundle can hold, in the order the command prints them. */
  parts: Record<ReadSectionId, PartReading>;
  edition: EditionState;
  /** Each watched app, when the installed-apps part printed data. */
  packages?: Record<WatchedPackage, PackageState>;
}

const PART_IDS = Object.keys(SECTION_WORDS) as ReadSectionId[];

/** How far one part can be read, and why not, in words. */
function readingOf(s: SectionResult | undefined, id: ReadSectionId): PartReading {
  const part = `the ${SECTION_WORDS[id]} part`;
  if (!s) return { printed: false, unreadable: { kind: "missing", words: `${part} is not in the paste` } };
  const printed = s.state === "read" || s.state === "partial";
  if (s.cutOff && s.state !== "empty") return { printed, unreadable: { kind: "cut-off", words: `the paste is cut off inside ${part}, so it is not used for answers` } };
  if (s.state === "denied") return { printed, unreadable: { kind: "denied", words: `${part} says access was denied (line ${s.error!.line})` } };
  if (s.state === "error") return { printed, unreadable: { kind: "error", words: `${part} printed an error instead (line ${s.error!.line})` } };
  if (s.state === "empty") return { printed, unreadable: { kind: "empty", words: `${part} is empty${s.cutOff ? " (the paste was cut off)" : ""}` } };
  return { printed };
}

/** The bundle's derived state; pure. */
export function deriveBundleState(ev: BundleEvidence): BundleState {
  const S = ev.sections;
  const parts = Object.fromEntries(PART_IDS.map((id) => [id, readingOf(S[id] as SectionResult | undefined, id)])) as Record<ReadSectionId, PartReading>;
  const edition = deriveEdition(parts.os.unreadable ? undefined : S.os!.data, S.producttype?.cutOff ? undefined : S.producttype?.data, S.ver?.data);
  const state: BundleState = { parts, edition };
  if (parts.appx.printed) {
    const apps = S.appx!.data;
    state.packages = Object.fromEntries(Object.entries(WATCHED_PACKAGES).map(([key, p]) => [key, packageState(apps, p.name)])) as Record<WatchedPackage, PackageState>;
  }
  return state;
}
