/**
 * The award import file as a municipal office's Excel saves it: plain "CSV" (Shift_JIS/CP932, CRLF,
 * no BOM), its 表彰日 cells in a 和暦 display format (令和8年2月10日, R8.2.10) or typed with
 * full-width digits and dots, an overview cell holding a line break (Alt+Enter, written in quotes),
 * and IBM extended kanji (髙, 﨑) in a name. Excel writes a date cell as it shows it, so the preview
 * refused the 和暦 dates the officer saw as dates; and the overview kept the file's CR LF where
 * the API and the forms store \n. Real HTTP, real SQLite file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPANY, DECLARATION, corporateNumberFor, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator } from '../helpers/staff.js';
import { csrfIn, type Browser } from '../helpers/web-browser.js';

const WAREKI = new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/awards/wareki.sjis.csv')));

let server: TestServer;
let admin: Browser;

const api = async (method: string, path: string, body?: unknown) => {
  const response = await server.call(method, path, body === undefined ? {} : { body });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${response.text}`);
  return response.body;
};

beforeAll(async () => {
  server = await startTestServer();
  admin = await signInAsAdministrator(server);
  // The file's recipients (its rows 2 to 4), each with a published declaration.
  for (const [n, name] of [[961, '和暦株式会社'], [962, '略号株式会社'], [963, '髙﨑ドット株式会社']] as const) {
    const organization = await api('POST', '/api/v1/organizations', { ...COMPANY, name, corporateNumber: corporateNumberFor(n) });
    const declaration = await api('POST', `/api/v1/organizations/${organization.id}/declarations`, DECLARATION);
    await api('POST', `/api/v1/declarations/${declaration.id}/submit`);
    await api('POST', `/api/v1/declarations/${declaration.id}/publish`);
  }
}, 180_000);
afterAll(() => server?.close());

async function preview(bytes: Uint8Array<ArrayBuffer>) {
  const body = new FormData();
  body.set('csrf', csrfIn((await admin.request('GET', '/admin/awards/import')).text));
  body.set('file', new Blob([bytes], { type: 'text/csv' }), 'awards.csv');
  return admin.request('POST', '/admin/awards/import/preview', { multipart: body });
}
const rowOf = (html: string, line: number) => new RegExp(`<tr[^>]*id="row-${line}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';

describe('an award import file saved by Japanese Excel as plain CSV', () => {
  it('reads 和暦 and full-width dates as the day they name, keeps the overview’s line break as \\n, and records every row', async () => {
    const page = await preview(WAREKI);
    expect(page.status).toBe(200);
    for (const line of [2, 3, 4]) expect(rowOf(page.text, line), `row ${line}`).not.toContain('row--error');
    expect(page.text).toContain('髙﨑ドット株式会社');

    const form = /<form[^>]*id="confirm-form"[\s\S]*?<\/form>/.exec(page.text)?.[0] ?? '';
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(form)?.[1] ?? '';
    const body = new FormData();
    for (const name of ['csrf', 'file', 'digest']) body.set(name, field(name));
    const done = await admin.request('POST', '/admin/awards/import/commit', { multipart: body });
    expect(done.status).toBe(303);

    const awards = (await api('GET', '/api/v1/awards?fiscalYear=2025&limit=100')).items as { organizationName: string; awardedOn: string; overview: string | null }[];
    expect(awards.map((a) => a.organizationName).sort()).toEqual(['和暦株式会社', '略号株式会社', '髙﨑ドット株式会社'].sort());
    for (const award of awards) expect(award.awardedOn, award.organizationName).toBe('2026-02-10');
    // One line break, as the award form and the API store it (a textarea's CR LF is kept as \n).
    expect(awards.find((a) => a.organizationName === '和暦株式会社')!.overview).toBe('本社機能の一部を地方へ移転\n転職なき移住を実現');
  });

  it('a 団体名 pasted with a character that shows as nothing (a zero-width space, a soft hyphen) matches the registered name', async () => {
    const csv = new TextEncoder().encode(`\uFEFF年度,表彰区分,法人番号,団体名\r\n2024,優秀賞,${corporateNumberFor(961)},和暦\u200b株式\u00ad会社\r\n`);
    const page = await preview(csv);
    expect(rowOf(page.text, 2)).not.toContain('row--error');
  });

  it('still refuses a date that names no day of its era (令和1年4月1日 was 平成) and says which shapes it reads', async () => {
    const csv = new TextEncoder().encode(`\uFEFF年度,表彰区分,法人番号,表彰日\r\n2025,優秀賞,${corporateNumberFor(961)},令和1年4月1日\r\n`);
    const page = await preview(csv);
    expect(rowOf(page.text, 2)).toContain('row--error');
    expect(rowOf(page.text, 2)).toContain('令和1年4月1日');
    expect(rowOf(page.text, 2)).toContain('令和8年2月10日');
  });
});
