import type { Clock } from './context.js';

/**
 * The loop both outbox dispatchers (webhooks, e-mail) run after a change and from the cron: send
 * what is due, then, while the next due item falls within `budgetMs`, wait for it (at least
 * `minWaitMs`, at most a second) and look again. One drain at a time per process or isolate; a
 * kick during a drain makes it look once more.
 */
export function createDrain({ clock, runOnce, nextDueAt, minWaitMs = 0 }: {
  clock: Clock;
  runOnce: () => Promise<unknown>;
  /** When the next item is due (ms since the epoch), or null when nothing waits. */
  nextDueAt: () => Promise<number | null>;
  minWaitMs?: number;
}) {
  let draining: Promise<void> | null = null;
  let again = false;
  return function drain({ budgetMs = 25_000 }: { budgetMs?: number } = {}): Promise<void> {
    again = true;
    draining ??= (async () => {
      const deadline = clock.now().getTime() + budgetMs;
      try {
        while (again) {
          again = false;
          await runOnce();
          const next = await nextDueAt();
          if (next !== null && next < deadline) {
            again = true;
            const wait = Math.max(minWaitMs, Math.min(next - clock.now().getTime(), 1000));
            if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          }
        }
      } finally {
        draining = null;
      }
    })();
    return draining;
  };
}
