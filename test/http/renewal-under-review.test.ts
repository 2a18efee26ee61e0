/**
 * A declaration that expired and whose organization applied to renew it goes back to review. While
 * it is there, the public still sees the period it saw, as expired (期限切れ), and that a renewal is
 * under review (更新を審査中): on the organization's page, in the lookup API, in open data and on /v
 * (HTML and JSON). Nothing of the renewal itself is shown: not a returned renewal's amended draft.
 * Real server, real SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialUuid, declarationCredential } from '../helpers/credentials.js';
import { DECLARATION, declarationAction, expireDeclarations, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
type Seeded = Awaited<ReturnType<typeof seedCompany>> & { credentialId: string; validUntil: string };
/** Expired, renewal applied for: under review. */
let inReview: Seeded;
/** Expired, renewal returned by the secretariat, amended with a new (unpublished) policy and submitted again. */
let resubmitted: Seeded;
/** Expired, no renewal. */
let lapsed: Seeded;
const DRAFT_POLICY = '更新の下書きにだけある新しい取組方針（未公表）';

const act = (id: string, action: string, options: { token?: string; body?: unknown } = {}) => declarationAction(server, id, action, options);

beforeAll(async () => {
  server = await startTestServer();
  const seeded = await Promise.all([
    seedCompany(server, { n: 401, publish: true, name: '更新審査中株式会社' }),
    seedCompany(server, { n: 402, publish: true, name: '再提出株式会社' }),
    seedCompany(server, { n: 403, publish: true, name: '期限切れのまま株式会社' }),
  ]);
  const [a, b, c] = await Promise.all(
    seeded.map(async (s) => ({ ...s, credentialId: credentialUuid((await declarationCredential(server, s.declarationId)).ref.id), validUntil: '' })),
  );
  // Time travel: the validity ended yesterday; the expiry sweep expires them.
  const yesterday = await expireDeclarations(server, [a!, b!, c!].map((s) => s.declarationId));
  for (const s of [a!, b!, c!]) s.validUntil = yesterday;
  expect((await act(a!.declarationId, 'renew', { token: a!.orgToken })).status).toBe('submitted');
  await act(b!.declarationId, 'renew', { token: b!.orgToken });
  await act(b!.declarationId, 'return', { body: { reason: '取組内容を具体的に記入してください。' } });
  const amended = await server.call('PUT', `/api/v1/declarations/${b!.declarationId}`, { token: b!.orgToken, body: { ...DECLARATION, policy: DRAFT_POLICY } });
  if (amended.status !== 200) throw new Error(`amend: ${amended.status} ${amended.text}`);
  expect((await act(b!.declarationId, 'submit', { token: b!.orgToken })).status).toBe('submitted');
  [inReview, resubmitted, lapsed] = [a!, b!, c!];
});
afterAll(() => server.close());

describe('a renewal after expiry, under review, in public', () => {
  it('the organization page still shows the declaration as 期限切れ, with 更新を審査中 and its last published content', async () => {
    for (const s of [inReview, resubmitted]) {
      const page = await server.call('GET', `/organizations/${s.organization.id}`, { token: null });
      expect(page.status).toBe(200);
      expect(page.text).toContain('期限切れ');
      expect(page.text).toContain('更新を審査中');
      expect(page.text).toContain('この団体は宣言の更新を申請しており、事務局が審査しています。');
      expect(page.text).toContain(DECLARATION.policy);
      expect(page.text).not.toContain(DRAFT_POLICY);
      expect(page.text).not.toContain('公表中の自己宣言はありません');
      expect(page.text).toContain(`/v/${s.credentialId}`);
    }
    const english = await server.call('GET', `/organizations/${inReview.organization.id}?lang=en`, { token: null });
    expect(english.text).toContain('Renewal under review');
  });

  it('an expired declaration without a renewal says nothing of one', async () => {
    const page = await server.call('GET', `/organizations/${lapsed.organization.id}`, { token: null });
    expect(page.text).toContain('期限切れ');
    expect(page.text).not.toContain('更新を審査中');
  });

  it('the lookup API answers expired, with the previous period, its expired badge and renewalUnderReview', async () => {
    const answer = await server.call('GET', `/api/v1/organizations/by-corporate-number/${inReview.organization.corporateNumber}`, { token: null });
    expect(answer.status).toBe(200);
    expect(answer.body.currentDeclaration).toMatchObject({ id: inReview.declarationId, status: 'expired', validUntil: inReview.validUntil, renewalUnderReview: true });
    expect(answer.body.credentials.map((c: { verificationUrl: string; status: string }) => [c.verificationUrl.split('/v/')[1], c.status])).toContainEqual([inReview.credentialId, 'expired']);
    const plain = await server.call('GET', `/api/v1/organizations/by-corporate-number/${lapsed.organization.corporateNumber}`, { token: null });
    expect(plain.body.currentDeclaration).toMatchObject({ status: 'expired', renewalUnderReview: false });
    const bulk = await server.call('POST', '/api/v1/lookup', { body: { corporateNumbers: [resubmitted.organization.corporateNumber], credentialIds: [inReview.credentialId] } });
    expect(bulk.body.results.map((r: { currentDeclaration: unknown }) => r.currentDeclaration)).toMatchObject([
      { status: 'expired', renewalUnderReview: true },
      { status: 'expired', renewalUnderReview: true },
    ]);
  });

  it('/v of the expired badge: still 期限切れ, and 更新を審査中 in the page and the JSON answer', async () => {
    const json = await server.call('GET', `/v/${inReview.credentialId}`, { token: null, headers: { accept: 'application/json' } });
    expect(json.body).toMatchObject({ verdict: 'expired', valid: false, currentVersion: null, renewalUnderReview: true });
    const page = await server.call('GET', `/v/${inReview.credentialId}`, { token: null });
    expect(page.text).toContain('期限切れ');
    expect(page.text).toContain('更新を審査中');
    const plain = await server.call('GET', `/v/${lapsed.credentialId}`, { token: null, headers: { accept: 'application/json' } });
    expect(plain.body).toMatchObject({ verdict: 'expired', renewalUnderReview: false });
    expect((await server.call('GET', `/v/${lapsed.credentialId}`, { token: null })).text).not.toContain('更新を審査中');
  });

  it('open data keeps the row as expired with renewalUnderReview, and the last published content only', async () => {
    const json = await server.call('GET', '/api/v1/open-data/declarations.json', { token: null });
    const rows: { id: string; status: string; renewalUnderReview: boolean; content: { policy?: string } }[] = json.body.items ?? json.body.declarations ?? json.body;
    const row = (id: string) => rows.find((r) => r.id === id);
    expect(row(inReview.declarationId)).toMatchObject({ status: 'expired', renewalUnderReview: true, content: { policy: DECLARATION.policy } });
    expect(row(resubmitted.declarationId)).toMatchObject({ status: 'expired', renewalUnderReview: true, content: { policy: DECLARATION.policy } });
    expect(row(lapsed.declarationId)).toMatchObject({ status: 'expired', renewalUnderReview: false });
    const csv = await server.call('GET', '/api/v1/open-data/declarations.csv', { token: null });
    expect(csv.text).not.toContain(DRAFT_POLICY);
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toMatch(/,更新の審査$/);
    expect(lines.find((l) => l.startsWith(inReview.declarationId))).toMatch(/^[^,]+(,[^,]*)*,期限切れ,.*,更新を審査中$/);
    expect(lines.find((l) => l.startsWith(lapsed.declarationId))).toMatch(/,$/);
  });

  it('the renewal itself stays private: its declaration record reads as expired, with the last published content', async () => {
    const record = await server.call('GET', `/api/v1/declarations/${resubmitted.declarationId}`, { token: null });
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({ status: 'expired', renewalUnderReview: true, version: 1, content: { policy: DECLARATION.policy } });
    expect(record.text).not.toContain(DRAFT_POLICY);
  });
});
