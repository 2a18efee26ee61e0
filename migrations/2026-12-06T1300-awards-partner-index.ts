import type { Kysely } from 'kysely';

/**
 * A municipality's dashboard lists the awards it is the partner municipality (連携自治体) of. Only
 * a few awards name one, so the index holds those alone; without it every dashboard load of a
 * municipality read the whole awards table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('awards_partner_idx').on('awards').column('partner_municipality_id').where('partner_municipality_id', 'is not', null).execute();
}
