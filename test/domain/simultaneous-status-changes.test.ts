/**
 * Two people change one record's state at the same moment, each from a page read before the other
 * acted: the secretariat revokes an award another administrator is suspending; an organization
 * withdraws its declaration while the secretariat revokes it. Calls interleaved at every await on
 * one SQLite connection (as test/domain/one-live-declaration.test.ts races creations): exactly one
 * change commits, the other is refused with a conflict (409), and the record's status, its
 * credential's status and the audit log tell the same story.
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { ADMIN as admin, registryInMemory } from '../helpers/database-file.js';

const DECLARATION = { signerName: '山田', signerTitle: '社長', committedOn: '2025-03-01', guidelineAreas: ['labor'] };
const ORGANIZATION_ACTOR = (organizationId: string) => ({ actor: { role: 'organization' as const, organizationId, tokenId: 't-org' }, requestId: null });

function oneWinner(results: PromiseSettledResult<unknown>[]) {
  expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  const reason = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason;
  expect(reason).toBeInstanceOf(DomainError);
  expect(['conflict', 'precondition-failed']).toContain((reason as DomainError).kind);
  return results.findIndex((r) => r.status === 'fulfilled');
}

describe('simultaneous state changes (real SQLite)', () => {
  it('an award revoked by one administrator while another suspends it: one commits; status, credential and audit agree', async () => {
    const { store, registry } = await registryInMemory();
    const org = await registry.organizations.create(admin, { kind: 'municipality', name: '同時操作市', localGovernmentCode: '131016', prefectureCode: '13' });
    const award = await registry.awards.create(admin, { organizationId: org.id, fiscalYear: 2024, category: 'minister', awardedOn: '2025-01-20' } as never);
    const results = await Promise.allSettled([registry.awards.act(admin, award.id, 'suspend', { reason: 'under-investigation' } as never), registry.awards.act(admin, award.id, 'revoke', { reason: 'false-declaration' } as never)]);
    const won = oneWinner(results);
    const expected = won === 0 ? 'suspended' : 'revoked';
    expect((await registry.awards.get(award.id)).status).toBe(expected);
    const credentials = (await registry.deps.credentials.listFor({ type: 'award', id: award.id })) as unknown as { status: string }[];
    expect(credentials.map((c) => c.status)).toEqual([expected]);
    const audit = await registry.audit.list(admin, { entityType: 'award', entityId: award.id, limit: 10 });
    expect(audit.items.map((e) => e.action).filter((a) => a !== 'award.create')).toEqual([`award.${won === 0 ? 'suspend' : 'revoke'}`]);
    await store.close();
  });

  it('a declaration withdrawn by its organization while the secretariat revokes it: one commits; status, credential and audit agree', async () => {
    const { store, registry } = await registryInMemory();
    const org = await registry.organizations.create(admin, { kind: 'company', name: '取下げ同時株式会社', corporateNumber: '7123456789012', prefectureCode: '13' });
    const draft = await registry.declarations.create(admin, org.id, DECLARATION);
    await registry.declarations.act(admin, draft.id, 'submit');
    await registry.declarations.act(admin, draft.id, 'publish');
    const results = await Promise.allSettled([registry.declarations.act(ORGANIZATION_ACTOR(org.id) as never, draft.id, 'withdraw'), registry.declarations.act(admin, draft.id, 'revoke', { reason: 'false-declaration' } as never)]);
    const won = oneWinner(results);
    const expected = won === 0 ? 'withdrawn' : 'revoked';
    expect((await registry.declarations.view(admin.actor, draft.id)).status).toBe(expected);
    // Withdrawn or revoked, the badge is no longer valid either way: its credential is revoked.
    const credentials = (await registry.deps.credentials.listFor({ type: 'declaration', id: draft.id })) as unknown as { status: string }[];
    expect(credentials.map((c) => c.status)).toEqual(['revoked']);
    const audit = await registry.audit.list(admin, { entityType: 'declaration', entityId: draft.id, limit: 20 });
    expect(audit.items.map((e) => e.action).filter((a) => a === 'declaration.withdraw' || a === 'declaration.revoke')).toEqual([`declaration.${won === 0 ? 'withdraw' : 'revoke'}`]);
    await store.close();
  });
});
