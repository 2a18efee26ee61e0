import { describe, expect, it } from 'vitest';
import { ADMIN as admin, registryInMemory } from '../helpers/database-file.js';

describe('expiry (real SQLite, controlled clock)', () => {
  it('expires a published declaration at the end of its validity; it can then be renewed and republished', async () => {
    let now = new Date('2025-04-01T00:00:00Z');
    const { store, registry } = await registryInMemory({ now: () => now });
    const org = await registry.organizations.create(admin, { kind: 'company', name: '期限テスト株式会社', corporateNumber: '7123456789012', prefectureCode: '13' });
    const draft = await registry.declarations.create(admin, org.id, { signerName: '山田', signerTitle: '社長', committedOn: '2025-03-01', guidelineAreas: ['labor'] });
    await registry.declarations.act(admin, draft.id, 'submit');
    const published = await registry.declarations.act(admin, draft.id, 'publish');
    // Published at 09:00 JST on 1 April 2025: valid to the end of 1 April 2026 in Japan.
    expect(published.validUntil).toBe('2026-04-01T14:59:59.999Z');

    now = new Date('2026-04-01T14:59:59Z');
    expect(await registry.declarations.expireDue(admin)).toBe(0);
    now = new Date('2026-04-01T15:00:00Z');
    expect(await registry.declarations.expireDue(admin)).toBe(1);
    expect((await registry.declarations.view(admin.actor, draft.id)).status).toBe('expired');

    const renewed = await registry.declarations.act(admin, draft.id, 'renew');
    expect(renewed.status).toBe('submitted');
    const republished = await registry.declarations.act(admin, draft.id, 'publish');
    expect(republished.status).toBe('published');
    expect(republished.validUntil).toBe('2027-04-02T14:59:59.999Z');

    const audit = await registry.audit.list(admin, { entityId: draft.id, limit: 100 });
    expect(audit.items.map((e) => e.action)).toEqual([
      'declaration.create', 'declaration.submit', 'declaration.publish', 'declaration.expire', 'declaration.renew', 'declaration.publish',
    ]);
    expect(audit.items[3]!.actorRole).toBe('system:expiry');
    await store.close();
  });

  it('renews a published declaration in its last 90 days without a lapse: still published, valid a period more from its old end, with a new credential', async () => {
    let now = new Date('2025-04-01T00:00:00Z');
    const { store, registry } = await registryInMemory({ now: () => now });
    const org = await registry.organizations.create(admin, { kind: 'company', name: '早期更新株式会社', corporateNumber: '7123456789012', prefectureCode: '13' });
    const draft = await registry.declarations.create(admin, org.id, { signerName: '山田', signerTitle: '社長', committedOn: '2025-03-01', guidelineAreas: ['labor'] });
    await registry.declarations.act(admin, draft.id, 'submit');
    await registry.declarations.act(admin, draft.id, 'publish');
    const [first] = await registry.deps.credentials.listFor({ type: 'declaration', id: draft.id });

    // Before the window (more than 90 days left): refused, nothing changed.
    now = new Date('2025-12-31T00:00:00Z');
    await expect(registry.declarations.act(admin, draft.id, 'renew')).rejects.toMatchObject({ kind: 'conflict', extra: { renewableFrom: '2025-12-31T15:00:00.000Z' } });
    expect((await registry.declarations.view(admin.actor, draft.id)).validUntil).toBe('2026-04-01T14:59:59.999Z');

    // In the window: renewed at once, no review, the badge re-issued with the new period.
    now = new Date('2026-02-15T00:00:00Z');
    const renewed = await registry.declarations.act(admin, draft.id, 'renew');
    expect(renewed).toMatchObject({ status: 'published', validFrom: '2026-02-15T00:00:00.000Z', validUntil: '2027-04-01T14:59:59.999Z' });
    const credentials = (await registry.deps.credentials.listFor({ type: 'declaration', id: draft.id })) as unknown as { id: string; status: string }[];
    expect(credentials.map((c) => c.status).sort()).toEqual(['active', 'superseded']);
    expect(credentials.find((c) => c.id === first!.id)!.status).toBe('superseded');

    // The old end passes: nothing expires.
    now = new Date('2026-04-02T00:00:00Z');
    expect(await registry.declarations.expireDue(admin)).toBe(0);
    expect((await registry.declarations.view(admin.actor, draft.id)).status).toBe('published');
    await store.close();
  });

  it('does not let a concurrent change be lost: the second writer of the same version gets a conflict', async () => {
    const { store, registry } = await registryInMemory();
    const org = await registry.organizations.create(admin, { kind: 'company', name: '競合テスト', corporateNumber: '7000012050002', prefectureCode: '13' });
    const d = await registry.declarations.create(admin, org.id, { signerName: '山田', signerTitle: '社長', committedOn: '2025-03-01', guidelineAreas: ['labor'] });
    await registry.declarations.act(admin, d.id, 'submit');
    await registry.declarations.act(admin, d.id, 'publish');
    const results = await Promise.allSettled([
      registry.declarations.act(admin, d.id, 'revoke', { reason: 'other' }),
      registry.declarations.act(admin, d.id, 'suspend', { reason: 'other' }),
      registry.declarations.act(admin, d.id, 'withdraw'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const audit = await registry.audit.list(admin, { entityId: d.id, limit: 100 });
    expect(audit.items).toHaveLength(4);
    await store.close();
  });
});
