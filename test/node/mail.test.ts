/**
 * E-mail notifications, end to end: the real registry (Node, SQLite file) sends through a real
 * SMTP server started here (smtp-server), and the messages are read as a mail program would
 * (mailparser): Japanese subject, a Japanese part then an English one, plain text and HTML.
 * Then the two other transports: .eml files in MAIL_DIR (the default, offline), and an HTTP mail
 * API (a node:http server here receiving the JSON).
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpMailApiTransport } from '../../src/adapters/http/mail-api.js';
import { createMailDispatcher } from '../../src/domain/services/mail-dispatcher.js';
import { uuidv7 } from '../../src/domain/ids.js';
import { COMPANY, DECLARATION, MUNICIPALITY, corporateNumberFor, freePort, startTestServer, type TestServer } from '../helpers/server.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp.js';
import { signInAsAdministrator, staffCsrf } from '../helpers/staff.js';
import { registryOnFreshFile } from '../helpers/database-file.js';
import { RENEWAL_REMINDER_DAYS } from '../../src/domain/mail/renewal-mail.js';

/** The secretariat's contact page (SITE_CONTACT_URL) given to the SMTP tests' registry. */
const CONTACT_URL = 'https://www.example.go.jp/telework/contact';
const ENGLISH_DIVIDER = '―――――――――― English ――――――――――';
const DAY_MS = 86_400_000;

/** The Japanese and English parts of a plain-text message. */
function parts(text: string) {
  const [ja = '', en = ''] = text.split(ENGLISH_DIVIDER);
  return { ja, en };
}

/** A company whose private contact is `email`, with an organization token and a draft declaration. */
async function companyWithContact(server: TestServer, n: number, email: string | null) {
  const org = await server.call('POST', '/api/v1/organizations', {
    body: { ...COMPANY, name: `通知テスト株式会社${n}`, corporateNumber: corporateNumberFor(n), ...(email ? { contact: { name: '人事 花子', email } } : {}) },
  });
  expect(org.status, org.text).toBe(201);
  const token = await server.call('POST', '/api/v1/tokens', { body: { role: 'organization', organizationId: org.body.id, label: 'mail test' } });
  const orgToken: string = token.body.token;
  const declaration = await server.call('POST', `/api/v1/organizations/${org.body.id}/declarations`, { token: orgToken, body: DECLARATION });
  expect(declaration.status, declaration.text).toBe(201);
  const act = async (action: string, body?: unknown, as: 'admin' | 'organization' = 'admin') => {
    const reply = await server.call('POST', `/api/v1/declarations/${declaration.body.id}/${action}`, { ...(as === 'organization' ? { token: orgToken } : {}), ...(body ? { body } : {}) });
    expect(reply.status, `${action}: ${reply.text}`).toBe(200);
    return reply.body;
  };
  return { organizationId: org.body.id as string, declarationId: declaration.body.id as string, act };
}

/** Rows of the outbox, read through a second connection (as the secretariat would look). */
function outboxRows(server: TestServer, where = '1 = 1', ...params: unknown[]) {
  const db = new BetterSqlite3(server.dbPath, { readonly: true });
  try {
    return db.prepare(`SELECT * FROM mail_outbox WHERE ${where} ORDER BY created_at`).all(...params) as Record<string, any>[];
  } finally {
    db.close();
  }
}

async function until<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('e-mail notifications over SMTP', () => {
  let smtp: SmtpSink;
  let server: TestServer;
  let baseUrl: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    server = await startTestServer({ PORT: String(port), PUBLIC_BASE_URL: baseUrl, SMTP_URL: smtp.url, SITE_CONTACT_URL: CONTACT_URL });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.stop();
  });

  const mailTo = (address: string, subject: string) => smtp.waitFor((m) => m.to.includes(address) && m.subject.includes(subject));

  it('a returned declaration: the reason, as the secretariat wrote it, in the Japanese and the English part, text and HTML', async () => {
    const to = 'returned@example.jp';
    const { act } = await companyWithContact(server, 801, to);
    await act('submit', undefined, 'organization');
    const reason = '宣言者の役職が空欄です <signerTitle> & 日付をご確認ください';
    await act('return', { reason, note: '修正後に再提出してください。' });

    const mail = await mailTo(to, '差し戻されました');
    expect(mail.subject).toBe('【地方創生テレワーク】自己宣言が差し戻されました（通知テスト株式会社801） / Your declaration has been returned (通知テスト株式会社801)');
    expect(mail.parsed.from?.value[0]).toEqual({ address: 'no-reply@[127.0.0.1]', name: '地方創生テレワーク宣言・表彰レジストリ' });
    const { ja, en } = parts(mail.text);
    expect(ja).toContain('通知テスト株式会社801 ご担当者様');
    expect(ja).toContain(`差戻しの理由：${reason}`);
    expect(ja).toContain('事務局からのメモ：修正後に再提出してください。');
    expect(en).toContain(`Reason: ${reason}`);
    expect(en).toContain('Edit and resubmit');
    expect(mail.text.indexOf('差戻しの理由')).toBeLessThan(mail.text.indexOf('Reason:'));
    expect(mail.text).toContain(`${baseUrl}/my`);
    // HTML: the same reason, escaped (no markup from the secretariat's text), Japanese first.
    expect(mail.html).toContain('宣言者の役職が空欄です &lt;signerTitle&gt; &amp; 日付をご確認ください');
    expect(mail.html).not.toContain('<signerTitle>');
    expect(mail.html.indexOf('lang="ja"')).toBeLessThan(mail.html.indexOf('lang="en"'));
    expect(mail.html).toContain(`href="${baseUrl}/my"`);
    // Replies are not read: the signature says where to ask instead (SITE_CONTACT_URL), in both languages.
    expect(mail.text).toContain(`お問い合わせ：${CONTACT_URL}`);
    expect(mail.text).toContain(`Questions: ${CONTACT_URL}`);
    expect(mail.html).toContain(`href="${CONTACT_URL}"`);
  });

  it('a published declaration: a link to the badge kit that answers', async () => {
    const to = 'published@example.jp';
    const { act } = await companyWithContact(server, 802, to);
    await act('submit', undefined, 'organization');
    const published = await act('publish');

    const mail = await mailTo(to, '公表されました');
    expect(mail.subject).toBe('【地方創生テレワーク】自己宣言が公表されました（通知テスト株式会社802） / Your declaration has been published (通知テスト株式会社802)');
    const { ja, en } = parts(mail.text);
    expect(ja).toContain('バッジキット');
    expect(en).toContain('badge kit');
    const validUntil = new Date(published.validUntil);
    const jst = new Date(validUntil.getTime() + 9 * 3_600_000);
    expect(ja).toContain(`有効期限：${jst.getUTCFullYear()}年${jst.getUTCMonth() + 1}月${jst.getUTCDate()}日`);
    const link = /https?:\/\/\S+\/my\/badges/.exec(mail.text)?.[0];
    expect(link).toBe(`${baseUrl}/my/badges`);
    expect(mail.html).toContain(`href="${baseUrl}/my/badges"`);
    // Followed without a session: the registry answers (to the sign-in page), not a 404 or an error.
    const followed = await fetch(link!, { redirect: 'manual' });
    expect(followed.status, await followed.text()).toBeLessThan(400);
    if (followed.status >= 300) expect(followed.headers.get('location')).toMatch(/\/login/);
  });

  it('suspended, reinstated and revoked: one message each, with the reason code’s label in both languages', async () => {
    const to = 'lifecycle@example.jp';
    const { act } = await companyWithContact(server, 803, to);
    await act('submit', undefined, 'organization');
    await act('publish');
    await act('suspend', { reason: 'under-investigation', note: '掲載内容について確認中です。' });
    const suspended = await mailTo(to, '一時停止');
    expect(parts(suspended.text).ja).toContain('停止の理由：調査中');
    expect(parts(suspended.text).en).toContain('Reason: Under investigation');
    expect(suspended.text).toContain('掲載内容について確認中です。');

    await act('reinstate');
    const reinstated = await mailTo(to, '再開されました');
    expect(reinstated.subject).toBe('【地方創生テレワーク】自己宣言の公表が再開されました（通知テスト株式会社803） / Your declaration has been reinstated (通知テスト株式会社803)');

    await act('revoke', { reason: 'misuse-of-logo' });
    const revoked = await mailTo(to, '取り消されました');
    expect(parts(revoked.text).ja).toContain('取消の理由：ロゴマークの不正使用');
    expect(parts(revoked.text).en).toContain('Reason: Misuse of the logo mark');
    expect(revoked.html).toContain('ロゴマークの不正使用');

    // Creating sent nothing, submitting its receipt; each message went out once.
    expect(smtp.to(to).map((m) => m.subject.replace('【地方創生テレワーク】', '').split(' / ')[0])).toEqual([
      '自己宣言を受け付けました', '自己宣言が公表されました', '自己宣言の公表が一時停止されました', '自己宣言の公表が再開されました', '自己宣言が取り消されました',
    ].map((subject) => `${subject}（通知テスト株式会社803）`));
  });

  it('an award suspended, reinstated and revoked: one message each to the awarded organization, naming the award, the reason and the note', async () => {
    const to = 'award@example.jp';
    const { act, organizationId } = await companyWithContact(server, 809, to);
    await act('submit', undefined, 'organization');
    await act('publish');
    const award = await server.call('POST', '/api/v1/awards', { body: { organizationId, fiscalYear: 2024, category: 'minister', awardedOn: '2025-02-01' } });
    expect(award.status, award.text).toBe(201);
    await mailTo(to, '令和6年度（2024年度） 大臣賞の受賞おめでとうございます');
    const awardAct = async (action: string, body?: unknown) => {
      const reply = await server.call('POST', `/api/v1/awards/${award.body.id}/${action}`, body ? { body } : {});
      expect(reply.status, `${action}: ${reply.text}`).toBe(200);
      return reply.body;
    };
    expect(await awardAct('suspend', { reason: 'under-investigation', note: '受賞理由の取組について確認中です。' })).toMatchObject({ statusReason: 'under-investigation', statusNote: '受賞理由の取組について確認中です。' });
    const suspended = await mailTo(to, '表彰が一時停止');
    expect(suspended.subject).toBe('【地方創生テレワーク】表彰が一時停止されました（通知テスト株式会社809） / Your award has been suspended (通知テスト株式会社809)');
    expect(parts(suspended.text).ja).toContain('表彰：令和6年度（2024年度） 大臣賞');
    expect(parts(suspended.text).en).toContain("Award: Minister's Award, FY2024");
    expect(parts(suspended.text).ja).toContain('停止の理由：調査中');
    expect(parts(suspended.text).en).toContain('Reason: Under investigation');
    expect(suspended.text).toContain('受賞理由の取組について確認中です。');

    // The award's English name ends in its fiscal year's months, in parentheses: not wrapped in more of them.
    expect(parts(suspended.text).en).toContain("The secretariat has suspended your Minister's Award, FY2024 (April 2024 – March 2025). While it is suspended");
    expect(suspended.text).not.toContain('))');

    expect(await awardAct('reinstate')).toMatchObject({ status: 'active', statusReason: null, statusNote: null });
    const reinstated = await mailTo(to, '表彰の一時停止が解除');
    // What the subject says, the body says: the suspension was lifted (an award is not 「再開」ed).
    expect(parts(reinstated.text).ja).toContain('貴団体の表彰「令和6年度（2024年度） 大臣賞」の一時停止を解除しました。');
    expect(reinstated.text).not.toContain('を再開しました');
    expect(parts(reinstated.text).en).toContain("The suspension of your Minister's Award, FY2024 (April 2024 – March 2025) has been lifted");
    expect(reinstated.text).not.toContain('))');
    await awardAct('revoke', { reason: 'false-declaration' });
    const revoked = await mailTo(to, '表彰が取り消されました');
    expect(parts(revoked.text).ja).toContain('取消の理由：虚偽の宣言');
    expect(parts(revoked.text).en).toContain("The secretariat has revoked your Minister's Award, FY2024 (April 2024 – March 2025). Its badge");
    expect(revoked.html).toContain('虚偽の宣言');

    // A reason that is not a code is refused and changes nothing.
    const other = await server.call('POST', '/api/v1/awards', { body: { organizationId, fiscalYear: 2023, category: 'minister', awardedOn: '2024-02-01' } });
    const refused = await server.call('POST', `/api/v1/awards/${other.body.id}/suspend`, { body: { reason: '調査のため' } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['/reason']);
    expect((await server.call('GET', `/api/v1/awards/${other.body.id}`)).body.status).toBe('active');
    await mailTo(to, '令和5年度（2023年度） 大臣賞の受賞おめでとうございます');
    // The declaration's receipt and publication, then one message for each award change (each record too).
    expect(smtp.to(to).map((m) => m.subject.replace('【地方創生テレワーク】', '').split(' / ')[0])).toEqual([
      '自己宣言を受け付けました', '自己宣言が公表されました', '令和6年度（2024年度） 大臣賞の受賞おめでとうございます', '表彰が一時停止されました', '表彰の一時停止が解除されました', '表彰が取り消されました',
      '令和5年度（2023年度） 大臣賞の受賞おめでとうございます',
    ].map((subject) => `${subject}（通知テスト株式会社809）`));
  });

  it('an award recorded: a congratulatory message naming the award, with the link to the badge kit; a refused award sends none', async () => {
    const to = 'awarded@example.jp';
    const { act, organizationId } = await companyWithContact(server, 810, to);
    await act('submit', undefined, 'organization');
    await act('publish');
    const award = await server.call('POST', '/api/v1/awards', { body: { organizationId, fiscalYear: 2024, category: 'minister', awardedOn: '2025-02-01' } });
    expect(award.status, award.text).toBe(201);

    const mail = await mailTo(to, '受賞おめでとうございます');
    expect(mail.subject).toBe("【地方創生テレワーク】令和6年度（2024年度） 大臣賞の受賞おめでとうございます（通知テスト株式会社810） / Congratulations on your Minister's Award, FY2024 (April 2024 – March 2025) (通知テスト株式会社810)");
    const { ja, en } = parts(mail.text);
    expect(ja).toContain('通知テスト株式会社810 ご担当者様');
    expect(ja).toContain('表彰：令和6年度（2024年度） 大臣賞');
    expect(ja).toContain('表彰日：2025年2月1日');
    expect(ja).toContain('QRコード');
    expect(en).toContain("Award: Minister's Award, FY2024");
    expect(en).toContain('Awarded on: 1 February 2025');
    expect(en).toContain('QR code');
    expect(ja).toContain(`${baseUrl}/my/badges`);
    expect(en).toContain(`${baseUrl}/my/badges`);
    expect(mail.html).toContain(`href="${baseUrl}/my/badges"`);
    expect(outboxRows(server, "kind = 'award.recorded' AND organization_id = ?", organizationId).map((r) => r.recipient)).toEqual([to]);

    // The same award again is refused (409): nothing recorded, nothing queued.
    const again = await server.call('POST', '/api/v1/awards', { body: { organizationId, fiscalYear: 2024, category: 'minister', awardedOn: '2025-02-01' } });
    expect(again.status, again.text).toBe(409);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(outboxRows(server, "kind = 'award.recorded' AND organization_id = ?", organizationId)).toHaveLength(1);
    expect(smtp.to(to).map((m) => m.subject.replace('【地方創生テレワーク】', '').split(' / ')[0])).toEqual(['自己宣言を受け付けました（通知テスト株式会社810）', '自己宣言が公表されました（通知テスト株式会社810）', '令和6年度（2024年度） 大臣賞の受賞おめでとうございます（通知テスト株式会社810）']);
  });

  it('an award naming a partner municipality: the municipality is told which organization received it and where it shows, in its own message', async () => {
    const companyTo = 'partner-award-company@example.jp';
    const cityTo = 'partner-city@example.jp';
    const { act, organizationId } = await companyWithContact(server, 830, companyTo);
    await act('submit', undefined, 'organization');
    await act('publish');
    const city = await server.call('POST', '/api/v1/organizations', { body: { ...MUNICIPALITY, name: '富士市', localGovernmentCode: '222101', prefectureCode: '22', contact: { name: '企画課', email: cityTo } } });
    expect(city.status, city.text).toBe(201);
    const award = await server.call('POST', '/api/v1/awards', { body: { organizationId, fiscalYear: 2025, category: 'excellence', partnerMunicipalityId: city.body.id, awardedOn: '2026-02-01' } });
    expect(award.status, award.text).toBe(201);

    const mail = await mailTo(cityTo, '連携自治体');
    expect(mail.subject).toBe('【地方創生テレワーク】令和7年度（2025年度） 優秀賞の連携自治体として記録されました（富士市） / Named as partner municipality of the Excellence Award, FY2025 (April 2025 – March 2026) (富士市)');
    const { ja, en } = parts(mail.text);
    expect(ja).toContain('富士市 ご担当者様');
    expect(ja).toContain('通知テスト株式会社830が受賞した地方創生テレワークの表彰「令和7年度（2025年度） 優秀賞」に、貴自治体が連携自治体として記録されました。');
    expect(ja).toContain('受賞した団体：通知テスト株式会社830');
    expect(ja).toContain(`${baseUrl}/organizations/${organizationId}`);
    expect(en).toContain('received by 通知テスト株式会社830');
    expect(mail.html).toContain(`href="${baseUrl}/my"`);
    // The company gets its congratulations; the municipality only this, not the company's badge kit letter.
    await mailTo(companyTo, '受賞おめでとうございます');
    expect(outboxRows(server, 'recipient = ?', cityTo).map((r) => r.kind)).toEqual(['award.partner-named']);
    expect(outboxRows(server, "kind = 'award.partner-named'").map((r) => r.organization_id)).toEqual([city.body.id]);
  });

  it('each subject names the organization it is about, in both parts: a company’s returned declaration, a municipality’s award and suspension', async () => {
    // One address may hear about several organizations (a consultant, a municipality's office): the subject alone tells them apart.
    const companyTo = 'subject-company@example.jp';
    const { act } = await companyWithContact(server, 811, companyTo);
    await act('submit', undefined, 'organization');
    await act('return', { reason: '記入漏れがあります。' });
    const returned = await mailTo(companyTo, '差し戻されました');
    expect(returned.subject).toBe('【地方創生テレワーク】自己宣言が差し戻されました（通知テスト株式会社811） / Your declaration has been returned (通知テスト株式会社811)');

    const municipalityTo = 'subject-municipality@example.jp';
    const municipality = await server.call('POST', '/api/v1/organizations', {
      body: { ...MUNICIPALITY, localGovernmentCode: '011002', name: '札幌市', nameEn: 'Sapporo City', prefectureCode: '01', contact: { name: '総務 太郎', email: municipalityTo } },
    });
    expect(municipality.status, municipality.text).toBe(201);
    const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: municipality.body.id, fiscalYear: 2024, category: 'excellence', awardedOn: '2025-02-14' } });
    expect(award.status, award.text).toBe(201);
    const recorded = await mailTo(municipalityTo, '受賞おめでとうございます');
    expect(recorded.subject).toBe('【地方創生テレワーク】令和6年度（2024年度） 優秀賞の受賞おめでとうございます（札幌市） / Congratulations on your Excellence Award, FY2024 (April 2024 – March 2025) (Sapporo City)');
    const suspended = await server.call('POST', `/api/v1/awards/${award.body.id}/suspend`, { body: { reason: 'under-investigation' } });
    expect(suspended.status, suspended.text).toBe(200);
    const suspension = await mailTo(municipalityTo, '一時停止');
    expect(suspension.subject).toBe('【地方創生テレワーク】表彰が一時停止されました（札幌市） / Your award has been suspended (Sapporo City)');
    expect(parts(suspension.text).ja).toContain('札幌市 ご担当者様');
    expect(parts(suspension.text).en).toContain('Dear Sapporo City,');
  });

  it('a declaration expired: a message saying its badge now shows as expired, with the link to renew it on the member area', async () => {
    const to = 'expired@example.jp';
    const { act, declarationId, organizationId } = await companyWithContact(server, 812, to);
    await act('submit', undefined, 'organization');
    await act('publish');
    const db = new BetterSqlite3(server.dbPath);
    try {
      db.pragma('busy_timeout = 5000');
      db.prepare('UPDATE declarations SET valid_until = ? WHERE id = ?').run(new Date(Date.now() - 60_000).toISOString(), declarationId);
    } finally {
      db.close();
    }
    const sweep = await server.call('POST', '/api/v1/admin/expire-due');
    expect(sweep.status, sweep.text).toBe(200);
    expect(sweep.body.expired).toBeGreaterThanOrEqual(1);
    expect((await server.call('GET', `/api/v1/declarations/${declarationId}`)).body.status).toBe('expired');

    const mail = await mailTo(to, '有効期限が切れました');
    expect(mail.subject).toBe('【地方創生テレワーク】自己宣言の有効期限が切れました（通知テスト株式会社812） / Your declaration has expired (通知テスト株式会社812)');
    const { ja, en } = parts(mail.text);
    expect(ja).toContain('通知テスト株式会社812 ご担当者様');
    expect(ja).toContain('「期限切れ」');
    expect(ja).toMatch(/有効期限：\d{4}年\d{1,2}月\d{1,2}日/);
    expect(en).toMatch(/Valid until: \d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(ja).toContain('更新');
    expect(en).toContain('expired');
    expect(en).toContain('renew');
    expect(ja).toContain(`${baseUrl}/my\n`);
    expect(en).toContain(`${baseUrl}/my\n`);
    expect(mail.html).toContain(`href="${baseUrl}/my"`);
    // A second sweep expires nothing more and sends nothing more.
    expect((await server.call('POST', '/api/v1/admin/expire-due')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(outboxRows(server, "kind = 'declaration.expired' AND organization_id = ?", organizationId).map((r) => r.recipient)).toEqual([to]);
    expect(smtp.to(to).filter((m) => m.subject.includes('有効期限が切れました'))).toHaveLength(1);
  });

  it('renewal reminders: the 30-day one once however often the sweep runs, then the 7-day one', async () => {
    const to = 'renewal@example.jp';
    const { act, declarationId } = await companyWithContact(server, 804, to);
    await act('submit', undefined, 'organization');
    await act('publish');
    const setValidUntil = (at: Date) => {
      const db = new BetterSqlite3(server.dbPath);
      try {
        db.pragma('busy_timeout = 5000');
        db.prepare('UPDATE declarations SET valid_until = ? WHERE id = ?').run(at.toISOString(), declarationId);
      } finally {
        db.close();
      }
    };
    setValidUntil(new Date(Date.now() + 30 * DAY_MS - 60_000));
    const sweeps = await Promise.all([1, 2].map(() => server.call('POST', '/api/v1/admin/expire-due')));
    expect(sweeps.map((s) => s.status)).toEqual([200, 200]);
    expect((await server.call('POST', '/api/v1/admin/expire-due')).status).toBe(200);

    const reminder = await mailTo(to, '有効期限まで残り');
    expect(reminder.subject).toBe('【地方創生テレワーク】自己宣言の有効期限まで残り30日です（通知テスト株式会社804） / Your declaration expires in 30 days (通知テスト株式会社804)');
    expect(reminder.text).toContain(`${baseUrl}/my`);
    // Why renew now rather than at the last day: it takes effect at once, without a review, and no day is lost.
    expect(parts(reminder.text).ja).toContain('事務局の審査を待たずにすぐに更新され、新しい有効期間は今の有効期限から始まります（残りの日数は失われません）。');
    expect(parts(reminder.text).en).toContain('takes effect at once, without waiting for a review, and the new period starts at the current end');
    await new Promise((resolve) => setTimeout(resolve, 2500)); // time for a duplicate to arrive, if there were one
    expect(smtp.to(to).filter((m) => m.subject.includes('有効期限'))).toHaveLength(1);

    setValidUntil(new Date(Date.now() + 6 * DAY_MS));
    expect((await server.call('POST', '/api/v1/admin/expire-due')).status).toBe(200);
    expect((await server.call('POST', '/api/v1/admin/expire-due')).status).toBe(200);
    await mailTo(to, '残り6日');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(smtp.to(to).filter((m) => m.subject.includes('有効期限')).map((m) => m.subject.match(/残り(\d+)日/)?.[1])).toEqual(['30', '6']);
  });

  it('the first renewal reminder goes out on the first day the renewal is accepted: renewing the day it arrives is taken, the declaration stays published', async () => {
    const to = 'first-reminder@example.jp';
    const { act, declarationId } = await companyWithContact(server, 808, to);
    await act('submit', undefined, 'organization');
    await act('publish');
    // A minute inside the first reminder's horizon: the sweep sends it now.
    const db = new BetterSqlite3(server.dbPath);
    try {
      db.pragma('busy_timeout = 5000');
      db.prepare('UPDATE declarations SET valid_until = ? WHERE id = ?').run(new Date(Date.now() + Math.max(...RENEWAL_REMINDER_DAYS) * DAY_MS - 60_000).toISOString(), declarationId);
    } finally {
      db.close();
    }
    expect((await server.call('POST', '/api/v1/admin/expire-due')).status).toBe(200);
    const reminder = await mailTo(to, '有効期限まで残り');
    expect(reminder.text).toContain(`${baseUrl}/my`);
    // What the reminder asks for, done the day it arrives: accepted (not "renewable from …", 409).
    const renewed = await act('renew', undefined, 'organization');
    expect(renewed.status).toBe('published');
  });

  it('an invitation: the one-time link goes to the invited address only, and opens the join page', async () => {
    const { organizationId } = await companyWithContact(server, 807, 'office@example.jp');
    const to = 'invitee@example.jp';
    const created = await server.call('POST', `/api/v1/organizations/${organizationId}/invitations`, { body: { email: to, role: 'editor' } });
    expect(created.status, created.text).toBe(201);
    const mail = await mailTo(to, '招待されました');
    expect(mail.subject).toBe('【地方創生テレワーク】通知テスト株式会社807のメンバーに招待されました / You are invited to join 通知テスト株式会社807');
    expect(mail.text).toContain(created.body.url);
    expect(mail.html).toContain(`href="${created.body.url}"`);
    // No one has joined yet: whoever does becomes the owner, and the e-mail says so.
    expect(parts(mail.text).ja).toContain('役割：管理者');
    expect(parts(mail.text).en).toContain('Role: Owner');
    expect(smtp.to('office@example.jp').filter((m) => m.subject.includes('招待'))).toEqual([]);
    const page = await fetch(created.body.url, { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('通知テスト株式会社807');
    // Delivered, the one-time link is no longer readable in the outbox (the invitation keeps only its hash).
    const token = new URL(created.body.url).pathname.split('/').pop()!;
    await expect.poll(() => outboxRows(server, "kind = 'invitation' AND recipient = ?", to)[0]?.status).toBe('sent');
    expect(JSON.stringify(outboxRows(server, "kind = 'invitation' AND recipient = ?", to))).not.toContain(token);
  });

  it('a staff invitation: delivered, its one-time link to the back office is no longer readable in the outbox either', async () => {
    const admin = await signInAsAdministrator(server);
    const to = 'new-reviewer@example.jp';
    const page = await admin.request('POST', '/admin/staff/invite', { form: { csrf: await staffCsrf(admin), name: '審査 新人', email: to, role: 'reviewer' } });
    expect(page.status).toBe(200);
    const url = /<code id="invitation-url">([^<]+)<\/code>/.exec(page.text)![1]!;
    expect((await mailTo(to, '事務局の管理画面に招待されました')).text).toContain(url);
    const token = new URL(url).pathname.split('/').pop()!;
    await expect.poll(() => outboxRows(server, "kind = 'staff.invitation' AND recipient = ?", to)[0]?.status).toBe('sent');
    expect(JSON.stringify(outboxRows(server, "kind = 'staff.invitation' AND recipient = ?", to))).not.toContain(token);
  });

  it('an organization with no address gets nothing queued', async () => {
    const { act, organizationId } = await companyWithContact(server, 805, null);
    await act('submit', undefined, 'organization');
    await act('return', { reason: '記載不備' });
    expect(outboxRows(server, 'organization_id = ?', organizationId)).toEqual([]);
  });

  it('with the SMTP server down the change still succeeds; the message is retried and delivered once it is up', async () => {
    const to = 'retry@example.jp';
    const { act, organizationId } = await companyWithContact(server, 806, to);
    await act('submit', undefined, 'organization');
    await mailTo(to, '受け付けました'); // the submission's receipt, delivered while the server was up
    await smtp.stop();
    try {
      const returned = await act('return', { reason: 'サーバー停止中の差戻し' });
      expect(returned.status).toBe('draft');
      // The dispatcher tried, failed, and scheduled a retry: the message waits in the outbox, visible.
      const failed = await until(() => outboxRows(server, "organization_id = ? AND kind = 'declaration.returned' AND attempts >= 1", organizationId)[0]);
      expect(failed).toMatchObject({ status: 'pending', recipient: to, sent_at: null });
      expect(failed.last_error).toMatch(/ECONNREFUSED|connect/i);
      expect(failed.next_attempt_at).toBeGreaterThan(Date.now() - 1000);
    } finally {
      await smtp.start();
    }
    const mail = await mailTo(to, '差し戻されました');
    expect(mail.text).toContain('サーバー停止中の差戻し');
    const sent = await until(() => outboxRows(server, "organization_id = ? AND kind = 'declaration.returned' AND status = 'sent'", organizationId)[0]);
    expect(sent.attempts).toBeGreaterThanOrEqual(2);
    expect(sent.last_error).toBeNull();
    expect(smtp.to(to).filter((m) => m.subject.includes('差し戻されました'))).toHaveLength(1);
  });
});

describe('without SMTP_URL: messages are written to MAIL_DIR as .eml files', () => {
  let server: TestServer;
  let mailDir: string;
  beforeAll(async () => {
    mailDir = mkdtempSync(join(tmpdir(), 'registry-mail-'));
    server = await startTestServer({ MAIL_DIR: mailDir });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(mailDir, { recursive: true, force: true });
  });

  it('a developer can open the published message there', async () => {
    const { act } = await companyWithContact(server, 811, 'folder@example.jp');
    await act('submit', undefined, 'organization');
    await act('publish');
    // Two files: the submission's receipt, then the publication.
    const files = await until(() => {
      const written = readdirSync(mailDir).filter((name) => name.endsWith('.eml'));
      return written.length === 2 && written;
    });
    const mails = await Promise.all(files.map((file) => simpleParser(readFileSync(join(mailDir, file)))));
    const mail = mails.find((m) => m.subject?.includes('公表されました'))!;
    expect(mail.subject).toBe('【地方創生テレワーク】自己宣言が公表されました（通知テスト株式会社811） / Your declaration has been published (通知テスト株式会社811)');
    // No SITE_CONTACT_URL here: no contact line pointing nowhere.
    expect(mail.text).not.toContain('お問い合わせ');
    expect((mail.to as { value: { address: string }[] }).value[0]!.address).toBe('folder@example.jp');
    expect(mail.text).toContain('/my/badges');
    expect(mail.html).toContain('/my/badges');
    expect(mails.filter((m) => m.subject?.includes('自己宣言を受け付けました'))).toHaveLength(1);
    expect(outboxRows(server)).toMatchObject([{ status: 'sent', kind: 'declaration.received' }, { status: 'sent', kind: 'declaration.published' }]);
    // Messages carry sign-in and invitation links: the running user's alone, whatever the umask.
    for (const file of files) expect((statSync(join(mailDir, file)).mode & 0o077).toString(8)).toBe('0');
  });
});

describe('HTTP mail API (the Worker’s transport)', () => {
  let api: Server;
  let apiUrl: string;
  const requests: { headers: IncomingMessage['headers']; body: any }[] = [];
  let answer = 202;

  beforeAll(async () => {
    api = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        requests.push({ headers: request.headers, body: JSON.parse(body) });
        response.writeHead(answer, { 'content-type': 'application/json' }).end(answer < 300 ? '{"id":"queued"}' : '{"error":"nope"}');
      });
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/v1/send`;
  });
  afterAll(async () => {
    api.closeAllConnections();
    await new Promise((resolve) => api.close(resolve));
  });

  it('the registry posts each message as JSON with the bearer token', async () => {
    const server = await startTestServer({ MAIL_API_URL: apiUrl, MAIL_API_TOKEN: 'mail-api-token-123', MAIL_FROM: '"事務局" <office@registry.example.jp>' });
    try {
      const { act } = await companyWithContact(server, 821, 'api@example.jp');
      await act('submit', undefined, 'organization');
      await act('return', { reason: 'APIでの差戻し' });
      const received = await until(() => requests.find((r) => r.body.to === 'api@example.jp' && r.body.subject.includes('差し戻されました')));
      expect(received.headers.authorization).toBe('Bearer mail-api-token-123');
      expect(received.headers['content-type']).toBe('application/json');
      expect(received.headers['idempotency-key']).toBe(outboxRows(server, "kind = 'declaration.returned'")[0]!.id);
      expect(Object.keys(received.body).sort()).toEqual(['from', 'html', 'subject', 'text', 'to']);
      expect(received.body).toMatchObject({ from: '"事務局" <office@registry.example.jp>', subject: '【地方創生テレワーク】自己宣言が差し戻されました（通知テスト株式会社821） / Your declaration has been returned (通知テスト株式会社821)' });
      expect(received.body.text).toContain('APIでの差戻し');
      expect(received.body.html).toContain('APIでの差戻し');
      await until(() => outboxRows(server).every((row) => row.status === 'sent'));
    } finally {
      await server.close();
    }
  });

  it('reports refusals: a server error is retried, a refused message is not', async () => {
    const transport = createHttpMailApiTransport({ url: apiUrl, token: null });
    const message = { id: 'm-1', from: 'a@example.jp', to: 'b@example.jp', subject: '件名', text: '本文', html: '<p>本文</p>' };
    answer = 503;
    expect(await transport.send(message)).toEqual({ ok: false, error: 'HTTP 503: {"error":"nope"}', permanent: false });
    answer = 422;
    expect(await transport.send(message)).toMatchObject({ ok: false, permanent: true });
    answer = 200;
    expect(await transport.send(message)).toEqual({ ok: true });
    expect(requests.at(-1)!.headers.authorization).toBeUndefined();
    const unreachable = createHttpMailApiTransport({ url: 'http://127.0.0.1:1/send', token: 't' });
    expect(await unreachable.send(message)).toMatchObject({ ok: false, error: expect.any(String) });
  });
});

describe('retries with backoff, then a message that keeps failing stays failed and visible', () => {
  let api: Server;
  let apiUrl: string;
  /** When each attempt reached the mail API. */
  const hitTimes: number[] = [];

  beforeAll(async () => {
    api = createServer((request, response) => {
      hitTimes.push(Date.now());
      request.resume();
      request.on('end', () => response.writeHead(request.url === '/refuse' ? 422 : 503).end('unavailable'));
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    api.closeAllConnections();
    await new Promise((resolve) => api.close(resolve));
  });

  it('backs off exponentially, gives up after the last attempt, and never sends it again', async () => {
    const RETRY_BASE_MS = 400;
    const { store, registry } = await registryOnFreshFile('registry-mail-retry-', { config: { validityMonths: 36, publicBaseUrl: 'http://localhost', didMethod: 'did:web' }, mailTransport: null });
    const organization = { id: 'org-1', name: '再送テスト市', nameEn: null };
    const queue = (to: string) => store.unitOfWork.commit(registry.mail.invitation({ to, organization, url: 'http://localhost/join/x', expiresAt: new Date().toISOString() }));
    await queue('down@example.jp');
    const rows = () => store.raw.prepare('SELECT recipient, status, attempts, next_attempt_at, last_error FROM mail_outbox ORDER BY recipient').all() as Record<string, any>[];
    const dispatcher = (path: string) =>
      createMailDispatcher({
        outbox: registry.mail.outbox, transport: createHttpMailApiTransport({ url: apiUrl + path, token: null }), uow: store.unitOfWork,
        clock: { now: () => new Date() }, newId: uuidv7, from: registry.mail.from, retryBaseMs: RETRY_BASE_MS, maxAttempts: 3,
      });
    const retrying = dispatcher('/send');

    // Each attempt, timed: its retry is scheduled RETRY_BASE_MS after it, then twice that (the attempt's own time within
    // [before, after]). Far longer than an attempt takes on a busy machine: a retry due again within the same run would be
    // attempted again by it (runOnce sends until nothing is due).
    const nextAttempt = async () => {
      for (const deadline = Date.now() + 5000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 5))) {
        const before = Date.now();
        const result = await retrying.runOnce();
        if (result.attempted > 0) return { result, before, after: Date.now(), row: rows()[0]! };
      }
      throw new Error('no attempt in 5 s');
    };
    const first = await nextAttempt();
    expect(first.result).toMatchObject({ attempted: 1, sent: 0, gaveUp: [] });
    expect(first.row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'HTTP 503: unavailable' });
    expect(first.row.next_attempt_at - RETRY_BASE_MS).toBeGreaterThanOrEqual(first.before);
    expect(first.row.next_attempt_at - RETRY_BASE_MS).toBeLessThanOrEqual(first.after);
    const second = await nextAttempt();
    expect(second.row).toMatchObject({ status: 'pending', attempts: 2 });
    // Not sent before it was due: the API saw the second attempt no earlier than the first scheduled it.
    expect(hitTimes[1]).toBeGreaterThanOrEqual(first.row.next_attempt_at);
    expect(second.row.next_attempt_at - 2 * RETRY_BASE_MS).toBeGreaterThanOrEqual(second.before);
    expect(second.row.next_attempt_at - 2 * RETRY_BASE_MS).toBeLessThanOrEqual(second.after);
    const third = await nextAttempt();
    expect(third.result.gaveUp).toEqual([{ id: expect.any(String), kind: 'invitation', error: 'HTTP 503: unavailable' }]);
    expect(third.row).toMatchObject({ status: 'failed', attempts: 3, last_error: 'HTTP 503: unavailable' });
    const hitsAfterGivingUp = hitTimes.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await retrying.runOnce()).toMatchObject({ attempted: 0 });
    expect(hitTimes.length).toBe(hitsAfterGivingUp);

    // A refusal of the message itself is not retried at all.
    await queue('refused@example.jp');
    expect(await dispatcher('/refuse').runOnce()).toMatchObject({ attempted: 1, gaveUp: [{ error: 'HTTP 422: unavailable' }] });
    expect(rows()[1]).toMatchObject({ recipient: 'refused@example.jp', status: 'failed', attempts: 1 });
  });
});
