/**
 * One live declaration per organization when creations race on one SQLite connection: calls
 * interleaved at every await both pass the service's check, so the database's triggers decide,
 * and the loser gets the same friendly 409 as a lone second creation. (Over HTTP on Node the
 * requests rarely interleave; test/http/domain-rules.test.ts races them on D1.)
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { ADMIN as admin, registryInMemory } from '../helpers/database-file.js';

const INPUT = { signerName: '山田', signerTitle: '社長', committedOn: '2025-03-01', guidelineAreas: ['labor'] };

describe('one live declaration per organization (real SQLite)', () => {
  it('of creations racing each other exactly one commits; the others get a 409 naming it', async () => {
    const { store, registry } = await registryInMemory();
    const org = await registry.organizations.create(admin, { kind: 'company', name: '同時作成株式会社', corporateNumber: '7123456789012', prefectureCode: '13' });
    const results = await Promise.allSettled(Array.from({ length: 3 }, () => registry.declarations.create(admin, org.id, INPUT)));
    const created = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(created).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      const error = (result as PromiseRejectedResult).reason;
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ kind: 'conflict', extra: { existingDeclaration: { id: created[0]!.id, status: 'draft' } } });
    }
    const rows = await store.db.selectFrom('declarations').select('status').where('organization_id', '=', org.id).execute();
    expect(rows).toEqual([{ status: 'draft' }]);
    const audit = await registry.audit.list(admin, { entityType: 'declaration', limit: 100 });
    expect(audit.items).toHaveLength(1);
    await store.close();
  });
});
