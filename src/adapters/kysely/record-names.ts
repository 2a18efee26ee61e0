import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { RecordName, RecordNameReader } from '../../ports/record-names.js';
import { MAX_IN_PARAMETERS } from './chunks.js';
import type { Database } from './schema.js';

interface NameRow {
  kind: string;
  id: string;
  name: string;
  partner_id: string | null;
  partner_name: string | null;
  staff_role: string | null;
  oidc_issuer: string | null;
}

/**
 * One UNION ALL statement over the three tables for the ids of a page of the log (D1 binds at most
 * 100 parameters, so more ids than that are read in as many statements as needed).
 */
export function createKyselyRecordNames(db: Kysely<Database>): RecordNameReader {
  const none = sql<string | null>`null`;
  const statement = (ids: { partners: string[]; webhooks: string[]; accounts: string[] }) => {
    const parts = [
      ids.partners.length === 0 ? null : db.selectFrom('partners').where('id', 'in', ids.partners)
        .select([sql<string>`'partner'`.as('kind'), 'id', 'name', none.as('partner_id'), none.as('partner_name'), none.as('staff_role'), none.as('oidc_issuer')]),
      ids.webhooks.length === 0 ? null : db.selectFrom('webhooks as w').innerJoin('partners as p', 'p.id', 'w.partner_id').where('w.id', 'in', ids.webhooks)
        .select([sql<string>`'webhook'`.as('kind'), 'w.id as id', 'w.url as name', 'p.id as partner_id', 'p.name as partner_name', none.as('staff_role'), none.as('oidc_issuer')]),
      ids.accounts.length === 0 ? null : db.selectFrom('accounts').where('id', 'in', ids.accounts)
        .select([sql<string>`'account'`.as('kind'), 'id', 'display_name as name', none.as('partner_id'), none.as('partner_name'), 'staff_role', 'oidc_issuer']),
    ].filter((part) => part !== null) as unknown as SelectQueryBuilder<Database, never, NameRow>[];
    const [first, ...rest] = parts;
    return first ? rest.reduce((query, part) => query.unionAll(part), first).execute() : Promise.resolve([]);
  };
  return {
    async names(ids) {
      const wanted = [
        ...[...new Set(ids.partners)].map((id) => ['partners', id] as const),
        ...[...new Set(ids.webhooks)].map((id) => ['webhooks', id] as const),
        ...[...new Set(ids.accounts)].map((id) => ['accounts', id] as const),
      ];
      const rows: NameRow[] = [];
      for (let i = 0; i < wanted.length; i += MAX_IN_PARAMETERS) {
        const chunk = wanted.slice(i, i + MAX_IN_PARAMETERS);
        const of = (kind: string) => chunk.filter(([k]) => k === kind).map(([, id]) => id);
        rows.push(...(await statement({ partners: of('partners'), webhooks: of('webhooks'), accounts: of('accounts') })));
      }
      return rows.map((row): RecordName => ({
        kind: row.kind as RecordName['kind'],
        id: row.id,
        name: row.name,
        ...(row.partner_id !== null && row.partner_name !== null ? { partner: { id: row.partner_id, name: row.partner_name } } : {}),
        ...(row.kind === 'account' ? { staff: row.staff_role !== null, oidcIssuer: row.oidc_issuer } : {}),
      }));
    },
  };
}
