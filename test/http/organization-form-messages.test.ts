/**
 * The back office's organization form says what is wrong with each field, in Japanese and English:
 * a field left empty is asked for, a value too long is given its limit and its length, a value in the
 * wrong form is shown the right form; never one of those for another (an empty name was told
 * 「200文字以内」). Over real HTTP, reading the message beside the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator, staffCsrf } from '../helpers/staff.js';
import type { Browser } from '../helpers/web-browser.js';

let server: TestServer;
let admin: Browser;

beforeAll(async () => {
  server = await startTestServer();
  admin = await signInAsAdministrator(server);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

/** The message shown beside field `name`, as text. */
const fieldError = (html: string, name: string) =>
  (new RegExp(`<p class="field-error" id="f-${name}-error">([\\s\\S]*?)</p>`).exec(html)?.[1] ?? '').replace(/<[^>]+>/g, '');

/** Registers an "other body" in Tokyo with `fields` changed; the refused form. */
async function refused(fields: Record<string, string>, lang: 'ja' | 'en' = 'ja') {
  const form = { csrf: await staffCsrf(admin), action: 'save', kind: 'other', name: '名前の確認協議会', prefectureCode: '13', ...fields };
  const answer = await admin.request('POST', lang === 'en' ? '/admin/organizations?lang=en' : '/admin/organizations', { form });
  expect(answer.status).toBe(400);
  return answer.text;
}

describe('the organization form’s messages', () => {
  it('an empty name is asked for; a long one is told its limit and length', async () => {
    const empty = fieldError(await refused({ name: '' }), 'name');
    expect(empty).toContain('名称を入力してください。');
    expect(empty).not.toContain('200');
    const emptyEn = fieldError(await refused({ name: '   ' }, 'en'), 'name');
    expect(emptyEn).toContain('Enter the name.');
    expect(emptyEn).not.toContain('200');

    const long = fieldError(await refused({ name: 'あ'.repeat(201) }), 'name');
    expect(long).toContain('200文字以内');
    expect(long).toContain('今は201文字');
    expect(long).not.toContain('名称を入力してください');
    expect(fieldError(await refused({ name: 'a'.repeat(201) }, 'en'), 'name')).toContain('at most 200 characters (now 201)');
  });

  it('a website too long is told its length, not its form; one in the wrong form is shown the form, not a length', async () => {
    const long = `https://example.jp/${'a'.repeat(500)}`;
    const tooLong = fieldError(await refused({ website: long }), 'website');
    expect(tooLong).toContain('500文字以内');
    expect(tooLong).toContain(`今は${long.length}文字`);
    expect(tooLong).not.toContain('http://');
    expect(fieldError(await refused({ website: long }, 'en'), 'website')).toContain(`at most 500 characters (now ${long.length})`);

    const wrong = fieldError(await refused({ website: 'example.jp' }), 'website');
    expect(wrong).toContain('http:// または https://');
    expect(wrong).not.toContain('500');
    const wrongEn = fieldError(await refused({ website: 'example.jp' }, 'en'), 'website');
    expect(wrongEn).toContain('starting with http:// or https://');
    expect(wrongEn).not.toContain('500');
  });

  it('a contact e-mail too long is told its length, not that its form is wrong', async () => {
    const long = `${'a'.repeat(250)}@example.jp`;
    const tooLong = fieldError(await refused({ contactEmail: long }), 'contactEmail');
    expect(tooLong).toContain('254文字以内');
    expect(tooLong).not.toContain('形式');
    const tooLongEn = fieldError(await refused({ contactEmail: long }, 'en'), 'contactEmail');
    expect(tooLongEn).toContain(`at most 254 characters (now ${long.length})`);
    expect(tooLongEn).not.toContain('such as');
    expect(fieldError(await refused({ contactEmail: 'not an address' }), 'contactEmail')).toContain('メールアドレスの形式が正しくありません');
  });

  it('a contact phone too long is told its length; one with letters is shown what it may hold, not a length', async () => {
    const tooLong = fieldError(await refused({ contactPhone: '0'.repeat(31) }), 'contactPhone');
    expect(tooLong).toContain('30文字以内');
    expect(tooLong).toContain('今は31文字');
    expect(tooLong).not.toContain('ハイフン');
    expect(fieldError(await refused({ contactPhone: '0'.repeat(31) }, 'en'), 'contactPhone')).toContain('at most 30 characters (now 31)');

    const wrong = fieldError(await refused({ contactPhone: '03-1234-abcd' }), 'contactPhone');
    expect(wrong).toContain('数字・ハイフン・括弧・+');
    expect(wrong).not.toContain('30');
    const wrongEn = fieldError(await refused({ contactPhone: '03-1234-abcd' }, 'en'), 'contactPhone');
    expect(wrongEn).toContain('digits, hyphens, brackets or +');
    expect(wrongEn).not.toContain('30');
  });

  it('in English, the rules on identifiers name the fields as the form does, not by the API’s names', async () => {
    const apiName = /corporateNumber|localGovernmentCode|prefectureCode|industryCode|sizeBand/;
    const company = await refused({ kind: 'company', corporateNumber: '' }, 'en');
    expect(fieldError(company, 'corporateNumber')).toContain('The corporate number is required for a company.');
    const municipality = await refused({ kind: 'municipality', localGovernmentCode: '' }, 'en');
    expect(fieldError(municipality, 'localGovernmentCode')).toContain('The local government code is required for a municipality.');
    const wrongDigits = await refused({ kind: 'company', corporateNumber: '1234567890123', localGovernmentCode: '131016' }, 'en');
    expect(fieldError(wrongDigits, 'corporateNumber')).toContain('The corporate number must be 13 digits');
    expect(fieldError(wrongDigits, 'localGovernmentCode')).toContain('A local government code may only be given for a municipality.');
    const elsewhere = await refused({ kind: 'municipality', localGovernmentCode: '011002', prefectureCode: '13' }, 'en');
    expect(fieldError(elsewhere, 'prefectureCode')).toContain('The prefecture does not match the first two digits of the local government code.');
    for (const page of [company, municipality, wrongDigits, elsewhere]) {
      for (const field of ['corporateNumber', 'localGovernmentCode', 'prefectureCode']) expect(fieldError(page, field)).not.toMatch(apiName);
    }
  });

  it('the summary above the form names each field once: a message naming its field is not prefixed with the label again', async () => {
    const summaryOf = (html: string) => [...(/<div class="error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '').matchAll(/<a href="#f-(\w+)">([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]);
    const ja = Object.fromEntries(summaryOf(await refused({ name: 'あ'.repeat(201), city: 'あ'.repeat(101) })));
    expect(ja.name).toBe('名称は200文字以内で入力してください（今は201文字）。');
    expect(ja.city).toBe('市区町村: 100文字以内で入力してください（今は101文字）。');
    const en = Object.fromEntries(summaryOf(await refused({ name: 'a'.repeat(201), city: 'a'.repeat(101) }, 'en')));
    expect(en.name).toBe('Name can be at most 200 characters (now 201).');
    expect(en.city).toBe('City: must be at most 100 characters (now 101).');
  });

  it('the kind and prefecture left unchosen are asked for', async () => {
    const page = await refused({ kind: '', prefectureCode: '' });
    expect(fieldError(page, 'kind')).toContain('種別を選んでください');
    expect(fieldError(page, 'prefectureCode')).toContain('都道府県を選んでください');
  });
});
