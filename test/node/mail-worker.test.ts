/**
 * E-mail on the Worker (npm run dev:worker: local workerd, D1, its cron triggers running): without
 * MAIL_API_URL a message waits in the outbox saying why; once the Worker is started with a mail
 * API, the waiting message goes out, and so do new ones; the cron's sweep queues renewal reminders
 * once. The mail API is a node:http server here.
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyFile } from '../../src/adapters/node/key-files.js';
import { startMailApiSink, type PostedMail } from '../helpers/mail-api-sink.js';
import { ADMIN_TOKEN, COMPANY, DECLARATION, corporateNumberFor, freePort, httpCaller, type TestServer } from '../helpers/server.js';
import { startDevWorker } from '../helpers/targets.js';
import { browser } from '../helpers/web-browser.js';

let dir: string;
let apiUrl: string;
let posted: PostedMail[];
let closeApi: () => Promise<void>;
let worker: Awaited<ReturnType<typeof startDevWorker>> | null = null;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'registry-mail-worker-'));
  await createKeyFile(join(dir, 'keys'));
  ({ url: apiUrl, posted, close: closeApi } = await startMailApiSink());
});
afterAll(async () => {
  await worker?.close();
  await closeApi?.();
  rmSync(dir, { recursive: true, force: true });
});

const start = async (env: Record<string, string> = {}) => {
  worker = await startDevWorker({
    dir,
    port: await freePort(),
    env: { REGISTRY_ADMIN_TOKEN: ADMIN_TOKEN, KEYS_DIR: join(dir, 'keys'), DEV_WORKER_CRON_INTERVAL_MS: '500', ...env },
  });
  return httpCaller(worker.url);
};

/** A back-office page (the e-mail that did not go out, by default) as the administrator reads it (tags dropped). */
async function mailPage(lang: 'ja' | 'en' = 'ja', path = '/admin/mail') {
  // The forms' origin is PUBLIC_BASE_URL's (http://localhost:<port>), as in the person's browser.
  const admin = browser({ url: worker!.url } as TestServer, worker!.url.replace('127.0.0.1', 'localhost'));
  expect((await admin.request('POST', '/admin/login', { form: { token: ADMIN_TOKEN, next: '/admin' } })).status).toBe(303);
  const page = await admin.request('GET', `${path}${lang === 'en' ? '?lang=en' : ''}`);
  expect(page.status).toBe(200);
  return page.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

function outbox() {
  const db = new BetterSqlite3(worker!.dbPath(), { readonly: true, timeout: 5000 });
  try {
    return db.prepare('SELECT * FROM mail_outbox ORDER BY created_at').all() as Record<string, any>[];
  } finally {
    db.close();
  }
}

async function until<T>(probe: () => T | undefined | null | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('e-mail on the Worker', () => {
  let declarationId: string;
  let orgToken: string;

  it('without MAIL_API_URL, a message waits in the outbox with "no mail transport configured"', async () => {
    const call = await start();
    const org = await call('POST', '/api/v1/organizations', { body: { ...COMPANY, corporateNumber: corporateNumberFor(831), contact: { email: 'worker@example.jp' } } });
    expect(org.status, org.text).toBe(201);
    orgToken = (await call('POST', '/api/v1/tokens', { body: { role: 'organization', organizationId: org.body.id, label: 'mail' } })).body.token;
    declarationId = (await call('POST', `/api/v1/organizations/${org.body.id}/declarations`, { token: orgToken, body: DECLARATION })).body.id;
    expect((await call('POST', `/api/v1/declarations/${declarationId}/submit`, { token: orgToken })).status).toBe(200);
    const returned = await call('POST', `/api/v1/declarations/${declarationId}/return`, { body: { reason: 'Workerでの差戻し' } });
    expect(returned.status, returned.text).toBe(200);
    const waiting = await until(() => outbox().find((row) => row.kind === 'declaration.returned' && row.last_error !== null));
    expect(waiting).toMatchObject({ status: 'pending', attempts: 0, recipient: 'worker@example.jp', last_error: 'no mail transport configured', kind: 'declaration.returned' });

    // The secretariat reads why in the back office, in Japanese: nothing goes out until a mail API is
    // set; not "retried automatically", which would have it wait for a send that never comes.
    const ja = await mailPage();
    expect(ja).toContain('メールの送信方法が設定されていないため、メールは送信されずに保存されています');
    expect(ja).toContain('MAIL_API_URL');
    expect(ja).toContain('送信設定待ち');
    expect(ja).toContain('メールの送信方法の設定後に送信されます');
    expect(ja).not.toContain('自動で再送されます');
    const en = await mailPage('en');
    expect(en).toContain('No way to send e-mail is configured');
    expect(en).not.toContain('Retried automatically');
    // The back office's home, where the staff land, says so too and leads to that page.
    const home = await mailPage('ja', '/admin');
    expect(home).toContain('メールの送信方法が設定されていないため、団体へのお知らせや招待のメールは送信されていません。');
    expect(home).toContain('「メール」で確認してください');
    expect(await mailPage('en', '/admin')).toContain('No way to send e-mail is configured: notices and invitations to organizations are not being sent.');
    await worker!.close();
    worker = null;
  });

  it('started with MAIL_API_URL, it sends the waiting message, then the new ones', async () => {
    const call = await start({ MAIL_API_URL: apiUrl, MAIL_API_TOKEN: 'worker-mail-token', MAIL_REPLY_TO: 'office@example.go.jp' });
    const first = await until(() => posted.find((p) => p.body.subject.includes('差し戻されました')));
    expect(first.headers.authorization).toBe('Bearer worker-mail-token');
    expect(first.body.to).toBe('worker@example.jp');
    expect(first.body.subject).toBe('【地方創生テレワーク】自己宣言が差し戻されました（株式会社みらいワーク） / Your declaration has been returned (株式会社みらいワーク)');
    expect(first.body.text).toContain('Workerでの差戻し');
    expect(first.body.from).toMatch(/^"地方創生テレワーク宣言・表彰レジストリ" <no-reply@localhost>$/);
    await until(() => outbox()[0]?.status === 'sent');
    // With a mail API the back office no longer says none is configured.
    expect(await mailPage()).not.toContain('メールの送信方法が設定されていない');
    expect(await mailPage('ja', '/admin')).not.toContain('メールの送信方法が設定されていない');

    expect((await call('POST', `/api/v1/declarations/${declarationId}/submit`, { token: orgToken })).status).toBe(200);
    expect((await call('POST', `/api/v1/declarations/${declarationId}/publish`)).status).toBe(200);
    const published = await until(() => posted.find((p) => p.body.subject.includes('公表されました')));
    expect(published.body.html).toContain('/my/badges');
    // MAIL_REPLY_TO: every message says where replies go (the header); one queued since the start says so in its footer too.
    expect(posted.map((p) => p.body.reply_to)).toEqual(posted.map(() => 'office@example.go.jp'));
    expect(published.body.text).toContain('ご返信いただくと、事務局（office@example.go.jp）に届きます。');
    expect(published.body.html).toContain('<a href="mailto:office@example.go.jp">office@example.go.jp</a>');
    // Each submission's receipt, the return and the publication: each once.
    await until(() => outbox().every((row) => row.status === 'sent') && outbox().length === 4);
    expect(posted.map((p) => p.body.subject.replace('【地方創生テレワーク】', '').split('（')[0]).sort()).toEqual(['自己宣言が公表されました', '自己宣言が差し戻されました', '自己宣言を受け付けました', '自己宣言を受け付けました'].sort());
  });

  it('the scheduled sweep queues a renewal reminder on D1, once', async () => {
    const db = new BetterSqlite3(worker!.dbPath(), { timeout: 5000 });
    try {
      const validUntil = new Date(Date.now() + 30 * 86_400_000 - 60_000).toISOString();
      expect(db.prepare('UPDATE declarations SET valid_until = ? WHERE id = ?').run(validUntil, declarationId).changes).toBe(1);
    } finally {
      db.close();
    }
    const reminder = await until(() => posted.find((p) => p.body.subject.includes('有効期限')));
    expect(reminder.body.subject).toContain('残り30日');
    await new Promise((resolve) => setTimeout(resolve, 2000)); // several more sweeps (every 500 ms here)
    expect(posted.filter((p) => p.body.subject.includes('有効期限'))).toHaveLength(1);
  });

  it('the scheduled sweep expires the declaration on D1 and e-mails its organization once, with the link to renew it', async () => {
    const db = new BetterSqlite3(worker!.dbPath(), { timeout: 5000 });
    try {
      expect(db.prepare('UPDATE declarations SET valid_until = ? WHERE id = ?').run(new Date(Date.now() - 60_000).toISOString(), declarationId).changes).toBe(1);
    } finally {
      db.close();
    }
    const expired = await until(() => posted.find((p) => p.body.subject.includes('有効期限が切れました')));
    expect(expired.body.to).toBe('worker@example.jp');
    expect(expired.body.subject).toBe('【地方創生テレワーク】自己宣言の有効期限が切れました（株式会社みらいワーク） / Your declaration has expired (株式会社みらいワーク)');
    expect(expired.body.text).toMatch(/^http:\/\/localhost(:\d+)?\/my$/m);
    await new Promise((resolve) => setTimeout(resolve, 2000)); // several more sweeps (every 500 ms here)
    expect(posted.filter((p) => p.body.subject.includes('有効期限が切れました'))).toHaveLength(1);
    expect(outbox().filter((row) => row.kind === 'declaration.expired')).toMatchObject([{ status: 'sent', recipient: 'worker@example.jp' }]);
  });
});
