/**
 * Code families: what the shape of a code says when we have no page for it. Only families that
 * ../shared/facts/domain-facts.md supports (it names the sources):
 * - 0xCAA… : the Windows web token broker / ADAL layer, grouped by range in Microsoft's WinRT
 *   error table [WINRT-ERR]; the 0xCAA3/7/8 ranges point to the network [MSAL-4721] [WAM-7967].
 * - 0x8004DE…, 0x8004E4…, 0x80040C… : OneDrive identity, token or configuration codes (the
 *   prefix families of the m365-signin-repair decoder, Source A).
 * - AADSTS… : answers of the Entra ID sign-in service, tenant or policy side (Source A).
 * - 0x80090…, 0xC0090… : Windows Hello, TPM or Schannel (Source A); 0x8028…, 0x8029… : TPM
 *   problems in the AAD log [WAM-7967].
 * - 0x80072E…, 0x80072F… : WinINet network codes (Source A; 0x80072F8F is WININET_E_DECODING_FAILED [HJ-TS]).
 * - 0x801C… : device registration (DSREG) codes (Source A; the 0x801C00xx codes of [HJ-TS]).
 * - error tags (`[4usqa]`, `[1001]`, `58tm1`): short tags Microsoft 365 apps add to a sign-in
 *   error; Microsoft publishes no meaning for them (outlook-office facts §9, §12), so the advice is
 *   to record the whole dialog for IT.
 * Anything else has no family: we say only that we have no page.
 */
import { codeValue, type CodeKey } from "../model/codes.ts";

export interface CodeFamily {
  /** Stable id for JSON and tests, never shown: `caa-network`, `onedrive`, `entra`. */
  id: string;
  /** The family in a few words, for "0x8004DE99 is a OneDrive sign-in or account code". */
  name: string;
  /** One or two sentences on what codes of this family usually mean and who can act on them. */
  about: string;
  /** Where Microsoft looks the code up itself, when it has such a page (Entra's error lookup). */
  more?: { title: string; url: string };
}

/** The ranges of Microsoft's table of 0xCAA codes, by the fourth hex digit. */
const CAA_RANGES: Record<string, string> = {
  "1": "This range is for errors in the app's request to the broker.",
  "2": "This range is for answers the sign-in server gave (it refused or questioned the request).",
  "5": "This range is for system errors inside the broker.",
  "6": "This range is for replies the broker could not read.",
  "9": "This range is for protocol problems, such as federation (WS-Trust) during sign-in.",
  a: "This range holds other broker errors.",
  b: "This range is for statuses the token broker reported, such as a cancelled sign-in.",
};

const BROKER = "a Windows sign-in broker (Web Account Manager) code";
const BROKER_ABOUT = "Codes that start with 0xCAA come from the part of Windows that signs Office, Teams and OneDrive in with a work or school account.";

/** The family of a code, or undefined when its shape says nothing we can stand behind. */
export function codeFamily(key: CodeKey): CodeFamily | undefined {
  if (key.startsWith("tag:")) {
    return { id: "tag", name: "an error tag of a Microsoft 365 app's sign-in", about: "Apps such as Outlook, Teams and Word add short tags like this to a sign-in error. Microsoft does not publish what they mean: note the tag with any error code, the correlation ID and the time shown in the dialog, and give them to IT." };
  }
  if (key.startsWith("aadsts:")) {
    // Microsoft's own lookup page takes the number: https://login.microsoftonline.com/error?code=50058 [ERR-REF].
    const n = key.slice("aadsts:".length);
    return {
      id: "entra",
      name: "an Entra ID sign-in service code",
      about: "AADSTS codes are answers from Microsoft's sign-in service (Entra ID). They usually come from the organisation's settings or policies, so IT can look the code up in the sign-in logs.",
      more: { title: "Microsoft's error code lookup", url: `https://login.microsoftonline.com/error?code=${n}` },
    };
  }
  const value = codeValue(key);
  if (value === undefined) return undefined;
  const hex = value.toString(16).padStart(8, "0");
  if (hex.startsWith("caa")) {
    const range = hex[3]!;
    if (range === "3" || range === "7" || range === "8") {
      return { id: "caa-network", name: `${BROKER} for a network problem`, about: `${BROKER_ABOUT} The 0xCAA3, 0xCAA7 and 0xCAA8 ranges usually mean the network: a proxy, a firewall or security software between the PC and the sign-in service.` };
    }
    return { id: "caa", name: BROKER, about: [BROKER_ABOUT, CAA_RANGES[range]].filter(Boolean).join(" ") };
  }
  if (/^8004de|^8004e4|^80040c/.test(hex)) {
    return { id: "onedrive", name: "a OneDrive sign-in or account code", about: "Codes like this come from the OneDrive sync app: signing in, the account, or how OneDrive is set up on this PC." };
  }
  if (/^80090|^c0090/.test(hex)) {
    return { id: "hello-tpm", name: "a Windows Hello, TPM or secure-connection code", about: "Codes like this come from Windows Hello, the TPM security chip, or Windows' secure connections. Use the supported flows in Settings; do not delete key folders by hand." };
  }
  if (/^8028|^8029/.test(hex)) {
    return { id: "tpm", name: "a TPM code", about: "Codes like this come from the TPM, the security chip that protects the keys Windows signs in with." };
  }
  if (/^80072e|^80072f/.test(hex)) {
    return { id: "wininet", name: "a Windows internet connection (WinINet) code", about: "Codes like this come from Windows' internet layer: a name that could not be looked up (DNS), a proxy, or a firewall." };
  }
  if (hex.startsWith("801c")) {
    return { id: "dsreg", name: "a device registration code", about: "Codes like this come from joining or registering the PC with Entra ID; dsregcmd /status shows the device's state." };
  }
  return undefined;
}
