/**
 * A municipality named as the partner municipality (連携自治体) of a company's award sees it on its
 * own dashboard (/my): the award is the company's, so it is listed apart from the municipality's
 * own awards, naming the company (linked to its public page), the year and the category.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUNICIPALITY, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsMember } from '../helpers/staff.js';
import { pageText } from '../helpers/web-browser.js';

let server: TestServer;
let municipalityId: string;
let companyId: string;

beforeAll(async () => {
  server = await startTestServer();
  municipalityId = (await server.call('POST', '/api/v1/organizations', { body: MUNICIPALITY })).body.id;
  companyId = (await seedCompany(server, { n: 652, publish: true, name: '株式会社ふるさとワーク' })).organization.id;
  const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: companyId, fiscalYear: 2025, category: 'minister', partnerMunicipalityId: municipalityId, awardedOn: '2025-12-01' } });
  expect(award.status).toBe(201);
}, 120_000);
afterAll(() => server?.close());


describe('awards a municipality partnered in, on its /my', () => {
  it('are listed apart from its own, naming the company with a link to its page, in Japanese and English', async () => {
    const officer = await signInAsMember(server, municipalityId, '千代田 一郎');
    const html = (await officer.request('GET', '/my')).text;
    const ja = pageText(html);
    expect(ja).toContain('表彰の記録はありません。'); // none of its own
    expect(ja).toContain('連携自治体として');
    expect(ja).toMatch(/令和7年度（2025年度） 大臣賞 .*株式会社ふるさとワーク/);
    expect(html).toContain(`href="/organizations/${companyId}"`);
    const en = pageText((await officer.request('GET', '/my?lang=en')).text);
    expect(en).toContain('As partner municipality');
    expect(en).toMatch(/FY2025.*Minister.*株式会社ふるさとワーク/);
  });

  it("the company's dashboard has no such list", async () => {
    const person = await signInAsMember(server, companyId);
    expect(pageText((await person.request('GET', '/my')).text)).not.toContain('連携自治体として');
  });
});
