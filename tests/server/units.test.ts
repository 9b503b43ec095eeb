// The server's small pure parts: Wilson interval, search-query scrubbing, the rate limiter's
// keying, group commit.
import { describe, expect, it } from "vitest";
import { clientId, createRateLimiter } from "../../src/server/rate-limit.ts";
import { normaliseSearchQuery, SEARCH_QUERY_MAX } from "../../src/server/search-query.ts";
import { wilsonInterval } from "../../src/server/wilson.ts";
import { createWriteBatcher } from "../../src/server/write-batcher.ts";

describe("wilsonInterval", () => {
  // Reference values: Wilson score interval, z = 1.96 (e.g. R's binom::binom.wilson / prop.test without correction).
  it.each([
    [5, 10, 0.2366, 0.7634],
    [0, 10, 0, 0.2775],
    [10, 10, 0.7225, 1],
    [1, 1, 0.2065, 1],
    [81, 263, 0.2553, 0.3662],
  ])("%i of %i → [%f, %f]", (k, n, low, high) => {
    const ci = wilsonInterval(k, n)!;
    expect(ci.low).toBeCloseTo(low, 4);
    expect(ci.high).toBeCloseTo(high, 4);
  });

  it("is null without trials and refuses impossible counts", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(3, 2)).toThrow(/successes must be a whole number from 0 to 2, not 3/);
  });
});

describe("normaliseSearchQuery", () => {
  it.each([
    ["  CAA50021   OneDrive\t\n", "caa50021 onedrive"],
    ["Error 0x8004DE40 and 3399811105", "error 0x8004de40 and 3399811105"],
    ["sign in as ana.lopez@contoso.onmicrosoft.com fails", "sign in as fails"],
    ["device {5F3C1B2A-8D4E-4F6A-9B7C-1D2E3F4A5B6C} not joined", "device not joined"],
    ["thumbprint 0123456789abcdef0123456789abcdef01234567 expired", "thumbprint expired"],
    ["CONTOSO\\ana cannot sign in", "cannot sign in"],
    ["contoso\\ana and C:\\Users\\ana\\AppData", "and"],
    ["see https://login.microsoftonline.com/contoso.com/oauth2?x=1 now", "see now"],
    ["call me +44 20 7946 0958 please", "call me please"],
    ["Ｃａａ５００２１", "caa50021"],
  ])("%j → %j", (raw, expected) => {
    expect(normaliseSearchQuery(raw)).toBe(expected);
  });

  it("is empty when only personal data was typed", () => {
    expect(normaliseSearchQuery(" ana@contoso.com  5f3c1b2a-8d4e-4f6a-9b7c-1d2e3f4a5b6c ")).toBe("");
  });

  it("caps the length on a word boundary and is idempotent", () => {
    const long = "onedrive keeps asking me to sign in again ".repeat(10);
    const out = normaliseSearchQuery(long);
    expect(out.length).toBeLessThanOrEqual(SEARCH_QUERY_MAX);
    expect(out.length).toBeGreaterThan(SEARCH_QUERY_MAX * 0.6);
    expect(long.toLowerCase().startsWith(out)).toBe(true);
    expect(out.endsWith(" ")).toBe(false);
    expect(normaliseSearchQuery(out)).toBe(out);
    expect(Array.from(normaliseSearchQuery("😀".repeat(300))).length).toBe(SEARCH_QUERY_MAX);
  });
});

describe("rate limiter", () => {
  const fixedSalt = () => Buffer.alloc(32, 7);

  it("gives each client its own bucket, refilled at perSecond", () => {
    const limiter = createRateLimiter({ burst: 2, perSecond: 1 }, fixedSalt);
    expect(limiter.take("198.51.100.1", 0)).toEqual({ ok: true });
    expect(limiter.take("198.51.100.1", 0)).toEqual({ ok: true });
    expect(limiter.take("198.51.100.1", 0)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take("198.51.100.2", 0)).toEqual({ ok: true });
    expect(limiter.take("198.51.100.1", 999)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take("198.51.100.1", 1000)).toEqual({ ok: true });
  });

  it("drops every bucket when the salt rotates, so no key outlives its salt", () => {
    let salts = 0;
    const limiter = createRateLimiter({ burst: 1, perSecond: 0.001, rotateEveryMs: 60_000 }, (n) => Buffer.alloc(n, ++salts));
    expect(limiter.take("198.51.100.1", 0).ok).toBe(true);
    expect(limiter.take("198.51.100.1", 59_999).ok).toBe(false);
    expect(limiter.size).toBe(1);
    expect(limiter.take("198.51.100.1", 60_000).ok).toBe(true);
    expect(salts).toBe(2);
    expect(limiter.size).toBe(1);
  });

  it("keys IPv6 clients by /64 and IPv4-mapped addresses as IPv4", () => {
    expect(clientId("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(clientId("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(clientId("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientId("::1")).toBe("0:0:0:0::/64");
    expect(clientId("::ffff:192.0.2.9")).toBe("192.0.2.9");
    expect(clientId("192.0.2.9")).toBe("192.0.2.9");
    const limiter = createRateLimiter({ burst: 1, perSecond: 0.001 }, fixedSalt);
    expect(limiter.take("2001:db8:1:2::1", 0).ok).toBe(true);
    expect(limiter.take("2001:db8:1:2::99", 0).ok).toBe(false);
    expect(limiter.take("2001:db8:1:3::1", 0).ok).toBe(true);
  });

  it("stays within maxClients, sweeping refilled buckets first", () => {
    const limiter = createRateLimiter({ burst: 1, perSecond: 1, maxClients: 3 }, fixedSalt);
    for (const ip of ["192.0.2.1", "192.0.2.2", "192.0.2.3"]) limiter.take(ip, 0);
    expect(limiter.size).toBe(3);
    limiter.take("192.0.2.4", 5000); // all three have refilled: swept
    expect(limiter.size).toBe(1);
    for (const ip of ["192.0.2.5", "192.0.2.6", "192.0.2.7"]) limiter.take(ip, 5000);
    expect(limiter.size).toBeLessThanOrEqual(3);
  });

  it("refuses nonsense settings", () => {
    expect(() => createRateLimiter({ burst: 0 })).toThrow(/must be positive/);
  });
});

describe("write batcher (group commit)", () => {
  it("commits rows written in the same turn together and resolves each after its commit", async () => {
    const commits: number[][] = [];
    const batcher = createWriteBatcher<number>(async (rows) => {
      commits.push([...rows]);
    }, 3);
    const done: number[] = [];
    const writes = [1, 2, 3, 4, 5].map((n) => batcher.write(n).then(() => done.push(n)));
    expect(done).toEqual([]);
    await Promise.all(writes);
    expect(commits).toEqual([[1, 2, 3], [4, 5]]);
    await batcher.write(6);
    expect(commits).toEqual([[1, 2, 3], [4, 5], [6]]);
  });

  it("rejects every write of a failed commit, and only those", async () => {
    let fail = true;
    const batcher = createWriteBatcher<string>(async () => {
      if (fail) throw new Error("disk full");
    });
    const first = [batcher.write("a"), batcher.write("b")].map((p) => p.then(() => "ok", (e: Error) => e.message));
    expect(await Promise.all(first)).toEqual(["disk full", "disk full"]);
    fail = false;
    await expect(batcher.write("c")).resolves.toBeUndefined();
    await batcher.drain();
  });
});
