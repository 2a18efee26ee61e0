/**
 * An award's partner municipality (連携自治体) on the public pages: the back office and open data
 * name it, and so do /awards' cards, the home page's recent awards and the organization page's award entries, in Japanese and
 * English (its English name when it has one); so does the awarded organization's own dashboard (/my).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUNICIPALITY, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsMember } from '../helpers/staff.js';

let server: TestServer;
let organizationId: string;

beforeAll(async () => {
  server = await startTestServer();
  // Sapporo, not listed itself (no declaration, no award): it is named all the same, as open data names it.
  const sapporo = await server.call('POST', '/api/v1/organizations', { body: { ...MUNICIPALITY, name: '札幌市', nameEn: 'Sapporo', localGovernmentCode: '011002', prefectureCode: '01' } });
  expect(sapporo.status, sapporo.text).toBe(201);
  const { organization } = await seedCompany(server, { n: 640, publish: true, name: '連携表示株式会社' });
  organizationId = organization.id;
  const award = await server.call('POST', '/api/v1/awards', { body: { organizationId, fiscalYear: 2024, category: 'minister', partnerMunicipalityId: sapporo.body.id, awardedOn: '2025-02-10' } });
  expect(award.status, award.text).toBe(201);
});
afterAll(() => server?.close());

/** The text of the award cards of a page (each <li class="card"> that names the award's category). */
const awardCards = (html: string, category: string) => [...html.matchAll(/<li class="card">[\s\S]*?<\/li>/g)].map((m) => m[0].replace(/<[^>]+>/g, '')).filter((text) => text.includes(category) && !text.includes('自己宣言 公表中'));

describe('an award’s partner municipality on the public pages', () => {
  it('/awards names it on the award’s card, in Japanese and English', async () => {
    const ja = await server.call('GET', '/awards?fiscalYear=2024', { token: null });
    expect(awardCards(ja.text, '大臣賞').join('\n')).toContain('連携自治体：札幌市');
    const en = await server.call('GET', '/awards?fiscalYear=2024&lang=en', { token: null });
    expect(awardCards(en.text, 'Minister').join('\n')).toContain('Partner municipality: Sapporo');
  });

  it('the organization page names it with the award', async () => {
    const ja = await server.call('GET', `/organizations/${organizationId}`, { token: null });
    expect(awardCards(ja.text, '大臣賞').join('\n')).toContain('連携自治体：札幌市');
    const en = await server.call('GET', `/organizations/${organizationId}?lang=en`, { token: null });
    expect(awardCards(en.text, 'Minister').join('\n')).toContain('Partner municipality: Sapporo');
  });

  it('the home page names it among the recent awards', async () => {
    const ja = await server.call('GET', '/', { token: null });
    expect(awardCards(ja.text, '大臣賞').join('\n')).toContain('連携自治体：札幌市');
    const en = await server.call('GET', '/?lang=en', { token: null });
    expect(awardCards(en.text, 'Minister').join('\n')).toContain('Partner municipality: Sapporo');
  });

  it('the awarded organization’s dashboard (/my) names it with the award, as the public pages do', async () => {
    const member = await signInAsMember(server, organizationId);
    const ja = await member.request('GET', '/my');
    expect(awardCards(ja.text, '大臣賞').join('\n')).toContain('連携自治体：札幌市');
    const en = await member.request('GET', '/my?lang=en');
    expect(awardCards(en.text, 'Minister').join('\n')).toContain('Partner municipality: Sapporo');
  });
});
