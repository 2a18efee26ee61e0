import { sql, type Kysely, type Selectable } from 'kysely';
import type { AuditEntry } from '../../domain/model.js';
import type { AuditRepository } from '../../ports/repositories.js';
import type { Database } from './schema.js';
import { decodeCursor } from '../../domain/cursor.js';
import { insertRowOp, toPage } from './ops.js';
import { inChunks } from './chunks.js';

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/**
 * Entries a date range may hold and still count as narrow: read from audit_at_idx and put in order,
 * a few ms at most. A wider one is walked newest first as before (its page is found long before
 * the range ends), where reading it whole for every page, or every 500-entry step of its CSV, and
 * sorting it took ~35 ms a step for a year of a 600,000-entry log.
 */
const NARROW_RANGE = 5000;

export function createKyselyAudit(db: Kysely<Database>, { narrowRange = NARROW_RANGE }: { narrowRange?: number } = {}): AuditRepository {
  /** The entries of a date range, from audit_at_idx. */
  const inRange = (from: string | undefined, to: string | undefined) => {
    let select = db.selectFrom('audit_log').select('seq');
    if (from) select = select.where('at', '>=', from);
    if (to) select = select.where('at', '<', to);
    return select;
  };
  /** Whether the range holds no more than `narrowRange` entries: counted in the index, at most that many read. */
  const isNarrow = async (from: string | undefined, to: string | undefined) => {
    const { n } = await db.selectFrom(inRange(from, to).limit(narrowRange + 1).as('r')).select(sql<number>`COUNT(*)`.as('n')).executeTakeFirstOrThrow();
    return n <= narrowRange;
  };

  return {
    append(entry) {
      // Every change writes one: without Kysely's builder (see insertRowOp).
      return insertRowOp('audit_log', {
        at: entry.at,
        actor_token_id: entry.actorTokenId,
        actor_role: entry.actorRole,
        actor_organization_id: entry.actorOrganizationId,
        action: entry.action,
        entity_type: entry.entityType,
        entity_id: entry.entityId,
        before: json(entry.before),
        after: json(entry.after),
        request_id: entry.requestId,
      });
    },
    async list(query) {
      let select = db.selectFrom('audit_log').selectAll();
      if (query.entityType) select = select.where('entity_type', '=', query.entityType);
      if (query.entityId) select = select.where('entity_id', '=', query.entityId);
      if (query.action) select = select.where('action', '=', query.action);
      if (query.actorTokenId) select = select.where('actor_token_id', '=', query.actorTokenId);
      if (query.actorOrganizationId) select = select.where('actor_organization_id', '=', query.actorOrganizationId);
      if (query.organizationId) {
        const id = query.organizationId;
        // Its records by their owner (subqueries, so a page or a CSV step of any length stays one query).
        select = select.where((eb) =>
          eb.or([
            eb('actor_organization_id', '=', id),
            eb.and([eb('entity_type', '=', 'organization'), eb('entity_id', '=', id)]),
            eb.and([eb('entity_type', '=', 'declaration'), eb('entity_id', 'in', eb.selectFrom('declarations').select('id').where('organization_id', '=', id))]),
            eb.and([eb('entity_type', '=', 'award'), eb('entity_id', 'in', eb.selectFrom('awards').select('id').where('organization_id', '=', id))]),
          ]),
        );
      }
      if (query.from || query.to) {
        // A narrow range (a day a year ago): its entries by their seq, found in audit_at_idx, then
        // read in order from the list. Without that index SQLite walked every entry newer than the
        // range, newest first (~84 ms a page in a 600,000-entry log). A wide range: `+at`, so that
        // no index is chosen from it and the log is walked newest first, as before.
        if (await isNarrow(query.from, query.to)) select = select.where('seq', 'in', inRange(query.from, query.to));
        else {
          if (query.from) select = select.where(sql`+at`, '>=', query.from);
          if (query.to) select = select.where(sql`+at`, '<', query.to);
        }
      }
      const mark = Number(decodeCursor(query.cursor));
      if (mark > 0) select = select.where('seq', query.newestFirst ? '<' : '>', mark);
      const rows = await select.orderBy('seq', query.newestFirst ? 'desc' : 'asc').limit(query.limit + 1).execute();
      return toPage(rows, query.limit, entryOf, (row) => row.seq);
    },
    async listForOrganization(query) {
      // Only ids the caller names as the organization's own, plus what its own members and tokens
      // did: an entry about another organization's record by someone else can never match.
      const entities = [{ type: 'organization', ids: [query.organizationId] }, ...query.entities].filter((e) => e.ids.length > 0);
      let select = db
        .selectFrom('audit_log')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('actor_organization_id', '=', query.organizationId),
            // Each list is one parameter, a JSON array read by json_each: an organization with over
            // 100 declarations and awards stays within D1's 100 bound parameters a statement, and the
            // page stays one query in seq order (chunks would each need their own LIMIT and a merge).
            ...entities.map((e) => eb.and([eb('entity_type', '=', e.type), sql<boolean>`entity_id IN (SELECT value FROM json_each(${JSON.stringify(e.ids)}))`])),
          ]),
        );
      const before = Number(decodeCursor(query.cursor));
      if (before > 0) select = select.where('seq', '<', before);
      const rows = await select.orderBy('seq', 'desc').limit(query.limit + 1).execute();
      return toPage(rows, query.limit, entryOf, (row) => row.seq);
    },
    async lastActionAt(entityType, action, entityIds) {
      // audit_entity_idx (entity_type, entity_id, seq) finds each entity's few entries.
      const rows = await inChunks(entityIds, (ids) =>
        db
          .selectFrom('audit_log')
          .select(['entity_id', (eb) => eb.fn.max('at').as('at')])
          .where('entity_type', '=', entityType)
          .where('entity_id', 'in', ids)
          .where('action', '=', action)
          .groupBy('entity_id')
          .execute(),
      );
      return new Map(rows.map((r) => [r.entity_id, r.at]));
    },
  };
}

function entryOf(row: Selectable<Database['audit_log']>): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actorTokenId: row.actor_token_id,
    actorRole: row.actor_role,
    actorOrganizationId: row.actor_organization_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before ? JSON.parse(row.before) : null,
    after: row.after ? JSON.parse(row.after) : null,
    requestId: row.request_id,
  };
}
