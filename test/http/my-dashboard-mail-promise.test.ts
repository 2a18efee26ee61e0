/**
 * The dashboard of a declaration under review says where its outcome will be told: on the page,
 * and by e-mail only when there is an address to send it to (a member's or the organization's
 * contact address). A member who joined without one must not wait for a mail that never comes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPANY, corporateNumberFor, declarationAction, DECLARATION, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsMember } from '../helpers/staff.js';
import { onWorker } from '../helpers/targets.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
}, 120_000);
afterAll(() => server?.close());

/** A company (with `contact` if given) whose declaration is under review; its dashboard's text in both languages. */
async function dashboardUnderReview(n: number, contact?: { email: string }) {
  const organization = (await server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: `審査中${n}株式会社`, corporateNumber: corporateNumberFor(n), ...(contact ? { contact } : {}) } })).body;
  const token = (await server.call('POST', '/api/v1/tokens', { body: { role: 'organization', organizationId: organization.id, label: 'hr' } })).body.token;
  const declaration = (await server.call('POST', `/api/v1/organizations/${organization.id}/declarations`, { token, body: DECLARATION })).body;
  await declarationAction(server, declaration.id, 'submit', { token });
  const member = await signInAsMember(server, organization.id); // joins without an e-mail address
  const text = async (path: string) => (await member.request('GET', path)).text.replace(/<[^>]+>/g, '');
  return { ja: await text('/my'), en: await text('/my?lang=en') };
}

describe('the dashboard while the secretariat reviews', () => {
  it('with no address to write to, promises no e-mail and says why', async () => {
    const { ja, en } = await dashboardUnderReview(660);
    expect(ja).toContain('事務局が審査しています。結果（公表または差戻し）はこのページに表示します。メールアドレスが登録されていないため、メールではお知らせしません。');
    expect(ja).not.toContain('メールでもお知らせします');
    expect(en).toContain('The secretariat is reviewing it. The outcome (published, or returned to you) shows here; no e-mail address is registered, so none is sent.');
  });

  it.skipIf(onWorker)('with the organization’s contact address, says the outcome is e-mailed too', async () => {
    const { ja, en } = await dashboardUnderReview(661, { email: 'jinji@example.jp' });
    expect(ja).toContain('事務局が審査しています。結果（公表または差戻し）はこのページに表示し、メールでもお知らせします。');
    expect(en).toContain('The outcome (published, or returned to you) shows here and is sent by e-mail too.');
  });

  // The Worker under test has no MAIL_API_URL: a message waits in the outbox, so none is promised,
  // and the reason given is that one, not a missing address.
  it.runIf(onWorker)('with an address but no way to send e-mail (the Worker without MAIL_API_URL), promises none and says why', async () => {
    const { ja, en } = await dashboardUnderReview(662, { email: 'jinji@example.jp' });
    expect(ja).toContain('事務局が審査しています。結果（公表または差戻し）はこのページに表示します。この登録簿ではメールの送信方法が設定されていないため、メールはまだ送信されません。');
    expect(ja).not.toContain('メールでもお知らせします');
    expect(ja).not.toContain('メールアドレスが登録されていない');
    expect(en).toContain('The secretariat is reviewing it. The outcome (published, or returned to you) shows here; no way to send e-mail is configured for this registry yet, so none goes out.');
  });
});
