/**
 * A form posted with a token the session no longer has (a tab left open while the person signed
 * out and in again elsewhere, which gave the session a new token): nothing is done, and while
 * the person is still signed in the same form comes back (403) with what they typed, escaped,
 * the reason at the top and a fresh token, on the organization's declaration and member
 * invitation forms, on the back office's award, review, organization and revocation reject forms,
 * and on the staff page's role select. Without proof that the post came from this
 * site's own page (Sec-Fetch-Site, Origin), nothing typed is shown back (without a session, from
 * this site's own page: test/http/session-ended-form.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPANY, DECLARATION, corporateNumberFor, recordsOf, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator, signInAsMember, signInAsStaff, staffCsrf } from '../helpers/staff.js';
import { csrfIn, type Browser } from '../helpers/web-browser.js';

const NOTICE = 'ページを開いてから時間が経ったため、送信を確認できませんでした。';
const STALE = 'trr_this-token-belonged-to-the-session-before';
const POLICY = '本社機能の一部を地方拠点へ移し、\n転職なき移住を支援します。<b>&"\'</b>';
const POLICY_ESCAPED = '本社機能の一部を地方拠点へ移し、\n転職なき移住を支援します。&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;';

let server: TestServer;
let member: Browser;
let admin: Browser;
let organizationId: string;

const formBody = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return body;
};
/** Posts as the browser's own page does (the helper's Origin), unless `origin` says otherwise. */
const postForm = (b: Browser, path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}, origin?: string | null) =>
  b.request('POST', path, { headers, form: formBody(fields), origin });

const declarationFields = { action: 'draft', signerName: '山田 太郎', signerTitle: '代表取締役', committedOn: '2025-04-01', guidelineAreas: ['labor', 'security'], purposes: ['2'], policy: POLICY, measures: '', publicFields: ['committedOn', 'policy'] };

beforeAll(async () => {
  server = await startTestServer();
  organizationId = (await server.call('POST', '/api/v1/organizations', { body: COMPANY })).body.id;
  member = await signInAsMember(server, organizationId);
  admin = await signInAsAdministrator(server);
}, 180_000);

afterAll(async () => {
  await server?.close();
});

describe('a form posted with a stale CSRF token', () => {
  it('the declaration form comes back (403) with what was typed, escaped, the reason and a fresh token; nothing is saved; sent again it is saved', async () => {
    const fresh = csrfIn((await member.request('GET', '/my/declaration')).text);
    const before = recordsOf(server);
    const refused = await postForm(member, '/my/declaration', { csrf: STALE, ...declarationFields });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('text/html');
    expect(refused.text).toContain(NOTICE);
    expect(refused.text).toMatch(/id="f-signerName"[^>]*value="山田 太郎"/);
    expect(refused.text).toContain('value="代表取締役"');
    expect(refused.text).toContain('value="2025-04-01"');
    expect(refused.text).toContain(POLICY_ESCAPED);
    expect(refused.text).not.toContain('<b>&"\'</b>');
    expect(refused.text).toMatch(/id="f-guidelineAreas-security"[^>]*checked/);
    expect(refused.text).toMatch(/id="f-purposes-2"[^>]*checked/);
    // The form carries the session's token now, not the one it was sent with.
    expect(csrfIn(refused.text)).toBe(fresh);
    expect(refused.text).not.toContain(STALE);
    expect(recordsOf(server)).toBe(before);
    expect((await server.call('GET', `/api/v1/organizations/${organizationId}`)).body.declarations).toEqual([]);

    // In English, the same in English.
    const english = await postForm(member, '/my/declaration?lang=en', { csrf: STALE, ...declarationFields });
    expect(english.status).toBe(403);
    expect(english.text).toContain('the submission could not be confirmed');

    // Sent again as it came back: saved.
    const again = await postForm(member, '/my/declaration', { csrf: csrfIn(refused.text), ...declarationFields });
    expect(again.status).toBe(303);
    const [saved] = (await server.call('GET', `/api/v1/organizations/${organizationId}`)).body.declarations;
    expect(saved).toMatchObject({ status: 'draft', content: { signerName: '山田 太郎', policy: POLICY.replace(/\r\n?/g, '\n'), guidelineAreas: ['labor', 'security'] } });

    // Editing it: the row version it was opened at comes back too, so a save made meanwhile is still noticed.
    const edit = await postForm(member, '/my/declaration', { csrf: STALE, ...declarationFields, declarationId: saved.id, rowVersion: String(saved.rowVersion), signerTitle: '代表取締役社長' });
    expect(edit.status).toBe(403);
    expect(edit.text).toContain('value="代表取締役社長"');
    expect(edit.text).toContain(`name="rowVersion" value="${saved.rowVersion}"`);
    expect(edit.text).toContain(`name="declarationId" value="${saved.id}"`);
    expect((await server.call('GET', `/api/v1/declarations/${saved.id}`)).body.content.signerTitle).toBe('代表取締役');
  });

  it('without proof that the post came from this site, nothing typed is shown back', async () => {
    const before = recordsOf(server);
    const fields = { csrf: STALE, ...declarationFields, signerName: '別サイト 太郎' };
    // Another site's page (the browser says so), or nothing says where it came from.
    for (const [headers, origin] of [[{ 'sec-fetch-site': 'cross-site' }, null], [{ 'sec-fetch-site': 'same-site' }, null], [{}, null], [{ 'sec-fetch-site': 'same-origin' }, 'https://evil.example']] as const) {
      const refused = await postForm(member, '/my/declaration', fields, headers, origin);
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      expect(refused.text).not.toContain('別サイト 太郎');
      expect(refused.text).not.toContain(NOTICE);
    }
    // The browser's own page says so by Sec-Fetch-Site alone: the form comes back.
    expect((await postForm(member, '/my/declaration', fields, { 'sec-fetch-site': 'same-origin' }, null)).text).toContain('別サイト 太郎');
    // No session, from another site: the sign-in page, as before (from this site's own page, what was
    // typed is kept on a page of its own to send again after signing in: session-ended-form.test.ts).
    const anonymous = await fetch(`${server.url}/my/declaration`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, body: formBody(fields) });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toMatch(/^\/login\?next=/);
    expect(recordsOf(server)).toBe(before);
  });

  it('the back office’s award form, a review decision with its reason, and the organization form keep what was typed', async () => {
    const before = recordsOf(server);
    const award = await postForm(admin, '/admin/awards', {
      csrf: STALE, organization: COMPANY.corporateNumber, fiscalYear: '2025', category: 'minister', division: '', partnerMunicipality: '',
      overview: 'サテライトオフィスを3拠点に開設し、<i>社員12名</i>が地方へ移住しました。', message: '地方で働く選択肢を、すべての社員に。', awardedOn: '2026-02-01',
    });
    expect(award.status).toBe(403);
    expect(award.text).toContain(NOTICE);
    expect(award.text).toContain('サテライトオフィスを3拠点に開設し、&lt;i&gt;社員12名&lt;/i&gt;が地方へ移住しました。');
    expect(award.text).toContain('地方で働く選択肢を、すべての社員に。');
    expect(award.text).toContain('value="2026-02-01"');
    expect(csrfIn(award.text)).toBe(csrfIn((await admin.request('GET', '/admin/awards/new')).text));

    const organization = await postForm(admin, `/admin/organizations/${organizationId}`, {
      csrf: STALE, kind: 'company', name: '株式会社みらいワーク（新社名）', corporateNumber: COMPANY.corporateNumber, prefectureCode: '13', rowVersion: '1',
    });
    expect(organization.status).toBe(403);
    expect(organization.text).toContain(NOTICE);
    expect(organization.text).toContain('value="株式会社みらいワーク（新社名）"');
    expect(recordsOf(server)).toBe(before);

    // The draft of the first test, submitted, and the reviewer's reason for returning it.
    const declarationId = (await server.call('GET', `/api/v1/organizations/${organizationId}`)).body.declarations[0].id;
    expect((await server.call('POST', `/api/v1/declarations/${declarationId}/submit`)).status).toBe(200);
    const afterSubmit = recordsOf(server);
    const review = await admin.request('GET', `/admin/reviews/${declarationId}`);
    const rowVersion = /name="rowVersion" value="(\d+)"/.exec(review.text)![1]!;
    const reason = '宣言日が社内共有日より後になっています。\n確認のうえ再提出してください。';
    const returned = await postForm(admin, `/admin/reviews/${declarationId}/return`, { csrf: STALE, rowVersion, reason });
    expect(returned.status).toBe(403);
    expect(returned.text).toContain(NOTICE);
    expect(returned.text).toContain(reason);
    expect(recordsOf(server)).toBe(afterSubmit);
    expect((await server.call('GET', `/api/v1/declarations/${declarationId}`)).body.status).toBe('submitted');
  });
  it('the back office’s partner, webhook, deactivation and award code forms keep what was typed; nothing is saved', async () => {
    const before = recordsOf(server);
    const partner = await postForm(admin, '/admin/partners', { csrf: STALE, name: '株式会社<キャリア>移住ナビ', kind: 'hr-company', rateLimitPerMinute: '1200' });
    expect(partner.status).toBe(403);
    expect(partner.text).toContain(NOTICE);
    expect(partner.text).toContain('value="株式会社&lt;キャリア&gt;移住ナビ"');
    expect(partner.text).toContain('value="1200"');

    const code = await postForm(admin, '/admin/awards/codes', { csrf: STALE, kind: 'division', code: 'satellite-office', nameJa: 'サテライトオフィス部門', nameEn: 'Satellite offices', sortOrder: '３０' });
    expect(code.status).toBe(403);
    expect(code.text).toContain(NOTICE);
    expect(code.text).toContain('value="サテライトオフィス部門"');
    expect(code.text).toContain('value="satellite-office"');
    expect(recordsOf(server)).toBe(before);

    const registered = await server.call('POST', '/api/v1/partners', { body: { name: '株式会社転職なき移住パートナー', kind: 'hr-company' } });
    const partnerId = registered.body.partner?.id ?? registered.body.id;
    const afterRegistration = recordsOf(server);
    const hook = await postForm(admin, `/admin/partners/${partnerId}/webhooks`, { csrf: STALE, url: 'https://hooks.example.jp/registry', events: ['declaration.published', 'award.granted'] });
    expect(hook.status).toBe(403);
    expect(hook.text).toContain(NOTICE);
    expect(hook.text).toContain('value="https://hooks.example.jp/registry"');
    expect(hook.text).toMatch(/value="award\.granted"[^>]*checked/);
    const reason = '契約の更新手続き中のため、\n一時的に停止します。';
    const deactivate = await postForm(admin, `/admin/partners/${partnerId}/deactivate`, { csrf: STALE, reason, confirm: 'yes' });
    expect(deactivate.status).toBe(403);
    expect(deactivate.text).toContain(NOTICE);
    expect(deactivate.text).toContain(reason);
    expect(recordsOf(server)).toBe(afterRegistration);
  });

  it('the revocation reject form keeps its note: the list again (403) with the note in that request’s row, the reason and a fresh token; nothing is decided', async () => {
    const org = await server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: '取消却下テスト株式会社', corporateNumber: corporateNumberFor(81_001) } });
    const declaration = await server.call('POST', `/api/v1/organizations/${org.body.id}/declarations`, { body: DECLARATION });
    await server.call('POST', `/api/v1/declarations/${declaration.body.id}/submit`);
    await server.call('POST', `/api/v1/declarations/${declaration.body.id}/publish`);
    const requested = await postForm(admin, '/admin/revocations', { csrf: await staffCsrf(admin), subjectType: 'declaration', subjectId: declaration.body.id, reason: 'false-declaration', note: '', back: '/admin/revocations' });
    expect(requested.status).toBe(303);
    const second = await signInAsStaff(server, admin, 'administrator', '承認 花子');
    const list = await second.request('GET', '/admin/revocations');
    const requestId = /<tr id="request-([^"]+)">/.exec(list.text)![1]!;
    const before = recordsOf(server);

    const note = '届出の内容は確認済み。<b>取消は不要</b>';
    const refused = await postForm(second, `/admin/revocations/${requestId}/reject`, { csrf: STALE, note });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain(NOTICE);
    expect(refused.text).toMatch(new RegExp(`id="reject-note-${requestId}"[^>]*value="届出の内容は確認済み。&lt;b&gt;取消は不要&lt;/b&gt;"`));
    expect(csrfIn(refused.text)).toBe(csrfIn(list.text));
    expect(refused.text).not.toContain(STALE);
    expect(recordsOf(server)).toBe(before);
    expect(refused.text).toContain(`id="request-${requestId}"`); // still waiting

    // Sent again as it came back: rejected, with the note.
    const again = await postForm(second, `/admin/revocations/${requestId}/reject`, { csrf: csrfIn(refused.text), note });
    expect(again.status).toBe(303);
    expect((await second.request('GET', '/admin/revocations?done=rejected')).text).toContain('依頼を却下しました');
  });

  it('the /my member invitation form keeps the role and address chosen, with the reason above it; no invitation is created', async () => {
    const page = await member.request('GET', '/my/members');
    const before = recordsOf(server);
    const refused = await postForm(member, '/my/members/invite', { csrf: STALE, role: 'owner', email: 'hanako.<sato>@example.jp' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('text/html');
    expect(refused.text).toContain(NOTICE);
    expect(refused.text).toMatch(/id="f-email"[^>]*value="hanako\.&lt;sato&gt;@example\.jp"/);
    expect(refused.text).toMatch(/value="owner"[^>]*checked/);
    expect(csrfIn(refused.text)).toBe(csrfIn(page.text));
    expect(refused.text).not.toContain(STALE);
    expect(refused.text).not.toContain('招待リンクを作成しました');
    expect(recordsOf(server)).toBe(before);

    const english = await postForm(member, '/my/members/invite?lang=en', { csrf: STALE, role: 'editor', email: '' });
    expect(english.status).toBe(403);
    expect(english.text).toContain('the submission could not be confirmed');
    expect(recordsOf(server)).toBe(before);
  });

  it('the staff page’s role select keeps the role chosen, with the reason above it; the role is not changed; sent again it is', async () => {
    await signInAsStaff(server, admin, 'viewer', '役割 選択');
    const page = (await admin.request('GET', '/admin/staff')).text;
    const id = /役割 選択[\s\S]*?action="\/admin\/staff\/([^/"]+)\/role"/.exec(page)![1]!;
    const selected = (html: string) => /<option value="(\w+)" selected/.exec(/<select id="role-[^"]+"[^>]*>[\s\S]*?<\/select>/.exec(html.slice(html.indexOf(`id="role-${id}"`) - 20))?.[0] ?? '')?.[1];
    expect(selected(page)).toBe('viewer');
    const before = recordsOf(server);
    const refused = await postForm(admin, `/admin/staff/${id}/role`, { csrf: STALE, fromPage: '/admin/staff', role: 'reviewer' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('text/html');
    expect(refused.text).toContain(NOTICE);
    expect(refused.text).toContain('まだ何も保存していません');
    expect(selected(refused.text)).toBe('reviewer');
    expect(csrfIn(refused.text)).toBe(csrfIn(page));
    expect(refused.text).not.toContain(STALE);
    expect(recordsOf(server)).toBe(before);
    // A value that is no role: the person's own role, as on the page.
    const unknown = await postForm(admin, `/admin/staff/${id}/role`, { csrf: STALE, fromPage: '/admin/staff', role: '<owner>' });
    expect(unknown.status).toBe(403);
    expect(selected(unknown.text)).toBe('viewer');
    expect(recordsOf(server)).toBe(before);

    const again = await postForm(admin, `/admin/staff/${id}/role`, { csrf: csrfIn(refused.text), role: selected(refused.text)! });
    expect(again.status).toBe(303);
    expect(selected((await admin.request('GET', '/admin/staff')).text)).toBe('reviewer');
  });
});
