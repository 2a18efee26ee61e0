/**
 * The back office's CSV downloads as the secretariat opens them: in Japanese Excel, by double-click.
 * Excel reads every cell of digits as a number, so 地方公共団体コード 011002 lost its zero and a
 * 13-digit 法人番号 showed as 7.12346E+12. Such cells are now written as a text formula
 * (="011002"), which Excel shows as written; every other cell is as before, formulas still
 * neutralised. Real HTTP, real SQLite file; the download parsed as RFC 4180.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPANY, MUNICIPALITY, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator } from '../helpers/staff.js';
import type { Browser } from '../helpers/web-browser.js';
import { parseCsv } from '../helpers/csv.js';

let server: TestServer;
let admin: Browser;
const SAPPORO = { ...MUNICIPALITY, name: '札幌市', localGovernmentCode: '011002', prefectureCode: '01', contact: { name: '総務 一郎', phone: '0112223333', email: 'soumu@example.jp' } };
const COMPANY_WITH_CONTACT = { ...COMPANY, name: 'CSV確認株式会社', contact: { name: '=HYPERLINK("https://example.com/","x")', phone: '03-1234-5678', email: 'csv@example.co.jp' } };
let sapporoId: string;
let companyId: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await signInAsAdministrator(server);
  for (const [body, set] of [[SAPPORO, (id: string) => (sapporoId = id)], [COMPANY_WITH_CONTACT, (id: string) => (companyId = id)]] as const) {
    const created = await server.call('POST', '/api/v1/organizations', { body });
    if (created.status !== 201) throw new Error(`organization: ${created.status} ${created.text}`);
    set(created.body.id);
  }
});
afterAll(() => server?.close());

async function download(path: string): Promise<string[][]> {
  const cookie = [...admin.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const response = await fetch(server.url + path, { headers: { cookie } });
  expect(response.status).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM: Excel reads UTF-8
  return parseCsv(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1));
}

/**
 * What Excel shows for a cell of a CSV it opens (General format): a formula's text result, a
 * cell of digits as a number (no leading zero; from 12 digits, in E notation), anything else as is.
 */
function excelShows(cell: string): string {
  const textFormula = /^="([^"]*)"$/.exec(cell);
  if (textFormula) return textFormula[1]!;
  if (cell.startsWith('=')) throw new Error(`a formula Excel would run: ${cell}`);
  if (/^\d+$/.test(cell)) return cell.replace(/^0+(?=\d)/, '').length >= 12 ? Number(cell).toExponential(5).replace('e+', 'E+') : String(Number(cell));
  return cell;
}

describe('the organizations export in Excel', () => {
  it('shows 法人番号, 地方公共団体コード and a phone number with a leading zero as written', async () => {
    const records = await download('/admin/organizations/export.csv');
    const column = (name: string) => records[0]!.indexOf(name);
    const sapporo = records.find((r) => r[0] === sapporoId)!;
    const company = records.find((r) => r[0] === companyId)!;
    expect(excelShows(sapporo[column('地方公共団体コード')]!)).toBe('011002');
    expect(excelShows(company[column('法人番号')]!)).toBe(COMPANY.corporateNumber);
    expect(excelShows(sapporo[column('連絡先電話')]!)).toBe('0112223333');
    expect(excelShows(sapporo[column('都道府県')]!)).toBe('北海道');
  });

  it('keeps every other cell as it was: text as text, no formula but a quoted string of digits', async () => {
    const records = await download('/admin/organizations/export.csv');
    const column = (name: string) => records[0]!.indexOf(name);
    const company = records.find((r) => r[0] === companyId)!;
    // The only formula is a text constant of digits: nothing to run, nothing to reference.
    for (const cell of records.flat()) if (cell.startsWith('=')) expect(cell).toMatch(/^="\d+"$/);
    expect(company[column('連絡先担当者')]).toBe('\'=HYPERLINK("https://example.com/","x")');
    expect(company[column('連絡先電話')]).toBe('03-1234-5678');
    expect(company[column('名称')]).toBe('CSV確認株式会社');
    expect(company[column('登録日時（日本時間）')]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });
});

describe('the audit log export in Excel', () => {
  it('keeps its counts as numbers and its codes as written', async () => {
    const records = await download('/admin/audit/export.csv?entityType=organization');
    const header = records[0]!;
    const rows = records.slice(1);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    // 通し番号 stays a number Excel sorts and sums.
    for (const r of rows) expect(r[header.indexOf('通し番号')]).toMatch(/^[1-9]\d*$/);
    const created = rows.find((r) => r[header.indexOf('記録のID')] === sapporoId && r[header.indexOf('操作')] === 'organization.create')!;
    expect(JSON.parse(created[header.indexOf('変更後（JSON）')]!)).toMatchObject({ localGovernmentCode: '011002' });
  });
});
