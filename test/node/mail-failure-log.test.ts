/**
 * A message the mail server refuses for good is logged (mail_failed) for the operator, but the
 * refusal an SMTP server sends back names the recipient ("550 5.1.1 <taro@…>: Recipient address
 * rejected"): the log line must not carry that address. Real registry (Node, SQLite file), a real
 * SMTP server here (smtp-server) that refuses every recipient the way Postfix words it.
 */
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { COMPANY, corporateNumberFor, freePort, startTestServer, type TestServer } from '../helpers/server.js';

const INVITEE = 'taro.yamada@example.jp';

let smtp: SMTPServer;
let server: TestServer;

beforeAll(async () => {
  const port = await freePort();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown in virtual mailbox table`) as Error & { responseCode: number };
      refusal.responseCode = 550;
      callback(refusal);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', () => resolve()));
  server = await startTestServer({ SMTP_URL: `smtp://127.0.0.1:${port}` });
});

afterAll(async () => {
  await server?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

it('a refused invitation is logged as failed, without the address the server echoed', async () => {
  const org = await server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: '宛先不明株式会社', corporateNumber: corporateNumberFor(931) } });
  expect(org.status, org.text).toBe(201);
  const invited = await server.call('POST', `/api/v1/organizations/${org.body.id}/invitations`, { body: { email: INVITEE, role: 'editor' } });
  expect(invited.status, invited.text).toBe(201);

  await expect.poll(() => server.logs.find((line) => line.includes('"mail_failed"')), { timeout: 20_000 }).toBeTruthy();
  const failed = JSON.parse(server.logs.find((line) => line.includes('"mail_failed"'))!);
  expect(failed).toMatchObject({ level: 'error', kind: 'invitation' });
  // What the server said is kept (the operator needs "Recipient address rejected"), the address is not.
  expect(failed.error).toContain('Recipient address rejected');
  expect(server.logs.filter((line) => line.includes('@'))).toEqual([]);
});
