import { sql, type Kysely } from 'kysely';

/** Organizations, declarations with versions, awards, tokens and the append-only audit log. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('corporate_number', 'text', (c) => c.unique())
    .addColumn('local_government_code', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_kana', 'text')
    .addColumn('name_en', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('prefecture_code', 'text', (c) => c.notNull())
    .addColumn('city', 'text')
    .addColumn('industry_code', 'text')
    .addColumn('size_band', 'text')
    .addColumn('website', 'text')
    .addColumn('contact', 'text')
    .addColumn('listed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('row_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('organizations_listed_idx').on('organizations').columns(['listed', 'id']).execute();
  await db.schema.createIndex('organizations_prefecture_idx').on('organizations').columns(['prefecture_code', 'id']).execute();

  await db.schema
    .createTable('declarations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('row_version', 'integer', (c) => c.notNull())
    .addColumn('valid_from', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('status_reason', 'text')
    .addColumn('status_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('declarations_org_idx').on('declarations').columns(['organization_id', 'id']).execute();
  await db.schema.createIndex('declarations_status_idx').on('declarations').columns(['status', 'id']).execute();
  await db.schema.createIndex('declarations_valid_until_idx').on('declarations').columns(['status', 'valid_until']).execute();

  await db.schema
    .createTable('declaration_versions')
    .addColumn('declaration_id', 'text', (c) => c.notNull().references('declarations.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('declaration_versions_pk', ['declaration_id', 'version'])
    .execute();

  await db.schema
    .createTable('award_categories')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_ja', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('award_divisions')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_ja', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();
  await db
    .insertInto('award_categories')
    .values([
      { code: 'minister', name_ja: '大臣賞', name_en: "Minister's Award", sort_order: 10 },
      { code: 'excellence', name_ja: '優秀賞', name_en: 'Excellence Award', sort_order: 20 },
    ])
    .execute();

  await db.schema
    .createTable('awards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('category_code', 'text', (c) => c.notNull().references('award_categories.code'))
    .addColumn('division_code', 'text', (c) => c.references('award_divisions.code'))
    .addColumn('partner_municipality_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('overview', 'text')
    .addColumn('message', 'text')
    .addColumn('awarded_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('row_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('awards_year_idx').on('awards').columns(['fiscal_year', 'category_code', 'id']).execute();
  await db.schema.createIndex('awards_org_idx').on('awards').columns(['organization_id']).execute();

  await db.schema
    .createTable('tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_token_id', 'text')
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('actor_organization_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('request_id', 'text')
    .execute();
  await db.schema.createIndex('audit_entity_idx').on('audit_log').columns(['entity_type', 'entity_id', 'seq']).execute();
  // Append-only: the database itself refuses to rewrite history.
  await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db);

  // One-row table used to abort a batch when its guarded UPDATE matched nothing (see adapters/kysely/store.ts).
  await db.schema
    .createTable('write_guard')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('ok', 'integer', (c) => c.notNull().check(sql`ok > 0`))
    .execute();
  await db.insertInto('write_guard').values({ id: 1, ok: 1 }).execute();
}
