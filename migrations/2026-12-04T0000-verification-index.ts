import { sql, type Kysely } from 'kysely';

/**
 * Verifying a vc+jwt asks whether it is the very JWT the registry stored. Comparing the stored
 * JWT (~10 KB, in overflow pages) made SQLite read it for every verification, twice (once per
 * status entry joined); an Ed25519 signature (86 base64url characters) tells almost every other
 * JWT apart, so the JWT itself is compared only when the signatures match. The index covers
 * what the verification reads, so the row and its overflow pages are not read at all otherwise
 * (src/adapters/kysely/credentials.ts, VERIFICATION_RECORD_SQL).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('credentials').addColumn('jwt_signature', 'text').execute();
  await backfillJwtSignatures(db);
  await db.schema.createIndex('credentials_verification_idx').on('credentials').columns(['id', 'status', 'key_id', 'jwt_signature']).execute();
}

/** The credentials stored before: the third part of a compact JWS; an Ed25519 signature is always 86 characters. */
export async function backfillJwtSignatures(db: Kysely<any>): Promise<void> {
  await sql`UPDATE credentials SET jwt_signature = substr(jwt, -86)`.execute(db);
}
