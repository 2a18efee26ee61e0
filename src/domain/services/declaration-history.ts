import { publicTimeline, type PublicStep } from '../declaration-lifecycle.js';
import type { DeclarationRecordAt, LookupReader } from '../../ports/partners.js';
import type { Clock } from './context.js';

/**
 * Each declaration's past as the audit log holds it (every change writes its entry in its own
 * batch): what a lookup for a past day reads, and the organization's page shows as its history.
 */
export function createDeclarationHistory({ reader, clock }: { reader: Pick<LookupReader, 'declarationRecordsOf'>; clock: Clock }) {
  /** Each declaration's records (DeclarationRecordAt), oldest first, by its id. */
  async function recordsOf(declarationIds: string[]): Promise<Map<string, DeclarationRecordAt[]>> {
    const histories = new Map<string, DeclarationRecordAt[]>();
    for (const record of await reader.declarationRecordsOf(declarationIds)) {
      const history = histories.get(record.id);
      if (history) history.push(record);
      else histories.set(record.id, [record]);
    }
    return histories;
  }

  return {
    recordsOf,
    /** Every state the public has seen each declaration in (publicTimeline), by its id. */
    async timelines(declarationIds: string[]): Promise<Map<string, PublicStep[]>> {
      const now = clock.now();
      return new Map([...(await recordsOf(declarationIds))].map(([id, records]) => [id, publicTimeline(records, now)]));
    },
  };
}

export type DeclarationHistory = ReturnType<typeof createDeclarationHistory>;
