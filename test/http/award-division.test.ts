/**
 * An award's division (部門) on the public pages and the organization's /my: two 大臣賞 of one
 * year, one for large companies and one for small ones, read alike unless the division is named,
 * as the verification page and the back office name it (大臣賞（大企業部門）). The badge kit's heading
 * and the award's badge image name it too, and the image shows the award's date (表彰日); so do the
 * previews' text alternatives (alt) and the badge kit's reason for a suspended award's missing badge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsMember } from '../helpers/staff.js';
import { credentialsOf } from '../helpers/credentials.js';

let server: TestServer;
let organizationId: string;
let awardId: string;

beforeAll(async () => {
  server = await startTestServer();
  const division = await server.call('POST', '/api/v1/award-divisions', { body: { code: 'large', nameJa: '大企業部門', nameEn: 'Large companies', sortOrder: 10 } });
  expect(division.status, division.text).toBe(201);
  const { organization } = await seedCompany(server, { n: 620, publish: true, name: '部門表示株式会社' });
  organizationId = organization.id;
  const award = await server.call('POST', '/api/v1/awards', { body: { organizationId, fiscalYear: 2024, category: 'minister', division: 'large', awardedOn: '2025-02-10' } });
  expect(award.status, award.text).toBe(201);
  awardId = award.body.id;
});
afterAll(() => server?.close());

/** The award cards of a page (each <li class="card"> that names the award's category). */
const awardCards = (html: string, category: string) => [...html.matchAll(/<li class="card">[\s\S]*?<\/li>/g)].map((m) => m[0].replace(/<[^>]+>/g, '')).filter((text) => text.includes(category) && !text.includes('自己宣言 公表中'));

describe('an award’s division on the public pages', () => {
  it('/awards names it beside the award’s mark, in Japanese and English', async () => {
    const ja = await server.call('GET', '/awards?fiscalYear=2024', { token: null });
    expect(awardCards(ja.text, '大臣賞').join('\n')).toContain('大臣賞（大企業部門）');
    const en = await server.call('GET', '/awards?fiscalYear=2024&lang=en', { token: null });
    expect(awardCards(en.text, 'Minister').join('\n')).toContain('Minister&#39;s Award(Large companies)');
  });

  it('the organization page names it with the award, as the verification page does: 大臣賞（大企業部門）', async () => {
    const ja = await server.call('GET', `/organizations/${organizationId}`, { token: null });
    expect(ja.text).toMatch(/<h3>令和6年度（2024年度） 大臣賞（大企業部門）/);
    const en = await server.call('GET', `/organizations/${organizationId}?lang=en`, { token: null });
    expect(en.text).toMatch(/<h3>FY2024 \(April 2024 – March 2025\) Minister&#39;s Award \(Large companies\)/);
  });

  it('the organization’s dashboard (/my) names it with the award too', async () => {
    const member = await signInAsMember(server, organizationId);
    expect((await member.request('GET', '/my')).text).toMatch(/<h3>令和6年度（2024年度） 大臣賞（大企業部門） <span class="status/);
    expect((await member.request('GET', '/my?lang=en')).text).toMatch(/<h3>FY2024 \(April 2024 – March 2025\) Minister&#39;s Award \(Large companies\) <span class="status/);
  });

  it('the badge kit (/my/badges) heads the award’s badge with its division; the badge image names it and shows the 表彰日', async () => {
    const member = await signInAsMember(server, organizationId);
    const ja = (await member.request('GET', '/my/badges')).text;
    expect(ja).toMatch(/<h2 id="kit-\d+">令和6年度（2024年度） 地方創生テレワーク表彰 大臣賞（大企業部門）<\/h2>/);
    const en = (await member.request('GET', '/my/badges?lang=en')).text;
    expect(en).toMatch(/<h2 id="kit-\d+">FY2024 Regional Revitalization Telework Award — Minister&#39;s Award \(Large companies\)<\/h2>/);
    // The award's kit: its heading, then its badge.
    const id = /大臣賞（大企業部門）<\/h2>[\s\S]*?\/credentials\/([0-9a-f-]{36})\/badge\.svg/.exec(ja)?.[1];
    const svg = (await server.call('GET', `/credentials/${id}/badge.svg`, { token: null })).text;
    // The card's words as read (each <text> a line; the headline may wrap between words).
    const lines = [...svg.matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()).join('\n');
    expect(lines.replace(/\s+/g, '')).toContain('令和6年度（2024年度）地方創生テレワーク表彰大臣賞（大企業部門）');
    expect(lines).toMatch(/^表彰日 Awarded\n2025年2月10日$/m);
  });

  it('the badge previews’ text alternatives name the division, as the image does: /my/badges and the organization page', async () => {
    const member = await signInAsMember(server, organizationId);
    const alts = (html: string) => [...html.matchAll(/<img [^>]*alt="([^"]*)"/g)].map((m) => m[1]!);
    expect(alts((await member.request('GET', '/my/badges')).text)).toContain('部門表示株式会社 令和6年度（2024年度） 大臣賞（大企業部門）のバッジ');
    expect(alts((await member.request('GET', '/my/badges?lang=en')).text)).toContain('部門表示株式会社: FY2024 (April 2024 – March 2025) Minister&#39;s Award (Large companies) badge');
    const ja = alts((await server.call('GET', `/organizations/${organizationId}`, { token: null })).text);
    expect(ja).toContain('部門表示株式会社 令和6年度（2024年度） 大臣賞（大企業部門）のバッジ（検証ページを開く）');
    expect(ja).toContain('部門表示株式会社 令和6年度（2024年度） 大臣賞（大企業部門）のバッジ');
    const en = alts((await server.call('GET', `/organizations/${organizationId}?lang=en`, { token: null })).text);
    expect(en).toContain('部門表示株式会社: FY2024 (April 2024 – March 2025) Minister&#39;s Award (Large companies) badge (opens its verification page)');
  });

  it('the organization page’s badge gallery names the award’s division under its badge', async () => {
    const captions = (html: string) => [...html.matchAll(/<li class="badge-gallery__item">([\s\S]*?)<\/li>/g)].map((m) => m[1]!.replace(/<img[^>]*>/g, '').replace(/<[^>]+>/g, '').replaceAll('&#39;', "'"));
    const ja = captions((await server.call('GET', `/organizations/${organizationId}`, { token: null })).text);
    // Beside the award's mark (a flex row, as on /awards: the gap is the space).
    expect(ja.some((c) => /大臣賞\s*（大企業部門）/.test(c)), ja.join('\n')).toBe(true);
    const en = captions((await server.call('GET', `/organizations/${organizationId}?lang=en`, { token: null })).text);
    expect(en.some((c) => /Minister's Award\s*\(Large companies\)/.test(c)), en.join('\n')).toBe(true);
  });

  it('the verification page names it in the page’s own brackets: 大臣賞（大企業部門） / Minister’s Award (Large companies)', async () => {
    const [credential] = await credentialsOf(server, `/api/v1/awards/${awardId}`);
    const path = new URL(credential!.verificationUrl).pathname;
    const category = (html: string) => /<dt>(?:賞|Category)<\/dt>\s*<dd[^>]*>([\s\S]*?)<\/dd>/.exec(html)?.[1];
    expect(category((await server.call('GET', path, { token: null })).text)).toBe('大臣賞（大企業部門）');
    expect(category((await server.call('GET', `${path}?lang=en`, { token: null })).text)).toBe('Minister&#39;s Award (Large companies)');
  });

  it('a suspended award’s missing badge is named with its division in the badge kit (/my/badges)', async () => {
    const member = await signInAsMember(server, organizationId);
    expect((await server.call('POST', `/api/v1/awards/${awardId}/suspend`, { body: { reason: 'under-investigation' } })).status).toBe(200);
    expect((await member.request('GET', '/my/badges')).text).toContain('令和6年度（2024年度） 大臣賞（大企業部門）のバッジは一時停止中のため');
    expect((await member.request('GET', '/my/badges?lang=en')).text).toContain('The FY2024 (April 2024 – March 2025) Minister&#39;s Award (Large companies) badge is suspended');
  });
});
