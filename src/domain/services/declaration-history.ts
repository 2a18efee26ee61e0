import { publicTimeline, type PublicStep } from '../declaration-lifecycle.js';
import type { LookupReader } from '../../ports/partners.js';
import type { Clock } from './context.js';

/**
 * Each declaration's past as the audit log holds it (every change writes its entry in its own
 * batch): what a lookup for a past day reads, and the organization's page shows as its history.
 */
export function createDeclarationHistory({ reader, clock }: { reader: Pick<LookupReader, 'declarationRecordsOf'>; clock: Clock }) {
  /** Each declaration's records (DeclarationRecordAt), oldest first, by its id. */
  const recordsOf = async (declarationIds: string[]) => byRecordId(await reader.declarationRecordsOf(declarationIds));

  return {
    recordsOf,
    /** Every state the public has seen each declaration in (publicTimeline), by its id. */
    async timelines(declarationIds: string[]): Promise<Map<string, PublicStep[]>> {
      const now = clock.now();
      return new Map([...(await recordsOf(declarationIds))].map(([id, records]) => [id, publicTimeline(records, now)]));
    },
  };
}

/** Records (a declaration's, an award's) by the id of what they record, in the order given. */
export function byRecordId<R extends { id: string }>(records: readonly R[]): Map<string, R[]> {
  const byId = new Map<string, R[]>();
  for (const record of records) {
    const list = byId.get(record.id);
    if (list) list.push(record);
    else byId.set(record.id, [record]);
  }
  return byId;
}

export type DeclarationHistory = ReturnType<typeof createDeclarationHistory>;
