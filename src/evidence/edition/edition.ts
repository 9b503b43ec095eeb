/**
 * Windows edition, build and Server detection from the `os` section (the CurrentVersion key in
 * the Get-ItemProperty | Format-List layout, or `reg query` value by value), `producttype`
 * (ProductOptions) and `ver` (shared/facts/evidence-bundle.md §2).
 *
 * Sample inputs: `InstallationType : Client` (fixture 03), `    EditionID    REG_SZ    Enterprise`
 * (fixture 04), `WinNT`, `Microsoft Windows [Version 10.0.19045.3930]`.
 *
 * Rules:
 * - Server: InstallationType is not `Client` and EditionID is not ServerRdsh/EnterpriseMultiSession
 *   (Enterprise multi-session is a client; UNCONFIRMED how it reports ProductType). Without
 *   InstallationType, an EditionID starting `Server` (not ServerRdsh) says Server.
 * - ProductType (WinNT / ServerNT / LanmanNT) is a cross-check only: it calls multi-session a server.
 * - Windows 11: CurrentBuild ≥ 22000; ProductName still says "Windows 10" on Windows 11, so it is
 *   shown but never used. A build names Windows 10 or 11 only on a client: Server shares build
 *   numbers with client versions.
 * - `ver`: only the number `\d+.\d+.\d+.\d+` is read; the word "Version" may be translated (UNCONFIRMED).
 */
import { mergeRecords, readRecords, type Answer, type Line, type Unused, type Valued, numberValue, textValue } from "../bundle/lines.ts";

export interface Edition {
  productName?: Valued<string>;
  editionId?: Valued<string>;
  installationType?: Valued<string>;
  currentBuild?: Valued<number>;
  ubr?: Valued<number>;
  displayVersion?: Valued<string>;
  unused: Unused[];
}

const INSTALLATION_TYPES = new Set(["client", "server", "server core", "nano server"]);
const MULTI_SESSION = new Set(["serverrdsh", "enterprisemultisession"]);

/** Reads the `os` section in either layout; pure. */
export function parseEdition(lines: readonly Line[]): Edition {
  const { records, unused } = readRecords(lines);
  const r = mergeRecords(records);
  const out: Edition = { unused };
  const str = (n: string) => textValue(r, n);
  const num = (n: string) => numberValue(r, n);
  const set = <K extends keyof Edition>(k: K, v: Edition[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set("productName", str("ProductName"));
  set("editionId", str("EditionID"));
  set("installationType", str("InstallationType"));
  set("currentBuild", num("CurrentBuild"));
  set("ubr", num("UBR"));
  set("displayVersion", str("DisplayVersion"));
  return out;
}

/** `WinNT`, `ServerNT`, `LanmanNT` from the producttype section (bare value or reg query). */
export function parseProductType(lines: readonly Line[]): Valued<"WinNT" | "ServerNT" | "LanmanNT"> | undefined {
  for (const l of lines) {
    const m = /(?:^|\s)(WinNT|ServerNT|LanmanNT)\s*$/i.exec(l.text);
    if (m) {
      const v = m[1]!.toLowerCase();
      return { value: v === "winnt" ? "WinNT" : v === "servernt" ? "ServerNT" : "LanmanNT", line: l.n };
    }
  }
  return undefined;
}

export interface WindowsVersion {
  version: string;
  build: number;
  revision: number;
  line: number;
}

/** The version number of `ver` output; the words around it are not read. */
export function parseVer(lines: readonly Line[]): WindowsVersion | undefined {
  for (const l of lines) {
    const m = /\[[^\]\d]*(\d+)\.(\d+)\.(\d+)\.(\d+)\]/.exec(l.text) ?? /\b(10|6)\.(\d+)\.(\d{4,5})\.(\d+)\b/.exec(l.text);
    if (m) return { version: `${m[1]}.${m[2]}.${m[3]}.${m[4]}`, build: Number(m[3]), revision: Number(m[4]), line: l.n };
  }
  return undefined;
}

export interface EditionState {
  windowsServer: Answer<boolean | "unknown">;
  /** "Windows 11", "Windows 10", or undefined when no build was printed. */
  family: Answer<"Windows 11" | "Windows 10" | "older" | "unknown">;
  multiSession: boolean;
}

/** Server and Windows family from what was printed; pure. */
export function deriveEdition(ed: Edition | undefined, productType?: Valued<string>, ver?: WindowsVersion): EditionState {
  const it = ed?.installationType;
  const id = ed?.editionId;
  const multi = id !== undefined && MULTI_SESSION.has(id.value.toLowerCase());
  let windowsServer: EditionState["windowsServer"];
  const knownType = it !== undefined && INSTALLATION_TYPES.has(it.value.toLowerCase());
  if (it && !knownType) {
    windowsServer = { value: "unknown", lines: [it.line], reason: `InstallationType ${it.value} is not one of Client, Server, Server Core, Nano Server` };
  } else if (it) {
    const client = it.value.toLowerCase() === "client";
    if (client) windowsServer = { value: false, lines: [it.line], reason: "InstallationType Client" };
    else if (multi) windowsServer = { value: false, lines: [it.line, id.line].sort((a, b) => a - b), reason: `EditionID ${id.value}: Windows Enterprise multi-session, a client edition` };
    else windowsServer = { value: true, lines: [it.line, ...(id ? [id.line] : [])].sort((a, b) => a - b), reason: `InstallationType ${it.value}` };
  } else if (id && /^server/i.test(id.value)) {
    windowsServer = multi
      ? { value: false, lines: [id.line], reason: `EditionID ${id.value}: Windows Enterprise multi-session, a client edition` }
      : { value: true, lines: [id.line], reason: `EditionID ${id.value}` };
  } else if (id) {
    windowsServer = { value: false, lines: [id.line], reason: `EditionID ${id.value} is not a Server edition` };
  } else if (productType) {
    // Cross-check only, and only when it says workstation: ServerNT is also printed by multi-session.
    windowsServer = productType.value === "WinNT"
      ? { value: false, lines: [productType.line], reason: "ProductType WinNT (a workstation)" }
      : { value: "unknown", lines: [productType.line], reason: `ProductType ${productType.value}, which Windows Enterprise multi-session also reports; InstallationType is needed` };
  } else {
    windowsServer = { value: "unknown", lines: [], reason: "neither InstallationType nor EditionID was printed" };
  }
  const build = ed?.currentBuild ?? (ver ? { value: ver.build, line: ver.line } : undefined);
  // Client and Server editions share build numbers (17763 is Windows 10 1809 and Server 2019): the
  // build names a client family only once the edition is known to be a client (issue 25).
  const family: EditionState["family"] = !build
    ? { value: "unknown", lines: [], reason: "no build number was printed" }
    : windowsServer.value !== false
      ? { value: "unknown", lines: [build.line], reason: `build ${build.value} is shared by client and server editions; ${windowsServer.value === true ? "this is Windows Server" : "the edition (InstallationType) is needed to name it"}` }
      : build.value >= 22000
      ? { value: "Windows 11", lines: [build.line], reason: `build ${build.value} (22000 or later)` }
      : build.value >= 10240
        ? { value: "Windows 10", lines: [build.line], reason: `build ${build.value}` }
        : { value: "older", lines: [build.line], reason: `build ${build.value}` };
  return { windowsServer, family, multiSession: multi };
}

/** Whether lines look like the CurrentVersion values (for a paste without markers). */
export function looksLikeEdition(lines: readonly Line[]): boolean {
  let n = 0;
  for (const l of lines) if (/^\s*(?:InstallationType|EditionID|CurrentBuild|ProductName)\b\s*(?::|REG_SZ|\s{2})/.test(l.text) && ++n >= 2) return true;
  return false;
}
