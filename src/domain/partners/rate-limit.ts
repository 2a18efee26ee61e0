/** What a partner sees in the RateLimit-* headers (draft-ietf-httpapi-ratelimit-headers). */
export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets (≥ 1). */
  resetSeconds: number;
  /** Requests counted in the current window, including this one. */
  used: number;
}

/**
 * What the other processes serving the same registry counted (Node with WEB_CONCURRENCY > 1:
 * src/adapters/node/cluster-counts.ts). Kept in memory and exchanged in the background, so a
 * request never waits for it; the other processes' counts are as of their last exchange.
 */
export interface SharedWindowCounts {
  /** This process counted one more request for `key` in the window starting at `start`. */
  add(key: string, start: number): void;
  /** Requests the other processes counted for `key` in that window, as last heard. */
  others(key: string, start: number): number;
}

/**
 * Fixed one-minute windows counted in memory. Per process on Node and per isolate on Workers:
 * several isolates each allow the full limit, so the enforced ceiling is approximate there
 * (a Durable Object would make it exact); the persisted daily usage is exact either way. With
 * `shared`, the other Node processes' counts are added in, so N workers allow the limit once.
 */
export function createFixedWindowLimiter({ windowMs = 60_000, shared }: { windowMs?: number; shared?: SharedWindowCounts } = {}) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    /** Counts one request, or `weight` for a request that costs as much as that many (POST /check of many entries). */
    hit(key: string, limit: number, now: number, weight = 1): RateLimitState {
      const start = now - (now % windowMs);
      let window = windows.get(key);
      if (!window || window.start !== start) {
        window = { start, count: 0 };
        windows.set(key, window);
        if (windows.size > 10_000) sweep(start);
      }
      window.count += weight;
      for (let i = 0; i < weight; i++) shared?.add(key, start);
      const used = window.count + (shared?.others(key, start) ?? 0);
      return {
        allowed: used <= limit,
        limit,
        remaining: Math.max(0, limit - used),
        resetSeconds: Math.max(1, Math.ceil((start + windowMs - now) / 1000)),
        used,
      };
    },
    /** Requests counted for `key` in the current window (0 when none). */
    current(key: string, now: number): number {
      const start = now - (now % windowMs);
      const window = windows.get(key);
      return (window && window.start === start ? window.count : 0) + (shared?.others(key, start) ?? 0);
    },
  };

  function sweep(current: number) {
    for (const [key, window] of windows) if (window.start !== current) windows.delete(key);
  }
}

export type FixedWindowLimiter = ReturnType<typeof createFixedWindowLimiter>;
