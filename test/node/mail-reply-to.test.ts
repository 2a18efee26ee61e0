/**
 * MAIL_REPLY_TO: where a reply to the registry's e-mail goes. Set, every letter carries a
 * Reply-To header with it and its footer says replies reach the secretariat there, instead of
 * "this address does not receive replies". Read as a mail program would, from a real SMTP server
 * (and as an HTTP mail API receives it); a bad address stops the start, naming the setting.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.js';
import { COMPANY, DECLARATION, corporateNumberFor, startTestServer, type TestServer } from '../helpers/server.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../helpers/smtp.js';

const REPLY_TO = 'telework-office@example.go.jp';
const NO_REPLY_JA = 'ご返信いただいてもお答えできません';
const NO_REPLY_EN = 'does not receive replies';

let smtp: SmtpSink;
let withReplyTo: TestServer;
let without: TestServer;

beforeAll(async () => {
  smtp = await startSmtpSink();
  [withReplyTo, without] = await Promise.all([
    startTestServer({ SMTP_URL: smtp.url, MAIL_REPLY_TO: REPLY_TO }),
    startTestServer({ SMTP_URL: smtp.url }),
  ]);
}, 120_000);
afterAll(async () => {
  await withReplyTo?.close();
  await without?.close();
  await smtp?.stop();
});

/** A company whose contact is `email` submits its declaration (the receipt), and `invitee` is invited (a letter to one address). */
async function lettersFrom(server: TestServer, n: number, email: string, invitee: string): Promise<ReceivedMail[]> {
  const org = await server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: `返信先テスト株式会社${n}`, corporateNumber: corporateNumberFor(n), contact: { name: '人事 花子', email } } });
  expect(org.status, org.text).toBe(201);
  const token: string = (await server.call('POST', '/api/v1/tokens', { body: { role: 'organization', organizationId: org.body.id, label: 'reply-to' } })).body.token;
  const declaration = await server.call('POST', `/api/v1/organizations/${org.body.id}/declarations`, { token, body: DECLARATION });
  expect((await server.call('POST', `/api/v1/declarations/${declaration.body.id}/submit`, { token })).status).toBe(200);
  expect((await server.call('POST', `/api/v1/organizations/${org.body.id}/invitations`, { body: { email: invitee, role: 'editor' } })).status).toBe(201);
  return Promise.all([smtp.waitFor((m) => m.to.includes(email)), smtp.waitFor((m) => m.to.includes(invitee))]);
}

describe('MAIL_REPLY_TO', () => {
  it('set: every letter carries the Reply-To header, and its footer says replies reach the secretariat there, in text and HTML', async () => {
    const letters = await lettersFrom(withReplyTo, 881, 'reply-company@example.jp', 'reply-invitee@example.jp');
    expect(letters.map((m) => m.subject)).toEqual([expect.stringContaining('自己宣言を受け付けました'), expect.stringContaining('招待されました')]);
    for (const mail of letters) {
      expect(mail.parsed.replyTo?.value).toEqual([{ address: REPLY_TO, name: '' }]);
      expect(mail.text).toContain(`ご返信いただくと、事務局（${REPLY_TO}）に届きます。`);
      expect(mail.text).toContain(`Replies reach the secretariat at ${REPLY_TO}.`);
      expect(mail.text).not.toContain(NO_REPLY_JA);
      expect(mail.text).not.toContain(NO_REPLY_EN);
      expect(mail.html).toContain(`<a href="mailto:${REPLY_TO}">${REPLY_TO}</a>`);
      expect(mail.html).toContain('ご返信いただくと、事務局');
      expect(mail.html).toContain('Replies reach the secretariat at');
      expect(mail.html).not.toContain(NO_REPLY_JA);
    }
  });

  it('not set: no Reply-To header, and the footer says the address does not receive replies', async () => {
    const letters = await lettersFrom(without, 882, 'noreply-company@example.jp', 'noreply-invitee@example.jp');
    for (const mail of letters) {
      expect(mail.parsed.replyTo).toBeUndefined();
      expect(mail.parsed.headers.has('reply-to')).toBe(false);
      expect(mail.text).toContain(NO_REPLY_JA);
      expect(mail.text).toContain(NO_REPLY_EN);
      expect(mail.html).toContain(NO_REPLY_JA);
      expect(mail.text).not.toContain('事務局（');
    }
  });

  it('an HTTP mail API receives it as reply_to', async () => {
    const posted: any[] = [];
    const api: Server = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        posted.push(JSON.parse(body));
        response.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const server = await startTestServer({ MAIL_API_URL: `http://127.0.0.1:${(api.address() as AddressInfo).port}/send`, MAIL_REPLY_TO: REPLY_TO });
    try {
      const org = await server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, corporateNumber: corporateNumberFor(883) } });
      expect((await server.call('POST', `/api/v1/organizations/${org.body.id}/invitations`, { body: { email: 'api-invitee@example.jp', role: 'editor' } })).status).toBe(201);
      await expect.poll(() => posted.length, { timeout: 20_000 }).toBe(1);
      expect(posted[0]).toMatchObject({ to: 'api-invitee@example.jp', reply_to: REPLY_TO });
      expect(posted[0].text).toContain(`Replies reach the secretariat at ${REPLY_TO}.`);
    } finally {
      await server.close();
      api.closeAllConnections();
      await new Promise((resolve) => api.close(resolve));
    }
  });

  it('a value that is not one plain address stops the start, naming the setting', () => {
    expect(parseConfig({ MAIL_REPLY_TO: ` ${REPLY_TO} ` }).web.mailReplyTo).toBe(REPLY_TO);
    expect(parseConfig({}).web.mailReplyTo).toBeNull();
    for (const bad of ['事務局', 'office@example.go.jp, other@example.go.jp', '"事務局" <office@example.go.jp>', 'office@example.go.jp\r\nBcc: x@example.jp']) {
      let error: unknown = null;
      try {
        parseConfig({ MAIL_REPLY_TO: bad });
      } catch (thrown) {
        error = thrown;
      }
      expect(error, bad).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems, bad).toEqual([`MAIL_REPLY_TO must be one e-mail address, such as office@example.go.jp, without a name or angle brackets (got "${bad.trim()}")`]);
    }
  });
});
