import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { inviteStaff, signInAsAdministrator, signInAsStaff, staffCsrf } from '../helpers/staff.js';
import { browser, type Browser } from '../helpers/web-browser.js';

/**
 * Removing a person from the staff stops the staff invitations they sent that are still open, as
 * revoking an administrator token does: their links were in that person's hands. Those already
 * used are left: whoever joined is removed (or kept) on their own.
 */
let server: TestServer;
let admin: Browser;

beforeAll(async () => {
  server = await startTestServer();
  admin = await signInAsAdministrator(server);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('removing a staff member', () => {
  it('cancels the open staff invitations they sent, in the same step', async () => {
    const leaving = await signInAsStaff(server, admin, 'administrator', '退職 予定');
    const kept = await signInAsStaff(server, leaving, 'viewer', '参加済み');
    const link = new URL(await inviteStaff(leaving, 'administrator', '未参加'));
    expect((await browser(server, link.origin).request('GET', link.pathname)).status).toBe(200);

    const staffPage = (await admin.request('GET', '/admin/staff')).text;
    const accountId = /退職 予定[\s\S]*?action="\/admin\/staff\/([^/"]+)\/role"/.exec(staffPage)![1]!;
    const removed = await admin.request('POST', `/admin/staff/${accountId}/remove`, { form: { csrf: await staffCsrf(admin) } });
    expect(removed.status).toBe(303);

    expect((await browser(server, link.origin).request('GET', link.pathname)).status).toBe(410);
    expect((await kept.request('GET', '/admin')).status).toBe(200);
    const log = (await server.call('GET', '/api/v1/audit-log?action=staff.invitation-cancel')).body.items as { at: string }[];
    const [removal] = (await server.call('GET', '/api/v1/audit-log?action=staff.remove')).body.items as { at: string }[];
    expect(log.map((e) => e.at)).toEqual([removal!.at]);
  });

  it('revokes the administrator tokens they issued: neither the API nor /admin/login lets them back in; organization tokens stay', async () => {
    const leaving = await signInAsStaff(server, admin, 'administrator', '退職 トークン');
    const company = await seedCompany(server, { n: 58 });
    const issue = async (role: string, organizationId = '') => {
      const page = await leaving.request('POST', '/admin/tokens', { form: { csrf: await staffCsrf(leaving), label: `${role} of 退職`, role, organizationId } });
      expect(page.status).toBe(200);
      return /trr_[A-Za-z0-9_-]{20,}/.exec(page.text)![0];
    };
    const adminToken = await issue('admin');
    const organizationToken = await issue('organization', company.organization.id);
    expect((await server.call('GET', '/api/v1/tokens', { token: adminToken })).status).toBe(200);

    const staffPage = (await admin.request('GET', '/admin/staff')).text;
    const accountId = /退職 トークン[\s\S]*?action="\/admin\/staff\/([^/"]+)\/role"/.exec(staffPage)![1]!;
    // The confirmation says so before anything happens.
    expect((await admin.request('GET', `/admin/staff/${accountId}/remove`)).text).toContain('この人が発行した管理者トークン（1件）も取り消されます');
    expect((await admin.request('POST', `/admin/staff/${accountId}/remove`, { form: { csrf: await staffCsrf(admin) } })).status).toBe(303);

    expect((await server.call('GET', '/api/v1/tokens', { token: adminToken })).status).toBe(401);
    const again = await browser(server, new URL(server.url).origin).request('POST', '/admin/login', { form: { token: adminToken, next: '/admin' } });
    expect(again.status).not.toBe(303);
    expect((await server.call('GET', `/api/v1/declarations/${company.declarationId}`, { token: organizationToken })).status).toBe(200);
    expect((await admin.request('GET', '/admin')).status).toBe(200);
  });

  it('demoted from administrator, they keep none of an administrator’s reach: their administrator tokens are revoked and their open invitations cancelled', async () => {
    const demoted = await signInAsStaff(server, admin, 'administrator', '降格 予定');
    const issued = await demoted.request('POST', '/admin/tokens', { form: { csrf: await staffCsrf(demoted), label: '降格前の', role: 'admin', organizationId: '' } });
    const adminToken = /trr_[A-Za-z0-9_-]{20,}/.exec(issued.text)![0];
    const link = new URL(await inviteStaff(demoted, 'administrator', '自分の別アカウント'));

    const staffPage = (await admin.request('GET', '/admin/staff')).text;
    const accountId = /降格 予定[\s\S]*?action="\/admin\/staff\/([^/"]+)\/role"/.exec(staffPage)![1]!;
    expect((await admin.request('POST', `/admin/staff/${accountId}/role`, { form: { csrf: await staffCsrf(admin), role: 'viewer' } })).status).toBe(303);

    expect((await server.call('GET', '/api/v1/tokens', { token: adminToken })).status).toBe(401);
    expect((await browser(server, link.origin).request('GET', link.pathname)).status).toBe(410);
    expect((await admin.request('GET', '/admin')).status).toBe(200);
  });
});
