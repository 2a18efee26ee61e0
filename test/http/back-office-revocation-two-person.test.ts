import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, COMPANY, DECLARATION, corporateNumberFor, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator, staffCsrf } from '../helpers/staff.js';
import { browser, type Browser } from '../helpers/web-browser.js';
import { onWorker } from '../helpers/targets.js';

/**
 * The two-person rule of revocation cannot be met by one person with a second way in: a token
 * they hold or minted, an account they invited (or that invited them), an account with their
 * e-mail address. Two administrators registered as different people (here: both invited by the
 * bootstrap administrator, neither by the other) still revoke together. On Node only, as the
 * other back-office revocation tests (the same code and SQL run on D1 through the token tests).
 */
let server: TestServer;
let root: Browser;
let counter = 0;

async function publishedDeclaration(): Promise<string> {
  const n = ++counter;
  const org = await server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: `二人承認テスト株式会社${n}`, corporateNumber: corporateNumberFor(76_000 + n) } });
  const declaration = await server.call('POST', `/api/v1/organizations/${org.body.id}/declarations`, { body: DECLARATION });
  await server.call('POST', `/api/v1/declarations/${declaration.body.id}/submit`);
  expect((await server.call('POST', `/api/v1/declarations/${declaration.body.id}/publish`)).status).toBe(200);
  return declaration.body.id;
}

/** `requester` asks to revoke a new published declaration; `approver` approves: the answer. */
async function requestThenApprove(requester: Browser, approver: Browser) {
  const subjectId = await publishedDeclaration();
  const form = { csrf: await staffCsrf(requester), subjectType: 'declaration', subjectId, reason: 'false-declaration', note: '', back: '/admin/revocations' };
  expect((await requester.request('POST', '/admin/revocations', { form })).status).toBe(303);
  const list = await requester.request('GET', '/admin/revocations');
  const id = new RegExp(`<tr id="request-([^"]+)"><th scope="row">(?:(?!</tr>)[\\s\\S])*?ID: ${subjectId}<`).exec(list.text)![1]!;
  const offered = (await approver.request('GET', '/admin/revocations')).text;
  const answer = await approver.request('POST', `/admin/revocations/${id}/approve`, { form: { csrf: await staffCsrf(approver) } });
  const status = (await server.call('GET', `/api/v1/declarations/${subjectId}`)).body.status as string;
  return { answer, status, offered: offered.includes(`id="approve-${id}"`), toldWhy: offered.includes(`id="not-yours-to-approve-${id}"`) };
}

/** An administrator invited by `inviter` with `email`, joined with a passkey. */
async function invited(inviter: Browser, name: string, email = ''): Promise<Browser> {
  const page = await inviter.request('POST', '/admin/staff/invite', { form: { csrf: await staffCsrf(inviter), name, role: 'administrator', email } });
  const url = new URL(/<code id="invitation-url">([^<]+)<\/code>/.exec(page.text)![1]!);
  const b = browser(server, url.origin);
  const { softAuthenticator } = await import('../helpers/webauthn.js');
  const device = softAuthenticator(url.origin);
  const options = await b.request('POST', `${url.pathname}/options`, { json: {} });
  expect((await b.request('POST', `${url.pathname}/verify`, { json: { credential: device.create(options.body), label: '端末' } })).status).toBe(200);
  return b;
}

/** A browser signed in at /admin/login with a token. */
async function withToken(token: string): Promise<Browser> {
  const b = browser(server, new URL(server.url).origin);
  expect((await b.request('POST', '/admin/login', { form: { token, next: '/admin' } })).status).toBe(303);
  return b;
}

beforeAll(async () => {
  server = await startTestServer();
  root = await signInAsAdministrator(server);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe.skipIf(onWorker)('the second administrator of a revocation is another person', () => {
  it('refuses an account the requester invited, and the one who invited the requester (403, nothing revoked)', async () => {
    const named = await invited(root, '事務局 一郎', 'ichiro@example.jp');
    const puppet = await invited(named, '別名 一郎');
    const refused = await requestThenApprove(named, puppet);
    expect(refused.answer.status).toBe(403);
    expect(refused.answer.text).toContain('承認は依頼者とは別の管理者が行います');
    expect(refused.answer.text).toContain('招待');
    expect(refused.status).toBe('published');
    // The list offers no approval it would refuse, and says why.
    expect(refused).toMatchObject({ offered: false, toldWhy: true });
    const reverse = await requestThenApprove(puppet, named);
    expect(reverse.answer.status).toBe(403);
    expect(reverse.status).toBe('published');
  });

  it('refuses a token the requester minted, signed in to the back office', async () => {
    const minted = await server.call('POST', '/api/v1/tokens', { token: ADMIN_TOKEN, body: { role: 'admin', label: '二つ目' } });
    const second = await withToken(minted.body.token);
    const refused = await requestThenApprove(root, second);
    expect(refused.answer.status).toBe(403);
    expect(refused.status).toBe('published');
    // A token minted with the inviter's token is the inviter's: refused for the one they invited.
    const named = await invited(root, '事務局 三郎');
    const itsToken = await server.call('POST', '/api/v1/tokens', { token: minted.body.token, body: { role: 'admin', label: '三つ目' } });
    expect((await requestThenApprove(named, await withToken(itsToken.body.token))).answer.status).toBe(403);
  });

  it('refuses an account with the requester’s e-mail address, in any case', async () => {
    const first = await invited(root, '事務局 四郎', 'shiro@example.jp');
    const again = await invited(root, '四郎（別端末）', 'Shiro@Example.jp');
    const refused = await requestThenApprove(first, again);
    expect(refused.answer.status).toBe(403);
    expect(refused.status).toBe('published');
  });

  it('lets two administrators neither of whom invited the other revoke together', async () => {
    const one = await invited(root, '事務局 五郎', 'goro@example.jp');
    const other = await invited(root, '事務局 六子', 'rokuko@example.jp');
    const done = await requestThenApprove(one, other);
    expect(done.answer.status).toBe(303);
    expect(done.status).toBe('revoked');
    expect(done).toMatchObject({ offered: true, toldWhy: false });
  });
});
