import { LruCache } from '../../domain/lru-cache.js';
import type { DataGeneration } from '../../ports/store.js';

/**
 * `load`, its answers kept per arguments until the store's generation moves (a change to the
 * record, by this process or another). The generation is read before the load, so an answer is
 * never older than the generation it is kept under: a commit while it loads only makes the next
 * call load again. Where the store cannot tell (no generation, or null), every call loads. A
 * failed load is not kept. Callers must not change what they are given: the next caller gets the
 * same objects.
 */
export function keptUntilRecordChanges<A extends unknown[], T>(generation: DataGeneration | undefined, load: (...args: A) => Promise<T>, { maxEntries = 1 } = {}): (...args: A) => Promise<T> {
  if (!generation) return load;
  const kept = new LruCache<string, Promise<T>>({ maxEntries });
  let keptAt: string | null = null;
  return async (...args) => {
    const at = await generation();
    if (at === null) return load(...args);
    // Where the generation is read asynchronously (D1), a call that read an older one may come
    // after a newer one: it starts the kept answers over, which costs a load but is never stale.
    if (at !== keptAt) {
      kept.clear();
      keptAt = at;
    }
    const key = JSON.stringify(args);
    const found = kept.get(key);
    if (found) return found;
    const value = load(...args);
    kept.set(key, value);
    value.catch(() => {
      if (kept.peek(key) === value) kept.delete(key);
    });
    return value;
  };
}
