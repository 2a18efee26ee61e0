/**
 * The two owners of an organization remove each other at the same moment (each on the members
 * page in their own browser). Each removal alone is allowed, another owner remains; both together
 * left the organization with no owner at all: nobody could invite, remove or manage its members
 * again, and the audit log recorded two removals. Calls interleaved at every await on one SQLite
 * connection (as test/domain/one-live-declaration.test.ts races creations): one removal commits,
 * the other is refused as the last owner's (409, the message the members page shows).
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { accountContext } from '../../src/domain/services/accounts.js';
import { ADMIN as admin, registryInMemory } from '../helpers/database-file.js';

describe('two owners removing each other at once (real SQLite)', () => {
  it('one removal commits; the other is refused as the last owner’s; one owner and one audit entry remain', async () => {
    const { store, registry } = await registryInMemory();
    const org = await registry.organizations.create(admin, { kind: 'company', name: '相互削除株式会社', corporateNumber: '7123456789012', prefectureCode: '13' });
    const at = new Date().toISOString();
    const repo = registry.web.accountRepo;
    for (const id of ['owner-a', 'owner-b']) {
      await store.unitOfWork.commit([
        repo.insert({ id, displayName: id, email: null, oidcIssuer: null, oidcSubject: null, createdAt: at, lastSignInAt: null, staffRole: null }),
        repo.addMember({ organizationId: org.id, accountId: id, role: 'owner', createdAt: at }),
      ]);
    }
    const results = await Promise.allSettled([
      registry.web.accounts.removeMember(accountContext('owner-a', org.id, null, 'owner'), org.id, 'owner-b'),
      registry.web.accounts.removeMember(accountContext('owner-b', org.id, null, 'owner'), org.id, 'owner-a'),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refusal = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason;
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ kind: 'conflict', ja: expect.stringContaining('最後の管理者は削除できません') });
    const owners = (await repo.members(org.id)).filter((m) => m.membership.role === 'owner');
    expect(owners).toHaveLength(1);
    const removals = await registry.audit.list(admin, { entityType: 'organization', entityId: org.id, action: 'member.remove', limit: 10 });
    expect(removals.items).toHaveLength(1);
    await store.close();
  });
});
