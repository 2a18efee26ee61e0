import { sql, type Kysely } from 'kysely';

/**
 * Searching 100,000 organizations for one rare name scanned every row with LIKE '%…%'. An FTS5
 * trigram index answers substring queries of three or more characters instead (kanji and kana
 * included: trigrams are of characters). It is a table of its own, kept in step by triggers, so
 * every way an organization is written (the API, the seed, a restore) keeps it current; it holds
 * the organization id rather than relying on implicit rowids, which VACUUM may renumber.
 * Organizations are never deleted, and renames are rare, so the full-table delete by id on a
 * rename is acceptable.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE VIRTUAL TABLE organizations_search USING fts5(organization_id UNINDEXED, search_text, tokenize = 'trigram')`.execute(db);
  await sql`INSERT INTO organizations_search (organization_id, search_text) SELECT id, search_text FROM organizations`.execute(db);
  await sql`CREATE TRIGGER organizations_search_insert AFTER INSERT ON organizations BEGIN
    INSERT INTO organizations_search (organization_id, search_text) VALUES (new.id, new.search_text);
  END`.execute(db);
  await sql`CREATE TRIGGER organizations_search_update AFTER UPDATE OF search_text ON organizations WHEN old.search_text IS NOT new.search_text BEGIN
    DELETE FROM organizations_search WHERE organization_id = old.id;
    INSERT INTO organizations_search (organization_id, search_text) VALUES (new.id, new.search_text);
  END`.execute(db);
  await sql`CREATE TRIGGER organizations_search_delete AFTER DELETE ON organizations BEGIN
    DELETE FROM organizations_search WHERE organization_id = old.id;
  END`.execute(db);
}
