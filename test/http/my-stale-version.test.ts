import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLARATION, recordsOf, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsMember } from '../helpers/staff.js';
import { onWorker } from '../helpers/targets.js';
import { csrfIn, type Browser } from '../helpers/web-browser.js';

/**
 * The member area's one-button forms (withdraw, renew) posted after someone else changed the
 * declaration: not a bad request (400) but a conflict (409), the page shown again with the
 * declaration as it is now, what changed and what to do; nothing is done. The API still answers 412.
 */
let server: TestServer;

const rowVersionIn = (html: string, action: string) => new RegExp(`action="${action}"[\\s\\S]*?name="rowVersion" value="(\\d+)"`).exec(html)![1]!;
const noticeIn = (html: string) => /<div class="notice notice--error" role="alert">([^<]*)<\/div>/.exec(html)?.[1];

beforeAll(async () => {
  server = await startTestServer();
}, 180_000);

afterAll(async () => {
  await server?.close();
});

/** The organization amends its published declaration through the API: its version moves on. */
async function amendElsewhere(company: Awaited<ReturnType<typeof seedCompany>>, policy: string) {
  const amended = await server.call('PUT', `/api/v1/declarations/${company.declarationId}`, { token: company.orgToken, body: { ...DECLARATION, policy } });
  expect(amended.status, amended.text).toBe(200);
}

describe('a stale one-button form in the member area', () => {
  it('withdraw: 409, the confirmation shown again with the current version and what to do; nothing is withdrawn; pressed again it is', async () => {
    const company = await seedCompany(server, { n: 71, publish: true });
    const member = await signInAsMember(server, company.organization.id);
    const confirm = (await member.request('GET', '/my/declaration/withdraw')).text;
    const opened = rowVersionIn(confirm, '/my/declaration/withdraw');
    await amendElsewhere(company, '別の担当者が改訂した方針です。');
    const before = recordsOf(server);
    const refused = await member.request('POST', '/my/declaration/withdraw', { form: { csrf: csrfIn(confirm), declarationId: company.declarationId, rowVersion: opened } });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('text/html');
    expect(noticeIn(refused.text)).toBe(
      'この宣言は、このページを開いた後に別の操作で変更されました（現在: 公表中、第2版）。まだ取り下げていません。下の現在の状態を確認し、それでも取り下げる場合は、もう一度「取り下げる」を押してください。',
    );
    expect(refused.text).toContain('第2版');
    const current = rowVersionIn(refused.text, '/my/declaration/withdraw');
    expect(current).not.toBe(opened);
    expect(recordsOf(server)).toBe(before);
    expect((await server.call('GET', `/api/v1/declarations/${company.declarationId}`)).body.status).toBe('published');
    const english = await member.request('POST', '/my/declaration/withdraw?lang=en', { form: { csrf: csrfIn(confirm), declarationId: company.declarationId, rowVersion: opened } });
    expect(english.status).toBe(409);
    expect(noticeIn(english.text)).toBe(
      'This declaration was changed by someone else after you opened this page (now: Published, version 2). It is not withdrawn yet. Check its current state below and, to withdraw it all the same, press “Withdraw” again.',
    );
    const withdrawn = await member.request('POST', '/my/declaration/withdraw', { form: { csrf: csrfIn(refused.text), declarationId: company.declarationId, rowVersion: current } });
    expect(withdrawn.status).toBe(303);
  });

  it('the API still answers a stale If-Match with 412', async () => {
    const company = await seedCompany(server, { n: 72, publish: true });
    const stale = await server.call('POST', `/api/v1/declarations/${company.declarationId}/withdraw`, { token: company.orgToken, headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);
  });

  // The expiry is moved in the database file (the Worker's D1 is not at hand): Node only.
  it.skipIf(onWorker)('renew: 409, the dashboard shown again with the current state and what to do; nothing is renewed; pressed again it is', async () => {
    const company = await seedCompany(server, { n: 73, publish: true });
    const db = new BetterSqlite3(server.dbPath);
    try {
      // Near its end: the dashboard offers the renewal.
      db.prepare('UPDATE declarations SET valid_until = ? WHERE id = ?').run(new Date(Date.now() + 10 * 86_400_000).toISOString(), company.declarationId);
    } finally {
      db.close();
    }
    const member: Browser = await signInAsMember(server, company.organization.id);
    const dashboard = (await member.request('GET', '/my')).text;
    const opened = rowVersionIn(dashboard, '/my/declaration/renew');
    await amendElsewhere(company, '更新の前に改訂した方針です。');
    const before = recordsOf(server);
    const refused = await member.request('POST', '/my/declaration/renew', { form: { csrf: csrfIn(dashboard), declarationId: company.declarationId, rowVersion: opened } });
    expect(refused.status).toBe(409);
    expect(noticeIn(refused.text)).toBe(
      'この宣言は、このページを開いた後に別の操作で変更されました（現在: 公表中、第2版）。まだ更新していません。下の現在の状態を確認し、更新する場合は、もう一度ボタンを押してください。',
    );
    expect(refused.text).toContain('<h1>ダッシュボード</h1>');
    const current = rowVersionIn(refused.text, '/my/declaration/renew');
    expect(current).not.toBe(opened);
    expect(recordsOf(server)).toBe(before);
    const renewed = await member.request('POST', '/my/declaration/renew', { form: { csrf: csrfIn(refused.text), declarationId: company.declarationId, rowVersion: current } });
    expect(renewed.status).toBe(303);
  });
});
