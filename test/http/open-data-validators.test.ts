/**
 * Open data's validators (ETag, Last-Modified, the JSON's asOf) follow only what the export shows.
 * Edits the public never sees (an organization's contact, a returned renewal's draft, an
 * organization registered but not listed, with its draft) leave them as they were, so they cannot
 * tell anyone when those happened, and conditional GETs still answer 304. A publication, an
 * award, its revocation and a public detail of an organization change them, Last-Modified to that
 * change's time. Real server, real SQLite file.
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPANY, DECLARATION, corporateNumberFor, declarationAction, expireDeclarations, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

const PATHS = ['declarations.csv', 'declarations.json', 'awards.csv', 'awards.json'] as const;
let server: TestServer;
let listed: Awaited<ReturnType<typeof seedCompany>>;
let renewing: Awaited<ReturnType<typeof seedCompany>>;
let awardId: string;
let unlisted: Awaited<ReturnType<typeof seedCompany>>;

/** HTTP dates count whole seconds: wait into the next one, so that a moved Last-Modified would show. */
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1100));
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}/api/v1/open-data/${path}`, { headers });
/** Last-Modified moved on from `before` to a time between `from` (taken just before the change) and now: HTTP dates count whole seconds. */
function expectModifiedSince(lastModified: string | null, before: string | null, from: number) {
  expect(Date.parse(lastModified!)).toBeGreaterThanOrEqual(Math.floor(from / 1000) * 1000);
  expect(Date.parse(lastModified!)).toBeLessThanOrEqual(Date.now());
  expect(Date.parse(lastModified!)).toBeGreaterThan(Date.parse(before!));
}

/** Each file's validators, and the JSON files' asOf. */
async function validators() {
  const out: Record<string, { etag: string | null; lastModified: string | null; asOf?: string }> = {};
  for (const path of PATHS) {
    const response = await get(path);
    expect(response.status, path).toBe(200);
    out[path] = { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') };
    if (path.endsWith('.json')) out[path]!.asOf = (await response.json()).asOf;
    else await response.arrayBuffer();
  }
  return out;
}

beforeAll(async () => {
  server = await startTestServer();
  listed = await seedCompany(server, { n: 621, publish: true, name: '公開検証株式会社' });
  renewing = await seedCompany(server, { n: 622, publish: true, name: '更新差戻し株式会社' });
  await expireDeclarations(server, [renewing.declarationId]);
  await declarationAction(server, renewing.declarationId, 'renew', { token: renewing.orgToken });
  await declarationAction(server, renewing.declarationId, 'return', { body: { reason: '取組内容を具体的に記入してください。' } });
  const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: listed.organization.id, fiscalYear: 2025, category: 'excellence', overview: '地方拠点の整備' } });
  expect(award.status).toBe(201);
  awardId = award.body.id;
});
afterAll(() => server.close());

describe('open data validators', () => {
  it('stay as they were through edits the public never sees, and conditional GETs answer 304', async () => {
    const before = await validators();
    await nextSecond();

    // The organization's private contact, a returned renewal's draft, an organization registered but not listed, with a draft.
    const contact = await server.call('PUT', `/api/v1/organizations/${listed.organization.id}`, {
      token: listed.orgToken,
      body: { ...COMPANY, name: '公開検証株式会社', corporateNumber: corporateNumberFor(621), contact: { name: '連絡 三郎', email: 'hidden@example.jp', phone: '03-0000-0003' } },
    });
    expect(contact.status).toBe(200);
    const draft = await server.call('PUT', `/api/v1/declarations/${renewing.declarationId}`, { token: renewing.orgToken, body: { ...DECLARATION, policy: '差戻し後の下書き（未公表）' } });
    expect(draft.status).toBe(200);
    unlisted = await seedCompany(server, { n: 623, name: '未掲載株式会社' });

    expect(await validators()).toEqual(before);
    for (const path of PATHS) {
      expect((await get(path, { 'If-None-Match': before[path]!.etag! })).status, path).toBe(304);
      expect((await get(path, { 'If-Modified-Since': before[path]!.lastModified! })).status, path).toBe(304);
    }
  });

  it('change with a publication, an award, its revocation and a public detail, Last-Modified to its time', async () => {
    const start = await validators();
    await nextSecond();
    await declarationAction(server, unlisted.declarationId, 'submit', { token: unlisted.orgToken });
    const publishing = Date.now();
    const published = await declarationAction(server, unlisted.declarationId, 'publish');

    const afterPublication = await validators();
    for (const path of ['declarations.csv', 'declarations.json']) {
      expect(afterPublication[path]!.etag, path).not.toBe(start[path]!.etag);
      expectModifiedSince(afterPublication[path]!.lastModified, start[path]!.lastModified, publishing);
      expect((await get(path, { 'If-None-Match': start[path]!.etag! })).status, path).toBe(200);
      expect((await get(path, { 'If-Modified-Since': start[path]!.lastModified! })).status, path).toBe(200);
    }
    expect(afterPublication['declarations.json']!.asOf! >= published.updatedAt).toBe(true);
    expect(new Date(afterPublication['declarations.json']!.asOf!).toUTCString()).toBe(afterPublication['declarations.json']!.lastModified);
    // Nothing the awards show changed.
    expect(afterPublication['awards.json']).toEqual(start['awards.json']);

    await nextSecond();
    const revoking = Date.now();
    const revoked = await server.call('POST', `/api/v1/awards/${awardId}/revoke`);
    expect(revoked.status).toBe(200);
    const afterRevocation = await validators();
    for (const path of ['awards.csv', 'awards.json']) {
      expect(afterRevocation[path]!.etag, path).not.toBe(afterPublication[path]!.etag);
      expectModifiedSince(afterRevocation[path]!.lastModified, afterPublication[path]!.lastModified, revoking);
      expect((await get(path, { 'If-Modified-Since': afterPublication[path]!.lastModified! })).status, path).toBe(200);
    }

    await nextSecond();
    const awarding = Date.now();
    const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: listed.organization.id, fiscalYear: 2026, category: 'excellence' } });
    expect(award.status).toBe(201);
    const afterAward = await validators();
    expect(afterAward['awards.json']!.etag).not.toBe(afterRevocation['awards.json']!.etag);
    expectModifiedSince(afterAward['awards.json']!.lastModified, afterRevocation['awards.json']!.lastModified, awarding);

    await nextSecond();
    const renaming = Date.now();
    const renamed = await server.call('PUT', `/api/v1/organizations/${listed.organization.id}`, {
      token: listed.orgToken,
      body: { ...COMPANY, name: '公開検証株式会社', corporateNumber: corporateNumberFor(621), city: '千代田区', contact: { name: '連絡 三郎', email: 'hidden@example.jp', phone: '03-0000-0003' } },
    });
    expect(renamed.status).toBe(200);
    const afterRename = await validators();
    for (const path of PATHS) {
      expect(afterRename[path]!.etag, path).not.toBe(afterAward[path]!.etag);
      expectModifiedSince(afterRename[path]!.lastModified, afterAward[path]!.lastModified, renaming);
    }
  });

  it('change with a public edit another process commits (a second worker, the CLI), even while a polling client repeats its 304', async () => {
    const before = await validators();
    for (let poll = 0; poll < 3; poll++) {
      for (const path of PATHS) expect((await get(path, { 'If-None-Match': before[path]!.etag! })).status, path).toBe(304);
    }
    await nextSecond();
    const renaming = Date.now();
    const other = new BetterSqlite3(server.dbPath);
    try {
      other.prepare('UPDATE organizations SET name = ?, public_updated_at = ?, updated_at = ? WHERE id = ?')
        .run('公開検証ホールディングス株式会社', new Date().toISOString(), new Date().toISOString(), listed.organization.id);
    } finally {
      other.close();
    }
    for (const path of PATHS) {
      const conditional = await get(path, { 'If-None-Match': before[path]!.etag! });
      expect(conditional.status, path).toBe(200);
      expect(conditional.headers.get('etag'), path).not.toBe(before[path]!.etag);
      expectModifiedSince(conditional.headers.get('last-modified'), before[path]!.lastModified, renaming);
      expect(await conditional.text(), path).toContain('公開検証ホールディングス株式会社');
    }
  });
});
