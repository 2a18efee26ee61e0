/**
 * The award import template filled in Excel and saved as CSV: Excel writes a 13-digit 法人番号 typed
 * into an ordinary cell in E notation (7.12346E+12) and drops a code's leading zero (011002 → 11002).
 * The preview said only that the number was not 13 (or 6) digits, which the officer had typed
 * correctly; it now says Excel changed it and how to keep it as typed. Real HTTP, real SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator } from '../helpers/staff.js';
import { csrfIn, type Browser } from '../helpers/web-browser.js';

let server: TestServer;
let admin: Browser;

beforeAll(async () => {
  server = await startTestServer();
  admin = await signInAsAdministrator(server);
});
afterAll(() => server?.close());

/** The import page's preview of `csv` as Excel saves it (CSV UTF-8, CRLF). */
async function preview(csv: string, lang = '') {
  const body = new FormData();
  body.set('csrf', csrfIn((await admin.request('GET', '/admin/awards/import')).text));
  body.set('file', new Blob([`\uFEFF${csv}\r\n`], { type: 'text/csv' }), 'awards.csv');
  return admin.request('POST', `/admin/awards/import/preview${lang}`, { multipart: body });
}
const rowOf = (html: string, line: number) => new RegExp(`<tr[^>]*id="row-${line}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';

describe('an award import file saved by Excel', () => {
  it('says Excel turned a 法人番号 into E notation and dropped a code\'s leading zero, and how to keep them', async () => {
    const page = await preview(['年度,表彰区分,法人番号,地方公共団体コード,連携自治体コード', '2025,優秀賞,7.12346E+12,,', '2025,優秀賞,,11002,', '2025,優秀賞,7123456789012,,12343'].join('\r\n'));
    expect(rowOf(page.text, 2)).toContain('row--error');
    expect(rowOf(page.text, 2)).toMatch(/Excel[^<]*指数表記/);
    expect(rowOf(page.text, 2)).toContain('文字列');
    expect(rowOf(page.text, 3)).toMatch(/Excel[^<]*先頭の0/);
    expect(rowOf(page.text, 3)).toContain('文字列');
    expect(rowOf(page.text, 4)).toMatch(/連携自治体コード[^<]*Excel[^<]*先頭の0/);
  });

  it('says so in English too', async () => {
    const page = await preview(['年度,表彰区分,法人番号', '2025,優秀賞,7.12346E+12'].join('\r\n'), '?lang=en');
    expect(rowOf(page.text, 2)).toMatch(/Excel[^<]*E notation/);
    expect(rowOf(page.text, 2)).toMatch(/Text/);
  });

  it('still names a 法人番号 with a wrong check digit as such, with no word of Excel', async () => {
    const page = await preview(['年度,表彰区分,法人番号', '2025,優秀賞,7123456789013'].join('\r\n'));
    expect(rowOf(page.text, 2)).toContain('チェックディジット');
    expect(rowOf(page.text, 2)).not.toContain('Excel');
  });
});
