/**
 * One word per concept in what people read (domain.md; the seed uses 自治体 for municipalities):
 * the secretariat's revocation is 取消 (verb 取り消す), never 失効 nor the variant spellings
 * 取消し / 取り消し as a noun; expiry is 期限切れ and the organization's withdrawal 取下げ; a municipality
 * is a 自治体, and only its code keeps the official name 地方公共団体コード; the day an award was given
 * is its 表彰日 ("Awarded on"), as the seed's 表彰 and the open data's column say, never 授賞日. This
 * scans the pages a verifier or the public meets in every state, the problem messages and the
 * organization's e-mails, and every place an award's date is read (public, /my, back office, CSV).
 * Machine-readable values (`revoked`, field names) are not text and are not scanned.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declarationLetter } from '../../src/domain/mail/declaration-mail.js';
import { awardLetter } from '../../src/domain/mail/award-mail.js';
import { compose } from '../../src/domain/mail/letter.js';
import type { Award, Declaration, Organization } from '../../src/domain/model.js';
import { credentialUuid, declarationCredential } from '../helpers/credentials.js';
import { signInAsAdministrator, signInAsMember } from '../helpers/staff.js';
import { csrfIn } from '../helpers/web-browser.js';
import { MUNICIPALITY, seedCompany, expireDeclarations, startTestServer, type TestServer } from '../helpers/server.js';

/** The rejected variants, each with what to write instead. */
const REJECTED: { pattern: RegExp; instead: string }[] = [
  { pattern: /失効/, instead: '取消 (revocation by the secretariat), 期限切れ (expiry) or 取下げ (withdrawal)' },
  { pattern: /取消し/, instead: '取消' },
  // The noun; the verb's forms 取り消します・取り消して・取り消した are right.
  { pattern: /取り消し(?![まてた])/, instead: '取消' },
  { pattern: /地方公共団体(?!コード)/, instead: '自治体 (the code keeps its name 地方公共団体コード)' },
  { pattern: /授賞日/, instead: '表彰日' },
  { pattern: /Award date/, instead: 'Awarded on' },
];

/** Each rejected variant found in `text`, with a little context, so a failure says where. */
function rejectedIn(where: string, text: string): string[] {
  const visible = text.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<style[\s\S]*?<\/style>/g, '');
  return REJECTED.flatMap(({ pattern, instead }) => {
    const match = new RegExp(pattern.source, 'g').exec(visible);
    return match ? [`${where}: "${visible.slice(Math.max(0, match.index - 20), match.index + 20)}" (write ${instead})`] : [];
  });
}

let server: TestServer;
const pages: string[] = [];
const credentialIds: Record<string, string> = {};
let revokedDeclarationId: string;

beforeAll(async () => {
  server = await startTestServer();
  const [valid, revoked, withdrawn, suspended, expired] = await Promise.all(
    [1, 2, 3, 4, 5].map((n) => seedCompany(server, { n: 500 + n, publish: true, name: `用語テスト株式会社${n}` })),
  );
  const states = { valid, revoked, withdrawn, suspended, expired };
  for (const [state, s] of Object.entries(states)) credentialIds[state] = credentialUuid((await declarationCredential(server, s!.declarationId)).ref.id);
  revokedDeclarationId = revoked!.declarationId;
  await server.call('POST', `/api/v1/declarations/${revoked!.declarationId}/revoke`, { body: { reason: 'false-declaration' } });
  await server.call('POST', `/api/v1/declarations/${withdrawn!.declarationId}/withdraw`, { token: withdrawn!.orgToken });
  await server.call('POST', `/api/v1/declarations/${suspended!.declarationId}/suspend`, { body: { reason: 'under-investigation' } });
  await expireDeclarations(server, [expired!.declarationId]);
  const municipality = await server.call('POST', '/api/v1/organizations', { body: MUNICIPALITY });
  if (municipality.status !== 201) throw new Error(`municipality: ${municipality.status} ${municipality.text}`);
  for (const s of Object.values(states)) pages.push(`/organizations/${s!.organization.id}`, `/organizations/${s!.organization.id}?lang=en`);
  for (const id of Object.values(credentialIds)) pages.push(`/v/${id}`);
  pages.push('/', '/organizations', '/organizations?kind=municipality', '/awards', '/verify');
});
afterAll(() => server.close());

describe('one term per concept in what people read', () => {
  it('the public pages in every state (organization pages, /v, portal, /verify) use 取消 and 自治体 only', async () => {
    const found: string[] = [];
    for (const path of pages) {
      const page = await server.call('GET', path, { token: null });
      expect(page.status, path).toBe(200);
      found.push(...rejectedIn(path, page.text));
    }
    expect(found).toEqual([]);
  });

  it('/v of a revoked badge says 取消, in the page and its JSON label', async () => {
    const page = await server.call('GET', `/v/${credentialIds.revoked}`, { token: null });
    expect(page.text).toContain('取消');
    const json = await server.call('GET', `/v/${credentialIds.revoked}`, { token: null, headers: { accept: 'application/json' } });
    expect(json.body).toMatchObject({ verdict: 'revoked', verdictLabel: { ja: '取消' } });
    expect(JSON.stringify(json.body.explanation)).toContain('取り消されています');
  });

  it('the badge image of a revoked badge, and the problem messages when acting on a revoked declaration', async () => {
    const found: string[] = [];
    const badge = await server.call('GET', `/credentials/${credentialIds.revoked}/badge.svg`, { token: null });
    expect(badge.text).toContain('取消');
    found.push(...rejectedIn('badge.svg (revoked)', badge.text));
    for (const [action, body] of [['revoke', { reason: 'false-declaration' }], ['suspend', { reason: 'under-investigation' }], ['withdraw', {}]] as const) {
      const refused = await server.call('POST', `/api/v1/declarations/${revokedDeclarationId}/${action}`, { body });
      expect(refused.status, action).toBe(409);
      expect(refused.text, action).toContain('取消');
      found.push(...rejectedIn(`409 on ${action}`, refused.text));
    }
    expect(found).toEqual([]);
  });

  it('the e-mails of every declaration and award change', () => {
    const organization = { id: 'o', kind: 'municipality', name: '千代田区', nameEn: 'Chiyoda City' } as Organization;
    const declaration = { id: 'd', status: 'revoked', statusReason: 'false-declaration', statusNote: null, validUntil: '2030-01-01T00:00:00.000Z' } as Declaration;
    const award = { id: 'a', status: 'revoked', statusReason: 'false-declaration', statusNote: null, awardedOn: '2026-02-10' } as Award;
    const sender = { ja: '地方創生テレワーク推進事務局', en: 'Secretariat' };
    const found: string[] = [];
    for (const action of ['create', 'return', 'publish', 'suspend', 'reinstate', 'revoke', 'withdraw', 'expire']) {
      const letter = declarationLetter({ action, before: null, after: declaration, organization }, { baseUrl: 'https://registry.example' });
      if (letter) found.push(...rejectedIn(`declaration e-mail (${action})`, compose(letter.letter, sender).text));
      const awarded = awardLetter({ action, after: award, organization, title: { ja: '令和7年度 大臣賞', en: 'FY2025 Minister’s Award' } }, { baseUrl: 'https://registry.example' });
      if (awarded) found.push(...rejectedIn(`award e-mail (${action})`, compose(awarded.letter, sender).text));
    }
    expect(found).toEqual([]);
  });

  it('the day of an award is 表彰日 (Awarded on) wherever it is read: public pages, /my, the back office, its import template, its messages', async () => {
    const { organization } = await seedCompany(server, { n: 510, publish: true, name: '用語テスト表彰株式会社' });
    const recorded = await server.call('POST', '/api/v1/awards', { body: { organizationId: organization.id, fiscalYear: 2024, category: 'minister', awardedOn: '2025-02-10' } });
    expect(recorded.status, recorded.text).toBe(201);
    const award = recorded.body;
    const admin = await signInAsAdministrator(server);
    const member = await signInAsMember(server, organization.id);
    const found: string[] = [];
    /** `where` names the date 表彰日 (in English: Awarded on), and says none of the rejected words. */
    const read = (where: string, text: string) => {
      const term = /lang=en/.test(where) ? 'Awarded on' : '表彰日';
      expect(text.includes(term), `${where} says ${term}`).toBe(true);
      found.push(...rejectedIn(where, text));
    };
    const verification = new URL(award.credentials[0].verificationUrl).pathname;
    for (const path of [`/organizations/${organization.id}`, `/organizations/${organization.id}?lang=en`, '/awards?year=2024', '/awards?year=2024&lang=en', verification, `${verification}?lang=en`]) {
      const page = await server.call('GET', path, { token: null });
      expect(page.status, path).toBe(200);
      read(path, page.text);
    }
    for (const path of ['/my', '/my?lang=en']) {
      const page = await member.request('GET', path);
      expect(page.status, path).toBe(200);
      read(path, page.text);
    }
    for (const path of ['/admin/awards?year=2024', '/admin/awards?year=2024&lang=en', `/admin/awards/${award.id}`, `/admin/awards/${award.id}?lang=en`, '/admin/awards/new', '/admin/awards/new?lang=en', '/admin/awards/import', '/admin/awards/import/template.csv']) {
      const page = await admin.request('GET', path);
      expect(page.status, path).toBe(200);
      read(path, page.text);
    }
    const refused = await server.call('POST', '/api/v1/awards', { body: { organizationId: organization.id, fiscalYear: 2023, category: 'minister', awardedOn: '2024-02-30' } });
    expect(refused.status).toBe(400);
    // The problem names the field by its pointer (/awardedOn) in English; its Japanese by the term.
    read('400 on POST /api/v1/awards', refused.text);
    const csrf = csrfIn((await admin.request('GET', '/admin/awards/new')).text);
    for (const lang of ['ja', 'en']) {
      const form = await admin.request('POST', `/admin/awards${lang === 'en' ? '?lang=en' : ''}`, { form: { csrf, organization: organization.corporateNumber, fiscalYear: '2023', category: 'minister', division: '', partnerMunicipality: '', overview: '', message: '', awardedOn: '2024-13-01' } });
      expect(form.status).toBe(400);
      read(`the refused award form (lang=${lang})`, form.text);
    }
    const letter = awardLetter({ action: 'create', after: { ...award, awardedOn: '2025-02-10' } as Award, organization: organization as Organization, title: { ja: '令和6年度 大臣賞', en: 'FY2024 Minister’s Award' } }, { baseUrl: 'https://registry.example' })!;
    const mail = compose(letter.letter, { ja: '事務局', en: 'Secretariat' }).text;
    read('award e-mail (create)', mail);
    read('award e-mail (create, lang=en)', mail);
    expect(found).toEqual([]);
  });
});
