/**
 * A partner is registered (back office or API) only under a name no partner has (as nameKey reads names):
 * the insert itself checks that no partner was registered since the service read the list (one
 * statement, on SQLite as on D1), so registrations of one name at the same moment (a double click,
 * two administrators) store one partner, over a real SQLite file. The racing services read the
 * list together (each waits for the others' reads) before any of them writes: the interleaving
 * two requests at the same moment may get, made certain.
 */
import { describe, expect, it } from 'vitest';
import { createKyselyAudit } from '../../src/adapters/kysely/audit.js';
import { createKyselyDeliveries } from '../../src/adapters/kysely/deliveries.js';
import { createKyselyPartners } from '../../src/adapters/kysely/partners.js';
import type { Partner } from '../../src/domain/partners/model.js';
import { createPartnerService } from '../../src/domain/services/partners.js';
import { WriteConflict } from '../../src/ports/store.js';
import { ADMIN as admin, registryOnFreshFile } from '../helpers/database-file.js';

async function setUp() {
  const { store, registry } = await registryOnFreshFile('partner-distinct-name-');
  const rows = () => store.db.selectFrom('partners').select(['id', 'name']).orderBy('created_at').orderBy('id').execute();
  const created = async () => (await store.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'partner.create').execute()).map((e) => e.entity_id);
  /**
   * `count` partner services whose first list() returns only once all of them have read it (real
   * reads of the database); reads after that (a retry) go straight through.
   */
  const racing = (count: number) => {
    const partners = createKyselyPartners(store.db);
    let waiting = count;
    let release!: () => void;
    const allRead = new Promise<void>((resolve) => (release = resolve));
    let n = 0;
    return Array.from({ length: count }, () => {
      let first = true;
      return createPartnerService({
        partners: {
          ...partners,
          list: async () => {
            const list = await partners.list();
            if (first) {
              first = false;
              if (--waiting === 0) release();
              await allRead;
            }
            return list;
          },
        },
        deliveries: createKyselyDeliveries(store.db),
        audit: createKyselyAudit(store.db),
        // Registering signs no token.
        accessTokens: { sign: () => Promise.reject(new Error('not used')), verify: () => Promise.reject(new Error('not used')) },
        uow: store.unitOfWork,
        clock: { now: () => new Date() },
        newId: () => `racer-${++n}`,
      });
    });
  };
  return { store, registry, rows, created, racing };
}

describe('registering a partner under a distinct name (real SQLite file)', () => {
  it('registrations of one name (and of a look-alike) racing each other past the name check: one is stored, the others get 409 beside /name naming it', async () => {
    const { rows, created, racing } = await setUp();
    const names = ['株式会社同時登録', '株式会社同時登録', '株式会社同時登録\u200b', '株式会社同時登録'];
    const services = racing(names.length);
    const results = await Promise.allSettled(names.map((name, i) => services[i]!.register(admin, { name, kind: 'hr-company' })));
    const stored = results.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ partner: Partner }>[];
    expect(stored).toHaveLength(1);
    const winner = stored[0]!.value.partner;
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect((result as PromiseRejectedResult).reason).toMatchObject({
        kind: 'conflict',
        fields: [{ field: '/name', ja: expect.stringContaining(`「${winner.name}」は既に登録されています（クライアントID: ${winner.clientId}）`) }],
        extra: { existingPartner: { id: winner.id, name: winner.name } },
      });
    }
    expect(await rows()).toEqual([{ id: winner.id, name: winner.name }]);
    expect(await created()).toEqual([winner.id]);
  });

  it('registrations of different names at the same moment are all stored (the one that lost the insert reads the list again)', async () => {
    const { rows, racing } = await setUp();
    const names = ['株式会社同時A', '株式会社同時B', '株式会社同時C'];
    const services = racing(names.length);
    const results = await Promise.allSettled(names.map((name, i) => services[i]!.register(admin, { name, kind: 'other' })));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect((await rows()).map((r) => r.name).sort()).toEqual(names);
  });

  it('the repository\'s guarded insert alone refuses once the table holds another count than the one read (WriteConflict, no row); and the service refuses a twin', async () => {
    const { store, registry, rows } = await setUp();
    const partners = createKyselyPartners(store.db);
    const now = new Date().toISOString();
    const partner = (id: string): Partner => ({ id, name: `名称${id}`, kind: 'other', clientId: `ptn_${id}`, rateLimitPerMinute: 60, secretVersion: 1, createdAt: now, secretRotatedAt: now, deactivatedAt: null, deactivationReason: null });

    await store.unitOfWork.commit(partners.insert(partner('p1'), 'hash', { held: 0 }));
    await expect(store.unitOfWork.commit(partners.insert(partner('p2'), 'hash', { held: 0 }))).rejects.toBeInstanceOf(WriteConflict);
    await store.unitOfWork.commit(partners.insert(partner('p3'), 'hash', { held: 1 }));
    expect((await rows()).map((r) => r.id)).toEqual(['p1', 'p3']);
    // The service (the API's and the back office's) refuses a twin of a name the repository stored.
    await expect(registry.partners.clients.register(admin, { name: '名称p1', kind: 'other' })).rejects.toMatchObject({ kind: 'conflict' });
    expect(await rows()).toHaveLength(2);
  });
});
