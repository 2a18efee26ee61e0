/**
 * A button pressed with a token the session no longer has (a tab left open while the person signed
 * out and in again elsewhere): whatever the button (a form whose only field is its token, and the
 * page it is on), nothing is done, and while the person is still signed in and the post came from
 * this site's own page, the page it was on comes back (403) as it is now, saying why at the top,
 * with a fresh token; pressed again, it works. In the back office (the staff page, the revocation
 * list's approve and withdraw), on /my, and the header's sign-out button, also on a page that
 * answered a post (it names the page the posted form was on). Without proof that the post came from this site's page, or with a page of somewhere else,
 * it is refused as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPANY, DECLARATION, corporateNumberFor, recordsOf, startTestServer, type TestServer } from '../helpers/server.js';
import { inviteStaff, signInAsAdministrator, signInAsMember, signInAsSecondAdministrator, staffCsrf } from '../helpers/staff.js';
import { csrfIn, type Browser } from '../helpers/web-browser.js';

const NOTICE = 'ページを開いてから時間が経ったため、操作を確認できませんでした。まだ何も変更していません。';
const STALE = 'trr_this-token-belonged-to-the-session-before';

let server: TestServer;
let member: Browser;
let admin: Browser;

const records = () => recordsOf(server);
/** The hidden page field of the form posting to `action` on `html`. */
const fromPageOf = (html: string, action: string) => {
  const form = new RegExp(`<form[^>]*action="${action.replace(/[.?]/g, '\\$&')}"[^>]*>([\\s\\S]*?)</form>`).exec(html)?.[1] ?? '';
  return /name="fromPage" value="([^"]*)"/.exec(form)?.[1]?.replace(/&amp;/g, '&');
};

beforeAll(async () => {
  server = await startTestServer();
  const organizationId = (await server.call('POST', '/api/v1/organizations', { body: COMPANY })).body.id;
  member = await signInAsMember(server, organizationId);
  admin = await signInAsAdministrator(server);
}, 180_000);

afterAll(async () => {
  await server?.close();
});

describe('a button pressed with a stale CSRF token', () => {
  it('the back office: the staff page comes back (403) with the notice and a fresh token; the invitation is not cancelled; pressed again, it is', async () => {
    await inviteStaff(admin, 'viewer', '取消 ボタン');
    const page = (await admin.request('GET', '/admin/staff?done=invited')).text;
    const id = /取消 ボタン[\s\S]*?action="\/admin\/staff\/invitations\/([^/"]+)\/cancel"/.exec(page)![1]!;
    const action = `/admin/staff/invitations/${id}/cancel`;
    // The form names the page it is on, without the one-time ?done= notice.
    expect(fromPageOf(page, action)).toBe('/admin/staff');
    const before = records();

    const refused = await admin.request('POST', action, { form: { csrf: STALE, fromPage: '/admin/staff' } });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('text/html');
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(refused.text).toContain(NOTICE);
    expect(refused.text).toContain('<h1>'); // the staff page itself, not an error page
    expect(refused.text).toContain(`action="${action}"`);
    expect(csrfIn(refused.text)).toBe(csrfIn(page));
    expect(refused.text).not.toContain(STALE);
    expect(records()).toBe(before);

    const again = await admin.request('POST', action, { form: { csrf: csrfIn(refused.text), fromPage: fromPageOf(refused.text, action)! } });
    expect(again.status).toBe(303);
    // The page opened as usual does not say it.
    expect((await admin.request('GET', '/admin/staff')).text).not.toContain(NOTICE);
  });

  it('the revocation list: approve and withdraw pressed with a stale token bring the list back with the notice; the request stays pending', async () => {
    const org = await server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: '取消ボタンテスト株式会社', corporateNumber: corporateNumberFor(82_001) } });
    const declaration = await server.call('POST', `/api/v1/organizations/${org.body.id}/declarations`, { body: DECLARATION });
    await server.call('POST', `/api/v1/declarations/${declaration.body.id}/submit`);
    await server.call('POST', `/api/v1/declarations/${declaration.body.id}/publish`);
    const form = { csrf: await staffCsrf(admin), subjectType: 'declaration', subjectId: declaration.body.id, reason: 'false-declaration', note: '', back: '/admin/revocations' };
    expect((await admin.request('POST', '/admin/revocations', { form })).status).toBe(303);
    const approver = await signInAsSecondAdministrator(server, admin, '承認 ボタン');
    const list = (await approver.request('GET', '/admin/revocations')).text;
    const requestId = /<tr id="request-([^"]+)">/.exec(list)![1]!;
    expect(fromPageOf(list, `/admin/revocations/${requestId}/approve`)).toBe('/admin/revocations');
    const before = records();
    for (const [who, action] of [[approver, 'approve'], [admin, 'withdraw']] as const) {
      const refused = await who.request('POST', `/admin/revocations/${requestId}/${action}`, { form: { csrf: STALE, fromPage: '/admin/revocations' } });
      expect(refused.status, action).toBe(403);
      expect(refused.text, action).toContain(NOTICE);
      expect(refused.text, action).toContain(`id="request-${requestId}"`);
      expect(csrfIn(refused.text), action).toBe(csrfIn((await who.request('GET', '/admin/revocations')).text));
    }
    expect(records()).toBe(before);
    expect((await server.call('GET', `/api/v1/declarations/${declaration.body.id}`)).body.status).toBe('published');
  });

  it('/my: the members page comes back with the notice, in English with ?lang=en; the invitation is not cancelled', async () => {
    const invited = await member.request('POST', '/my/members/invite', { form: { csrf: csrfIn((await member.request('GET', '/my/members')).text), role: 'editor', email: '' } });
    expect(invited.status).toBe(200);
    const page = (await member.request('GET', '/my/members?lang=en')).text;
    const action = /action="(\/my\/members\/invitations\/[^"]+\/cancel\?lang=en)"/.exec(page)![1]!.replace(/&amp;/g, '&');
    expect(fromPageOf(page, action)).toBe('/my/members?lang=en');
    const before = records();
    const refused = await member.request('POST', action, { form: { csrf: STALE, fromPage: '/my/members?lang=en' } });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Too much time passed since this page was opened, so the action could not be confirmed.');
    expect(refused.text).toContain('Pending invitations');
    expect(csrfIn(refused.text)).toBe(csrfIn(page));
    expect(records()).toBe(before);

    // In Japanese, the same page in Japanese.
    const japanese = await member.request('POST', action.replace('?lang=en', ''), { form: { csrf: STALE, fromPage: '/my/members' } });
    expect(japanese.status).toBe(403);
    expect(japanese.text).toContain(NOTICE);
    expect(japanese.text).toContain('未使用の招待');
    expect(records()).toBe(before);
  });

  it('the header’s sign-out button: still signed in, the page again with the notice', async () => {
    const page = (await member.request('GET', '/my/history')).text;
    expect(fromPageOf(page, '/auth/logout')).toBe('/my/history');
    const refused = await member.request('POST', '/auth/logout', { form: { csrf: STALE, fromPage: '/my/history' } });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain(NOTICE);
    expect(csrfIn(refused.text)).toBe(csrfIn(page));
    expect((await member.request('GET', '/my')).status).toBe(200);
  });

  it('a page that answered a post (a refused invitation, a link just made): its buttons name the page the form was on, and pressed stale, that page comes back', async () => {
    await inviteStaff(admin, 'viewer', '再表示 ボタン');
    const csrf = await staffCsrf(admin);
    const refusedInvite = await admin.request('POST', '/admin/staff/invite', { form: { csrf, fromPage: '/admin/staff', name: '', role: 'viewer', email: '' } });
    expect(refusedInvite.status).toBe(400);
    const id = /再表示 ボタン[\s\S]*?action="\/admin\/staff\/invitations\/([^/"]+)\/cancel"/.exec(refusedInvite.text)![1]!;
    const action = `/admin/staff/invitations/${id}/cancel`;
    expect(fromPageOf(refusedInvite.text, action)).toBe('/admin/staff');
    expect(fromPageOf(refusedInvite.text, '/auth/logout')).toBe('/admin/staff');
    const before = records();
    const refused = await admin.request('POST', action, { form: { csrf: STALE, fromPage: fromPageOf(refusedInvite.text, action)! } });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain(NOTICE);
    expect(refused.text).toContain(`action="${action}"`);
    expect(csrfIn(refused.text)).toBe(csrf);
    expect(records()).toBe(before);

    // /my in English: the members page after an invitation refused (an address that is not one).
    const page = (await member.request('GET', '/my/members?lang=en')).text;
    expect(page).toContain('/cancel?lang=en'); // an open invitation (an earlier test's)
    const made = await member.request('POST', '/my/members/invite?lang=en', { form: { csrf: csrfIn(page), fromPage: '/my/members?lang=en', role: 'editor', email: 'not-an-address' } });
    expect(made.status).toBe(400);
    // The link just made: its header's sign-out button names the page too.
    const link = await member.request('POST', '/my/members/invite?lang=en', { form: { csrf: csrfIn(page), fromPage: '/my/members?lang=en', role: 'editor', email: '' } });
    expect(link.status).toBe(200);
    expect(fromPageOf(link.text, '/auth/logout?lang=en')).toBe('/my/members?lang=en');
    const cancel = /action="(\/my\/members\/invitations\/[^"]+\/cancel\?lang=en)"/.exec(made.text)![1]!.replace(/&amp;/g, '&');
    expect(fromPageOf(made.text, cancel)).toBe('/my/members?lang=en');
    const beforeMember = records();
    const refusedMember = await member.request('POST', cancel, { form: { csrf: STALE, fromPage: fromPageOf(made.text, cancel)! } });
    expect(refusedMember.status).toBe(403);
    expect(refusedMember.text).toContain('Too much time passed since this page was opened, so the action could not be confirmed.');
    expect(refusedMember.text).toContain('Pending invitations');
    expect(records()).toBe(beforeMember);

    // A post naming no page, or one that is not a signed-in page of this site: its answer names none.
    for (const fromPage of [undefined, '//evil.example/admin', 'https://evil.example/admin', '/organizations', '/admin/../api/v1/tokens', '/admin\\staff']) {
      const answer = await admin.request('POST', '/admin/staff/invite', { form: { csrf, name: '', role: 'viewer', email: '', ...(fromPage === undefined ? {} : { fromPage }) } });
      expect(answer.status).toBe(400);
      expect(answer.text, fromPage).not.toContain('name="fromPage"');
    }
  });

  it('without proof that it came from this site’s page, or naming a page elsewhere, the bare refusal as before; nothing is done', async () => {
    await inviteStaff(admin, 'viewer', '別サイト ボタン');
    const page = (await admin.request('GET', '/admin/staff')).text;
    const id = /別サイト ボタン[\s\S]*?action="\/admin\/staff\/invitations\/([^/"]+)\/cancel"/.exec(page)![1]!;
    const action = `/admin/staff/invitations/${id}/cancel`;
    const before = records();
    const answers = [
      await admin.request('POST', action, { form: { csrf: STALE, fromPage: '/admin/staff' }, headers: { 'sec-fetch-site': 'cross-site' }, origin: null }),
      await admin.request('POST', action, { form: { csrf: STALE, fromPage: '/admin/staff' }, origin: 'https://evil.example' }),
      await admin.request('POST', action, { form: { csrf: STALE } }),
      ...(await Promise.all(['//evil.example/admin', 'https://evil.example/admin', '/organizations', '/admin/../api/v1/tokens', '/admin/no-such-page', '/admin\\staff'].map((fromPage) => admin.request('POST', action, { form: { csrf: STALE, fromPage } })))),
    ];
    for (const refused of answers) {
      expect(refused.status).toBe(403);
      expect(refused.text).not.toContain(NOTICE);
      expect(refused.text).toContain('フォームの有効期限が切れたか、別のサイトから送信されました。');
    }
    expect(records()).toBe(before);
  });
});
