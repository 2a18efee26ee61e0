/**
 * Races of the bulk re-issue (registry.reissue) on real SQLite: two runners on the same
 * credential, and a lifecycle change racing a switch in either order. Each loser's batch aborts
 * as a whole; there is always exactly one live credential, in the declaration's state.
 */
import { describe, expect, it } from 'vitest';
import { generateIssuerKey } from '../../src/adapters/crypto/keys.js';
import { openSqlite } from '../../src/adapters/sqlite/open.js';
import type { UnitOfWork, WriteOp } from '../../src/ports/store.js';
import { ADMIN as admin, registryInMemory } from '../helpers/database-file.js';


async function setup() {
  const store = await openSqlite({ path: ':memory:' });
  const oldKey = { ...(await generateIssuerKey()), createdAt: '2025-01-01T00:00:00.000Z' };
  const newKey = { ...(await generateIssuerKey()), createdAt: '2026-01-01T00:00:00.000Z' };
  /** Runs `before` once, right before the next commit: the other party wins the race. */
  let before: (() => Promise<unknown>) | null = null;
  const uow: UnitOfWork = {
    async commit(ops: readonly WriteOp[]) {
      const hook = before;
      before = null;
      if (hook) await hook();
      return store.unitOfWork.commit(ops);
    },
  };
  const { registry: old } = await registryInMemory({ store, unitOfWork: uow, keys: [oldKey] });
  const org = await old.organizations.create(admin, { kind: 'company', name: '再発行テスト株式会社', corporateNumber: '7123456789012', prefectureCode: '13' });
  const draft = await old.declarations.create(admin, org.id, { signerName: '山田', signerTitle: '社長', committedOn: '2025-03-01', guidelineAreas: ['labor'] });
  await old.declarations.act(admin, draft.id, 'submit');
  await old.declarations.act(admin, draft.id, 'publish');
  const { registry: rotated } = await registryInMemory({ store, unitOfWork: uow, keys: [oldKey, newKey] });
  const live = async () => (await rotated.credentials.listByOrganization(org.id)).filter((c) => c.status === 'active' || c.status === 'suspended');
  return { store, old, rotated, declarationId: draft.id, newKey, live, raceBeforeNextCommit: (hook: () => Promise<unknown>) => (before = hook) };
}

describe('bulk re-issue races', () => {
  it('two runners on the same credential: one switches it, the other is skipped', async () => {
    const { store, rotated, live, newKey } = await setup();
    const [a, b] = await Promise.all([rotated.reissue.run(admin, { limit: 10 }), rotated.reissue.run(admin, { limit: 10 })]);
    expect(a.reissued + b.reissued).toBe(1);
    expect(a.skipped + b.skipped).toBe(1);
    expect((await live()).map((c) => c.keyId)).toEqual([newKey.keyId]);
    expect((await rotated.audit.list(admin, { action: 'credential.reissue', limit: 10 })).items).toHaveLength(1);
    await store.close();
  });

  it('a suspension committed while the switch is being signed: the switch aborts, the next pass re-issues it suspended', async () => {
    const { store, old, rotated, live, declarationId, raceBeforeNextCommit } = await setup();
    raceBeforeNextCommit(() => old.declarations.act(admin, declarationId, 'suspend', { reason: 'under-investigation' }));
    expect(await rotated.reissue.run(admin, { limit: 10 })).toMatchObject({ reissued: 0, skipped: 1, remaining: 1 });
    expect(await rotated.reissue.run(admin, { limit: 10 })).toMatchObject({ reissued: 1, skipped: 0, remaining: 0 });
    const [current] = await live();
    expect(current!.status).toBe('suspended');
    expect(current!.entries.find((e) => e.purpose === 'suspension')!.isSet).toBe(true);
    expect(await live()).toHaveLength(1);
    await store.close();
  });

  it('a switch committed while a suspension is pending: the suspension gets 409, and retried it suspends the successor', async () => {
    const { store, rotated, live, declarationId, newKey, raceBeforeNextCommit } = await setup();
    raceBeforeNextCommit(() => rotated.reissue.run(admin, { limit: 10 }));
    await expect(rotated.declarations.act(admin, declarationId, 'suspend', { reason: 'under-investigation' })).rejects.toMatchObject({ kind: 'conflict' });
    expect((await live()).map((c) => [c.status, c.keyId])).toEqual([['active', newKey.keyId]]);
    await rotated.declarations.act(admin, declarationId, 'suspend', { reason: 'under-investigation' });
    expect((await live()).map((c) => [c.status, c.keyId])).toEqual([['suspended', newKey.keyId]]);
    await store.close();
  });
});
