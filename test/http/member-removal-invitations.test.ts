import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsMember } from '../helpers/staff.js';
import { browser, csrfIn } from '../helpers/web-browser.js';

/**
 * Removing a member of an organization stops the invitation links they made that are still open,
 * as removing a staff member does: the page that made each showed its link to that person, who
 * could otherwise join again with it (as an owner, if they chose) once removed.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('an owner removing another member', () => {
  it('cancels the open invitations that member made, so their links no longer let them back in', async () => {
    const company = await seedCompany(server, { n: 63 });
    const staying = await signInAsMember(server, company.organization.id, '残る 管理者');
    const leaving = await signInAsMember(server, company.organization.id, '外される 管理者');

    const invited = await leaving.request('POST', '/my/members/invite', { form: { csrf: csrfIn((await leaving.request('GET', '/my/members')).text), role: 'owner', email: '' } });
    expect(invited.status).toBe(200);
    const link = new URL(/https?:\/\/[^\s<"]+\/join\/[A-Za-z0-9_-]+/.exec(invited.text)![0]);
    expect((await browser(server, link.origin).request('GET', link.pathname)).status).toBe(200);

    const db = new BetterSqlite3(server.dbPath, { readonly: true, fileMustExist: true });
    const { id: leavingId } = db.prepare("SELECT id FROM accounts WHERE display_name = '外される 管理者'").get() as { id: string };
    db.close();
    const removed = await staying.request('POST', `/my/members/${leavingId}/remove`, { form: { csrf: csrfIn((await staying.request('GET', '/my/members')).text) } });
    expect(removed.status).toBe(303);

    expect((await browser(server, link.origin).request('GET', link.pathname)).status).toBe(410);
    expect((await leaving.request('GET', '/my')).status).toBe(302);
    expect((await staying.request('GET', '/my/members')).status).toBe(200);
  });
});

describe('an organization with more invitations than its members page lists (60)', () => {
  const NEWER = 60;
  const inviteNewer = async (organizationId: string) => {
    for (let i = 0; i < NEWER; i++) expect((await server.call('POST', `/api/v1/organizations/${organizationId}/invitations`, { body: { role: 'editor' } })).status).toBe(201);
  };

  it("removing a member still stops their open invitation when it is the oldest, behind the 50 newest", async () => {
    const company = await seedCompany(server, { n: 64 });
    const staying = await signInAsMember(server, company.organization.id, '残る 管理者');
    const leaving = await signInAsMember(server, company.organization.id, '外される 編集者');
    const invited = await leaving.request('POST', '/my/members/invite', { form: { csrf: csrfIn((await leaving.request('GET', '/my/members')).text), role: 'owner', email: '' } });
    expect(invited.status).toBe(200);
    const link = new URL(/https?:\/\/[^\s<"]+\/join\/[A-Za-z0-9_-]+/.exec(invited.text)![0]);
    await inviteNewer(company.organization.id);

    const db = new BetterSqlite3(server.dbPath, { readonly: true, fileMustExist: true });
    const { id: leavingId } = db.prepare("SELECT id FROM accounts WHERE display_name = '外される 編集者'").get() as { id: string };
    db.close();
    const removed = await staying.request('POST', `/my/members/${leavingId}/remove`, { form: { csrf: csrfIn((await staying.request('GET', '/my/members')).text) } });
    expect(removed.status).toBe(303);
    expect((await browser(server, link.origin).request('GET', link.pathname)).status).toBe(410);
  });

  it('DELETE …/invitations/{invitationId} cancels the oldest open one too (204), and its link stops', async () => {
    const company = await seedCompany(server, { n: 65 });
    const oldest = await server.call('POST', `/api/v1/organizations/${company.organization.id}/invitations`, { body: { role: 'owner' } });
    expect(oldest.status).toBe(201);
    await inviteNewer(company.organization.id);
    const link = new URL(oldest.body.url);
    const cancelled = await server.call('DELETE', `/api/v1/organizations/${company.organization.id}/invitations/${oldest.body.id}`);
    expect(cancelled.status, cancelled.text).toBe(204);
    expect((await browser(server, link.origin).request('GET', link.pathname)).status).toBe(410);
  });
});
