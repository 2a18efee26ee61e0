import type { Worker } from 'node:cluster';
import type { SharedWindowCounts } from '../../domain/partners/rate-limit.js';

/**
 * Rate-limit counts shared by the workers of a Node cluster (WEB_CONCURRENCY > 1), through the
 * primary over the cluster's IPC channel. A request never waits for IPC: each worker counts in
 * memory, sends what it counted every SYNC_MS, and the primary answers each other worker with
 * the total the rest counted. So N workers allow the limit once, not N times; the ceiling can be
 * passed only by what the other workers admit within one exchange (≈ SYNC_MS) for the same key.
 */
const SYNC_MS = 25;
const TO_PRIMARY = 'registry:rate-counts';
const TO_WORKER = 'registry:rate-others';

/** [namespace + key, window start, count] */
type Entry = [string, number, number];

interface Message {
  type: string;
  entries: Entry[];
}

const isMessage = (value: unknown, type: string): value is Message =>
  typeof value === 'object' && value !== null && (value as Message).type === type && Array.isArray((value as Message).entries);

let channel: { pending: Map<string, { start: number; n: number }>; others: Map<string, { start: number; n: number }> } | null = null;

/** This worker's side, one channel per process; `namespace` keeps the public and partner limits apart. */
export function clusterWindowCounts(namespace: string): SharedWindowCounts {
  if (!process.send) throw new Error('clusterWindowCounts runs in a cluster worker only');
  if (!channel) {
    const state = { pending: new Map<string, { start: number; n: number }>(), others: new Map<string, { start: number; n: number }>() };
    channel = state;
    process.on('message', (message: unknown) => {
      if (!isMessage(message, TO_WORKER)) return;
      for (const [key, start, n] of message.entries) {
        const known = state.others.get(key);
        // Newer windows replace older ones; an old window's late answer is dropped.
        if (!known || known.start <= start) state.others.set(key, { start, n });
      }
    });
    const timer = setInterval(() => {
      if (state.pending.size === 0 || !process.connected) return;
      const entries: Entry[] = [...state.pending].map(([key, { start, n }]) => [key, start, n]);
      state.pending.clear();
      process.send!({ type: TO_PRIMARY, entries } satisfies Message);
      // Windows that ended are no longer read.
      if (state.others.size > 10_000) {
        const newest = Math.max(...entries.map(([, start]) => start));
        for (const [key, value] of state.others) if (value.start < newest) state.others.delete(key);
      }
    }, SYNC_MS);
    timer.unref();
  }
  const state = channel;
  return {
    add(key, start) {
      const full = `${namespace}\u0000${key}`;
      const pending = state.pending.get(full);
      if (pending && pending.start === start) pending.n++;
      else state.pending.set(full, { start, n: 1 });
    },
    others(key, start) {
      const known = state.others.get(`${namespace}\u0000${key}`);
      return known && known.start === start ? known.n : 0;
    },
  };
}

/**
 * The primary's side: adds up what each worker counted per key and window, and tells every
 * other worker the total without its own share. Windows older than the newest one seen are
 * dropped, which bounds memory by the keys of one minute.
 */
export function serveClusterCounts(workers: () => Iterable<Worker>) {
  const totals = new Map<string, { start: number; byWorker: Map<number, number> }>();
  return function onMessage(from: Worker, message: unknown) {
    if (!isMessage(message, TO_PRIMARY)) return;
    const changed: { key: string; start: number; byWorker: Map<number, number> }[] = [];
    let newest = 0;
    for (const [key, start, n] of message.entries) {
      newest = Math.max(newest, start);
      let total = totals.get(key);
      if (!total || total.start < start) totals.set(key, (total = { start, byWorker: new Map() }));
      if (total.start !== start) continue; // a late count for a window already over
      total.byWorker.set(from.id, (total.byWorker.get(from.id) ?? 0) + n);
      changed.push({ key, ...total });
    }
    for (const worker of workers()) {
      if (worker.id === from.id || !worker.isConnected()) continue;
      const entries: Entry[] = changed.map(({ key, start, byWorker }) => {
        let others = 0;
        for (const [id, n] of byWorker) if (id !== worker.id) others += n;
        return [key, start, others];
      });
      if (entries.length) worker.send({ type: TO_WORKER, entries } satisfies Message);
    }
    if (totals.size > 10_000) for (const [key, total] of totals) if (total.start < newest) totals.delete(key);
  };
}
