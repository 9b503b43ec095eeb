/**
 * Whether two captures come from the same device and person, and which was taken first.
 *
 * Identity fields: the device id, device name and tenant id of `dsregcmd /status`, and the
 * bundle's user SID and work sign-in name. A field printed in both captures with different
 * values means two devices (or two people): they are never compared as one. The values
 * themselves identify people and devices, so only field names and line numbers leave here.
 *
 * Order, by the captures' own clocks: the bundle's run time or `Client Time`; without them, the
 * PRT's last update time (it only moves forward for one user on one device).
 */
import type { Capture } from "./capture.ts";
import { parseCaptureTime } from "./capture.ts";

export type IdentityField = "device-id" | "device-name" | "tenant-id" | "user-sid" | "upn";

const IDENTITY_WORDS: Record<IdentityField, string> = {
  "device-id": "device id",
  "device-name": "device name",
  "tenant-id": "organisation (tenant) id",
  "user-sid": "Windows user (SID)",
  upn: "work sign-in name",
};

/** One identity field as both captures print it: `match` is undefined when one side lacks it. */
export interface IdentityCheck {
  field: IdentityField;
  /** The field in words. */
  label: string;
  match?: boolean;
  beforeLine?: number;
  afterLine?: number;
}

function identityOf(c: Capture): Partial<Record<IdentityField, { value: string; line: number }>> {
  const out: Partial<Record<IdentityField, { value: string; line: number }>> = {};
  const ev = c.dsregcmd?.evidence;
  const put = (k: IdentityField, f: { value: string; line: number } | undefined) => {
    if (f && f.value.trim() !== "") out[k] = { value: f.value.trim().toLowerCase(), line: f.line };
  };
  put("device-id", ev?.deviceDetails.deviceId);
  put("device-name", ev?.deviceState.deviceName);
  put("tenant-id", ev?.tenantDetails.tenantId);
  const S = c.bundle?.evidence.sections;
  put("user-sid", S?.["whoami-user"]?.data.sid);
  put("upn", S?.["whoami-upn"]?.data);
  return out;
}

/** Every identity field either capture prints, compared; pure. */
export function compareIdentity(before: Capture, after: Capture): IdentityCheck[] {
  const a = identityOf(before);
  const b = identityOf(after);
  const out: IdentityCheck[] = [];
  for (const field of Object.keys(IDENTITY_WORDS) as IdentityField[]) {
    const x = a[field];
    const y = b[field];
    if (!x && !y) continue;
    const row: IdentityCheck = { field, label: IDENTITY_WORDS[field] };
    if (x) row.beforeLine = x.line;
    if (y) row.afterLine = y.line;
    if (x && y) row.match = x.value === y.value;
    out.push(row);
  }
  return out;
}

export type Order = "in-order" | "reversed" | "same-time" | "unknown";

export interface OrderCheck {
  order: Order;
  /** Why, in words. */
  reason: string;
  beforeLines: number[];
  afterLines: number[];
}

/** Which capture was taken first, by their own times; pure. */
export function compareOrder(before: Capture, after: Capture): OrderCheck {
  const t0 = before.time;
  const t1 = after.time;
  if (t0 && t1) {
    const lines = { beforeLines: [t0.line], afterLines: [t1.line] };
    if (t0.seconds < t1.seconds) return { order: "in-order", reason: `the first capture was taken at ${t0.text}, the second at ${t1.text}`, ...lines };
    if (t0.seconds > t1.seconds) {
      return { order: "reversed", reason: `the capture given as "before" was taken at ${t0.text}, after the one given as "after" (${t1.text}): they look swapped`, ...lines };
    }
    return { order: "same-time", reason: `both captures say they were taken at ${t0.text}: is it the same capture twice?`, ...lines };
  }
  const u0 = before.dsregcmd?.evidence.ssoState.azureAdPrtUpdateTime;
  const u1 = after.dsregcmd?.evidence.ssoState.azureAdPrtUpdateTime;
  const s0 = u0 ? parseCaptureTime(u0.raw) : undefined;
  const s1 = u1 ? parseCaptureTime(u1.raw) : undefined;
  if (u0 && u1 && s0 !== undefined && s1 !== undefined && s0 > s1) {
    return {
      order: "reversed",
      reason: `the primary refresh token was last renewed at ${u0.raw} in the capture given as "before", later than in the one given as "after" (${u1.raw}): they look swapped`,
      beforeLines: [u0.line],
      afterLines: [u1.line],
    };
  }
  const missing = !t0 && !t1 ? "neither capture says when it was taken" : !t0 ? "the first capture does not say when it was taken" : "the second capture does not say when it was taken";
  return { order: "unknown", reason: `${missing}; they are compared in the order given`, beforeLines: t0 ? [t0.line] : [], afterLines: t1 ? [t1.line] : [] };
}
