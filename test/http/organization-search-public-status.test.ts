/**
 * The public organization search filtered by declaration status answers the status the public is
 * shown (publicStateOf), as the declaration list, lookup, the organization page and open data do:
 * an expired declaration whose renewal is under review (stored as submitted, or draft once
 * returned) is found under expired; a declaration withdrawn before it was ever published is not
 * found under withdrawn; an amended published declaration stays published. The secretariat's
 * filter keeps the stored status. Real server, real SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLARATION, declarationAction, expireDeclarations, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
type Seeded = Awaited<ReturnType<typeof seedCompany>>;
/** Expired, renewal applied for: under review (stored: submitted). */
let inReview: Seeded;
/** Expired, renewal returned by the secretariat (stored: draft). */
let returned: Seeded;
/** Expired, no renewal. */
let lapsed: Seeded;
/** Published, then amended (a new version, still published). */
let amended: Seeded;
/** A published declaration revoked, then a new draft withdrawn before it was published. */
let revokedThenDraftWithdrawn: Seeded;

const act = (id: string, action: string, options: { token?: string; body?: unknown } = {}) => declarationAction(server, id, action, options);

beforeAll(async () => {
  server = await startTestServer();
  [inReview, returned, lapsed, amended, revokedThenDraftWithdrawn] = await Promise.all([
    seedCompany(server, { n: 501, publish: true, name: '検索更新審査中株式会社' }),
    seedCompany(server, { n: 502, publish: true, name: '検索差戻し株式会社' }),
    seedCompany(server, { n: 503, publish: true, name: '検索期限切れ株式会社' }),
    seedCompany(server, { n: 504, publish: true, name: '検索改訂株式会社' }),
    seedCompany(server, { n: 505, publish: true, name: '検索取消株式会社' }),
  ]);
  await expireDeclarations(server, [inReview, returned, lapsed].map((s) => s.declarationId));
  await act(inReview.declarationId, 'renew', { token: inReview.orgToken });
  await act(returned.declarationId, 'renew', { token: returned.orgToken });
  await act(returned.declarationId, 'return', { body: { reason: '取組内容を具体的に記入してください。' } });
  const amendment = await server.call('PUT', `/api/v1/declarations/${amended.declarationId}`, { token: amended.orgToken, body: { ...DECLARATION, policy: '改訂した取組方針' } });
  expect(amendment.status).toBe(200);
  await act(revokedThenDraftWithdrawn.declarationId, 'revoke', { body: { reason: 'other' } });
  const draft = await server.call('POST', `/api/v1/organizations/${revokedThenDraftWithdrawn.organization.id}/declarations`, { token: revokedThenDraftWithdrawn.orgToken, body: DECLARATION });
  expect(draft.status).toBe(201);
  await act(draft.body.id, 'withdraw', { token: revokedThenDraftWithdrawn.orgToken });
});
afterAll(() => server.close());

const seededIds = () => new Set([inReview, returned, lapsed, amended, revokedThenDraftWithdrawn].map((s) => s.organization.id));

/** The seeded organizations the organization search finds with `status`: the public's, or the secretariat's. */
async function organizationsWith(status: string, { admin = false } = {}): Promise<string[]> {
  const answer = await server.call('GET', `/api/v1/organizations?status=${status}&limit=100`, admin ? {} : { token: null });
  expect(answer.status).toBe(200);
  return answer.body.items.map((o: { id: string }) => o.id).filter((id: string) => seededIds().has(id)).sort();
}

/** The seeded organizations of the declarations the public declaration list shows with `status`. */
async function organizationsOfDeclarationsWith(status: string): Promise<string[]> {
  const answer = await server.call('GET', `/api/v1/declarations?status=${status}&limit=100`, { token: null });
  expect(answer.status).toBe(200);
  return [...new Set<string>(answer.body.items.map((d: { organizationId: string }) => d.organizationId))].filter((id) => seededIds().has(id)).sort();
}

describe('the public organization search by declaration status', () => {
  it('finds an organization whose expired declaration is being renewed under 期限切れ (expired), submitted or returned', async () => {
    const expired = await organizationsWith('expired');
    expect(expired).toEqual([inReview, returned, lapsed].map((s) => s.organization.id).sort());
  });

  it('finds an amended published declaration under published, and nothing under review', async () => {
    expect(await organizationsWith('published')).toEqual([amended.organization.id]);
  });

  it('does not find a declaration withdrawn before it was ever published under withdrawn; its revoked one under revoked', async () => {
    expect(await organizationsWith('withdrawn')).toEqual([]);
    expect(await organizationsWith('revoked')).toEqual([revokedThenDraftWithdrawn.organization.id]);
  });

  it('agrees with the public declaration list for every public status', async () => {
    for (const status of ['published', 'suspended', 'withdrawn', 'revoked', 'expired']) {
      expect({ status, organizations: await organizationsWith(status) }).toEqual({ status, organizations: await organizationsOfDeclarationsWith(status) });
    }
  });

  it('refuses the statuses the public is never shown (submitted, draft) with 400 naming status', async () => {
    for (const status of ['submitted', 'draft']) {
      const answer = await server.call('GET', `/api/v1/organizations?status=${status}`, { token: null });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.text).toContain('status');
    }
  });
});

describe("the secretariat's organization search by declaration status", () => {
  it('keeps the stored status: the renewals under review are submitted and draft, not expired', async () => {
    expect(await organizationsWith('expired', { admin: true })).toEqual([lapsed.organization.id]);
    expect(await organizationsWith('submitted', { admin: true })).toEqual([inReview.organization.id]);
    expect(await organizationsWith('draft', { admin: true })).toEqual([returned.organization.id]);
    expect(await organizationsWith('withdrawn', { admin: true })).toEqual([revokedThenDraftWithdrawn.organization.id]);
  });
});
