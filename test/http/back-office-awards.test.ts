/**
 * The back office's awards over real HTTP, on Node and on the Worker: importing a fiscal year's
 * awards from CSV as Excel writes it (UTF-8 or Shift_JIS: test/fixtures/awards), with a preview
 * that names each bad row and column and a confirmation that records all or nothing; recording
 * one award through the form; categories; suspending and reinstating. Refusals change nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPANY, DECLARATION, MUNICIPALITY, corporateNumberFor, recordsOf, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator, signInAsStaff } from '../helpers/staff.js';
import { onWorker } from '../helpers/targets.js';
import { csrfIn, type Browser } from '../helpers/web-browser.js';
import { fiscalYearOf } from '../../src/domain/fiscal-year.js';
import { japanDate } from '../../src/domain/japan-calendar.js';

const fixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/awards', name)));
const UTF8 = fixture('fy2025.utf8.csv');
const SJIS = fixture('fy2025.sjis.csv');

let server: TestServer;
let admin: Browser;
let reviewer: Browser;
/** テスト商事株式会社's published declaration (the fixture's row 2). */
let shojiDeclaration: string;
let sapporo: string;

const api = async (method: string, path: string, body?: unknown) => {
  const response = await server.call(method, path, body === undefined ? {} : { body });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${response.text}`);
  return response.body;
};
const audit = async (action: string) => (await server.call('GET', `/api/v1/audit-log?action=${action}&limit=100`)).body.items as any[];

async function publishedCompany(name: string, corporateNumber: string, contact?: { email: string }) {
  const organization = await api('POST', '/api/v1/organizations', { ...COMPANY, name, corporateNumber, ...(contact ? { contact } : {}) });
  const declaration = await api('POST', `/api/v1/organizations/${organization.id}/declarations`, DECLARATION);
  await api('POST', `/api/v1/declarations/${declaration.id}/submit`);
  await api('POST', `/api/v1/declarations/${declaration.id}/publish`);
  return { organizationId: organization.id as string, declarationId: declaration.id as string };
}

/** The version an award's page shows its suspend or reinstate form at (the administrator's view). */
const shownVersion = async (id: string) => /name="rowVersion" value="(\d+)"/.exec((await admin.request('GET', `/admin/awards/${id}`)).text)![1]!;

/** The CSRF token of a back-office page the browser opens. */
const csrfOf = async (b: Browser, path = '/admin/awards') => csrfIn((await b.request('GET', path)).text);

/** Uploads bytes as the import form does (multipart, the CSRF token in the body). */
async function upload(b: Browser, bytes: Uint8Array<ArrayBuffer>, csrf?: string) {
  const body = new FormData();
  body.set('csrf', csrf ?? (await csrfOf(b)));
  body.set('file', new Blob([bytes], { type: 'text/csv' }), 'awards.csv');
  return b.request('POST', '/admin/awards/import/preview', { multipart: body });
}

/** The confirm form's fields, posted as the browser would (the congratulations box only when ticked). */
function confirmFields(html: string): { csrf: string; file: string; digest: string; congratulate?: string } {
  const form = confirmForm(html);
  if (!form) throw new Error('no confirm form on the page');
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(form)![1]!;
  const box = congratulateBox(html);
  return { csrf: field('csrf'), file: field('file'), digest: field('digest'), ...(box && /\schecked/.test(box) ? { congratulate: /value="([^"]*)"/.exec(box)![1]! } : {}) };
}
const confirmForm = (html: string) => /<form[^>]*id="confirm-form"[\s\S]*?<\/form>/.exec(html)?.[0];
/** The confirm form's 「受賞団体にお祝いのメールを送る」 checkbox, as the page renders it. */
const congratulateBox = (html: string) => /<input[^>]*name="congratulate"[^>]*>/.exec(confirmForm(html) ?? '')?.[0];
async function confirm(b: Browser, fields: { csrf: string; file: string; digest: string; congratulate?: string }) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) body.set(name, value);
  return b.request('POST', '/admin/awards/import/commit', { multipart: body });
}

const table = (html: string) => /<table id="import-preview"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
const rowOf = (html: string, line: number) => new RegExp(`<tr[^>]*id="row-${line}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';

beforeAll(async () => {
  server = await startTestServer();
  admin = await signInAsAdministrator(server);
  reviewer = await signInAsStaff(server, admin, 'reviewer', '審査 花子');
  // The fixture's recipients, as registered: its names must match theirs.
  shojiDeclaration = (await publishedCompany('テスト商事株式会社', '7123456789012')).declarationId;
  await publishedCompany('株式会社髙橋製作所', '5835678256246');
  await api('POST', '/api/v1/organizations', MUNICIPALITY);
  sapporo = (await api('POST', '/api/v1/organizations', { kind: 'municipality', name: '札幌市', localGovernmentCode: '011002', prefectureCode: '01' })).id;
  await api('POST', '/api/v1/award-divisions', { code: 'large', nameJa: '大企業部門', nameEn: 'Large companies', sortOrder: 10 });
}, 180_000);

afterAll(async () => {
  await server?.close();
});

describe('back office: importing awards from CSV', () => {
  it('explains the columns, offers the template, and takes the file as multipart', async () => {
    const page = await admin.request('GET', '/admin/awards/import');
    expect(page.status).toBe(200);
    for (const text of ['年度', '表彰区分', '法人番号', '地方公共団体コード', '表彰日', '必須', 'どちらか必須', '7000012050002', '大企業部門（large）']) expect(page.text).toContain(text);
    expect(page.text).toMatch(/<form[^>]*enctype="multipart\/form-data"[^>]*id="import-form"/);
    expect(page.text).toMatch(/<input type="file" id="f-file" name="file" accept=".csv,text\/csv"/);

    const template = await admin.request('GET', '/admin/awards/import/template.csv');
    expect(template.status).toBe(200);
    expect(template.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(template.headers.get('content-disposition')).toMatch(/^attachment; filename="award-import-template.csv"/);
    // The bytes themselves (a decoder drops the BOM): a BOM, so that Excel opens it as UTF-8.
    const cookie = [...admin.jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const bytes = new Uint8Array(await (await fetch(`${server.url}/admin/awards/import/template.csv`, { headers: { cookie } })).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe('年度,表彰区分,部門,法人番号,地方公共団体コード,団体名,連携自治体コード,概要,メッセージ,表彰日\r\n');
  });

  it('a reviewer can read the awards but not import: 403 before the file is read, nothing changes', async () => {
    const list = await reviewer.request('GET', '/admin/awards');
    expect(list.status).toBe(200);
    expect(list.text).not.toContain('id="import-link"');
    expect((await reviewer.request('GET', '/admin/awards/import')).status).toBe(403);
    const before = server.snapshot();
    const csrf = await csrfOf(reviewer);
    expect((await upload(reviewer, UTF8, csrf)).status).toBe(403);
    expect((await confirm(reviewer, { csrf, file: Buffer.from(UTF8).toString('base64url'), digest: 'a'.repeat(64) })).status).toBe(403);
    expect(server.snapshot()).toBe(before);
  });

  it('checks the CSRF token carried in the multipart body before the file', async () => {
    const before = server.snapshot();
    const refused = await upload(admin, UTF8, 'not-the-token');
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain('id="import-preview"');
    expect(server.snapshot()).toBe(before);
  });

  it('refuses a file as a whole with the message on the import page (400, 413), never a 5xx', async () => {
    const utf8 = (text: string) => new TextEncoder().encode(text);
    const cases: [Uint8Array<ArrayBuffer>, number, string][] = [
      [utf8('年度,表彰区分,備考,法人番号\n2025,大臣賞,,7123456789012\n'), 400, '備考'],
      [utf8('年度,表彰区分,法人番号\r\n'), 400, 'データの行がありません'],
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), 400, '.xlsx'],
      [new Uint8Array([0x94, 0x4e, 0x81, 0x20, 0xff]), 400, 'UTF-8 でも Shift_JIS でもありません'],
      [new Uint8Array(), 400, 'CSV ファイルを選んでください'],
      [utf8(`年度,表彰区分,法人番号\n${'2025,大臣賞,7123456789012\n'.repeat(101)}`), 413, ''],
      [new Uint8Array(1024 * 1024 + 1).fill(0x41), 413, 'ファイルが大きすぎます'],
      // Over the body limit itself: refused while reading.
      [new Uint8Array(2 * 1024 * 1024).fill(0x41), 413, 'ファイルが大きすぎます'],
    ];
    const before = server.snapshot();
    for (const [bytes, status, text] of cases) {
      const response = await upload(admin, bytes);
      expect(response.status, text).toBe(status);
      expect(response.text).toContain('id="import-problem"');
      expect(response.text).toContain(text);
      expect(response.text).toContain('id="import-form"'); // to try again
      expect(response.text).not.toContain('id="import-confirm"');
    }
    expect(server.snapshot()).toBe(before);
  });

  it('previews a file with one bad row naming its row and column, and offers no confirmation', async () => {
    // Row 3 (the 髙橋製作所 row; row 2 spans two lines of text) with a wrong check digit.
    const bad = new TextEncoder().encode(new TextDecoder().decode(UTF8).replace('5835-6782-56246', '5835-6782-56247'));
    const before = server.snapshot();
    const preview = await upload(admin, bad);
    expect(preview.status).toBe(200);
    expect(server.snapshot()).toBe(before);
    expect(preview.text).toContain('id="import-preview"');
    expect(preview.text).not.toContain('id="import-confirm"');
    const row = rowOf(preview.text, 3);
    expect(row).toContain('class="row--error"');
    expect(row).toContain('3 行目');
    expect(row).toContain('<strong>法人番号</strong>');
    expect(row).toContain('チェックディジット');
    expect(row).toMatch(/class="cell--error[ "]/);
    expect(rowOf(preview.text, 2)).not.toContain('row--error');
    expect(rowOf(preview.text, 5)).not.toContain('row--error');
    expect(preview.text.match(/class="row--error"/g)).toHaveLength(1);
    expect(preview.text).toMatch(/<strong>3<\/strong>\s*行/); // counts: rows
    expect(preview.text).toMatch(/<strong>1<\/strong>\s*行に誤りがあります/);
    expect(preview.text).toContain('id="import-form"'); // upload the corrected file
  });

  it('previews the Shift_JIS file exactly as the UTF-8 one, saying which encoding it read', async () => {
    const fromUtf8 = await upload(admin, UTF8);
    const fromSjis = await upload(admin, SJIS);
    expect([fromUtf8.status, fromSjis.status]).toEqual([200, 200]);
    expect(table(fromSjis.text)).not.toBe('');
    expect(table(fromSjis.text)).toBe(table(fromUtf8.text));
    expect(table(fromSjis.text)).toContain('株式会社髙橋製作所');
    expect(table(fromSjis.text)).toContain('①本社機能の一部を地方へ移転～転職なき移住を実現');
    expect(fromSjis.text).toContain('Shift_JIS');
    expect(fromUtf8.text).toMatch(/文字コード: UTF-8/);
    expect(fromSjis.text).toContain('id="import-confirm"');
  });

  it('an upload or a confirmation with an expired token: the import page again (403) saying to choose the file again, with a fresh token; nothing recorded', async () => {
    const STALE = 'trr_this-token-belonged-to-the-session-before';
    const fresh = await csrfOf(admin, '/admin/awards/import');
    // Uploaded from the import page (its fromPage): the check page's forms name that page too.
    const body = new FormData();
    body.set('csrf', fresh);
    body.set('fromPage', '/admin/awards/import');
    body.set('file', new Blob([UTF8], { type: 'text/csv' }), 'awards.csv');
    const preview = await admin.request('POST', '/admin/awards/import/preview', { multipart: body });
    expect(preview.status).toBe(200);
    expect(/<form[^>]*id="confirm-form"[\s\S]*?<\/form>/.exec(preview.text)?.[0]).toContain('name="fromPage" value="/admin/awards/import"');
    const before = recordsOf(server);
    for (const refused of [await upload(admin, UTF8, STALE), await confirm(admin, { ...confirmFields(preview.text), csrf: STALE })]) {
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toContain('text/html');
      expect(refused.text).toContain('ページを開いてから時間が経ったため、送信を確認できませんでした。まだ何も記録していません。');
      expect(refused.text).toContain('もう一度ファイルを選んで');
      expect(refused.text).toContain('id="import-form"');
      expect(refused.text).not.toContain('id="import-preview"');
      expect(csrfIn(refused.text)).toBe(fresh);
      expect(refused.text).not.toContain(STALE);
    }
    const english = new FormData();
    english.set('csrf', STALE);
    english.set('file', new Blob([UTF8], { type: 'text/csv' }), 'awards.csv');
    const inEnglish = await admin.request('POST', '/admin/awards/import/preview?lang=en', { multipart: english });
    expect(inEnglish.status).toBe(403);
    expect(inEnglish.text).toContain('choose the file again');
    // From another site: the bare refusal, as before.
    const crossSite = await admin.request('POST', '/admin/awards/import/preview', { multipart: english, origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(crossSite.text).toContain('フォームの有効期限が切れたか、別のサイトから送信されました。');
    expect(crossSite.text).not.toContain('id="import-form"');
    expect(recordsOf(server)).toBe(before);
  });

  it('a stale confirmation writes nothing: the check comes back with the rows that went bad (400), a file other than the one checked is refused (409)', async () => {
    const preview = await upload(admin, UTF8);
    const fields = confirmFields(preview.text);

    let before = server.snapshot();
    const tampered = await confirm(admin, { ...fields, digest: '0'.repeat(64) });
    expect(tampered.status).toBe(409);
    expect(tampered.text).toContain('プレビューしたファイルと内容が異なります');
    expect(server.snapshot()).toBe(before);

    // Between the preview and the confirmation, テスト商事's declaration is suspended.
    await api('POST', `/api/v1/declarations/${shojiDeclaration}/suspend`, { reason: 'under-investigation' });
    before = server.snapshot();
    const stale = await confirm(admin, fields);
    expect(stale.status).toBe(400);
    expect(stale.text).toContain('どの表彰も記録していません');
    expect(rowOf(stale.text, 2)).toContain('row--error');
    expect(rowOf(stale.text, 2)).toContain('公表中の自己宣言');
    expect(stale.text).not.toContain('id="import-confirm"');
    expect(server.snapshot()).toBe(before);
    await api('POST', `/api/v1/declarations/${shojiDeclaration}/reinstate`);
  });

  it('the corrected file imports once, even confirmed twice at once: every award recorded with its credential, one award.import audit entry', async () => {
    const preview = await upload(admin, UTF8);
    expect(preview.status).toBe(200);
    // A double click on 記録する: one confirmation records the file, the other is refused (its
    // check found the awards recorded, 400, or its batch lost the race, 409).
    const [first, second] = await Promise.all([confirm(admin, confirmFields(preview.text)), confirm(admin, confirmFields(preview.text))]);
    const done = first.status === 303 ? first : second;
    expect([first.status, second.status].sort()).toEqual([303, first.status === 303 ? second.status : first.status].sort());
    expect([400, 409]).toContain(first.status === 303 ? second.status : first.status);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toMatch(/^\/admin\/awards\?year=2025&done=imported&count=3&congratulated=\d$/);

    const list = await admin.request('GET', done.headers.get('location')!);
    expect(list.text).toContain('CSV から 3 件の表彰を記録しました');
    expect((await admin.request('GET', done.headers.get('location')!)).text).not.toContain('件の表彰を記録しました'); // reloaded: said once
    for (const name of ['テスト商事株式会社', '株式会社髙橋製作所', '千代田区']) expect(list.text).toContain(name);

    const awards = (await api('GET', '/api/v1/awards?fiscalYear=2025&limit=100')).items as any[];
    expect(awards.map((a) => a.organizationName).sort()).toEqual(['テスト商事株式会社', '千代田区', '株式会社髙橋製作所'].sort());
    for (const award of awards) expect(award.credentials).toHaveLength(1);
    const shoji = awards.find((a) => a.organizationName === 'テスト商事株式会社');
    expect(shoji).toMatchObject({ category: 'minister', division: 'large', partnerMunicipalityId: sapporo, awardedOn: '2026-02-10' });
    expect(shoji.overview).toBe('①本社機能の一部を地方へ移転～転職なき移住を実現\n（"引用符"とカンマ,を含む概要）');

    const imports = await audit('award.import');
    expect(imports).toHaveLength(1);
    expect(imports[0].after).toMatchObject({ via: 'csv-import', rows: 3, encoding: 'utf-8' });

    // The same file again: every row is already recorded.
    const again = await upload(admin, SJIS);
    expect(again.text.match(/class="row--error"/g)).toHaveLength(3);
    expect(again.text).toContain('すでに記録されています');
  });

  it('each imported award’s organization is congratulated once by e-mail, with the badge kit link, even when the file is confirmed twice at once', async () => {
    const email = 'import-award@example.jp';
    const corporateNumber = corporateNumberFor(951);
    await publishedCompany('受賞通知株式会社', corporateNumber, { email });
    const csv = `年度,表彰区分,部門,法人番号,地方公共団体コード,団体名,連携自治体コード,概要,表彰日\n2024,excellence,,${corporateNumber},,受賞通知株式会社,,,2025-02-01\n`;
    const preview = await upload(admin, new TextEncoder().encode(csv));
    expect(preview.text).toContain('id="import-confirm"');
    // The secretariat ticks 「受賞団体にお祝いのメールを送る」 (an older year's box starts unticked: next test).
    const ticked = { ...confirmFields(preview.text), congratulate: '1' };
    const answers = await Promise.all([confirm(admin, ticked), confirm(admin, ticked)]);
    expect(answers.map((a) => a.status)).toContain(303);

    const outbox = () => (JSON.parse(server.snapshot()) as [string, Record<string, any>[]][]).find(([table]) => table === 'mail_outbox')![1].filter((r) => r.kind === 'award.recorded');
    const mails = outbox();
    expect(mails.map((m) => m.recipient)).toEqual([email]);
    expect(mails[0]!.subject).toBe('【地方創生テレワーク】令和6年度（2024年度） 優秀賞の受賞おめでとうございます（受賞通知株式会社） / Congratulations on your Excellence Award, FY2024 (April 2024 – March 2025) (受賞通知株式会社)');
    expect(mails[0]!.text_body).toContain('表彰日：2025年2月1日');
    expect(mails[0]!.text_body).toMatch(/^https?:\/\/\S+\/my\/badges$/m);
    expect(mails[0]!.html_body).toMatch(/href="https?:\/\/[^"]+\/my\/badges"/);
    // Node's dispatcher sends it (MAIL_DIR) right after the commit: let it, so later snapshots stay still. The
    // Worker without MAIL_API_URL leaves it waiting until its cron, which this server does not run.
    if (!onWorker) await expect.poll(() => outbox()[0]!.status, { timeout: 20_000 }).toBe('sent');
  });
  it('asks before congratulating: the box starts unticked for a file of years before last year, ticked for this or last year; the choice survives a refused confirmation; the list and the audit entry say how many organizations were e-mailed', async () => {
    const email = 'past-years@example.jp';
    const corporateNumber = corporateNumberFor(952);
    await publishedCompany('過年度表彰株式会社', corporateNumber, { email });
    const thisYear = fiscalYearOf(new Date(`${japanDate(new Date().toISOString())}T00:00:00Z`));
    const csv = (year: number) => new TextEncoder().encode(`年度,表彰区分,法人番号,団体名\n${year},excellence,${corporateNumber},過年度表彰株式会社\n`);
    const congratulations = () => (JSON.parse(server.snapshot()) as [string, Record<string, any>[]][]).find(([t]) => t === 'mail_outbox')![1].filter((r) => r.kind === 'award.recorded' && r.recipient === email);

    // Two years ago: the awards of a past ceremony, entered for the record. Not news: unticked.
    const old = await upload(admin, csv(thisYear - 2));
    expect(old.text).toContain('受賞団体にお祝いのメールを送る');
    expect(congratulateBox(old.text)).toBeDefined();
    expect(congratulateBox(old.text)).not.toMatch(/\schecked/);
    const oldDone = await confirm(admin, confirmFields(old.text));
    expect(oldDone.status).toBe(303);
    expect(congratulations()).toEqual([]);
    const oldList = await admin.request('GET', oldDone.headers.get('location')!);
    expect(oldList.text).toContain('CSV から 1 件の表彰を記録しました。お祝いのメールは送っていません');
    expect((await audit('award.import')).at(-1).after).toMatchObject({ rows: 1, congratulate: false, congratulated: 0 });

    // Last year: ticked. Unticked by the secretariat, it stays unticked when the confirmation comes back refused.
    const recent = await upload(admin, csv(thisYear - 1));
    expect(congratulateBox(recent.text)).toMatch(/\schecked/);
    const { congratulate: _, ...unticked } = confirmFields(recent.text);
    const refused = await confirm(admin, { ...unticked, digest: '0'.repeat(64) });
    expect(refused.status).toBe(409);
    expect(congratulateBox(refused.text)).toBeDefined();
    expect(congratulateBox(refused.text)).not.toMatch(/\schecked/);
    const ticked = await confirm(admin, { ...unticked, digest: '0'.repeat(64), congratulate: '1' });
    expect(congratulateBox(ticked.text)).toMatch(/\schecked/);
    expect(congratulations()).toEqual([]);

    const done = await confirm(admin, confirmFields(ticked.text));
    expect(done.status).toBe(303);
    expect(congratulations()).toHaveLength(1);
    const list = await admin.request('GET', done.headers.get('location')!);
    expect(list.text).toContain('CSV から 1 件の表彰を記録しました。1 件の表彰について、受賞団体にお祝いのメールを送ります。');
    expect((await audit('award.import')).at(-1).after).toMatchObject({ rows: 1, congratulate: true, congratulated: 1 });
    if (!onWorker) await expect.poll(() => congratulations()[0]!.status, { timeout: 20_000 }).toBe('sent');
  });

  it('congratulations ticked for a file whose organizations have no e-mail address: the list says none were sent and why, not 「0 件…送ります」', async () => {
    const names = ['宛先なし一株式会社', '宛先なし二株式会社'];
    const numbers = [corporateNumberFor(953), corporateNumberFor(954)];
    for (const [i, name] of names.entries()) await publishedCompany(name, numbers[i]!);
    const csv = new TextEncoder().encode(`年度,表彰区分,法人番号,団体名\n${names.map((name, i) => `2023,excellence,${numbers[i]},${name}`).join('\n')}\n`);
    const done = await confirm(admin, { ...confirmFields((await upload(admin, csv)).text), congratulate: '1' });
    expect(done.status).toBe(303);
    const location = done.headers.get('location')!;
    const noticeOn = (html: string) => /<div class="notice notice--success"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
    const ja = noticeOn((await admin.request('GET', location)).text);
    expect(ja).toContain('CSV から 2 件の表彰を記録しました。');
    expect(ja).toContain('お祝いのメールは送っていません（2 件の受賞団体のどれにもメールアドレスの登録がありません）。');
    expect(ja).not.toContain('0 件');
    const again = await confirm(admin, { ...confirmFields((await upload(admin, new TextEncoder().encode(`年度,表彰区分,法人番号,団体名\n2022,excellence,${numbers[0]},${names[0]}\n`))).text), congratulate: '1' });
    const en = noticeOn((await admin.request('GET', `${again.headers.get('location')!}&lang=en`)).text);
    expect(en).toContain('No congratulations were e-mailed: the award’s organization has no e-mail address.');
    expect(en).not.toContain('for 0 awards');
  });
});

describe('back office: recording, categories, suspending', () => {
  it('a company without a published declaration: the message beside 受賞団体 names it and says what to do; nothing is saved', async () => {
    const company = await api('POST', '/api/v1/organizations', { ...COMPANY, name: '宣言審査中株式会社', corporateNumber: corporateNumberFor(955) });
    const csrf = await csrfOf(admin, '/admin/awards/new');
    const before = (await api('GET', '/api/v1/awards?fiscalYear=2024&limit=100')).items.length;
    const refused = await admin.request('POST', '/admin/awards', { form: { csrf, organization: company.corporateNumber, fiscalYear: '2024', category: 'excellence' } });
    expect(refused.status).toBe(422);
    expect(refused.text).toMatch(/id="f-organization-error"[^>]*>[\s\S]*?「宣言審査中株式会社」には公表中の自己宣言がありません。企業の表彰は、自己宣言が公表されてから記録してください。/);
    const english = await admin.request('POST', '/admin/awards?lang=en', { form: { csrf, organization: company.corporateNumber, fiscalYear: '2024', category: 'excellence' } });
    expect(english.text).toContain('宣言審査中株式会社 holds no published declaration: record a company’s award once its declaration is published.');
    expect((await api('GET', '/api/v1/awards?fiscalYear=2024&limit=100')).items.length).toBe(before);
  });

  it('records one award through the form; a bad field comes back next to it (400) and nothing is saved', async () => {
    const form = await admin.request('GET', '/admin/awards/new');
    expect(form.status).toBe(200);
    expect(form.text).toContain('id="award-form"');
    expect(form.text).toContain('id="save-button"');
    const csrf = csrfIn(form.text);

    const before = server.snapshot();
    const bad = await admin.request('POST', '/admin/awards', { form: { csrf, organization: '011002', fiscalYear: '二千二十四', category: 'excellence', partnerMunicipality: '999999', overview: '札幌での取組' } });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="f-fiscalYear-error"[^>]*>[\s\S]*?年度「二千二十四」/);
    expect(bad.text).toMatch(/id="f-partnerMunicipality-error"[^>]*>[\s\S]*?地方公共団体コード/);
    expect(bad.text).not.toContain('id="f-organization-error"');
    expect(bad.text).toContain('札幌での取組'); // what was typed is kept
    const unknown = await admin.request('POST', '/admin/awards', { form: { csrf, organization: '4011001098993', fiscalYear: '2024', category: 'excellence' } });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toMatch(/id="f-organization-error"[^>]*>[\s\S]*?法人番号 4011001098993 の団体は登録されていません/);
    const noCategory = await admin.request('POST', '/admin/awards', { form: { csrf, organization: '011002', fiscalYear: '2024', category: '' } });
    expect(noCategory.status).toBe(400);
    expect(noCategory.text).toContain('id="f-category-error"');
    // A control character is refused as the API refuses it: it would be signed into the credential.
    const control = await admin.request('POST', '/admin/awards', { form: { csrf, organization: '011002', fiscalYear: '2024', category: 'excellence', overview: 'a\u0001b', message: '右から\u202e左へ' } });
    expect(control.status).toBe(400);
    expect(control.text).toMatch(/id="f-overview-error"[^>]*>[\s\S]*?概要: 制御文字は使えません/);
    expect(control.text).toMatch(/id="f-message-error"[^>]*>[\s\S]*?文字の向きを変える制御文字/);
    expect(server.snapshot()).toBe(before);

    const saved = await admin.request('POST', '/admin/awards', { form: { csrf, organization: '０１１００２', fiscalYear: '令和6年度', category: 'excellence', division: '', partnerMunicipality: '', overview: '札幌での取組', message: '', awardedOn: '2025-03-01' } });
    expect(saved.status).toBe(303);
    const location = saved.headers.get('location')!;
    expect(location).toMatch(/^\/admin\/awards\/[^/?]+\?done=created$/);
    const award = await api('GET', `/api/v1/awards/${location.split('/')[3]!.split('?')[0]}`);
    expect(award).toMatchObject({ organizationId: sapporo, fiscalYear: 2024, category: 'excellence', overview: '札幌での取組', awardedOn: '2025-03-01', status: 'active' });
    expect(award.credentials).toHaveLength(1);
    const page = await admin.request('GET', location);
    expect(page.text).toContain('表彰を記録しました');
    expect(page.text).toContain('札幌市');
  });

  it('on the English form, a refused field’s message names it as the form does, not by the API’s field name (fiscalYear, awardedOn, overview…)', async () => {
    const csrf = csrfIn((await admin.request('GET', '/admin/awards/new?lang=en')).text);
    const before = server.snapshot();
    const bad = await admin.request('POST', '/admin/awards?lang=en', { form: { csrf, organization: '011002', fiscalYear: '1800', category: 'bogus', overview: 'x'.repeat(4001), message: 'a\u0001b', awardedOn: '2025-02-30' } });
    expect(bad.status).toBe(400);
    const message = (field: string) => /id="f-[^"]+-error"[^>]*>([\s\S]*?)<\/p>/.exec(bad.text.slice(bad.text.indexOf(`id="f-${field}-error"`) - 40))?.[1]?.replace(/<[^>]+>/g, '');
    expect(message('fiscalYear')).toContain('The fiscal year must be a year from 2020');
    expect(message('category')).toContain('The award category must be one of');
    expect(message('awardedOn')).toContain('The award date must be a real calendar date');
    expect(message('overview')).toContain('The overview must be at most 4000 characters');
    expect(message('message')).toContain('Message: contains a control character');
    expect(bad.text).not.toMatch(/>(fiscalYear|category|awardedOn|overview|message) must|\/(overview|message):/);
    expect(server.snapshot()).toBe(before);
  });

  it('adds a category; the same code again is refused next to the code field (409); a bad code (400)', async () => {
    const csrf = await csrfOf(admin, '/admin/awards/codes');
    // The display order typed in full-width digits, as a Japanese input method gives them.
    const added = await admin.request('POST', '/admin/awards/codes', { form: { csrf, kind: 'category', code: 'special', nameJa: '特別賞', nameEn: 'Special Award', sortOrder: '３０' } });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe('/admin/awards/codes?done=code-added');
    const codes = await reviewer.request('GET', '/admin/awards/codes');
    expect(codes.text).toContain('特別賞');
    expect(codes.text).not.toContain('id="code-form"'); // reviewers read only
    expect((await api('GET', '/api/v1/award-categories')).items.find((c: any) => c.code === 'special')).toMatchObject({ sortOrder: 30 });
    // The record form offers it at once.
    expect((await admin.request('GET', '/admin/awards/new')).text).toContain('<option value="special">特別賞（special）</option>');

    const before = server.snapshot();
    const duplicate = await admin.request('POST', '/admin/awards/codes', { form: { csrf, kind: 'category', code: 'special', nameJa: '特別賞2', nameEn: 'Special 2' } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.text).toMatch(/id="f-code-error"[^>]*>[\s\S]*?すでに登録されています/);
    expect(duplicate.text).toContain('value="特別賞2"');
    const badCode = await admin.request('POST', '/admin/awards/codes', { form: { csrf, kind: 'division', code: 'Bad Code', nameJa: '', nameEn: 'x' } });
    expect(badCode.status).toBe(400);
    expect(badCode.text).toContain('id="f-code-error"');
    expect(badCode.text).toContain('id="f-nameJa-error"');
    // The names are public and go into award credentials: a control character or a tab is refused, named.
    const unreadable = await admin.request('POST', '/admin/awards/codes', { form: { csrf, kind: 'division', code: 'div-x', nameJa: '地方\u0007部門', nameEn: 'Regional\tdivision' } });
    expect(unreadable.status).toBe(400);
    expect(unreadable.text).toMatch(/id="f-nameJa-error"[^>]*>[\s\S]*?名称（日本語）: 制御文字は使えません。/);
    expect(unreadable.text).toMatch(/id="f-nameEn-error"[^>]*>[\s\S]*?名称（英語）: タブ文字は入力できません/);
    expect(server.snapshot()).toBe(before);
  });

  it('a code or name left empty is asked for; a code too long is told its limit; one in the wrong form is shown the form', async () => {
    const csrf = await csrfOf(admin, '/admin/awards/codes');
    const codeError = async (code: string, lang = '') => {
      const refused = await admin.request('POST', `/admin/awards/codes${lang}`, { form: { csrf, kind: 'division', code, nameJa: '', nameEn: 'x'.repeat(101) } });
      expect(refused.status).toBe(400);
      const messageOf = (field: string) => (new RegExp(`id="f-${field}-error"[^>]*>([\\s\\S]*?)</p>`).exec(refused.text)?.[1] ?? '').replace(/<[^>]+>/g, '');
      return { code: messageOf('code'), nameJa: messageOf('nameJa'), nameEn: messageOf('nameEn') };
    };
    const empty = await codeError('');
    expect(empty.code).toContain('コードを入力してください。');
    expect(empty.code).not.toContain('64');
    expect(empty.nameJa).toContain('名称（日本語）を入力してください。');
    expect(empty.nameEn).toContain('名称（英語）は100文字以内で入力してください（今は101文字）。');
    expect((await codeError('', '?lang=en')).code).toContain('Enter the code.');
    const long = await codeError('a'.repeat(65));
    expect(long.code).toContain('コードは64文字以内で入力してください（今は65文字）。');
    expect((await codeError('a'.repeat(65), '?lang=en')).code).toContain('The code can be at most 64 characters (now 65).');
    const wrong = await codeError('Bad Code');
    expect(wrong.code).toContain('半角英小文字・数字・ハイフン');
    expect(wrong.code).not.toContain('64');
  });

  it('the same award sent three times at once is recorded once: the others get 409 naming the category', async () => {
    const body = { organizationId: sapporo, fiscalYear: 2021, category: 'minister', awardedOn: '2022-02-01' };
    const answers = await Promise.all([1, 2, 3].map(() => server.call('POST', '/api/v1/awards', { body })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    for (const refused of answers.filter((a) => a.status === 409)) expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['/category']);
    const recorded = (await api('GET', `/api/v1/awards?fiscalYear=2021&organizationId=${sapporo}`)).items as any[];
    expect(recorded.filter((a) => a.category === 'minister')).toHaveLength(1);
  });

  it('suspends an award with a reason from its page (the list links there) and reinstates it; a second suspend is a conflict (409)', async () => {
    const { id } = await api('POST', '/api/v1/awards', { organizationId: sapporo, fiscalYear: 2022, category: 'minister', awardedOn: '2023-02-01' });
    const list = await admin.request('GET', '/admin/awards?year=2022');
    // Suspending asks why: the list's button opens the award's form.
    expect(list.text).toContain(`id="suspend-${id}" href="/admin/awards/${id}#suspend-form"`);
    const csrf = csrfIn(list.text);
    const rowVersion = await shownVersion(id);

    // Without a reason: the form again, its message beside the field, the note kept, nothing changed.
    const before = server.snapshot();
    const missing = await admin.request('POST', `/admin/awards/${id}/suspend`, { form: { csrf, rowVersion, reason: '', note: '確認中です' } });
    expect(missing.status).toBe(400);
    expect(missing.text).toMatch(/id="f-reason-error"[^>]*>[\s\S]*?一時停止の理由を選んでください/);
    expect(missing.text).toContain('確認中です</textarea>');
    expect((await admin.request('POST', `/admin/awards/${id}/suspend`, { form: { csrf, rowVersion, reason: 'no-such-code' } })).status).toBe(400);
    // Too long a note is told its length as the page's maxlength counts it: a line break is one character, not the CRLF sent.
    const long = await admin.request('POST', `/admin/awards/${id}/suspend`, { form: { csrf, rowVersion, reason: 'other', note: `${'あ'.repeat(1999)}\r\nい` } });
    expect(long.status).toBe(400);
    expect(long.text).toMatch(/id="f-note-error"[^>]*>[\s\S]*?補足は2000文字以内で入力してください（今は2001文字）。/);
    expect(server.snapshot()).toBe(before);

    const suspended = await admin.request('POST', `/admin/awards/${id}/suspend`, { form: { csrf, rowVersion, reason: 'under-investigation', note: '受賞内容を確認中です' } });
    expect(suspended.status).toBe(303);
    expect(suspended.headers.get('location')).toBe(`/admin/awards/${id}?done=suspended`);
    // The reason is public (the verification page shows it); the note is the organization's and the secretariat's.
    expect(await api('GET', `/api/v1/awards/${id}`)).toMatchObject({ status: 'suspended', statusReason: 'under-investigation', statusNote: '受賞内容を確認中です' });
    const publicView = await server.call('GET', `/api/v1/awards/${id}`, { token: null });
    expect(publicView.body.statusReason).toBe('under-investigation');
    expect(publicView.body).not.toHaveProperty('statusNote');
    // Whoever scans the award's QR code reads why it is suspended.
    const verification = await server.call('GET', new URL(publicView.body.credentials[0].verificationUrl).pathname, { token: null });
    expect(verification.text).toMatch(/一時停止中[\s\S]*理由[\s\S]*調査中/);
    expect((await audit('award.suspend')).map((e) => e.entityId)).toContain(id);

    const unchanged = server.snapshot();
    const suspendedVersion = await shownVersion(id);
    const again = await admin.request('POST', `/admin/awards/${id}/suspend`, { form: { csrf, rowVersion: suspendedVersion, reason: 'other' } });
    expect(again.status).toBe(409);
    expect(again.text).toContain('この表彰は既に「一時停止中」です。');
    expect((await reviewer.request('POST', `/admin/awards/${id}/reinstate`, { form: { csrf: await csrfOf(reviewer), from: 'award' } })).status).toBe(403);
    expect(server.snapshot()).toBe(unchanged);

    const page = await admin.request('GET', `/admin/awards/${id}`);
    expect(page.text).toContain(`id="reinstate-${id}"`);
    expect(page.text).toContain('class="status status--suspended">一時停止中</span>');
    expect(page.text).toMatch(/<dt>理由<\/dt>\s*<dd>調査中<\/dd>/);
    expect(page.text).toContain('受賞内容を確認中です');
    // The note went to the organization (the form says so): not called the secretariat's own memo.
    expect(page.text).toMatch(/<dt>補足（団体に伝えた内容）<\/dt>\s*<dd><span class="prose-text">受賞内容を確認中です/);
    expect(page.text).not.toContain('事務局のメモ');
    // 記録日時 is a date and a time (Japan), as every other 日時 in the back office.
    expect(page.text).toMatch(/<dt>記録日時<\/dt>\s*<dd>\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2}<\/dd>/);
    // The revocation form goes to the revocations area, with a second administrator's approval by default, and asks for a reason code.
    const revoke = /<form[^>]*id="revoke-form"[\s\S]*?<\/form>/.exec(page.text)![0];
    expect(revoke).toContain('action="/admin/revocations"');
    for (const field of ['name="subjectType" value="award"', `name="subjectId" value="${id}"`, '<option value="misuse-of-logo">', `name="back" value="/admin/awards/${id}"`, 'name="note"']) expect(revoke).toContain(field);
    // Only the reasons that fit an award: 虚偽の宣言 and ガイドライン違反 are a declaration's.
    expect([...revoke.matchAll(/<option value="([^"]*)">/g)].map((m) => m[1])).toEqual(['', 'organization-dissolved', 'misuse-of-logo', 'other']);
    expect(page.text).toContain('別の管理者が承認');

    const reinstated = await admin.request('POST', `/admin/awards/${id}/reinstate`, { form: { csrf, rowVersion: suspendedVersion, from: 'award' } });
    expect(reinstated.status).toBe(303);
    expect(reinstated.headers.get('location')).toBe(`/admin/awards/${id}?done=reinstated`);
    expect(await api('GET', `/api/v1/awards/${id}`)).toMatchObject({ status: 'active', statusReason: null, statusNote: null });

    // The revocation form, as the award's page sends it: a request that waits for a second administrator.
    // In the words of 取消の承認, where it waits (依頼, not 申請 here and 依頼 there).
    const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)![0];
    const awardPage = main((await admin.request('GET', `/admin/awards/${id}`)).text);
    expect(awardPage).toContain('取消を依頼する');
    expect(awardPage).not.toContain('申請');
    const requested = await admin.request('POST', '/admin/revocations', { form: { csrf, subjectType: 'award', subjectId: id, reason: 'other', note: '受賞内容に誤り', back: `/admin/awards/${id}` } });
    expect(requested.status).toBe(303);
    expect(requested.headers.get('location')).toBe(`/admin/awards/${id}?done=revocation-requested`);
    const requestedPage = main((await admin.request('GET', requested.headers.get('location')!)).text);
    expect(requestedPage).toContain('取消を依頼しました');
    expect(requestedPage).not.toContain('申請');
    expect((await api('GET', `/api/v1/awards/${id}`)).status).toBe('active');
  });

  it('suspend and reinstate act on the version the page showed: none posted is a 400 naming rowVersion, an older one (another administrator acted meanwhile) a 409; nothing changes', async () => {
    const { id } = await api('POST', '/api/v1/awards', { organizationId: sapporo, fiscalYear: 2023, category: 'minister', awardedOn: '2024-02-01' });
    const csrf = await csrfOf(admin);
    const status = async () => (await api('GET', `/api/v1/awards/${id}`)).status;
    const shown = await shownVersion(id);
    let before = server.snapshot();
    const unversioned = await admin.request('POST', `/admin/awards/${id}/suspend`, { form: { csrf, reason: '', note: '確認中です' } });
    expect(unversioned.status).toBe(400);
    expect(unversioned.text).toContain('フォームの版（rowVersion）が送られていないか、正しくありません。');
    // The same round names the reason too, and keeps the note.
    expect(unversioned.text).toMatch(/id="f-reason-error"[^>]*>[\s\S]*?一時停止の理由を選んでください/);
    expect(unversioned.text).toContain('確認中です</textarea>');
    const damaged = await admin.request('POST', `/admin/awards/${id}/suspend`, { form: { csrf, rowVersion: '1x', reason: 'other' } });
    expect(damaged.status).toBe(400);
    expect(damaged.text).toContain('フォームの版（rowVersion）が送られていないか、正しくありません。');
    expect(server.snapshot()).toBe(before);
    expect(await status()).toBe('active');

    // A second administrator suspends it meanwhile: the first one's page is out of date.
    await api('POST', `/api/v1/awards/${id}/suspend`, { reason: 'under-investigation' });
    const newer = await shownVersion(id);
    before = server.snapshot();
    const staleSuspend = await admin.request('POST', `/admin/awards/${id}/suspend?lang=en`, { form: { csrf, rowVersion: shown, reason: 'other' } });
    expect(staleSuspend.status).toBe(409);
    expect(staleSuspend.text).toContain('Someone else changed this award after you opened this page. Nothing was changed');
    const unversionedReinstate = await admin.request('POST', `/admin/awards/${id}/reinstate`, { form: { csrf, from: 'list' } });
    expect(unversionedReinstate.status).toBe(400);
    expect(unversionedReinstate.text).toContain('フォームの版（rowVersion）が送られていないか、正しくありません。');
    const staleReinstate = await admin.request('POST', `/admin/awards/${id}/reinstate`, { form: { csrf, rowVersion: shown, from: 'list' } });
    expect(staleReinstate.status).toBe(409);
    expect(staleReinstate.text).toContain('この表彰は、このページを開いた後に別の人が変更しました。何も変更していません。');
    // With the award's current state and the button that acts on it.
    expect(staleReinstate.text).toContain('class="status status--suspended">一時停止中</span>');
    expect(staleReinstate.text).toContain(`name="rowVersion" value="${newer}"`);
    expect(server.snapshot()).toBe(before);
    expect(await status()).toBe('suspended');

    // The list's button carries the version it was shown at too.
    const list = await admin.request('GET', '/admin/awards?year=2023');
    const button = new RegExp(`<form[^>]*action="/admin/awards/${id}/reinstate"[\\s\\S]*?</form>`).exec(list.text)![0];
    expect(button).toContain(`name="rowVersion" value="${newer}"`);
    const reinstated = await admin.request('POST', `/admin/awards/${id}/reinstate`, { form: { csrf, rowVersion: newer, from: 'list' } });
    expect(reinstated.status).toBe(303);
    expect(reinstated.headers.get('location')).toBe(`/admin/awards?year=2023&done=reinstated`);
    expect(await status()).toBe('active');
  });

  it('a hand-made suspend of a suspended award, or reinstatement of an active one, answers 409 on the award page saying its state, not a 400 about a form the page does not show; nothing changes', async () => {
    const { id } = await api('POST', '/api/v1/awards', { organizationId: sapporo, fiscalYear: 2024, category: 'minister', awardedOn: '2025-02-01' });
    const csrf = await csrfOf(admin);
    // Active: reinstating it, with no version or the current one, is refused for its state.
    let before = server.snapshot();
    const reinstateForms: Record<string, string>[] = [{ csrf, from: 'award' }, { csrf, from: 'list', rowVersion: await shownVersion(id) }];
    for (const form of reinstateForms) {
      const reinstate = await admin.request('POST', `/admin/awards/${id}/reinstate`, { form });
      expect(reinstate.status, JSON.stringify(form)).toBe(409);
      expect(reinstate.text).toContain('この表彰は既に「有効」です。');
      expect(reinstate.text).not.toContain('rowVersion）が送られていない');
      expect(reinstate.text).toContain('class="status status--active">有効</span>');
    }
    expect(server.snapshot()).toBe(before);

    await api('POST', `/api/v1/awards/${id}/suspend`, { reason: 'under-investigation' });
    const current = await shownVersion(id);
    before = server.snapshot();
    // Suspended: the page shows no suspension form, so a post without a reason or a version is told the award is suspended already.
    const suspendForms: Record<string, string>[] = [{ csrf, reason: '', note: '' }, { csrf, rowVersion: current, reason: '' }, { csrf, rowVersion: current, reason: 'no-such-code' }];
    for (const form of suspendForms) {
      const again = await admin.request('POST', `/admin/awards/${id}/suspend`, { form });
      expect(again.status, JSON.stringify(form)).toBe(409);
      expect(again.text).toContain('この表彰は既に「一時停止中」です。');
      expect(again.text).not.toContain('一時停止の理由を選んでください');
      expect(again.text).not.toContain('rowVersion）が送られていない');
      expect(again.text).toContain('class="status status--suspended">一時停止中</span>');
    }
    const english = await admin.request('POST', `/admin/awards/${id}/suspend?lang=en`, { form: { csrf, reason: '' } });
    expect(english.status).toBe(409);
    expect(english.text).toContain('This award is already &quot;Suspended&quot;.');
    expect(server.snapshot()).toBe(before);
    expect((await api('GET', `/api/v1/awards/${id}`)).status).toBe('suspended');
  });

  it('lists the latest year with awards by default, with its names and links; an unusable ?year falls back to it', async () => {
    const list = await reviewer.request('GET', '/admin/awards');
    expect(list.status).toBe(200);
    expect(list.text).toMatch(/<option value="2025" selected="">/);
    expect(list.text).toContain('大臣賞');
    expect(list.text).toContain('大企業部門');
    expect(list.text).toMatch(/href="\/admin\/organizations\/[^"]+">テスト商事株式会社<\/a>/);
    expect(list.text).not.toContain('id="new-award-link"');
    expect((await reviewer.request('GET', '/admin/awards?year=abc')).text).toMatch(/<option value="2025" selected="">/);
    // The selector starts at FY2020, the first year an award may honour (FY2019 is refused: see the award form); ?year=2019 falls back.
    const offered = [...list.text.matchAll(/<option value="(\d{4})"/g)].map((m) => Number(m[1]));
    expect(Math.min(...offered)).toBe(2020);
    expect((await reviewer.request('GET', '/admin/awards?year=2019')).text).toMatch(/<option value="2025" selected="">/);
    // It ends at this fiscal year: a year not yet begun can hold no award (the form refuses it), nor does ?year= add one.
    const thisYear = fiscalYearOf(new Date(`${japanDate(new Date().toISOString())}T00:00:00Z`));
    expect(Math.max(...offered)).toBe(thisYear);
    const future = await reviewer.request('GET', `/admin/awards?year=${thisYear + 1}`);
    expect(future.text).toMatch(/<option value="2025" selected="">/);
    expect(future.text).not.toContain(`<option value="${thisYear + 1}"`);
    const english = await admin.request('GET', '/admin/awards?year=2024&lang=en');
    expect(english.text).toContain('Excellence Award');
    expect(english.text).toContain('FY2024');
    // The award's page leads back to that list by the name its caption has: FY2024 (April 2024 – March 2025).
    const awardPath = /href="(\/admin\/awards\/[^"?]+)\?lang=en">Details</.exec(english.text)![1]!;
    const back = /<a href="\/admin\/awards\?year=2024&amp;lang=en">([^<]*)<\/a>/.exec((await admin.request('GET', `${awardPath}?lang=en`)).text)?.[1];
    expect(back).toBe('← Awards of FY2024 (April 2024 – March 2025)');
    expect(english.text).toContain('Awards of FY2024 (April 2024 – March 2025)');
    expect((await admin.request('GET', '/admin/awards/no-such-award')).status).toBe(404);
  });
});
