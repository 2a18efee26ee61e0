/**
 * An organization's フリガナ and private contact as an HR person or an officer types them with a
 * Japanese input method on, or pastes them from a PDF: half-width katakana (ｶﾌﾞｼｷｶﾞｲｼｬ), a phone
 * number in full width with full-width brackets (０３（１２３４）５６７８) or with the minus sign a Mac
 * types for a hyphen (U+2212), an e-mail address in full width. The phone was refused for a hyphen
 * 法人番号 take without a word; the address was refused by the API while the invitation form reads
 * the same address; half-width kana were stored as typed beside a hint asking for full width.
 * Now each is stored as meant, the same through the API and the back office's form. Real HTTP,
 * real SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPANY, corporateNumberFor, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator, staffCsrf } from '../helpers/staff.js';
import type { Browser } from '../helpers/web-browser.js';

let server: TestServer;
let admin: Browser;

beforeAll(async () => {
  server = await startTestServer();
  admin = await signInAsAdministrator(server);
}, 180_000);
afterAll(() => server?.close());

const TYPED = [
  { nameKana: 'ｶﾌﾞｼｷｶﾞｲｼｬ ﾐﾗｲﾜｰｸ', phone: '０３（１２３４）５６７８', email: 'ｓｏｕｍｕ＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ' },
  { nameKana: 'カブシキガイシャ　ミライワーク', phone: '03−1234−5678', email: ' soumu@example.co.jp ' },
  { nameKana: 'カブシキガイシャ ミライワーク', phone: '０３ｰ１２３４ｰ５６７８', email: 'soumu＠example.co.jp' },
];
const STORED = [
  { nameKana: 'カブシキガイシャ ミライワーク', contact: { phone: '03(1234)5678', email: 'soumu@example.co.jp' } },
  { nameKana: 'カブシキガイシャ ミライワーク', contact: { phone: '03-1234-5678', email: 'soumu@example.co.jp' } },
  { nameKana: 'カブシキガイシャ ミライワーク', contact: { phone: '03-1234-5678', email: 'soumu@example.co.jp' } },
];

describe('フリガナ, phone and e-mail typed in full or half width', () => {
  it('the API stores them as meant', async () => {
    for (const [i, typed] of TYPED.entries()) {
      const created = await server.call('POST', '/api/v1/organizations', {
        body: { ...COMPANY, name: `入力株式会社${i}`, corporateNumber: corporateNumberFor(97_100 + i), nameKana: typed.nameKana, contact: { phone: typed.phone, email: typed.email } },
      });
      expect(created.status, created.text).toBe(201);
      expect((await server.call('GET', `/api/v1/organizations/${created.body.id}`)).body).toMatchObject(STORED[i]!);
    }
  });

  it('the back office’s form stores them the same way', async () => {
    for (const [i, typed] of TYPED.entries()) {
      const form = {
        csrf: await staffCsrf(admin), action: 'save', kind: 'company', name: `フォーム入力株式会社${i}`, corporateNumber: corporateNumberFor(97_200 + i), localGovernmentCode: '',
        prefectureCode: '13', nameKana: typed.nameKana, contactName: '', contactEmail: typed.email, contactPhone: typed.phone,
      };
      const saved = await admin.request('POST', '/admin/organizations', { form });
      expect(saved.status, saved.text.slice(0, 2000)).toBe(303);
      const id = /^\/admin\/organizations\/([^/?]+)/.exec(saved.headers.get('location')!)![1]!;
      expect((await server.call('GET', `/api/v1/organizations/${id}`)).body).toMatchObject(STORED[i]!);
    }
  });

  it('a phone number with letters, or an address still wrong once read in half width, is refused naming the field; nothing saved', async () => {
    for (const contact of [{ phone: '03-1234-5678 内線12' }, { email: 'ｓｏｕｍｕ＠ｅｘａｍｐｌｅ' }]) {
      const before = server.snapshot();
      const refused = await server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: '拒否株式会社', corporateNumber: corporateNumberFor(97_300), contact } });
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual([`/contact/${Object.keys(contact)[0]}`]);
      expect(refused.body.errors[0].ja).toMatch(/[ぁ-ん]/);
      expect(server.snapshot()).toBe(before);
    }
  });
});
