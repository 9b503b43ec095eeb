/**
 * Per-client rate limit that stores no address.
 *
 * A token bucket per client, kept in memory only. The bucket's key is an HMAC of the client's
 * address under a random salt that exists only in this process and is replaced every
 * `rotateEveryMs` (default one hour); at each rotation every bucket is dropped, so no key outlives
 * its salt and no key can be tied back to an address, even by someone who reads the memory later
 * on. IPv6 clients are keyed by their /64 (one household or host usually holds a whole /64, so
 * per-address keys would let it spread over 2^64 buckets).
 *
 * Why not per connection: a client opens a new connection per request at no cost (or many in
 * parallel), so a per-connection bucket limits nothing.
 *
 * Memory is bounded by `maxClients`: when full, the least recently used bucket is dropped to make
 * room. A client that keeps sending stays recently used and keeps its (empty) bucket, so spraying
 * 50,000 addresses resets nobody's limit but that of clients who went quiet (issue 28).
 *
 * Time: pass a clock that never steps back (`performance.now()`); a wall clock stepping back by
 * more than a rotation would otherwise rotate the salt early, which only resets every bucket.
 */
import { createHmac, randomBytes } from "node:crypto";
import { isIPv6 } from "node:net";

export interface RateLimitOptions {
  /** Requests a client may make in a burst. Default 100. */
  burst?: number;
  /** Sustained requests per second per client. Default 5. */
  perSecond?: number;
  /** How often the salt (and with it every bucket) is replaced. Default 1 hour. */
  rotateEveryMs?: number;
  /** Most clients tracked at once. Default 50,000. */
  maxClients?: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Takes one token for the client at `address`, at `nowMs` (a monotonic or wall clock in ms). */
  take(address: string, nowMs: number): RateDecision;
  /** How many buckets exist now (for tests and metrics). */
  readonly size: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** A token-bucket limiter keyed by a rotating salted hash of the client's address. */
export function createRateLimiter(options: RateLimitOptions = {}, random: (n: number) => Buffer = randomBytes): RateLimiter {
  const burst = options.burst ?? 100;
  const perMs = (options.perSecond ?? 5) / 1000;
  const rotateEveryMs = options.rotateEveryMs ?? 3_600_000;
  const maxClients = options.maxClients ?? 50_000;
  if (!(burst >= 1) || !(perMs > 0) || !(rotateEveryMs > 0) || !(maxClients >= 1)) {
    throw new RangeError(`rate limit: burst, perSecond, rotateEveryMs and maxClients must be positive (got ${JSON.stringify(options)})`);
  }
  let salt = random(32);
  let rotatedAt: number | undefined;
  let buckets = new Map<string, Bucket>();

  const keyOf = (address: string) => createHmac("sha256", salt).update(clientId(address)).digest("base64url").slice(0, 22);
  const refill = (b: Bucket, now: number) => Math.min(burst, b.tokens + Math.max(0, now - b.at) * perMs);

  return {
    take(address, now) {
      rotatedAt ??= now;
      if (now - rotatedAt >= rotateEveryMs || now < rotatedAt) {
        salt = random(32);
        buckets = new Map();
        rotatedAt = now;
      }
      const key = keyOf(address);
      let bucket = buckets.get(key);
      if (bucket) {
        // Most recently used last: the Map's order is the eviction order.
        buckets.delete(key);
      } else {
        if (buckets.size >= maxClients) buckets.delete(buckets.keys().next().value!);
        bucket = { tokens: burst, at: now };
      }
      buckets.set(key, bucket);
      bucket.tokens = refill(bucket, now);
      bucket.at = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
    },
    get size() {
      return buckets.size;
    },
  };
}

/** The part of an address that identifies a client: IPv4 as is, IPv6 by its /64. */
export function clientId(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = "", tail = ""] = address.split("%")[0]!.split("::");
  const left = head ? head.split(":") : [];
  const right = address.includes("::") && tail ? tail.split(":") : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(":")}::/64`;
}
