/**
 * An organization's own audit trail (/my/history): entries about its records, whoever made them,
 * and what its own members and tokens did; never another organization's entries. Real SQLite.
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { accountContext } from '../../src/domain/services/accounts.js';
import { organizationAuditTrail } from '../../src/domain/services/organization-audit.js';
import { ADMIN as admin, registryInMemory } from '../helpers/database-file.js';

const INPUT = { signerName: '山田', signerTitle: '社長', committedOn: '2025-03-01', guidelineAreas: ['labor'] };

describe("an organization's audit trail", () => {
  it('holds its own records and its members’ actions, newest first, and nothing of another organization', async () => {
    const { store, registry } = await registryInMemory();
    const a = await registry.organizations.create(admin, { kind: 'company', name: 'A株式会社', corporateNumber: '7123456789012', prefectureCode: '13' });
    const b = await registry.organizations.create(admin, { kind: 'company', name: 'B株式会社', corporateNumber: '1180301018771', prefectureCode: '13' });
    const asA = accountContext('acct-a', a.id, null, 'owner');
    const asB = accountContext('acct-b', b.id, null, 'owner');
    const declA = await registry.declarations.create(asA, a.id, INPUT);
    await registry.declarations.act(asA, declA.id, 'submit');
    await registry.declarations.act(admin, declA.id, 'return', { reason: '記入漏れ' });
    const declB = await registry.declarations.create(asB, b.id, INPUT);
    await registry.declarations.act(asB, declB.id, 'submit');
    await registry.declarations.act(admin, declB.id, 'publish');
    await registry.organizations.update(admin, b.id, { kind: 'company', name: 'B株式会社（新）', corporateNumber: '1180301018771', prefectureCode: '13' });

    const trail = await organizationAuditTrail(registry.deps.repos, asA, a.id, { limit: 50 });
    expect(trail.items.map((e) => e.action)).toEqual(['declaration.return', 'declaration.submit', 'declaration.create', 'organization.create']);
    for (const entry of trail.items) expect([a.id, declA.id]).toContain(entry.entityId);

    // Paged newest first: the cursor leads to older entries only.
    const first = await organizationAuditTrail(registry.deps.repos, asA, a.id, { limit: 2 });
    const second = await organizationAuditTrail(registry.deps.repos, asA, a.id, { limit: 2, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((e) => e.seq)).toEqual(trail.items.map((e) => e.seq));
    expect(second.nextCursor).toBeNull();

    // The secretariat's own steps about A's record (a revocation request and its decision) stay with the secretariat.
    const step = (action: string) => registry.deps.repos.audit.append({ at: new Date().toISOString(), actorTokenId: 't-admin', actorRole: 'admin', actorOrganizationId: null, action, entityType: 'declaration', entityId: declA.id, before: null, after: { reason: 'false-declaration' }, requestId: null });
    await store.unitOfWork.commit(['revocation.request', 'revocation.reject', 'review-note.add'].map(step));
    expect((await organizationAuditTrail(registry.deps.repos, asA, a.id, { limit: 50 })).items.map((e) => e.action)).toEqual(trail.items.map((e) => e.action));

    // A member of A may not read B's trail.
    await expect(organizationAuditTrail(registry.deps.repos, asA, b.id)).rejects.toBeInstanceOf(DomainError);
    await store.close();
  });
});
