/**
 * The receipt (受付のお知らせ) a declarant expects when its declaration is sent for review: through
 * the API and through the /my form, a first submission, one after a return and a renewal after
 * expiry. Read as a mail program would, from a real SMTP server (the registry on Node, SQLite
 * file); what is not sent is read in the outbox, written in the change's own batch.
 */
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { COMPANY, DECLARATION, MUNICIPALITY, corporateNumberFor, expireDeclarations } from '../helpers/server.js';
import { registryWithSmtpSink } from '../helpers/smtp.js';
import { signInAsMember } from '../helpers/staff.js';

const ENGLISH_DIVIDER = '―――――――――― English ――――――――――';
const parts = (text: string) => {
  const [ja = '', en = ''] = text.split(ENGLISH_DIVIDER);
  return { ja, en };
};

/** An instant as a person in Japan reads it, worked out here independently of the registry. */
function japanTime(iso: string) {
  const t = new Date(new Date(iso).getTime() + 9 * 3_600_000);
  const hm = `${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
  const month = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][t.getUTCMonth()];
  return { ja: `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${hm}（日本時間）`, en: `${t.getUTCDate()} ${month} ${t.getUTCFullYear()}, ${hm} Japan time` };
}

const registry = registryWithSmtpSink();

/** The outbox's messages about an organization, oldest first: [kind, recipient]. */
function queued(organizationId: string): [string, string][] {
  const db = new BetterSqlite3(registry.server.dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT kind, recipient FROM mail_outbox WHERE organization_id = ? ORDER BY created_at, id').all(organizationId) as { kind: string; recipient: string }[]).map((r) => [r.kind, r.recipient]);
  } finally {
    db.close();
  }
}

const receipts = (to: string) => registry.smtp.to(to).filter((m) => m.subject.includes('受け付けました'));

async function company(n: number, email: string) {
  const org = await registry.server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: `受付テスト株式会社${n}`, nameEn: `Uketsuke Test ${n} Inc.`, corporateNumber: corporateNumberFor(n), contact: { name: '人事 花子', email } } });
  expect(org.status, org.text).toBe(201);
  const token: string = (await registry.server.call('POST', '/api/v1/tokens', { body: { role: 'organization', organizationId: org.body.id, label: 'receipt' } })).body.token;
  const declaration = await registry.server.call('POST', `/api/v1/organizations/${org.body.id}/declarations`, { token, body: DECLARATION });
  expect(declaration.status, declaration.text).toBe(201);
  const act = async (action: string, as: 'organization' | 'admin', body?: unknown) =>
    registry.server.call('POST', `/api/v1/declarations/${declaration.body.id}/${action}`, { ...(as === 'organization' ? { token } : {}), ...(body ? { body } : {}) });
  return { id: org.body.id as string, declarationId: declaration.body.id as string, token, act };
}

describe('the receipt of a declaration sent for review', () => {
  it('through the API: a draft saved sends nothing; the submission is receipted once, to the recipients of the review’s outcome, in Japan time, with the link to /my', async () => {
    const to = 'receipt-api@example.jp';
    const c = await company(871, to);
    const saved = await registry.server.call('PUT', `/api/v1/declarations/${c.declarationId}`, { token: c.token, body: { ...DECLARATION, signerTitle: '代表取締役社長' } });
    expect(saved.status, saved.text).toBe(200);
    expect(queued(c.id)).toEqual([]);

    const submitted = await c.act('submit', 'organization');
    expect(submitted.status, submitted.text).toBe(200);
    const mail = await registry.smtp.waitFor((m) => m.to.includes(to) && m.subject.includes('受け付けました'));
    expect(mail.subject).toBe('【地方創生テレワーク】自己宣言を受け付けました（受付テスト株式会社871） / Your declaration has been received (Uketsuke Test 871 Inc.)');
    const { ja, en } = parts(mail.text);
    const at = japanTime(submitted.body.submittedAt);
    expect(ja).toContain('受付テスト株式会社871 ご担当者様');
    expect(ja).toContain('受付内容：自己宣言（新規）');
    expect(ja).toContain(`受付日時：${at.ja}`);
    expect(ja).toContain('宣言者（代表者）の氏名：山田 太郎');
    expect(ja).toContain('宣言者の役職：代表取締役社長');
    expect(ja).toContain('宣言日（トップのコミットメントの日）：2025年4月1日');
    expect(ja).toContain('事務局が内容を審査します');
    expect(ja).toContain(`${registry.baseUrl}/my\n`);
    expect(en).toContain('Dear Uketsuke Test 871 Inc.,');
    expect(en).toContain(`Received on: ${at.en}`);
    expect(en).toContain('another e-mail when it is published, or if it is returned');
    expect(en).toContain(`${registry.baseUrl}/my\n`);
    expect(mail.html).toContain(`href="${registry.baseUrl}/my"`);
    expect(mail.html).toContain(at.ja);
    expect(mail.text.indexOf('受付日時')).toBeLessThan(mail.text.indexOf('Received on'));

    // Submitted again while under review: refused (409), nothing more queued.
    expect((await c.act('submit', 'organization')).status).toBe(409);
    expect(queued(c.id)).toEqual([['declaration.received', to]]);

    // Returned, then resubmitted: the outcome goes to the same recipients, and the new receipt says it is a resubmission.
    expect((await c.act('return', 'admin', { reason: '記入漏れがあります。' })).status).toBe(200);
    expect((await c.act('submit', 'organization')).status).toBe(200);
    expect(queued(c.id)).toEqual([['declaration.received', to], ['declaration.returned', to], ['declaration.received', to]]);
    await expect.poll(() => receipts(to).length, { timeout: 20_000 }).toBe(2);
    expect(parts(receipts(to)[1]!.text).ja).toContain('受付内容：自己宣言（差戻し後の再提出）');
    expect(parts(receipts(to)[1]!.text).en).toContain('resubmitted after it was returned');
  });

  it('through the /my form: a municipality’s officer saves a draft (nothing), submits an invalid form (refused, nothing), then submits: the receipt names the 首長', async () => {
    const to = 'soumu@city.receipt.example.jp';
    const municipality = await registry.server.call('POST', '/api/v1/organizations', {
      body: { ...MUNICIPALITY, localGovernmentCode: '012025', name: '函館市', nameEn: 'Hakodate City', prefectureCode: '01', contact: { name: '総務 太郎', email: to } },
    });
    expect(municipality.status, municipality.text).toBe(201);
    const officer = await signInAsMember(registry.server, municipality.body.id, '函館 一郎');
    const open = async () => {
      const html = (await officer.request('GET', '/my/declaration')).text;
      const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(html)?.[1];
      return { csrf: hidden('csrf')!, ...(hidden('declarationId') ? { declarationId: hidden('declarationId')!, rowVersion: hidden('rowVersion')! } : {}) };
    };
    const post = async (action: string, fields: Record<string, string>) => {
      const form = new URLSearchParams({ ...(await open()), action, signerTitle: '市長', committedOn: DECLARATION.committedOn, ...fields });
      form.append('guidelineAreas', 'labor');
      return officer.request('POST', '/my/declaration', { form });
    };

    expect((await post('draft', { signerName: '函館 花子' })).status).toBe(303);
    expect((await post('submit', { signerName: '' })).status).toBe(400);
    expect(queued(municipality.body.id)).toEqual([]);

    const submitted = await post('submit', { signerName: '函館 花子' });
    expect(submitted.status).toBe(303);
    expect(queued(municipality.body.id)).toEqual([['declaration.received', to]]);
    const mail = await registry.smtp.waitFor((m) => m.to.includes(to) && m.subject.includes('受け付けました'));
    expect(mail.subject).toBe('【地方創生テレワーク】自己宣言を受け付けました（函館市） / Your declaration has been received (Hakodate City)');
    const { ja, en } = parts(mail.text);
    expect(ja).toContain('函館市 ご担当者様');
    expect(ja).toContain('宣言者（首長）の氏名：函館 花子');
    expect(ja).toContain('宣言者の役職：市長');
    expect(ja).not.toContain('代表者');
    expect(en).toContain("Signer's name (the mayor or governor): 函館 花子");
    const db = new BetterSqlite3(registry.server.dbPath, { readonly: true });
    const { submitted_at: submittedAt } = db.prepare('SELECT submitted_at FROM declarations WHERE organization_id = ?').get(municipality.body.id) as { submitted_at: string };
    db.close();
    expect(ja).toContain(`受付日時：${japanTime(submittedAt).ja}`);
    expect(ja).toContain(`${registry.baseUrl}/my\n`);
  });

  it('a renewal after expiry is receipted as a renewal; one before expiry, not reviewed, is not', async () => {
    const to = 'receipt-renewal@example.jp';
    const c = await company(872, to);
    expect((await c.act('submit', 'organization')).status).toBe(200);
    expect((await c.act('publish', 'admin')).status).toBe(200);
    await expireDeclarations(registry.server, [c.declarationId]);
    const renewed = await c.act('renew', 'organization');
    expect(renewed.status, renewed.text).toBe(200);
    expect(renewed.body.status).toBe('submitted');
    const mail = await registry.smtp.waitFor((m) => m.to.includes(to) && m.subject.includes('更新を受け付けました'));
    expect(mail.subject).toBe('【地方創生テレワーク】自己宣言の更新を受け付けました（受付テスト株式会社872） / Your declaration renewal has been received (Uketsuke Test 872 Inc.)');
    const { ja, en } = parts(mail.text);
    expect(ja).toContain('受付内容：自己宣言の更新');
    expect(ja).toContain(`受付日時：${japanTime(renewed.body.submittedAt).ja}`);
    expect(ja).toContain('「期限切れ」');
    expect(en).toContain('The renewal of your declaration');

    // Published again: the outcome names the renewal, and the expired badge is to be replaced.
    const republished = await c.act('publish', 'admin');
    expect(republished.status).toBe(200);
    const outcome = await registry.smtp.waitFor((m) => m.to.includes(to) && m.subject.includes('更新が公表されました'));
    expect(outcome.subject).toBe('【地方創生テレワーク】自己宣言の更新が公表されました（受付テスト株式会社872） / Your declaration renewal has been published (Uketsuke Test 872 Inc.)');
    expect(parts(outcome.text).ja).toContain('「期限切れ」と表示されているこれまでのバッジとQRコードは');
    expect(parts(outcome.text).en).toContain('which show as expired');
    expect(outcome.text).toContain(`${registry.baseUrl}/my/badges\n`);
    const jst = new Date(new Date(republished.body.validUntil).getTime() + 9 * 3_600_000);
    expect(parts(outcome.text).ja).toContain(`有効期限：${jst.getUTCFullYear()}年${jst.getUTCMonth() + 1}月${jst.getUTCDate()}日`);
    // A first publication keeps its words.
    expect(registry.smtp.to(to).find((m) => m.subject.includes('自己宣言が公表されました'))!.text).not.toContain('期限切れ');

    // Then renewed early: it stays published, nothing to review, no receipt.
    const db = new BetterSqlite3(registry.server.dbPath);
    try {
      db.pragma('busy_timeout = 5000');
      db.prepare('UPDATE declarations SET valid_until = ? WHERE id = ?').run(new Date(Date.now() + 30 * 86_400_000).toISOString(), c.declarationId);
    } finally {
      db.close();
    }
    const early = await c.act('renew', 'organization');
    expect(early.status, early.text).toBe(200);
    expect(early.body.status).toBe('published');
    expect(queued(c.id).filter(([kind]) => kind === 'declaration.received')).toHaveLength(2);
  });
});
