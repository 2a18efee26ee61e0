import type { Kysely } from 'kysely';

/**
 * Idempotency-Key records (src/http/idempotency.ts). `id` is a SHA-256 of (who, method, path,
 * key), so neither the key nor the caller is stored in clear; `response` is the first answer,
 * encrypted with a key derived from the Idempotency-Key (it may hold a token shown only once).
 * Rows live 24 hours (`expires_at`, ms since the epoch) and are purged as new keys are claimed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    // 'in-flight' while the first request runs, 'done' once its response is stored.
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'integer', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('response', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('idempotency_keys_expiry_idx').on('idempotency_keys').column('expires_at').execute();
}
