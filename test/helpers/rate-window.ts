/**
 * The public rate limit counts in fixed windows that start on the wall-clock minute. A test that
 * counts requests up to the limit waits out the last seconds of a minute first, so that all its
 * requests fall in one window (a window that turns mid-test resets the count and the 429 never comes).
 */
export async function insideOneRateWindow(needsMs = 15_000): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 60_000 - needsMs) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
}
