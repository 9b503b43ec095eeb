// The server's small pure parts: Wilson interval, search-miss codes, comment redaction, log
// throttling, settings from the environment, the rate limiter's
// keying, group commit.
import { describe, expect, it } from "vitest";
import { clientId, createRateLimiter } from "../../src/server/rate-limit.ts";
import { redactComment } from "../../src/server/api.ts";
import { serverSettingsFromEnv } from "../../src/server/limits.ts";
import { normaliseMissCode } from "../../src/server/search-miss.ts";
import { throttleLog } from "../../src/server/server.ts";
import { wilsonInterval } from "../../src/server/wilson.ts";
import { StorageError } from "../../src/server/storage/repository.ts";
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

describe("normaliseMissCode", () => {
  it.each([
    ["CAA50021", "caa50021"],
    ["0xCAA50021", "caa50021"],
    [" caa 50021 ", "caa50021"],
    ["3399811105", "caa50021"],
    ["-895156191", "caa50021"],
    ["80070520", "0x80070520"],
    ["0x8004010F", "0x8004010f"],
    ["0x1", "0x00000001"],
    ["AADSTS50126", "aadsts50126"],
    ["ａａｄｓｔｓ５０１２６", "aadsts50126"],
  ])("%j → %j", (raw, code) => {
    expect(normaliseMissCode(raw)).toBe(code);
  });

  it.each(["onedrive sign in", "ana@contoso.com", "<script>alert(1)</script>", "Ana Pérez, 12 High Street", "12345", "0xCAA50021 again", ""])("refuses free text %j", (raw) => {
    expect(normaliseMissCode(raw)).toBeUndefined();
  });
});

describe("redactComment", () => {
  it("replaces e-mail addresses, GUIDs and phone numbers, and keeps error codes, dates and versions", () => {
    const out = redactComment("Mail ana.perez@contoso.com or call +44 20 7946 0958 / (555) 123-4567; device 5f3c1b2a-8d4e-4f6a-9b7c-1d2e3f4a5b6c. Got CAA50021 (3399811105) on 2026-03-14, build 10.0.19045.1234.");
    expect(out).not.toMatch(/ana\.perez|7946|123-4567|5f3c1b2a/);
    expect(out).toContain("[email-1]");
    expect(out).toContain("[guid-1]");
    expect(out.match(/\[phone-\d+\]/g)).toHaveLength(2);
    for (const kept of ["CAA50021", "3399811105", "2026-03-14", "10.0.19045.1234"]) expect(out).toContain(kept);
    expect(redactComment(out)).toBe(out);
  });
});

describe("throttleLog", () => {
  it("writes the first of a repeated error, counts the repeats, and says how many with the next one after the window", () => {
    const lines: string[] = [];
    let t = 0;
    const log = throttleLog((m) => lines.push(m), () => t, 10_000);
    for (let i = 0; i < 1000; i++) log(`POST /api/outcomes: TypeError at line ${i}\n    at stack`);
    log("another error");
    expect(lines).toHaveLength(2);
    t = 10_000;
    log("POST /api/outcomes: TypeError at line 5");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/and 999 more like this/);
  });
});

describe("serverSettingsFromEnv", () => {
  it("reads the timeouts, the connection cap, the proxy setting and the operator token", () => {
    expect(serverSettingsFromEnv({})).toEqual({ limits: {}, trustProxy: false });
    const s = serverSettingsFromEnv({ FIXPATH_REQUEST_TIMEOUT_MS: "2000", FIXPATH_HEADERS_TIMEOUT_MS: "1000", FIXPATH_KEEPALIVE_TIMEOUT_MS: "0", FIXPATH_MAX_CONNECTIONS_PER_ADDRESS: "8", FIXPATH_TRUST_PROXY: "127.0.0.1, 10.0.0.0/8", FIXPATH_OPERATOR_TOKEN: " s3cret-s3cret-s3cret " });
    expect(s).toEqual({ limits: { requestTimeoutMs: 2000, headersTimeoutMs: 1000, keepAliveTimeoutMs: 0, maxConnectionsPerAddress: 8 }, trustProxy: ["127.0.0.1", "10.0.0.0/8"], operatorToken: "s3cret-s3cret-s3cret" });
    expect(serverSettingsFromEnv({ FIXPATH_TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(serverSettingsFromEnv({ FIXPATH_TRUST_PROXY: "off" }).trustProxy).toBe(false);
  });

  it("refuses values that are not numbers or addresses, naming the variable and the fix", () => {
    expect(() => serverSettingsFromEnv({ FIXPATH_REQUEST_TIMEOUT_MS: "10s" })).toThrow(/FIXPATH_REQUEST_TIMEOUT_MS is "10s", not a whole number\. Fix:/);
    expect(() => serverSettingsFromEnv({ FIXPATH_TRUST_PROXY: "everyone" })).toThrow(/FIXPATH_TRUST_PROXY holds "everyone".*Fix:/);
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

  it("stays within maxClients by dropping the least recently used bucket: a client that keeps sending stays limited while addresses are sprayed", () => {
    const limiter = createRateLimiter({ burst: 1, perSecond: 0.001, maxClients: 3 }, fixedSalt);
    expect(limiter.take("198.51.100.7", 0).ok).toBe(true);
    expect(limiter.take("198.51.100.7", 0).ok).toBe(false);
    for (let i = 0; i < 200; i++) {
      limiter.take(`192.0.2.${i}`, i);
      expect(limiter.take("198.51.100.7", i).ok, `after ${i + 1} sprayed addresses`).toBe(false);
      expect(limiter.size).toBeLessThanOrEqual(3);
    }
    // A client that went quiet is the one dropped: it starts again with a full bucket.
    expect(limiter.take("192.0.2.0", 300).ok).toBe(true);
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
    }, { maxBatch: 3 });
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

  it("writes a batch refused for one row again row by row: only the bad row's write fails", async () => {
    const commits: string[][] = [];
    const rowError = Object.assign(new Error("invalid byte sequence"), { code: "22021" });
    const batcher = createWriteBatcher<string>(
      async (rows) => {
        commits.push([...rows]);
        if (rows.includes("bad")) throw rowError;
      },
      { retryRowsWhen: (e) => (e as { code?: string }).code === "22021" },
    );
    const results = await Promise.all(["a", "bad", "c"].map((r) => batcher.write(r).then(() => "ok", (e: Error) => e.message)));
    expect(results).toEqual(["ok", "invalid byte sequence", "ok"]);
    expect(commits).toEqual([["a", "bad", "c"], ["a"], ["bad"], ["c"]]);
  });

  it("does not retry row by row when the database itself failed", async () => {
    let calls = 0;
    const batcher = createWriteBatcher<string>(
      async () => {
        calls++;
        throw new Error("connection refused");
      },
      { retryRowsWhen: () => false },
    );
    await Promise.allSettled(["a", "b", "c"].map((r) => batcher.write(r)));
    expect(calls).toBe(1);
  });

  it("refuses a write beyond maxWaiting at once, as a storage error, and takes writes again once the waiting rows are committed (a write right after a commit is never stranded)", async () => {
    const release: (() => void)[] = [];
    const batcher = createWriteBatcher<number>(() => new Promise<void>((r) => release.push(r)), { maxWaiting: 3 });
    const first = [1, 2, 3].map((n) => batcher.write(n));
    const refused = batcher.write(4);
    await expect(refused).rejects.toBeInstanceOf(StorageError);
    await expect(refused).rejects.toThrow(/3 rows are already waiting/);
    // The stalled commit ends: the three waiting rows are stored, and the bound frees up.
    while (release.length === 0) await new Promise((r) => setImmediate(r));
    release.shift()!();
    await Promise.all(first);
    const again = batcher.write(5);
    while (release.length === 0) await new Promise((r) => setImmediate(r));
    release.shift()!();
    await expect(again).resolves.toBeUndefined();
  });

  it("keeps up to maxInFlight commits running at once", async () => {
    let inFlight = 0;
    let most = 0;
    const release: (() => void)[] = [];
    const batcher = createWriteBatcher<number>(
      async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise<void>((r) => release.push(r));
        inFlight--;
      },
      { maxInFlight: 3 },
    );
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 5; i++) {
      writes.push(batcher.write(i));
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setImmediate(r));
    }
    while (release.length || inFlight) {
      release.splice(0).forEach((r) => r());
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(writes);
    expect(most).toBe(3);
  });
});
