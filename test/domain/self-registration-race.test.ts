/**
 * A company registers itself with GビズID while the same 法人番号 is being registered by someone
 * else (another of its people, or the secretariat): calls interleaved at every await on one SQLite
 * connection (as owners-remove-each-other.test.ts), so both pass the read that looks for the
 * number and the unique index decides. One organization results; the self-registration that lost
 * is the conflict the form's page words ("registered meanwhile"), and leaves no account, member,
 * session or audit entry behind.
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import type { OidcIdentity } from '../../src/domain/services/accounts.js';
import { ADMIN as admin, registryInMemory } from '../helpers/database-file.js';

const NUMBER = '7123456789012';
const identity = (subject: string): OidcIdentity => ({ issuer: 'https://gbiz-id.example.go.jp', subject, email: `${subject}@example.jp`, name: subject, corporateNumber: NUMBER, accountType: null });
const input = { name: '競争株式会社', prefectureCode: '13' };

async function counts(registry: Awaited<ReturnType<typeof registryInMemory>>['registry']) {
  const organizations = await registry.organizations.search({ limit: 10, listedOnly: false });
  const created = await registry.audit.list(admin, { action: 'organization.create', limit: 10 });
  const joined = await registry.audit.list(admin, { action: 'member.join', limit: 10 });
  return { organizations: organizations.items.length, created: created.items.length, joined: joined.items.length };
}

describe('self-registration racing another registration of the same 法人番号 (real SQLite)', () => {
  it('two people of the company at once: one registers it and is its owner; the other is told it is registered now, with nothing saved', async () => {
    const { store, registry } = await registryInMemory();
    const results = await Promise.allSettled([
      registry.web.accounts.registerWithOidc(identity('person-a'), input, null),
      registry.web.accounts.registerWithOidc(identity('person-b'), input, null),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refusal = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason;
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ kind: 'conflict', fields: [{ field: '/corporateNumber' }] });
    expect(await counts(registry)).toEqual({ organizations: 1, created: 1, joined: 1 });
    const accounts = await Promise.all(['person-a', 'person-b'].map((s) => registry.web.accountRepo.findByOidcSubject('https://gbiz-id.example.go.jp', s)));
    expect(accounts.filter(Boolean)).toHaveLength(1);
    const [organization] = (await registry.organizations.search({ limit: 10, listedOnly: false })).items;
    expect((await registry.web.accountRepo.members(organization!.id)).map((m) => m.membership.role)).toEqual(['owner']);
    await store.close();
  });

  it('the secretariat registers it at the same moment: one organization; a self-registration that lost leaves no account', async () => {
    const { store, registry } = await registryInMemory();
    const results = await Promise.allSettled([
      registry.organizations.create(admin, { kind: 'company', corporateNumber: NUMBER, ...input }),
      registry.web.accounts.registerWithOidc(identity('person-c'), input, null),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ kind: 'conflict', fields: [{ field: '/corporateNumber' }] });
    expect((await counts(registry)).organizations).toBe(1);
    const account = await registry.web.accountRepo.findByOidcSubject('https://gbiz-id.example.go.jp', 'person-c');
    expect(account !== null).toBe(results[1].status === 'fulfilled');
    await store.close();
  });
});
