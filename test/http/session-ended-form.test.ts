/**
 * A long form sent after the session ended (the idle timeout: lunch; the absolute timeout: a long
 * day): nothing is saved, and what was typed is not lost. The answer (403) shows it, in read-only
 * boxes to copy, with a link to sign in in a new tab and a form that sends it once more (without
 * the dead session's token). Sent again once signed in, the form comes back with the text and a
 * fresh token (the stale-form path, test/http/stale-form.test.ts); sent from there, it is saved.
 * Without proof that the post came from this site's own page, or with nothing typed to keep, the
 * sign-in redirect as before: nothing typed is shown back.
 */
import { createHash } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, COMPANY, DECLARATION, corporateNumberFor, recordsOf, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAgainWithPasskey, signInAsAdministrator, signInAsMember } from '../helpers/staff.js';
import { csrfIn, type Browser } from '../helpers/web-browser.js';

const ENDED = 'ログインの有効期限が切れていたため、送信した内容はまだ保存していません。';
const STALE_NOTICE = 'ページを開いてから時間が経ったため、送信を確認できませんでした。';
const POLICY = '本社機能の一部を地方拠点へ移し、\n転職なき移住を支援します。<b>&"\'</b>';
const POLICY_ESCAPED = '本社機能の一部を地方拠点へ移し、\n転職なき移住を支援します。&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;';

let server: TestServer;
let organizationId: string;

beforeAll(async () => {
  server = await startTestServer();
  organizationId = (await server.call('POST', '/api/v1/organizations', { body: COMPANY })).body.id;
}, 180_000);

afterAll(async () => {
  await server?.close();
});

const formBody = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  return body;
};

/** The browser's session row, ended as `how` ends it (no test clock across processes: the row is aged in the file). */
function endSession(b: Browser, how: 'idle' | 'absolute') {
  const idHash = createHash('sha256').update(b.jar.get('registry_session')!).digest('hex');
  const db = new BetterSqlite3(server.dbPath, { fileMustExist: true });
  try {
    const sql = how === 'idle' ? 'UPDATE sessions SET last_seen_at = last_seen_at - 31 * 60000 WHERE id_hash = ?' : 'UPDATE sessions SET created_at = created_at - 13 * 3600000, expires_at = last_seen_at - 1 WHERE id_hash = ?';
    expect(db.prepare(sql).run(idHash).changes).toBe(1);
  } finally {
    db.close();
  }
}

const decoded = (value: string) => value.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** The fields of the answer's "send it again" form, as the browser would send them. */
function resendFields(html: string): { action: string; fields: [string, string][] } {
  const form = /<form method="post" action="([^"]+)" id="resend-form"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error('no resend form');
  const fields = [...form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map(([, name, value]) => [name!, decoded(value!)] as [string, string]);
  return { action: decoded(form[1]!), fields };
}

const declarationFields = { action: 'draft', signerName: '山田 太郎', signerTitle: '代表取締役', committedOn: '2025-04-01', guidelineAreas: ['labor', 'security'], purposes: ['2'], policy: POLICY, measures: '', publicFields: ['committedOn', 'policy'] };

describe('a form sent after the session ended', () => {
  it('the declaration form (idle timeout): its text shown to copy, nothing saved; signed in again and sent again, the form comes back with it; then saved', async () => {
    const member = await signInAsMember(server, organizationId);
    const csrf = csrfIn((await member.request('GET', '/my/declaration')).text);
    endSession(member, 'idle');
    const before = recordsOf(server);

    const kept = await member.request('POST', '/my/declaration', { form: formBody({ csrf, fromPage: '/my/declaration', ...declarationFields }) });
    expect(kept.status).toBe(403);
    expect(kept.headers.get('content-type')).toContain('text/html');
    expect(kept.headers.get('cache-control')).toBe('no-store');
    expect(kept.text).toContain(ENDED);
    // What was typed, escaped, in read-only boxes labelled as on the form.
    expect(kept.text).toMatch(/<textarea[^>]*readonly[^>]*>\n本社機能の一部を地方拠点へ移し、/);
    expect(kept.text).toContain(POLICY_ESCAPED);
    expect(kept.text).not.toContain('<b>&"\'</b>');
    expect(kept.text).toContain('取組方針');
    expect(kept.text).toContain('山田 太郎');
    // The way back: sign in in a new tab (coming back to the form's page), then send it again here.
    expect(kept.text).toMatch(/<a href="\/login\?next=%2Fmy%2Fdeclaration" target="_blank" rel="noopener"/);
    const resend = resendFields(kept.text);
    expect(resend.action).toBe('/my/declaration');
    expect(resend.fields.map(([name]) => name)).not.toContain('csrf');
    expect(kept.text).not.toContain(csrf);
    expect(recordsOf(server)).toBe(before);
    expect((await server.call('GET', `/api/v1/organizations/${organizationId}`)).body.declarations).toEqual([]);

    // Signed in again (another tab), then "send again" here: the form, with what was typed and the new session's token.
    await signInAgainWithPasskey(member, member.device);
    const fresh = csrfIn((await member.request('GET', '/my')).text);
    const back = await member.request('POST', resend.action, { form: new URLSearchParams(resend.fields) });
    expect(back.status).toBe(403);
    expect(back.text).toContain(STALE_NOTICE);
    expect(back.text).toMatch(/id="f-signerName"[^>]*value="山田 太郎"/);
    expect(back.text).toContain(POLICY_ESCAPED);
    expect(back.text).toMatch(/id="f-guidelineAreas-security"[^>]*checked/);
    expect(csrfIn(back.text)).toBe(fresh);
    expect((await server.call('GET', `/api/v1/organizations/${organizationId}`)).body.declarations).toEqual([]);

    const saved = await member.request('POST', '/my/declaration', { form: formBody({ csrf: fresh, ...declarationFields }) });
    expect(saved.status).toBe(303);
    const [declaration] = (await server.call('GET', `/api/v1/organizations/${organizationId}`)).body.declarations;
    expect(declaration).toMatchObject({ status: 'draft', content: { signerName: '山田 太郎', policy: POLICY } });
  });

  it('in English on English pages', async () => {
    const member = await signInAsMember(server, organizationId, 'English Reader');
    const csrf = csrfIn((await member.request('GET', '/my/declaration?lang=en')).text);
    endSession(member, 'absolute');
    const kept = await member.request('POST', '/my/declaration?lang=en', { form: formBody({ csrf, fromPage: '/my/declaration?lang=en', ...declarationFields, policy: 'Remote work from the regions.' }) });
    expect(kept.status).toBe(403);
    expect(kept.text).toContain('<html lang="en"');
    expect(kept.text).toContain('Your sign-in had ended, so what you sent is not saved yet.');
    expect(kept.text).toContain('Remote work from the regions.');
    expect(kept.text).toContain('href="/login?next=%2Fmy%2Fdeclaration%3Flang%3Den&amp;lang=en"');
  });

  it('the back office’s return reason (absolute timeout): shown to copy, nothing decided; signed in again and sent again, the review comes back with it', async () => {
    const org = await server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: '差戻し理由テスト株式会社', corporateNumber: corporateNumberFor(82_001) } });
    const declaration = (await server.call('POST', `/api/v1/organizations/${org.body.id}/declarations`, { body: DECLARATION })).body;
    const submitted = (await server.call('POST', `/api/v1/declarations/${declaration.id}/submit`)).body;
    const admin = await signInAsAdministrator(server);
    const page = `/admin/reviews/${declaration.id}`;
    const csrf = csrfIn((await admin.request('GET', page)).text);
    endSession(admin, 'absolute');
    const before = recordsOf(server);

    const reason = '取組内容の記載が不足しています。\n具体的な制度名を記入してください。';
    const kept = await admin.request('POST', `${page}/return`, { form: formBody({ csrf, fromPage: page, rowVersion: String(submitted.rowVersion), reason }) });
    expect(kept.status).toBe(403);
    expect(kept.text).toContain(ENDED);
    expect(kept.text).toContain(reason);
    expect(kept.text).toContain(`href="/admin/login?next=${encodeURIComponent(page)}" target="_blank"`);
    expect(recordsOf(server)).toBe(before);
    expect((await server.call('GET', `/api/v1/declarations/${declaration.id}`)).body.status).toBe('submitted');

    const signedIn = await admin.request('POST', '/admin/login', { form: { token: ADMIN_TOKEN, next: '/admin' } });
    expect(signedIn.status).toBe(303);
    const resend = resendFields(kept.text);
    const back = await admin.request('POST', resend.action, { form: new URLSearchParams(resend.fields) });
    expect(back.status).toBe(403);
    expect(back.text).toContain(STALE_NOTICE);
    expect(back.text).toContain(reason);
    expect((await server.call('GET', `/api/v1/declarations/${declaration.id}`)).body.status).toBe('submitted');

    const returned = await admin.request('POST', `${page}/return`, { form: formBody({ csrf: csrfIn(back.text), rowVersion: String(submitted.rowVersion), reason }) });
    expect(returned.status).toBe(303);
    expect((await server.call('GET', `/api/v1/declarations/${declaration.id}`)).body.status).toBe('draft');
  });

  it('without proof the post came from this site’s page, or with nothing typed, the sign-in redirect as before; nothing is shown back', async () => {
    const before = recordsOf(server);
    const fields = formBody({ csrf: 'x', ...declarationFields, signerName: '別サイト 太郎' });
    for (const headers of [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, {}, { 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' }] as Record<string, string>[]) {
      const refused = await fetch(`${server.url}/my/declaration`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: fields });
      expect(refused.status, JSON.stringify(headers)).toBe(302);
      expect(refused.headers.get('location')).toMatch(/^\/login\?next=/);
      expect(await refused.text()).not.toContain('別サイト 太郎');
    }
    // A button (nothing typed): signing in brings back the page, as before.
    const button = await fetch(`${server.url}/admin/revocations/x/approve`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' }, body: formBody({ csrf: 'x', fromPage: '/admin/revocations' }) });
    expect(button.status).toBe(302);
    expect(button.headers.get('location')).toMatch(/^\/admin\/login\?next=/);
    expect(recordsOf(server)).toBe(before);
  });
});
