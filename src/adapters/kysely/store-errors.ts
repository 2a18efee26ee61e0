import { UniqueViolation, WriteConflict } from '../../ports/store.js';

/** SQLite and D1 report constraint failures with the same message text; map them to port errors. */
export function translateStoreError(error: unknown): unknown {
  const message = error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : '';
  if (message.includes('CHECK constraint failed') && message.includes('ok > 0')) return new WriteConflict();
  if (message.includes('CHECK constraint failed: ok')) return new WriteConflict();
  const unique = /UNIQUE constraint failed: ([\w.,\s]+)/.exec(message);
  if (unique) return new UniqueViolation(unique[1]!.trim());
  return error;
}
