/**
 * Deep freezing, remembered: a value frozen here cannot change at any depth, so a result computed
 * from it (ob3-schema.ts) can be kept by its identity. `Object.isFrozen` says that of the top
 * level only.
 */
const deeplyFrozen = new WeakSet<object>();

/** Freezes `value` and everything in it (parsed JSON: no cycles). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !deeplyFrozen.has(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
    deeplyFrozen.add(value);
  }
  return value;
}

export const isDeeplyFrozen = (value: unknown): value is object => !!value && typeof value === 'object' && deeplyFrozen.has(value);
