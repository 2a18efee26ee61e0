/**
 * A declaration withdrawn by its organization: everyone who hears about the organization is told,
 * not only the member who pressed the button. A published one's badge now reads 「取下げ」 and is to
 * be taken down; one never published left nothing public. Real HTTP, a real SMTP server, the
 * registry on Node with its SQLite file.
 */
import { describe, expect, it } from 'vitest';
import { COMPANY, DECLARATION, corporateNumberFor } from '../helpers/server.js';
import { registryWithSmtpSink } from '../helpers/smtp.js';

const ENGLISH_DIVIDER = '―――――――――― English ――――――――――';
const parts = (text: string) => {
  const [ja = '', en = ''] = text.split(ENGLISH_DIVIDER);
  return { ja, en };
};

const registry = registryWithSmtpSink();

async function declared(n: number, email: string, publish: boolean) {
  const org = (await registry.server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: `手続確認株式会社${n}`, corporateNumber: corporateNumberFor(n), contact: { name: '総務 三郎', email } } })).body;
  const token: string = (await registry.server.call('POST', '/api/v1/tokens', { body: { role: 'organization', organizationId: org.id, label: 'withdrawal' } })).body.token;
  const id: string = (await registry.server.call('POST', `/api/v1/organizations/${org.id}/declarations`, { token, body: DECLARATION })).body.id;
  if (publish) {
    expect((await registry.server.call('POST', `/api/v1/declarations/${id}/submit`, { token })).status).toBe(200);
    expect((await registry.server.call('POST', `/api/v1/declarations/${id}/publish`)).status).toBe(200);
  }
  const withdrawn = await registry.server.call('POST', `/api/v1/declarations/${id}/withdraw`, { token });
  expect(withdrawn.status, withdrawn.text).toBe(200);
  return registry.smtp.waitFor((m) => m.to.includes(email) && m.subject.includes('取下げが完了'));
}

describe('a declaration withdrawn by its organization', () => {
  it('published: its badge now reads 取下げ and is to be taken down; a new declaration may follow', async () => {
    const mail = await declared(895, 'withdraw-published@example.jp', true);
    expect(mail.subject).toBe('【地方創生テレワーク】自己宣言の取下げが完了しました（手続確認株式会社895） / Your declaration has been withdrawn (手続確認株式会社895)');
    const { ja, en } = parts(mail.text);
    expect(ja).toContain('「取下げ」と表示され');
    expect(ja).toContain('ウェブサイト等での掲示をおやめください');
    expect(ja).toMatch(/取下げ日時：\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d（日本時間）/);
    expect(ja).toContain('新しい宣言を作成');
    expect(ja).toContain('お心当たりがない場合は');
    expect(en).toContain('show it as withdrawn');
    expect(en).toContain('please remove the badge');
    expect(mail.text).toContain(`${registry.baseUrl}/my\n`);
  });

  it('never published: told nothing of it was public', async () => {
    const mail = await declared(896, 'withdraw-draft@example.jp', false);
    const { ja, en } = parts(mail.text);
    expect(ja).toContain('公表されていないため');
    expect(ja).not.toContain('掲示をおやめください');
    expect(en).toContain('never published');
  });
});
