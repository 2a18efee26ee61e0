/**
 * What the public is shown of an organization changes only when something it is shown changes.
 * The organization editing its private contact (person, e-mail, phone) leaves its public
 * updatedAt and ETag as they were (its JSON and the public search), and a conditional GET answers
 * 304; a public detail changed (its city) shows: a new ETag, and updatedAt at that change. The
 * organization itself and the secretariat keep the stored updatedAt and the row version for
 * If-Match. Real server, real SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPANY, corporateNumberFor, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let company: Awaited<ReturnType<typeof seedCompany>>;
const NAME = '連絡先変更株式会社';
const N = 611;
const profile = (changes: Record<string, unknown>) => ({ ...COMPANY, name: NAME, corporateNumber: corporateNumberFor(N), ...changes });
const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

/** What the public reads of the organization: its JSON (with the ETag) and its entry in the public search. */
async function publicSnapshot() {
  const organization = await server.call('GET', `/api/v1/organizations/${company.organization.id}`, { token: null });
  const search = await server.call('GET', `/api/v1/organizations?q=${encodeURIComponent(NAME)}`, { token: null });
  expect([organization.status, search.status]).toEqual([200, 200]);
  const found = search.body.items.find((o: { id: string }) => o.id === company.organization.id);
  return { etag: organization.headers.get('etag'), body: organization.body, search: found };
}

const conditional = (etag: string | null) => server.call('GET', `/api/v1/organizations/${company.organization.id}`, { token: null, headers: { 'if-none-match': etag ?? '' } });
const save = async (changes: Record<string, unknown>) => {
  const saved = await server.call('PUT', `/api/v1/organizations/${company.organization.id}`, { token: company.orgToken, body: profile(changes) });
  expect(saved.status).toBe(200);
  return saved;
};

beforeAll(async () => {
  server = await startTestServer();
  company = await seedCompany(server, { n: N, publish: true, name: NAME });
});
afterAll(() => server.close());

describe('an organization, in public', () => {
  it('editing its private contact changes neither the public updatedAt nor the ETag, and a conditional GET answers 304', async () => {
    await save({ contact: { name: '連絡 一郎', email: 'first@example.jp', phone: '03-0000-0001' } });
    const before = await publicSnapshot();
    expect(before.search.updatedAt).toBe(before.body.updatedAt);
    const privateBefore = await server.call('GET', `/api/v1/organizations/${company.organization.id}`, { token: company.orgToken });
    await pause();

    const saved = await save({ contact: { name: '連絡 二郎', email: 'second@example.jp', phone: '03-0000-0002' } });

    const after = await publicSnapshot();
    expect(after).toEqual(before);
    expect(JSON.stringify(after.body)).not.toContain('second@example.jp');
    expect((await conditional(before.etag)).status).toBe(304);

    // The organization itself sees its own edit: the stored time and the row version for If-Match.
    const privateAfter = await server.call('GET', `/api/v1/organizations/${company.organization.id}`, { token: company.orgToken });
    expect(privateAfter.body.updatedAt).toBe(saved.body.updatedAt);
    expect(privateAfter.body.updatedAt > privateBefore.body.updatedAt).toBe(true);
    expect(privateAfter.body.contact.email).toBe('second@example.jp');
    expect(privateAfter.headers.get('etag')).toBe(`"${saved.body.version}"`);
    expect(privateAfter.headers.get('etag')).not.toBe(privateBefore.headers.get('etag'));
    const secretariat = await server.call('GET', `/api/v1/organizations/${company.organization.id}`);
    expect(secretariat.body.updatedAt).toBe(saved.body.updatedAt);
    expect(secretariat.headers.get('etag')).toBe(`"${saved.body.version}"`);
  });

  it('changing a public detail shows: a new ETag, and updatedAt at that change', async () => {
    const before = await publicSnapshot();
    await pause();
    const saved = await save({ city: '千代田区', contact: { name: '連絡 二郎', email: 'second@example.jp', phone: '03-0000-0002' } });

    const after = await publicSnapshot();
    expect(after.body).toMatchObject({ city: '千代田区', updatedAt: saved.body.updatedAt });
    expect(after.search).toMatchObject({ city: '千代田区', updatedAt: saved.body.updatedAt });
    expect(after.etag).not.toBe(before.etag);
    expect((await conditional(before.etag)).status).toBe(200);
    expect((await conditional(after.etag)).status).toBe(304);
  });
});
