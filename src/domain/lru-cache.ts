/**
 * A least-recently-used cache bounded by entries and, optionally, by approximate bytes: every
 * in-process cache must stay bounded however many different inputs arrive (a server verifying a
 * million different credentials must not grow with them).
 *
 * Recency is a doubly linked list beside the Map, so a hit moves two pointers: deleting and
 * re-inserting Map keys on every hit (the usual "Map order is LRU order" trick) makes V8 rehash
 * its table over and over, which costs microseconds per hit on hot paths.
 */
export interface LruCacheOptions<K, V> {
  /** Most entries kept; 0 keeps nothing. */
  maxEntries: number;
  /** Most bytes kept, as `sizeOf` counts them; an entry larger than this is not kept at all. */
  maxBytes?: number;
  /** Approximate bytes an entry holds (strings: 2 per UTF-16 unit is a safe upper bound). */
  sizeOf?: (value: V, key: K) => number;
}

interface Node<K, V> {
  key: K;
  value: V;
  bytes: number;
  /** Towards the most recently used. */
  newer: Node<K, V> | null;
  /** Towards the least recently used. */
  older: Node<K, V> | null;
}

export class LruCache<K, V> {
  readonly maxEntries: number;
  readonly maxBytes: number;
  private readonly sizeOf: ((value: V, key: K) => number) | undefined;
  private readonly nodes = new Map<K, Node<K, V>>();
  private newest: Node<K, V> | null = null;
  private oldest: Node<K, V> | null = null;
  private total = 0;

  constructor({ maxEntries, maxBytes = Infinity, sizeOf }: LruCacheOptions<K, V>) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.sizeOf = sizeOf;
  }

  get size(): number {
    return this.nodes.size;
  }

  /** The bytes counted for the entries kept now. */
  get bytes(): number {
    return this.total;
  }

  /** The value, now the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const node = this.nodes.get(key);
    if (!node) return undefined;
    if (node !== this.newest) {
      this.unlink(node);
      this.link(node);
    }
    return node.value;
  }

  /** The value without changing its recency. */
  peek(key: K): V | undefined {
    return this.nodes.get(key)?.value;
  }

  has(key: K): boolean {
    return this.nodes.has(key);
  }

  /** The least recently used key, when storing this entry would evict it (for an admission policy). */
  evictedBy(key: K, value: V): K | undefined {
    if (!this.oldest || this.nodes.has(key)) return undefined;
    const bytes = this.sizeOf ? this.sizeOf(value, key) : 0;
    return this.nodes.size >= this.maxEntries || this.total + bytes > this.maxBytes ? this.oldest.key : undefined;
  }

  /**
   * TinyLFU's admission: storing this entry would evict no one, or it was asked for `frequency`
   * times, more than the entry it would evict (`frequencyOf` that one).
   */
  admits(key: K, value: V, frequency: number, frequencyOf: (key: K, value: V) => number): boolean {
    const victim = this.evictedBy(key, value);
    return victim === undefined || frequency > frequencyOf(victim, this.peek(victim)!);
  }

  /** Stores the value as the most recently used, evicting the least recently used beyond the bounds. */
  set(key: K, value: V): this {
    this.delete(key);
    const bytes = this.sizeOf ? this.sizeOf(value, key) : 0;
    if (this.maxEntries <= 0 || bytes > this.maxBytes) return this;
    const node: Node<K, V> = { key, value, bytes, newer: null, older: null };
    this.nodes.set(key, node);
    this.link(node);
    this.total += bytes;
    while (this.oldest && (this.nodes.size > this.maxEntries || this.total > this.maxBytes)) this.delete(this.oldest.key);
    return this;
  }

  delete(key: K): boolean {
    const node = this.nodes.get(key);
    if (!node) return false;
    this.nodes.delete(key);
    this.unlink(node);
    this.total -= node.bytes;
    return true;
  }

  clear(): void {
    this.nodes.clear();
    this.newest = this.oldest = null;
    this.total = 0;
  }

  /** Keys from the least to the most recently used. */
  *keys(): IterableIterator<K> {
    for (let node = this.oldest; node; node = node.newer) yield node.key;
  }

  private link(node: Node<K, V>) {
    node.older = this.newest;
    node.newer = null;
    if (this.newest) this.newest.newer = node;
    this.newest = node;
    if (!this.oldest) this.oldest = node;
  }

  private unlink(node: Node<K, V>) {
    if (node.newer) node.newer.older = node.older;
    else this.newest = node.older;
    if (node.older) node.older.newer = node.newer;
    else this.oldest = node.newer;
    node.newer = node.older = null;
  }
}
