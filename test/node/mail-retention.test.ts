/**
 * Sent e-mail is not kept forever: a message delivered (or given up) more than MAIL_RETENTION_DAYS
 * ago (90 by default) is deleted, recipient and text, by the sweep that purges ended sessions; a
 * message still waiting to go out is never deleted. A registry over a real SQLite file, with a
 * clock the test moves, a transport that delivers (or refuses one address for good), and Node's
 * expiry sweep run once as the server runs it.
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFolderMailTransport } from '../../src/adapters/node/folder-mail.js';
import { ConfigError, parseConfig } from '../../src/config.js';
import { startExpirySweep, type SweepTimers } from '../../src/node/expiry-sweep.js';
import type { MailTransport, OutgoingMail } from '../../src/ports/mail.js';
import { parseWebSettings } from '../../src/web-settings.js';
import { registryOnFreshFile, TEST_REGISTRY_CONFIG } from '../helpers/database-file.js';

const DAY_MS = 86_400_000;
const START = Date.parse('2026-01-05T01:00:00.000Z');

/** Delivers everything but to refused@example.jp, which the server refuses for good. */
const transport: MailTransport = {
  name: 'test',
  send: async (message) => (message.to === 'refused@example.jp' ? { ok: false, error: '550 no such user', permanent: true } : { ok: true }),
};

async function registryWithMail(env: Record<string, string> = {}) {
  const clock = { now: new Date(START) };
  const web = parseWebSettings(env, []);
  const { registry, path } = await registryOnFreshFile('mail-retention-', { now: () => clock.now, mailTransport: transport, config: { ...TEST_REGISTRY_CONFIG, web } });
  let n = 0;
  const queue = async (recipient: string) => {
    const message: OutgoingMail = {
      id: `message-${++n}`, kind: 'declaration.published', organizationId: null, recipient,
      subject: `件名 ${n}`, text: `本文 ${n}`, html: `<p>本文 ${n}</p>`, createdAt: clock.now.toISOString(),
    };
    await registry.deps.uow.commit(registry.mail.outbox.append([message]));
    return message.id;
  };
  const stored = () => {
    const db = new BetterSqlite3(path, { readonly: true });
    try {
      return Object.fromEntries((db.prepare('SELECT id, status FROM mail_outbox').all() as { id: string; status: string }[]).map((row) => [row.id, row.status]));
    } finally {
      db.close();
    }
  };
  const write = (statement: string) => {
    const db = new BetterSqlite3(path, { timeout: 5000 });
    try {
      db.exec(statement);
    } finally {
      db.close();
    }
  };
  /** Node's sweep, run once at the clock's time (its next minute never comes). */
  const sweep = async () => {
    const errors: unknown[] = [];
    const timers: SweepTimers = { now: () => clock.now.getTime(), setTimeout: () => null, clearTimeout: () => {} };
    const running = await startExpirySweep(registry, { info: () => {}, error: (event, fields) => errors.push({ event, ...fields }) }, timers);
    await running.stop();
    expect(errors).toEqual([]);
  };
  const at = (days: number) => (clock.now = new Date(START + days * DAY_MS));
  return { registry, queue, stored, write, sweep, at };
}

describe('sent e-mail is deleted after the retention period', () => {
  it('by default 90 days: sent or given up 91 days ago is gone; sent 89 days ago, and a message still pending, stay', async () => {
    const r = await registryWithMail();
    const old = await r.queue('old@example.jp');
    const refused = await r.queue('refused@example.jp');
    await r.registry.mail.dispatcher.runOnce();
    r.at(2);
    const recent = await r.queue('recent@example.jp');
    await r.registry.mail.dispatcher.runOnce();
    // Queued last, never sent (no dispatcher run after it): it waits, however long.
    const waiting = await r.queue('waiting@example.jp');
    expect(r.stored()).toEqual({ [old]: 'sent', [refused]: 'failed', [recent]: 'sent', [waiting]: 'pending' });

    // Sent before the registry noted the sending time in next_attempt_at (only sent_at says it): 60 days after it was queued.
    r.write(`INSERT INTO mail_outbox (id, kind, organization_id, recipient, subject, text_body, html_body, created_at, status, attempts, next_attempt_at, sent_at)
      VALUES ('sent-late', 'declaration.published', NULL, 'late@example.jp', 's', 't', '<p>h</p>', '${new Date(START).toISOString()}', 'sent', 1, ${START}, '${new Date(START + 60 * DAY_MS).toISOString()}')`);
    r.at(89);
    await r.sweep();
    expect(r.stored()).toEqual({ [old]: 'sent', [refused]: 'failed', [recent]: 'sent', [waiting]: 'pending', 'sent-late': 'sent' });
    r.at(91);
    await r.sweep();
    expect(r.stored()).toEqual({ [recent]: 'sent', [waiting]: 'pending', 'sent-late': 'sent' });
    r.at(151);
    await r.sweep();
    expect(r.stored()).toEqual({ [waiting]: 'pending' });
    // The back office's list of what did not go out still answers, without the deleted message.
    expect((await r.registry.mail.outbox.problems({ limit: 20 })).items.map((m) => m.id)).not.toContain(refused);
  });

  it('on Node without SMTP, the .eml copies in MAIL_DIR go with them; other files there stay', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mail-retention-dir-'));
    const now = { at: new Date() };
    const { registry } = await registryOnFreshFile('mail-retention-folder-', { now: () => now.at, mailTransport: createFolderMailTransport({ dir }), config: { ...TEST_REGISTRY_CONFIG, web: parseWebSettings({}, []) } });
    const message: OutgoingMail = {
      id: 'sent-now', kind: 'declaration.published', organizationId: null, recipient: 'tanaka@example.jp',
      subject: '件名', text: '本文', html: '<p>本文</p>', createdAt: now.at.toISOString(),
    };
    await registry.deps.uow.commit(registry.mail.outbox.append([message]));
    await registry.mail.dispatcher.runOnce();
    // As earlier runs of the registry left them: files named by the time they were written.
    const written = (daysAgo: number, id: string) => `${new Date(now.at.getTime() - daysAgo * DAY_MS).toISOString().replace(/[:.]/g, '-')}-${id}.eml`;
    const files = { old: written(91, 'old'), recent: written(89, 'recent'), leftover: `.${written(100, 'crashed')}.tmp`, foreign: 'README.txt' };
    for (const name of Object.values(files)) writeFileSync(join(dir, name), 'To: tanaka@example.jp\n');
    const [sentNow] = readdirSync(dir).filter((name) => name.endsWith('-sent-now.eml'));
    expect(sentNow).toBeDefined();

    await registry.mail.retention.purge();
    expect(readdirSync(dir).sort()).toEqual([files.recent, files.foreign, sentNow].sort());
    // 91 days on, the message sent today goes too, file and row.
    now.at = new Date(now.at.getTime() + 91 * DAY_MS);
    await registry.mail.retention.purge();
    expect(readdirSync(dir)).toEqual([files.foreign]);
  });

  it('MAIL_RETENTION_DAYS sets the period', async () => {
    const r = await registryWithMail({ MAIL_RETENTION_DAYS: '30' });
    const old = await r.queue('old@example.jp');
    await r.registry.mail.dispatcher.runOnce();
    r.at(2);
    const recent = await r.queue('recent@example.jp');
    await r.registry.mail.dispatcher.runOnce();
    r.at(31);
    // One statement deletes at most its limit (a batch): the sweep goes on until none is left.
    const extra = await r.queue('extra@example.jp');
    r.write(`UPDATE mail_outbox SET status = 'sent', next_attempt_at = ${START}, sent_at = '${new Date(START).toISOString()}' WHERE id = '${extra}'`);
    expect(await r.registry.mail.outbox.purgeSettled({ before: START + 2 * DAY_MS - 1, limit: 1 })).toBe(1);
    expect(Object.keys(r.stored())).toHaveLength(2);
    await r.sweep();
    expect(r.stored()).toEqual({ [recent]: 'sent' });
    expect(r.stored()[old]).toBeUndefined();
  });

  it('a bad MAIL_RETENTION_DAYS stops start-up with a message naming it', () => {
    for (const bad of ['0', '-5', 'ninety', '1.5']) {
      expect(() => parseConfig({ MAIL_RETENTION_DAYS: bad }), bad).toThrow(ConfigError);
      expect(() => parseConfig({ MAIL_RETENTION_DAYS: bad }), bad).toThrow(/MAIL_RETENTION_DAYS must be an integer/);
    }
    expect(parseConfig({}).web.mailRetentionDays).toBe(90);
    expect(parseConfig({ MAIL_RETENTION_DAYS: '' }).web.mailRetentionDays).toBe(90);
    expect(parseConfig({ MAIL_RETENTION_DAYS: '365' }).web.mailRetentionDays).toBe(365);
  });
});
