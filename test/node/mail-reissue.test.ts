/**
 * A published declaration amended, or renewed before it expires, gets a new badge and the earlier
 * one reads 「新しい版に置き換え済み」 wherever it is shown: everyone who hears about the
 * organization is told to replace it, not only the member who pressed the button. Real HTTP, a
 * real SMTP server, the registry on Node with its SQLite file.
 */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { COMPANY, DECLARATION, corporateNumberFor } from '../helpers/server.js';
import { registryWithSmtpSink } from '../helpers/smtp.js';

const ENGLISH_DIVIDER = '―――――――――― English ――――――――――';
const parts = (text: string) => {
  const [ja = '', en = ''] = text.split(ENGLISH_DIVIDER);
  return { ja, en };
};
const japanDay = (iso: string) => {
  const t = new Date(new Date(iso).getTime() + 9 * 3_600_000);
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日`;
};

const registry = registryWithSmtpSink();

function kinds(organizationId: string): string[] {
  const db = new BetterSqlite3(registry.server.dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT kind FROM mail_outbox WHERE organization_id = ? ORDER BY created_at, id').all(organizationId) as { kind: string }[]).map((r) => r.kind);
  } finally {
    db.close();
  }
}

describe('a published declaration’s badge issued anew', () => {
  it('amended: every recipient is told its new version is published and to replace the badge; the same content again sends nothing', async () => {
    const to = 'reissue-amend@example.jp';
    const org = (await registry.server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: '再発行テスト株式会社1', corporateNumber: corporateNumberFor(891), contact: { name: '広報 一郎', email: to } } })).body;
    const token: string = (await registry.server.call('POST', '/api/v1/tokens', { body: { role: 'organization', organizationId: org.id, label: 'reissue' } })).body.token;
    const id: string = (await registry.server.call('POST', `/api/v1/organizations/${org.id}/declarations`, { token, body: DECLARATION })).body.id;
    expect((await registry.server.call('POST', `/api/v1/declarations/${id}/submit`, { token })).status).toBe(200);
    expect((await registry.server.call('POST', `/api/v1/declarations/${id}/publish`)).status).toBe(200);

    const amended = await registry.server.call('PUT', `/api/v1/declarations/${id}`, { token, body: { ...DECLARATION, policy: '全社員を対象にテレワークを恒久化します。' } });
    expect(amended.status, amended.text).toBe(200);
    expect(amended.body).toMatchObject({ status: 'published', version: 2 });
    const mail = await registry.smtp.waitFor((m) => m.to.includes(to) && m.subject.includes('内容が変更されました'));
    expect(mail.subject).toBe('【地方創生テレワーク】自己宣言の内容が変更されました（再発行テスト株式会社1） / Your declaration has been amended (再発行テスト株式会社1)');
    const { ja, en } = parts(mail.text);
    expect(ja).toContain('第2版として公表されました');
    expect(ja).toContain('「新しい版に置き換え済み」');
    expect(ja).toContain('差し替えてください');
    expect(ja).toContain(`有効期限：${japanDay(amended.body.validUntil)}`);
    expect(ja).toContain('お心当たりがない場合は');
    expect(en).toContain('version 2 is now published');
    expect(en).toContain('Superseded by a newer version');
    expect(mail.text).toContain(`${registry.baseUrl}/my/badges\n`);
    expect(mail.html).toContain(`href="${registry.baseUrl}/my/badges"`);

    // Saved again unchanged: no new version, no new badge, nothing to tell.
    expect((await registry.server.call('PUT', `/api/v1/declarations/${id}`, { token, body: { ...DECLARATION, policy: '全社員を対象にテレワークを恒久化します。' } })).status).toBe(200);
    expect(kinds(org.id)).toEqual(['declaration.received', 'declaration.published', 'declaration.amended']);
  });

  it('renewed before expiry: told it stays published until its new end, and to replace the badge', async () => {
    const to = 'reissue-renew@example.jp';
    const org = (await registry.server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: '再発行テスト株式会社2', nameEn: 'Reissue Test 2 Inc.', corporateNumber: corporateNumberFor(892), contact: { name: '広報 二郎', email: to } } })).body;
    const token: string = (await registry.server.call('POST', '/api/v1/tokens', { body: { role: 'organization', organizationId: org.id, label: 'reissue' } })).body.token;
    const id: string = (await registry.server.call('POST', `/api/v1/organizations/${org.id}/declarations`, { token, body: DECLARATION })).body.id;
    expect((await registry.server.call('POST', `/api/v1/declarations/${id}/submit`, { token })).status).toBe(200);
    expect((await registry.server.call('POST', `/api/v1/declarations/${id}/publish`)).status).toBe(200);
    const db = new BetterSqlite3(registry.server.dbPath);
    try {
      db.pragma('busy_timeout = 5000');
      db.prepare('UPDATE declarations SET valid_until = ? WHERE id = ?').run(new Date(Date.now() + 20 * 86_400_000).toISOString(), id);
    } finally {
      db.close();
    }
    const renewed = await registry.server.call('POST', `/api/v1/declarations/${id}/renew`, { token });
    expect(renewed.status, renewed.text).toBe(200);
    expect(renewed.body.status).toBe('published');
    const mail = await registry.smtp.waitFor((m) => m.to.includes(to) && m.subject.includes('更新が完了しました'));
    expect(mail.subject).toBe('【地方創生テレワーク】自己宣言の更新が完了しました（再発行テスト株式会社2） / Your declaration has been renewed (Reissue Test 2 Inc.)');
    const { ja, en } = parts(mail.text);
    expect(ja).toContain('有効期限を延長しました');
    expect(ja).toContain(`有効期限：${japanDay(renewed.body.validUntil)}`);
    expect(ja).toMatch(/更新日時：\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d（日本時間）/);
    expect(ja).toContain('「新しい版に置き換え済み」');
    expect(en).toContain('It stays published.');
    expect(en).toMatch(/Renewed on: \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d Japan time/);
    expect(mail.text).toContain(`${registry.baseUrl}/my/badges\n`);
    expect(kinds(org.id)).toEqual(['declaration.received', 'declaration.published', 'declaration.renewed']);
  });
});
