// The Worker's every-minute cron runs two jobs, webhook deliveries and e-mail: one failing (here the
// webhook table is gone from D1) must neither stop the other nor go unnamed in the log. Before,
// the first failure ended the scheduled event (the e-mail run was cut off with it, its message
// left leased) and the log had only an uncaught exception, not the registry's JSON line. The
// ten-minute expiry cron likewise: its expiry sweep failing no longer stops the session purge, nor
// the deletion of e-mail sent past its retention period.
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyFile } from '../../src/adapters/node/key-files.js';
import { startMailApiSink } from '../helpers/mail-api-sink.js';
import { ADMIN_TOKEN, freePort } from '../helpers/server.js';
import { startDevWorker } from '../helpers/targets.js';

let dir: string;
let api: Awaited<ReturnType<typeof startMailApiSink>>;
let worker: Awaited<ReturnType<typeof startDevWorker>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'registry-worker-scheduled-'));
  await createKeyFile(join(dir, 'keys'));
  api = await startMailApiSink();
  worker = await startDevWorker({
    dir,
    port: await freePort(),
    env: { REGISTRY_ADMIN_TOKEN: ADMIN_TOKEN, KEYS_DIR: join(dir, 'keys'), MAIL_API_URL: api.url, DEV_WORKER_CRON_INTERVAL_MS: '500' },
  });
});
afterAll(async () => {
  await worker?.close();
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function until<T>(probe: () => T | undefined | null | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out; output:\n${worker.output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the Worker’s every-minute cron when the webhook job fails', () => {
  it('still sends the e-mail that waits, and logs the failure as a JSON line naming the job', async () => {
    const db = new BetterSqlite3(worker.dbPath(), { timeout: 5000 });
    try {
      db.exec('ALTER TABLE webhook_deliveries RENAME TO webhook_deliveries_gone');
      // A message only the cron sends: queued without a request (the way the expiry sweep queues its own).
      db.prepare(`INSERT INTO mail_outbox (id, kind, organization_id, recipient, subject, text_body, html_body, created_at, status, attempts, next_attempt_at)
        VALUES ('cron-only-message', 'declaration.expired', NULL, 'cron@example.jp', 'cron only', 'text', '<p>html</p>', ?, 'pending', 0, ?)`).run(new Date().toISOString(), Date.now());
    } finally {
      db.close();
    }
    // The ten-minute cron sends webhooks too (those its expiries queued): its own line may come first.
    // Its message is D1's: "no such table: webhook_deliveries", or (local D1 meeting the rename mid-query) an internal error.
    const line = await until(() => worker.output().split('\n').find((l) => l.includes('"event":"scheduled_failed"') && l.includes('"cron":"* * * * *"') && l.includes('"job":"webhooks"')));
    expect(line).toContain('D1_ERROR');
    const sent = await until(() => api.posted.find((p) => p.body.to === 'cron@example.jp'));
    expect(sent.body.subject).toBe('cron only');
  });
});

describe('the Worker’s expiry cron when the expiry job fails', () => {
  it('still purges expired sessions and e-mail sent past its retention, logs the failure as a JSON line naming the job, and does not throw out of the event', async () => {
    const db = new BetterSqlite3(worker.dbPath(), { timeout: 5000 });
    try {
      db.pragma('foreign_keys = OFF');
      db.exec('ALTER TABLE declarations RENAME TO declarations_gone');
      db.prepare(`INSERT INTO sessions (id_hash, account_id, organization_id, csrf_token, method, created_at, last_seen_at, expires_at)
        VALUES ('expired-session', 'no-account', NULL, 'csrf', 'passkey', 0, 0, 1)`).run();
      // E-mail sent 100 days ago, past the 90 days it is kept.
      const sentAt = Date.now() - 100 * 86_400_000;
      db.prepare(`INSERT INTO mail_outbox (id, kind, organization_id, recipient, subject, text_body, html_body, created_at, status, attempts, next_attempt_at, sent_at)
        VALUES ('long-sent-message', 'declaration.published', NULL, 'old@example.jp', 'old', 'text', '<p>html</p>', ?, 'sent', 1, ?, ?)`).run(new Date(sentAt).toISOString(), sentAt, new Date(sentAt).toISOString());
    } finally {
      db.close();
    }
    const line = await until(() => worker.output().split('\n').find((l) => l.includes('"event":"scheduled_failed"') && l.includes('"job":"expiry"')));
    expect(line).toContain('"cron":"*/10 * * * *"');
    expect(line).toContain('D1_ERROR'); // "no such table: declarations", or local D1's internal error (as above)
    // The session purge after it ran all the same.
    await until(() => {
      const check = new BetterSqlite3(worker.dbPath(), { readonly: true, timeout: 5000 });
      try {
        return check.prepare("SELECT 1 FROM sessions WHERE id_hash = 'expired-session'").get() === undefined;
      } finally {
        check.close();
      }
    });
    // And the e-mail purge.
    await until(() => {
      const check = new BetterSqlite3(worker.dbPath(), { readonly: true, timeout: 5000 });
      try {
        return check.prepare("SELECT 1 FROM mail_outbox WHERE id = 'long-sent-message'").get() === undefined;
      } finally {
        check.close();
      }
    });
    // Logged once as the registry's line, not thrown out of the event (an uncaught exception, and
    // a failed run in npm run dev:worker's log).
    expect(worker.output()).not.toContain('The scheduled job "*/10 * * * *" failed');
  });
});
