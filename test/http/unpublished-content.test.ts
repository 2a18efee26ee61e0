/**
 * Content that was never published never becomes public. An expired declaration's renewal goes back
 * to review; returned, its draft may be edited; withdrawn from there, the declaration is public again
 * (as withdrawn), but with its last published content, never the edited draft: on the organization's
 * page, in GET /api/v1/declarations/{id}, the list, the organization's JSON, open data (JSON and CSV),
 * the lookup API and /v (page and JSON, whose comparison shows the record). A renewal under review
 * is listed as expired, as lookup and open data show it. Real server, real SQLite file (or D1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialUuid, declarationCredential } from '../helpers/credentials.js';
import { DECLARATION, declarationAction, expireDeclarations, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
type Seeded = Awaited<ReturnType<typeof seedCompany>> & { credentialId: string };
/** Expired, renewal returned, its draft edited, then withdrawn (from draft). */
let withdrawnDraft: Seeded;
/** Expired, renewal returned, edited and submitted again, then withdrawn (from review). */
let withdrawnSubmitted: Seeded;
/** Expired, renewal returned, edited and submitted again: under review. */
let underReview: Seeded;
/** Published, amended while published (that amendment is published: its badge is re-issued), then withdrawn. */
let amendedThenWithdrawn: Seeded;
const EDITED_POLICY = '差戻し後に書き換えたが一度も公表されていない取組方針（非公開）';
const RETURN_REASON = '取組内容をもっと具体的に書いてください（事務局から団体へ）';
const AMENDED_POLICY = '公表中に改訂して公表された取組方針';

const act = (id: string, action: string, options: { token?: string; body?: unknown } = {}) => declarationAction(server, id, action, options);
const amend = async (s: Seeded, policy: string) => {
  const answer = await server.call('PUT', `/api/v1/declarations/${s.declarationId}`, { token: s.orgToken, body: { ...DECLARATION, policy } });
  if (answer.status !== 200) throw new Error(`amend: ${answer.status} ${answer.text}`);
};
const get = (path: string, headers: Record<string, string> = {}) => server.call('GET', path, { token: null, headers });

beforeAll(async () => {
  server = await startTestServer();
  const seeded = await Promise.all([
    seedCompany(server, { n: 501, publish: true, name: '下書きで取下げ株式会社' }),
    seedCompany(server, { n: 502, publish: true, name: '審査中に取下げ株式会社' }),
    seedCompany(server, { n: 503, publish: true, name: '更新審査中株式会社' }),
    seedCompany(server, { n: 504, publish: true, name: '改訂後に取下げ株式会社' }),
  ]);
  const [a, b, c, d] = await Promise.all(seeded.map(async (s) => ({ ...s, credentialId: credentialUuid((await declarationCredential(server, s.declarationId)).ref.id) })));
  // Time travel: the first three ended yesterday; the expiry sweep expires them.
  await expireDeclarations(server, [a!, b!, c!].map((s) => s.declarationId));
  for (const s of [a!, b!, c!]) {
    await act(s.declarationId, 'renew', { token: s.orgToken });
    await act(s.declarationId, 'return', { body: { reason: RETURN_REASON } });
    await amend(s, EDITED_POLICY);
  }
  await act(b!.declarationId, 'submit', { token: b!.orgToken });
  await act(c!.declarationId, 'submit', { token: c!.orgToken });
  expect((await act(a!.declarationId, 'withdraw', { token: a!.orgToken })).status).toBe('withdrawn');
  expect((await act(b!.declarationId, 'withdraw', { token: b!.orgToken })).status).toBe('withdrawn');
  await amend(d!, AMENDED_POLICY);
  await act(d!.declarationId, 'withdraw', { token: d!.orgToken });
  [withdrawnDraft, withdrawnSubmitted, underReview, amendedThenWithdrawn] = [a!, b!, c!, d!];
});
afterAll(() => server.close());

describe('content that was never published stays private', () => {
  it("the organization's page shows the withdrawn declaration with its last published policy, not the edited draft", async () => {
    for (const s of [withdrawnDraft, withdrawnSubmitted]) {
      const page = await get(`/organizations/${s.organization.id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('取下げ');
      expect(page.text).toContain(DECLARATION.policy);
      expect(page.text).not.toContain(EDITED_POLICY);
    }
    const english = await get(`/organizations/${withdrawnDraft.organization.id}?lang=en`);
    expect(english.text).toContain(DECLARATION.policy);
    expect(english.text).not.toContain(EDITED_POLICY);
  });

  it('GET /api/v1/declarations/{id}: withdrawn, the last published version and policy, no return reason', async () => {
    for (const s of [withdrawnDraft, withdrawnSubmitted]) {
      const answer = await get(`/api/v1/declarations/${s.declarationId}`);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ id: s.declarationId, status: 'withdrawn', version: 1, renewalUnderReview: false, statusReason: null, content: { policy: DECLARATION.policy } });
      expect(answer.text).not.toContain(EDITED_POLICY);
      expect(answer.text).not.toContain(RETURN_REASON);
    }
    // The organization itself still reads its whole record.
    const own = await server.call('GET', `/api/v1/declarations/${withdrawnDraft.declarationId}`, { token: withdrawnDraft.orgToken });
    expect(own.body).toMatchObject({ status: 'withdrawn', version: 2, content: { policy: EDITED_POLICY } });
  });

  it('the public list and the organization JSON show the last published content only', async () => {
    const withdrawn = await get('/api/v1/declarations?status=withdrawn&limit=100');
    expect(withdrawn.status).toBe(200);
    const ids = withdrawn.body.items.map((d: { id: string }) => d.id);
    expect(ids).toEqual(expect.arrayContaining([withdrawnDraft.declarationId, withdrawnSubmitted.declarationId]));
    expect(withdrawn.text).toContain(DECLARATION.policy);
    expect(withdrawn.text).not.toContain(EDITED_POLICY);
    const organization = await get(`/api/v1/organizations/${withdrawnDraft.organization.id}`);
    expect(organization.status).toBe(200);
    expect(organization.body.declarations).toMatchObject([{ id: withdrawnDraft.declarationId, status: 'withdrawn', content: { policy: DECLARATION.policy } }]);
    expect(organization.text).not.toContain(EDITED_POLICY);
    expect(organization.text).not.toContain(RETURN_REASON);
  });

  it('open data (JSON and CSV) carries the withdrawn rows with their last published policy', async () => {
    const json = await get('/api/v1/open-data/declarations.json');
    const rows: { id: string; status: string; content: { policy?: string } }[] = json.body.items ?? json.body.declarations ?? json.body;
    for (const s of [withdrawnDraft, withdrawnSubmitted]) {
      expect(rows.find((r) => r.id === s.declarationId)).toMatchObject({ status: 'withdrawn', content: { policy: DECLARATION.policy } });
    }
    expect(json.text).not.toContain(EDITED_POLICY);
    const csv = await get('/api/v1/open-data/declarations.csv');
    expect(csv.text).not.toContain(EDITED_POLICY);
    expect(csv.text.split('\r\n').find((l) => l.startsWith(withdrawnDraft.declarationId))).toContain(DECLARATION.policy);
  });

  it('the lookup API answers withdrawn and says nothing of the edited draft', async () => {
    const answer = await get(`/api/v1/organizations/by-corporate-number/${withdrawnDraft.organization.corporateNumber}`);
    expect(answer.status).toBe(200);
    expect(answer.body.currentDeclaration).toMatchObject({ id: withdrawnDraft.declarationId, status: 'withdrawn' });
    expect(answer.text).not.toContain(EDITED_POLICY);
    const bulk = await server.call('POST', '/api/v1/lookup', { body: { credentialIds: [withdrawnSubmitted.credentialId, underReview.credentialId] } });
    expect(bulk.status).toBe(200);
    expect(bulk.text).not.toContain(EDITED_POLICY);
  });

  it('/v of the old badge compares it with the last published record, never the edited draft', async () => {
    for (const s of [withdrawnDraft, withdrawnSubmitted, underReview]) {
      const json = await get(`/v/${s.credentialId}`, { accept: 'application/json' });
      expect(json.status).toBe(200);
      expect(json.text).not.toContain(EDITED_POLICY);
      const rows: { field: string; same: boolean }[] = json.body.comparison.rows;
      // The badge was signed over the published version: nothing of the declaration differs from the record.
      expect(rows.filter((r) => r.field.startsWith('declaration.') && !r.same)).toEqual([]);
      const page = await get(`/v/${s.credentialId}`);
      expect(page.text).not.toContain(EDITED_POLICY);
    }
  });

  it('an amendment made while published was published, and stays public after withdrawal', async () => {
    const answer = await get(`/api/v1/declarations/${amendedThenWithdrawn.declarationId}`);
    expect(answer.body).toMatchObject({ status: 'withdrawn', version: 2, content: { policy: AMENDED_POLICY } });
    expect((await get(`/organizations/${amendedThenWithdrawn.organization.id}`)).text).toContain(AMENDED_POLICY);
  });
});

describe('a renewal under review reads as expired on every surface, the list included', () => {
  it('GET /api/v1/declarations/{id}: expired, renewalUnderReview, the last published content', async () => {
    const answer = await get(`/api/v1/declarations/${underReview.declarationId}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'expired', renewalUnderReview: true, version: 1, statusReason: null, content: { policy: DECLARATION.policy } });
    expect(answer.text).not.toContain(EDITED_POLICY);
    expect(answer.text).not.toContain(RETURN_REASON);
  });

  it('GET /api/v1/declarations?status=expired lists it, as expired with renewalUnderReview', async () => {
    const list = await get('/api/v1/declarations?status=expired&limit=100');
    expect(list.status).toBe(200);
    expect(list.body.items.find((d: { id: string }) => d.id === underReview.declarationId)).toMatchObject({ status: 'expired', renewalUnderReview: true, content: { policy: DECLARATION.policy } });
    expect(list.text).not.toContain(EDITED_POLICY);
    const mine = await get(`/api/v1/declarations?status=expired&organizationId=${underReview.organization.id}`);
    expect(mine.body.items).toMatchObject([{ id: underReview.declarationId, status: 'expired', renewalUnderReview: true }]);
    // Under review is not a status the public may filter by.
    expect((await get('/api/v1/declarations?status=submitted')).status).toBe(400);
  });
  it('the change feed says what the public sees: each renewal as expired and under review, each return as expired without it, the withdrawal of a renewal, and never a reason for returning', async () => {
    const events: { type: string; subject: { id: string }; data: { declaration?: Record<string, unknown> } }[] = [];
    for (let cursor = '', more = true; more; ) {
      const page = await get(`/api/v1/changes?limit=200${cursor ? `&after=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      events.push(...page.body.items);
      [cursor, more] = [page.body.nextCursor, page.body.hasMore];
    }
    const of = (s: Seeded, type: string) => events.filter((e) => e.subject.id === s.declarationId && e.type === type).map((e) => e.data.declaration);
    const inReview = expect.objectContaining({ status: 'expired', renewalUnderReview: true });
    const sentBack = expect.objectContaining({ status: 'expired', renewalUnderReview: false });
    // Renewed (under review), sent back (expired again, no longer under review), and for two of them submitted again.
    expect(of(withdrawnDraft, 'declaration.renewed')).toEqual([inReview]);
    for (const s of [withdrawnSubmitted, underReview]) expect(of(s, 'declaration.renewed')).toEqual([inReview, inReview]);
    for (const s of [withdrawnDraft, withdrawnSubmitted, underReview]) expect(of(s, 'declaration.expired')).toEqual([sentBack, sentBack]);
    for (const s of [withdrawnDraft, withdrawnSubmitted]) expect(of(s, 'declaration.withdrawn')).toEqual([expect.objectContaining({ status: 'withdrawn', renewalUnderReview: false, statusReason: null })]);
    expect(of(underReview, 'declaration.withdrawn')).toEqual([]);
    expect(JSON.stringify(events)).not.toContain(RETURN_REASON);
    expect(JSON.stringify(events)).not.toContain(EDITED_POLICY);
  });
});
