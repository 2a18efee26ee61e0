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
 * Fixed one-minute windows counted in memory. Per process on Node and per isolate on Workers:
 * several isolates each allow the full limit, so the enforced ceiling is approximate there
 * (a Durable Object would make it exact); the persisted daily usage is exact either way.
 */
export function createFixedWindowLimiter({ windowMs = 60_000 }: { windowMs?: number } = {}) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key: string, limit: number, now: number): RateLimitState {
      const start = now - (now % windowMs);
      let window = windows.get(key);
      if (!window || window.start !== start) {
        window = { start, count: 0 };
        windows.set(key, window);
        if (windows.size > 10_000) sweep(start);
      }
      window.count++;
      return {
        allowed: window.count <= limit,
        limit,
        remaining: Math.max(0, limit - window.count),
        resetSeconds: Math.max(1, Math.ceil((start + windowMs - now) / 1000)),
        used: window.count,
      };
    },
    /** Requests counted for `key` in the current window (0 when none). */
    current(key: string, now: number): number {
      const window = windows.get(key);
      return window && window.start === now - (now % windowMs) ? window.count : 0;
    },
  };

  function sweep(current: number) {
    for (const [key, window] of windows) if (window.start !== current) windows.delete(key);
  }
}

export type FixedWindowLimiter = ReturnType<typeof createFixedWindowLimiter>;
