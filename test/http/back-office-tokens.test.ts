import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPANY, corporateNumberFor, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator, signInAsStaff, staffCsrf } from '../helpers/staff.js';
import type { Browser } from '../helpers/web-browser.js';

/**
 * /admin/tokens: what the secretariat did with curl (GET/POST /api/v1/tokens, DELETE
 * /api/v1/tokens/{id}), in the back office, for administrators only, over real HTTP.
 */

let server: TestServer;
let admin: Browser;
let organizationId: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await signInAsAdministrator(server);
  const org = await server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: 'トークン株式会社', corporateNumber: corporateNumberFor(88_001) } });
  organizationId = org.body.id;
});
afterAll(() => server.close());

const tokensVia = async () => (await server.call('GET', '/api/v1/tokens')).body.items as { id: string; label: string; revokedAt: string | null }[];
const issue = async (form: Record<string, string>) => admin.request('POST', '/admin/tokens', { form: { csrf: await staffCsrf(admin), ...form } });

describe('the back office’s API tokens page', () => {
  it('is the administrators’: a reviewer gets 403 and no navigation entry; an administrator sees the tokens, never a hash', async () => {
    const reviewer = await signInAsStaff(server, admin, 'reviewer', 'トークン審査員');
    expect((await reviewer.request('GET', '/admin/tokens')).status).toBe(403);
    expect((await reviewer.request('GET', '/admin')).text).not.toContain('href="/admin/tokens"');
    const home = await admin.request('GET', '/admin');
    expect(home.text).toContain('href="/admin/tokens"');
    const page = await admin.request('GET', '/admin/tokens');
    expect(page.status).toBe(200);
    expect(page.text).toContain('初期管理者トークン');
    expect(page.text).not.toMatch(/[0-9a-f]{64}/);
  });

  it('issues an organization token: the secret once, no-store, it works, the list names the organization and who issued it, the audit log has token.create', async () => {
    const answer = await issue({ label: '人事システム連携', role: 'organization', organizationId });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toContain('no-store');
    const secret = /<code id="token-secret"[^>]*>([^<]+)<\/code>/.exec(answer.text)?.[1];
    expect(secret).toMatch(/^trr_/);
    expect(answer.text).toContain('再表示はできません');
    expect((await server.call('GET', `/api/v1/organizations/${organizationId}`, { token: secret! })).status).toBe(200);
    const list = await admin.request('GET', '/admin/tokens');
    expect(list.text).not.toContain(secret!);
    const id = (await tokensVia()).find((t) => t.label === '人事システム連携')!.id;
    const row = new RegExp(`<tr id="token-${id}">([\\s\\S]*?)</tr>`).exec(list.text)?.[1] ?? '';
    expect(row).toContain(`href="/admin/organizations/${organizationId}"`);
    expect(row).toContain('トークン株式会社');
    // Who issued it, as the audit log names the bootstrap administrator's account.
    expect(row).toContain('管理者（初期トークン）');
    const audit = (await server.call('GET', `/api/v1/audit-log?action=token.create&entityId=${id}`)).body.items;
    expect(audit).toEqual([expect.objectContaining({ entityId: id, after: expect.objectContaining({ label: '人事システム連携', organizationId }) })]);
    expect(JSON.stringify(audit)).not.toContain(secret!);
    expect(server.logs.join('\n')).not.toContain(secret!);
  });

  it('shows bad input next to its field, in Japanese and English, and issues nothing', async () => {
    const before = (await tokensVia()).length;
    const empty = await issue({ label: ' ', role: 'organization', organizationId: '' });
    expect(empty.status).toBe(400);
    expect(empty.text).toMatch(/<p class="field-error" id="f-label-error">[\s\S]*ラベルを入力してください。/);
    expect(empty.text).toMatch(/<p class="field-error" id="f-organizationId-error">[\s\S]*団体IDを入力してください。/);
    const unknown = await admin.request('POST', '/admin/tokens?lang=en', { form: { csrf: await staffCsrf(admin), label: 'x', role: 'organization', organizationId: 'no-such-org' } });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toMatch(/<p class="field-error" id="f-organizationId-error">[\s\S]*does not name a registered organization/);
    expect((await tokensVia()).length).toBe(before);
  });

  it('refuses a post without the session’s CSRF token', async () => {
    const before = (await tokensVia()).length;
    const refused = await admin.request('POST', '/admin/tokens', { form: { csrf: 'wrong', label: 'CSRF', role: 'admin', organizationId: '' } });
    expect(refused.status).toBe(403);
    expect((await tokensVia()).length).toBe(before);
  });

  it('revokes after a page naming what the token made; with the box ticked those go too, and the list marks them revoked', async () => {
    const parent = await server.call('POST', '/api/v1/tokens', { body: { role: 'admin', label: '旧バッチ' } });
    const child = await server.call('POST', '/api/v1/tokens', { token: parent.body.token, body: { role: 'admin', label: '旧バッチが作った子' } });
    const confirm = await admin.request('GET', `/admin/tokens/${parent.body.id}/revoke`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toMatch(/<ul id="created-tokens">[\s\S]*旧バッチが作った子/);
    expect(confirm.text).toContain('name="revokeCreated"');
    const done = await admin.request('POST', `/admin/tokens/${parent.body.id}/revoke`, { form: { csrf: await staffCsrf(admin), revokeCreated: 'true' } });
    expect(done.status).toBe(303);
    const after = await tokensVia();
    expect(after.find((t) => t.id === parent.body.id)!.revokedAt).not.toBeNull();
    expect(after.find((t) => t.id === child.body.id)!.revokedAt).not.toBeNull();
    const page = await admin.request('GET', done.headers.get('location')!);
    expect(page.text).toContain('トークンを取り消しました。');
    expect(page.text).toContain('取消済み（');
    const revokedList = await admin.request('GET', '/admin/tokens?state=revoked');
    expect(revokedList.text).toContain(`token-${child.body.id}`);
    expect((await admin.request('GET', '/admin/tokens')).text).not.toContain(`token-${child.body.id}`);
    const audit = (await server.call('GET', '/api/v1/audit-log?action=token.revoke&limit=100')).body.items as { entityId: string; actorTokenId: string }[];
    expect(audit.map((e) => e.entityId)).toEqual(expect.arrayContaining([parent.body.id, child.body.id]));
  });

  it('with the box ticked, revokes only what the page listed: a token minted after the page was shown gets a 409 page naming it, nothing is revoked, and the page lists it now', async () => {
    const parent = await server.call('POST', '/api/v1/tokens', { body: { role: 'admin', label: '確認後バッチ' } });
    const seen = await server.call('POST', '/api/v1/tokens', { token: parent.body.token, body: { role: 'admin', label: '確認済みの子' } });
    const listedOn = (html: string) => [...(/<form[^>]*id="revoke-form"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '').matchAll(/<input type="hidden" name="expectCreated" value="([^"]+)"/g)].map((m) => m[1]!);
    const post = async (listed: string[]) =>
      admin.request('POST', `/admin/tokens/${parent.body.id}/revoke`, { form: new URLSearchParams([['csrf', await staffCsrf(admin)], ['revokeCreated', 'true'], ...listed.map((id) => ['expectCreated', id] as [string, string])]) });
    const confirm = await admin.request('GET', `/admin/tokens/${parent.body.id}/revoke`);
    expect(listedOn(confirm.text)).toEqual([seen.body.id]);
    // Minted with the token after its confirmation page was shown: no one has seen it.
    const unseen = await server.call('POST', '/api/v1/tokens', { token: parent.body.token, body: { role: 'organization', organizationId, label: '確認後に作られた子' } });

    const refused = await post(listedOn(confirm.text));
    expect(refused.status).toBe(409);
    expect(refused.text).toMatch(/id="revoke-refusal"[\s\S]*確認したときより増えています（APIトークン「確認後に作られた子」）。何も取り消していません。/);
    const stillLive = await tokensVia();
    for (const id of [parent.body.id, seen.body.id, unseen.body.id]) expect(stillLive.find((t) => t.id === id)!.revokedAt).toBeNull();
    // The page again, with the new one listed and the box still ticked.
    expect(refused.text).toMatch(/<ul id="created-tokens">[\s\S]*確認後に作られた子/);
    expect(refused.text).toMatch(/<input type="checkbox" id="f-revokeCreated"[^>]*checked/);
    expect(listedOn(refused.text).sort()).toEqual([seen.body.id, unseen.body.id].sort());

    const english = await admin.request('POST', `/admin/tokens/${parent.body.id}/revoke?lang=en`, { form: new URLSearchParams([['csrf', await staffCsrf(admin)], ['revokeCreated', 'true'], ['expectCreated', seen.body.id]]) });
    expect(english.status).toBe(409);
    expect(english.text).toContain('This token has made more since what was confirmed (API token &quot;確認後に作られた子&quot;). Nothing was revoked.');

    const done = await post(listedOn(refused.text));
    expect(done.status).toBe(303);
    const after = await tokensVia();
    for (const id of [parent.body.id, seen.body.id, unseen.body.id]) expect(after.find((t) => t.id === id)!.revokedAt).not.toBeNull();
  });

  it('with the box ticked, what the page listed and was revoked meanwhile elsewhere does not stop the rest', async () => {
    const parent = await server.call('POST', '/api/v1/tokens', { body: { role: 'admin', label: '一部取消済みバッチ' } });
    const first = await server.call('POST', '/api/v1/tokens', { token: parent.body.token, body: { role: 'admin', label: '先に取り消された子' } });
    const second = await server.call('POST', '/api/v1/tokens', { token: parent.body.token, body: { role: 'admin', label: '残っていた子' } });
    const confirm = await admin.request('GET', `/admin/tokens/${parent.body.id}/revoke`);
    const listed = [...confirm.text.matchAll(/<input type="hidden" name="expectCreated" value="([^"]+)"/g)].map((m) => m[1]!);
    expect(listed.sort()).toEqual([first.body.id, second.body.id].sort());
    expect((await server.call('DELETE', `/api/v1/tokens/${first.body.id}`)).status).toBe(200);
    const done = await admin.request('POST', `/admin/tokens/${parent.body.id}/revoke`, { form: new URLSearchParams([['csrf', await staffCsrf(admin)], ['revokeCreated', 'true'], ...listed.map((id) => ['expectCreated', id] as [string, string])]) });
    expect(done.status).toBe(303);
    expect((await tokensVia()).find((t) => t.id === second.body.id)!.revokedAt).not.toBeNull();
  });

  it('a stale form (revoked meanwhile elsewhere) gets a 409 page that says so', async () => {
    const token = await server.call('POST', '/api/v1/tokens', { body: { role: 'organization', organizationId, label: '二重取消' } });
    const confirm = await admin.request('GET', `/admin/tokens/${token.body.id}/revoke`);
    expect(confirm.status).toBe(200);
    expect((await server.call('DELETE', `/api/v1/tokens/${token.body.id}`)).status).toBe(200);
    const stale = await admin.request('POST', `/admin/tokens/${token.body.id}/revoke`, { form: { csrf: await staffCsrf(admin) } });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('このトークンは既に取り消されています');
  });

  it('an unknown filter value is named beside the filter (400)', async () => {
    const bad = await admin.request('GET', '/admin/tokens?state=maybe');
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/<p class="field-error" id="f-state-error">[\s\S]*状態は/);
  });
});

describe('an organization’s tokens, from its back-office page', () => {
  const amp = (s: string) => s.replace(/&amp;/g, '&');
  it('links administrators (only) to the issuing form with the organization filled in, and to a list of its tokens only', async () => {
    const other = await server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: '別団体株式会社', corporateNumber: corporateNumberFor(88_002) } });
    await server.call('POST', '/api/v1/tokens', { body: { role: 'organization', organizationId: other.body.id, label: '別団体の連携' } });
    const orgPage = await admin.request('GET', `/admin/organizations/${organizationId}`);
    const issueLink = /<a[^>]*id="issue-token-link"[^>]*href="([^"]+)"[^>]*>([^<]+)<\/a>/.exec(orgPage.text);
    expect(issueLink?.[2]).toBe('この団体のAPIトークンを発行');
    const listLink = /<a[^>]*id="org-tokens-link"[^>]*href="([^"]+)"[^>]*>([^<]+)<\/a>/.exec(orgPage.text);
    expect(listLink?.[2]).toBe('この団体のトークン');
    const viewer = await signInAsStaff(server, admin, 'viewer', 'トークン閲覧者');
    const viewerPage = await viewer.request('GET', `/admin/organizations/${organizationId}`);
    expect(viewerPage.status).toBe(200);
    expect(viewerPage.text).not.toContain('id="issue-token-link"');
    expect(viewerPage.text).not.toContain('id="org-tokens-link"');

    // The form comes with the organization and the organization role chosen.
    const form = await admin.request('GET', amp(issueLink![1]!));
    expect(form.status).toBe(200);
    expect(form.text).toMatch(new RegExp(`<input[^>]*name="organizationId"[^>]*value="${organizationId}"`));
    expect(form.text).toMatch(/<option value="organization" selected="">/);
    // Issuing from there lists the new token among this organization's, and no other's.
    const action = amp(/<form method="post" action="([^"]+)"[^>]*id="issue-form"/.exec(form.text)![1]!);
    const issued = await admin.request('POST', action, { form: { csrf: await staffCsrf(admin), label: '団体ページから発行', role: 'organization', organizationId } });
    expect(issued.status).toBe(200);
    expect(issued.text).toContain('id="token-secret"');
    const newId = (await tokensVia()).find((t) => t.label === '団体ページから発行')!.id;
    expect(issued.text).toContain(`id="token-${newId}"`);
    expect(issued.text).not.toContain('別団体の連携');
    expect(issued.text).toMatch(new RegExp(`<input[^>]*name="organizationId"[^>]*value="${organizationId}"`));

    const list = await admin.request('GET', amp(listLink![1]!));
    expect(list.status).toBe(200);
    expect(list.text).toContain('トークン株式会社のトークン');
    expect(list.text).toContain(`id="token-${newId}"`);
    expect(list.text).toContain('人事システム連携');
    expect(list.text).not.toContain('別団体の連携');
    expect(list.text).not.toMatch(/<th scope="row"><a [^>]*>初期管理者トークン</); // an administrator token is no organization's
    // The state filter keeps the organization; a link leads back to every token.
    expect(list.text).toMatch(new RegExp(`<form method="get" action="/admin/tokens"[^>]*id="state-filter">[\\s\\S]*?<input type="hidden" name="organizationId" value="${organizationId}"`));
    expect(list.text).toMatch(/<a[^>]*id="all-tokens-link"[^>]*href="\/admin\/tokens"/);
    const english = await admin.request('GET', `/admin/tokens?organizationId=${organizationId}&lang=en`);
    expect(english.text).toContain('Tokens of トークン株式会社');
  });
});

describe('revoking the token one is signed in with', () => {
  it('the confirmation page says so before; afterwards the back office asks to sign in again', async () => {
    const own = await startTestServer();
    try {
      const b = await signInAsAdministrator(own);
      // Another way in, so the revocation is allowed.
      await own.call('POST', '/api/v1/tokens', { body: { role: 'admin', label: '交代用' } });
      const bootstrap = ((await own.call('GET', '/api/v1/tokens')).body.items as { id: string }[])[0]!.id;
      const confirm = await b.request('GET', `/admin/tokens/${bootstrap}/revoke`);
      expect(confirm.text).toMatch(/id="own-token"[\s\S]*今この管理画面にログインしているトークンです/);
      const other = await b.request('GET', `/admin/tokens/${((await own.call('GET', '/api/v1/tokens')).body.items as { id: string }[])[1]!.id}/revoke`);
      expect(other.text).not.toContain('id="own-token"');
      const done = await b.request('POST', `/admin/tokens/${bootstrap}/revoke`, { form: { csrf: await staffCsrf(b) } });
      expect(done.status).toBe(303);
      expect((await b.request('GET', done.headers.get('location')!)).status).toBe(302);
    } finally {
      await own.close();
    }
  });
});

describe('revoking the last way an administrator signs in', () => {
  it('is refused on the page with a clear message (409), and nothing is revoked', async () => {
    const alone = await startTestServer();
    try {
      const b = await signInAsAdministrator(alone);
      const bootstrap = ((await alone.call('GET', '/api/v1/tokens')).body.items as { id: string }[])[0]!.id;
      const confirm = await b.request('GET', `/admin/tokens/${bootstrap}/revoke`);
      expect(confirm.text).toContain('id="revoke-refusal"');
      const refused = await b.request('POST', `/admin/tokens/${bootstrap}/revoke`, { form: { csrf: await staffCsrf(b) } });
      expect(refused.status).toBe(409);
      expect(refused.text).toMatch(/id="revoke-refusal"[\s\S]*管理画面にログインできる管理者がいなくなるため/);
      expect(((await alone.call('GET', '/api/v1/tokens')).body.items as { revokedAt: string | null }[])[0]!.revokedAt).toBeNull();
    } finally {
      await alone.close();
    }
  });
});

describe('the list’s “issued by” column at a full page', () => {
  it('names the minters of 50 tokens with one statement through the audit log’s entity index, not one per token', async () => {
    const { createKyselyTokens } = await import('../../src/adapters/kysely/tokens.js');
    const { queryPlansOf } = await import('../helpers/query-plans.js');
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push((await server.call('POST', '/api/v1/tokens', { body: { role: 'admin', label: `一覧${i}` } })).body.id);
    let creators: Map<string, string | null> | undefined;
    const plans = await queryPlansOf(server.dbPath, createKyselyTokens, async (tokens) => (creators = await tokens.creatorsOf(ids)));
    expect(plans).toHaveLength(1);
    expect(plans[0]!.plan.join(' ')).toContain('audit_entity_idx');
    const bootstrap = (await tokensVia()).find((t) => t.label === 'bootstrap administrator')!.id;
    expect([...creators!.values()]).toEqual(ids.map(() => bootstrap));
  });
});
