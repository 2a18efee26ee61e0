/**
 * An award credential's Achievement is identified by its id (OB 3.0 Achievement.id: a unique URI).
 * Two 大臣賞 of one year in different divisions (部門) are different achievements, with different
 * names: each has its own id, and its division alignment names the division's code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { localUrl } from '../helpers/credentials.js';

type Json = Record<string, any>;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  for (const [code, nameJa, nameEn, sortOrder] of [['large', '大企業部門', 'Large companies', 10], ['small', '中小企業部門', 'Small companies', 20]] as const) {
    const division = await server.call('POST', '/api/v1/award-divisions', { body: { code, nameJa, nameEn, sortOrder } });
    expect(division.status, division.text).toBe(201);
  }
});
afterAll(() => server?.close());

async function awardCredential(n: number, division?: string): Promise<Json> {
  const { organization } = await seedCompany(server, { n, publish: true });
  const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: organization.id, fiscalYear: 2024, category: 'minister', ...(division ? { division } : {}), awardedOn: '2025-02-10' } });
  expect(award.status, award.text).toBe(201);
  const response = await fetch(localUrl(server, award.body.credentials[0].id), { headers: { accept: 'application/vc' } });
  return (await response.json()) as Json;
}

describe('the Achievement of an award credential', () => {
  it('two divisions of one year and category are two achievements: each its own id, its division alignment coded; without a division the id is as before', async () => {
    const large = (await awardCredential(701, 'large')).credentialSubject.achievement;
    const small = (await awardCredential(702, 'small')).credentialSubject.achievement;
    const plain = (await awardCredential(703)).credentialSubject.achievement;
    expect(large.name).not.toBe(small.name);
    expect(large.id).not.toBe(small.id);
    expect(new Set([large.id, small.id, plain.id]).size).toBe(3);
    expect(plain.id).toMatch(/\/achievements\/telework-award\/2024\/minister$/);
    expect(large.id).toMatch(/\/achievements\/telework-award\/2024\/minister\/large$/);
    const divisionOf = (achievement: Json) => achievement.alignment.find((a: Json) => a.targetType === 'ext:TeleworkAwardDivision');
    expect(divisionOf(large)).toMatchObject({ targetCode: 'large', targetName: '大企業部門', targetNameEn: 'Large companies' });
    expect(divisionOf(small)).toMatchObject({ targetCode: 'small', targetName: '中小企業部門' });
    expect(divisionOf(plain)).toBeUndefined();
  });

  it('the credential with a division still verifies and reads as that award on /v (JSON)', async () => {
    const credential = await awardCredential(704, 'small');
    const verified = await server.call('POST', '/credentials/verify', { token: null, body: { verifiableCredential: credential } });
    expect(verified.body.errors).toEqual([]);
    expect(verified.status).toBe(200);
    const page = await server.call('GET', `/v/${credential.id.split('/').pop()}`, { token: null, headers: { accept: 'application/json' } });
    expect(page.body.award).toMatchObject({ fiscalYear: 2024, category: { ja: '大臣賞' }, division: { ja: '中小企業部門' } });
  });
});
