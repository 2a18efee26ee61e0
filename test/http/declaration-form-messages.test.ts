/**
 * The member area's declaration form says what is wrong with each field in the words of the form,
 * in Japanese and English: never the API's field name (committedOn, sharedOn) beside a field a
 * person reads as 「宣言日」 / "Date of the commitment". Over real HTTP, reading the message beside
 * the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsMember } from '../helpers/staff.js';
import { csrfIn, type Browser } from '../helpers/web-browser.js';

let server: TestServer;
let member: Browser;

beforeAll(async () => {
  server = await startTestServer();
  const { organization } = await seedCompany(server, { n: 81 });
  member = await signInAsMember(server, organization.id);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

/** The message shown beside field `name`, as text. */
const fieldError = (html: string, name: string) =>
  (new RegExp(`<p class="field-error" id="f-${name}-error">([\\s\\S]*?)</p>`).exec(html)?.[1] ?? '').replace(/<[^>]+>/g, '').replaceAll('&#39;', "'");

/** Saves a draft with `fields` (the rest filled in well); the refused form. */
async function refused(fields: Record<string, string>, lang: 'ja' | 'en') {
  const csrf = csrfIn((await member.request('GET', '/my/declaration')).text);
  const form = { csrf, action: 'draft', signerName: '山田 太郎', signerTitle: '代表取締役', committedOn: '2025-04-01', guidelineAreas: 'labor', ...fields };
  const answer = await member.request('POST', lang === 'en' ? '/my/declaration?lang=en' : '/my/declaration', { form });
  expect(answer.status).toBe(400);
  return answer.text;
}

describe('the declaration form’s messages', () => {
  it('a date in the future, before the scheme, or not in the calendar is named by its label, in either language', async () => {
    const future = await refused({ committedOn: '2099-04-01', sharedOn: '2025-02-30' }, 'en');
    expect(fieldError(future, 'committedOn')).toContain('The date of the commitment must not be later than today');
    expect(fieldError(future, 'sharedOn')).toContain('The date shared internally must be a real calendar date (YYYY-MM-DD).');
    const early = await refused({ committedOn: '2020-01-01' }, 'en');
    expect(fieldError(early, 'committedOn')).toContain('The date of the commitment must not be earlier than');
    for (const page of [future, early]) for (const field of ['committedOn', 'sharedOn']) expect(fieldError(page, field)).not.toMatch(/committedOn|sharedOn/);

    const japanese = await refused({ committedOn: '2099-04-01', sharedOn: '2025-02-30' }, 'ja');
    expect(fieldError(japanese, 'committedOn')).toContain('宣言日は今日');
    expect(fieldError(japanese, 'sharedOn')).toContain('社内で共有した日は実在する日付');
  });

  it('an empty required field is asked for, a long one told its limit and length, a date in the wrong form shown the form', async () => {
    const empty = await refused({ signerName: '', committedOn: '' }, 'ja');
    expect(fieldError(empty, 'signerName')).toContain('入力してください（必須項目です）');
    expect(fieldError(empty, 'committedOn')).toContain('入力してください（必須項目です）');
    const long = await refused({ signerName: 'あ'.repeat(101), committedOn: '4月1日' }, 'en');
    expect(fieldError(long, 'signerName')).toContain('at most 100 characters (now 101)');
    expect(fieldError(long, 'committedOn')).not.toContain('required');
    // A date with no year or no day (令和7年4月1日, R7.4.1 and 2025年4月1日 are read as the day: form-input.test.ts):
    // the message shows the form a date takes, as the field has no example beside it.
    for (const typed of ['4月1日', '令和7年4月', '2025年4月']) {
      expect(fieldError(await refused({ committedOn: typed }, 'ja'), 'committedOn'), typed).toContain('日付（例: 2026-04-01）の形式で入力してください。');
      expect(fieldError(await refused({ sharedOn: typed }, 'en'), 'sharedOn'), typed).toContain('a date such as 2026-04-01');
    }
  });

  it('in English, the message beside a field reads as a sentence of its own: it begins with a capital letter', async () => {
    const page = await refused({ signerName: '', signerTitle: 'あ'.repeat(101), purposes: '9' }, 'en');
    expect(fieldError(page, 'signerName')).toBe('Error: Required; please fill it in.');
    expect(fieldError(page, 'signerTitle')).toBe('Error: Must be at most 100 characters (now 101).');
    expect(fieldError(page, 'purposes')).toBe('Error: Not one of the allowed choices; please choose one of them.');
    // The summary puts the field's label first, and the message after it as the API words it.
    expect(page.replaceAll('&#39;', "'")).toContain("Signer's title: must be at most 100 characters (now 101).");
  });
});
