/**
 * Response headers for every response, pages and API alike.
 *
 * The default Content-Security-Policy fits a static site that ships its scripts and styles as
 * files: no inline script, no eval, no third-party origins, no framing. When the site needs an
 * inline script or style, pass its hash (`buildCsp({ scriptHashes: ["sha256-…"] })`) rather
 * than `'unsafe-inline'`, and hand the result to `createServer({ csp })`.
 */

export interface CspOptions {
  /** `sha256-…` hashes of inline scripts the site ships. */
  scriptHashes?: readonly string[];
  /** `sha256-…` hashes of inline `<style>` blocks. */
  styleHashes?: readonly string[];
  /** Allow inline `style` attributes and blocks (`'unsafe-inline'` for styles only). Default false. */
  inlineStyles?: boolean;
}

/** A CSP for the static site: same-origin only, inline code only by hash. */
export function buildCsp(options: CspOptions = {}): string {
  const hashes = (list: readonly string[] = []) =>
    list.map((h) => {
      if (!/^sha(256|384|512)-[A-Za-z0-9+/]+=*$/.test(h)) throw new Error(`CSP hash "${h}" is not of the form sha256-<base64>. Fix: hash the exact inline text, e.g. with \`openssl dgst -sha256 -binary | base64\`.`);
      return ` '${h}'`;
    }).join("");
  return [
    "default-src 'self'",
    `script-src 'self'${hashes(options.scriptHashes)}`,
    `style-src 'self'${hashes(options.styleHashes)}${options.inlineStyles ? " 'unsafe-inline'" : ""}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const DEFAULT_CSP = buildCsp();

/** The security headers sent with every response. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    "content-security-policy": csp,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  };
}
