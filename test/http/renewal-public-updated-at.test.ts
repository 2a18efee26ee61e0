/**
 * What the public is shown of a declaration whose renewal after expiry is under review changes
 * only when something it is shown changes. Saving the returned renewal's draft leaves its public
 * updatedAt and ETag as they were (declaration, organization, declaration list, open data), and a
 * conditional GET answers 304; submitting it turns renewalUnderReview, and publishing it the
 * status: then the ETag changes and updatedAt is that change's time. The organization itself and
 * the secretariat keep the stored updatedAt and the row version. Real server, real SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLARATION, declarationAction, expireDeclarations, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let company: Awaited<ReturnType<typeof seedCompany>>;
const DRAFT_POLICY = '差戻し後の更新の下書き（未公表）';

const act = (action: string, options: { token?: string; body?: unknown } = {}) => declarationAction(server, company.declarationId, action, options);
const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

/** What the public reads of the declaration on each surface, with the ETags of the two single answers. */
async function publicSnapshot() {
  const declaration = await server.call('GET', `/api/v1/declarations/${company.declarationId}`, { token: null });
  const organization = await server.call('GET', `/api/v1/organizations/${company.organization.id}`, { token: null });
  const list = await server.call('GET', `/api/v1/declarations?status=expired&limit=100`, { token: null });
  const openData = await server.call('GET', '/api/v1/open-data/declarations.json', { token: null });
  expect([declaration.status, organization.status, list.status, openData.status]).toEqual([200, 200, 200, 200]);
  const rows: { id: string; updatedAt: string }[] = openData.body.items ?? openData.body.declarations ?? openData.body;
  return {
    declarationEtag: declaration.headers.get('etag'),
    organizationEtag: organization.headers.get('etag'),
    updatedAt: {
      declaration: declaration.body.updatedAt as string,
      organizationPage: organization.body.declarations.find((d: { id: string }) => d.id === company.declarationId)?.updatedAt as string,
      list: list.body.items.find((d: { id: string }) => d.id === company.declarationId)?.updatedAt as string | undefined,
      openData: rows.find((r) => r.id === company.declarationId)?.updatedAt,
    },
    renewalUnderReview: declaration.body.renewalUnderReview as boolean,
  };
}

const conditional = (path: string, etag: string | null) => server.call('GET', path, { token: null, headers: { 'if-none-match': etag ?? '' } });

beforeAll(async () => {
  server = await startTestServer();
  company = await seedCompany(server, { n: 601, publish: true, name: '更新下書き株式会社' });
  await expireDeclarations(server, [company.declarationId]);
  await act('renew', { token: company.orgToken });
  await act('return', { body: { reason: '取組内容を具体的に記入してください。' } });
});
afterAll(() => server.close());

describe('a returned renewal, in public', () => {
  it("saving the renewal's draft changes neither the public updatedAt nor the ETags, and conditional GETs answer 304", async () => {
    const before = await publicSnapshot();
    expect(before.renewalUnderReview).toBe(false);
    expect(new Set(Object.values(before.updatedAt)).size).toBe(1);
    const privateBefore = await server.call('GET', `/api/v1/declarations/${company.declarationId}`, { token: company.orgToken });
    await pause();

    const saved = await server.call('PUT', `/api/v1/declarations/${company.declarationId}`, { token: company.orgToken, body: { ...DECLARATION, policy: DRAFT_POLICY } });
    expect(saved.status).toBe(200);

    const after = await publicSnapshot();
    expect(after).toEqual(before);
    expect((await conditional(`/api/v1/declarations/${company.declarationId}`, before.declarationEtag)).status).toBe(304);
    expect((await conditional(`/api/v1/organizations/${company.organization.id}`, before.organizationEtag)).status).toBe(304);

    // The organization itself sees its own edit: the stored time and the row version for If-Match.
    const privateAfter = await server.call('GET', `/api/v1/declarations/${company.declarationId}`, { token: company.orgToken });
    expect(privateAfter.body.updatedAt).toBe(saved.body.updatedAt);
    expect(privateAfter.body.updatedAt > privateBefore.body.updatedAt).toBe(true);
    expect(privateAfter.headers.get('etag')).toBe(`"${saved.body.rowVersion}"`);
    expect(privateAfter.headers.get('etag')).not.toBe(privateBefore.headers.get('etag'));
    const secretariat = await server.call('GET', `/api/v1/declarations/${company.declarationId}`);
    expect(secretariat.body.updatedAt).toBe(saved.body.updatedAt);
  });

  it('submitting it again shows: renewalUnderReview, a new ETag and updatedAt at the submission; publishing it, again', async () => {
    const before = await publicSnapshot();
    await pause();
    const submitted = await act('submit', { token: company.orgToken });

    const underReview = await publicSnapshot();
    expect(underReview.renewalUnderReview).toBe(true);
    expect(underReview.updatedAt).toEqual({ declaration: submitted.updatedAt, organizationPage: submitted.updatedAt, list: submitted.updatedAt, openData: submitted.updatedAt });
    expect(underReview.declarationEtag).not.toBe(before.declarationEtag);
    expect(underReview.organizationEtag).not.toBe(before.organizationEtag);
    const stale = await conditional(`/api/v1/declarations/${company.declarationId}`, before.declarationEtag);
    expect(stale.status).toBe(200);
    expect(stale.body).toMatchObject({ status: 'expired', renewalUnderReview: true, content: { policy: DECLARATION.policy } });
    expect(stale.text).not.toContain(DRAFT_POLICY);
    expect((await conditional(`/api/v1/organizations/${company.organization.id}`, before.organizationEtag)).status).toBe(200);

    await pause();
    const published = await act('publish');
    const declaration = await conditional(`/api/v1/declarations/${company.declarationId}`, underReview.declarationEtag);
    expect(declaration.status).toBe(200);
    expect(declaration.body).toMatchObject({ status: 'published', renewalUnderReview: false, updatedAt: published.updatedAt, content: { policy: DRAFT_POLICY } });
    const organization = await conditional(`/api/v1/organizations/${company.organization.id}`, underReview.organizationEtag);
    expect(organization.status).toBe(200);
    expect(organization.body.declarations[0]).toMatchObject({ status: 'published', updatedAt: published.updatedAt });
    expect((await conditional(`/api/v1/organizations/${company.organization.id}`, organization.headers.get('etag'))).status).toBe(304);
  });
});
