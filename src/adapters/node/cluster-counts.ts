import type { Worker } from 'node:cluster';
import type { SharedWindowCounts } from '../../domain/partners/rate-limit.js';

/**
 * Rate-limit counts shared by the workers of a Node cluster (WEB_CONCURRENCY > 1), through the
 * primary over the cluster's IPC channel. A request never waits for IPC: each worker counts in
 * memory and sends what it counted at most once every SYNC_MS, and the primary answers each other
 * worker with the total the rest counted. So N workers allow the limit once, not N times.
 *
 * The first count after a quiet SYNC_MS is sent at once (leading edge), while the request is still
 * being counted, before its answer is written: a client that waits for each answer then meets the
 * exact limit even on a loaded machine, because the primary has the count before it hands that
 * client's next connection to a worker, and it sends the total down the same channel ahead of the
 * connection. Only a burst within SYNC_MS spread over several workers can pass the limit, by what
 * the others admitted meanwhile. (With a 25 ms timer, and later with the send on the next
 * setImmediate, which a starved worker reached only after its answer, a client 40 ms apart was
 * let through a 31st time in CI.)
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

type Counts = Map<string, { start: number; n: number }>;

/** This process's side of the exchange: what it counted since it last sent, and what the others counted. */
function openChannel() {
  const pending: Counts = new Map();
  const others: Counts = new Map();
  let lastSent = 0;
  let scheduled = false;
  process.on('message', (message: unknown) => {
    if (!isMessage(message, TO_WORKER)) return;
    for (const [key, start, n] of message.entries) {
      const known = others.get(key);
      // Newer windows replace older ones; an old window's late answer is dropped.
      if (!known || known.start <= start) others.set(key, { start, n });
    }
  });
  const flush = () => {
    scheduled = false;
    if (pending.size === 0 || !process.connected) return;
    lastSent = Date.now();
    const entries: Entry[] = [...pending].map(([key, { start, n }]) => [key, start, n]);
    pending.clear();
    process.send!({ type: TO_PRIMARY, entries } satisfies Message);
    // Windows that ended are no longer read.
    if (others.size > 10_000) {
      const newest = Math.max(...entries.map(([, start]) => start));
      for (const [key, value] of others) if (value.start < newest) others.delete(key);
    }
  };
  return {
    others,
    add(key: string, start: number) {
      const known = pending.get(key);
      if (known && known.start === start) known.n++;
      else pending.set(key, { start, n: 1 });
      if (scheduled) return;
      const wait = lastSent + SYNC_MS - Date.now();
      if (wait <= 0) return flush();
      scheduled = true;
      setTimeout(flush, wait).unref();
    },
  };
}

let channel: ReturnType<typeof openChannel> | null = null;

/** This worker's side, one channel per process; `namespace` keeps the public and partner limits apart. */
export function clusterWindowCounts(namespace: string): SharedWindowCounts {
  if (!process.send) throw new Error('clusterWindowCounts runs in a cluster worker only');
  const shared = (channel ??= openChannel());
  return {
    add: (key, start) => shared.add(`${namespace}\u0000${key}`, start),
    others(key, start) {
      const known = shared.others.get(`${namespace}\u0000${key}`);
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
