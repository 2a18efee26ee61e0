import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPANY, DECLARATION, MUNICIPALITY, corporateNumberFor, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

/** RFC 4180 reader for the test: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += ch;
  }
  return rows;
}

const records = (rows: string[][]) => rows.slice(1).map((r) => Object.fromEntries(rows[0]!.map((h, i) => [h, r[i]!])));

describe('open data: declarations and awards as CSV and JSON', () => {
  let server: TestServer;
  let consenting: Awaited<ReturnType<typeof seedCompany>>;
  let minimal: Awaited<ReturnType<typeof seedCompany>>;

  async function publish(organizationId: string, body: unknown) {
    const created = await server.call('POST', `/api/v1/organizations/${organizationId}/declarations`, { body });
    await server.call('POST', `/api/v1/declarations/${created.body.id}/submit`);
    const published = await server.call('POST', `/api/v1/declarations/${created.body.id}/publish`);
    expect(published.status).toBe(200);
    return created.body.id as string;
  }

  beforeAll(async () => {
    server = await startTestServer();
    // Default consent: committedOn, guidelineAreas, purposes, policy. The signer stays private.
    minimal = await seedCompany(server, { n: 1, publish: true, name: '株式会社みなも' });
    await server.call('PUT', `/api/v1/organizations/${minimal.organization.id}`, {
      body: { ...COMPANY, name: '株式会社みなも', corporateNumber: corporateNumberFor(1), contact: { name: '連絡 太郎', email: 'private-contact@example.jp', phone: '03-0000-0000' } },
    });
    // Full consent, with text that must survive CSV quoting and must not run as a spreadsheet formula.
    consenting = await seedCompany(server, { n: 2, name: '株式会社"引用",カンマ' });
    // One live declaration per organization: the seeded draft makes way (withdrawn unpublished, it is not open data).
    expect((await server.call('POST', `/api/v1/declarations/${consenting.declarationId}/withdraw`)).status).toBe(200);
    await publish(consenting.organization.id, {
      ...DECLARATION,
      measures: '=HYPERLINK("http://evil.example","click")',
      policy: '-1+1 行1\n行2',
      publicFields: ['signerName', 'signerTitle', 'committedOn', 'sharedOn', 'guidelineAreas', 'purposes', 'policy', 'measures'],
    });
    await seedCompany(server, { n: 3, name: '下書きだけの株式会社' }); // never published: not listed
    const revoked = await seedCompany(server, { n: 4, publish: true, name: '取消株式会社' });
    await server.call('POST', `/api/v1/declarations/${revoked.declarationId}/revoke`, { body: { reason: 'false-declaration' } });

    const municipality = await server.call('POST', '/api/v1/organizations', { body: MUNICIPALITY });
    await server.call('POST', '/api/v1/awards', { body: { organizationId: municipality.body.id, fiscalYear: 2025, category: 'minister', overview: '＠テレワーク推進', message: '@everyone' } });
    const gone = await server.call('POST', '/api/v1/awards', { body: { organizationId: minimal.organization.id, fiscalYear: 2024, category: 'excellence' } });
    await server.call('POST', `/api/v1/awards/${gone.body.id}/revoke`);
    await server.call('POST', '/api/v1/awards', { body: { organizationId: minimal.organization.id, fiscalYear: 2025, category: 'excellence', overview: '地方拠点の整備' } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('serves declarations.csv as UTF-8 with a BOM, CRLF and Japanese column names, for anyone', async () => {
    const response = await fetch(`${server.url}/api/v1/open-data/declarations.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="telework-declarations\.csv"; filename\*=UTF-8''%E5%9C%B0/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/"[^"]*"/g, '').includes('\n') && !/[^\r]\n/.test(text.replace(/"[^"]*"/g, ''))).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(expect.arrayContaining(['法人番号', '名称', '都道府県', '宣言日', '公表日', '有効期限', '状態', '取組方針', '検証URL']));
    expect(rows.every((r) => r.length === rows[0]!.length)).toBe(true);
  });

  it('honours consent: only consented fields, never contact data, only listed organizations and public statuses', async () => {
    const response = await fetch(`${server.url}/api/v1/open-data/declarations.csv`);
    const text = await response.text();
    expect(text).not.toContain('private-contact@example.jp');
    expect(text).not.toContain('03-0000-0000');
    expect(text).not.toContain('下書きだけの株式会社');
    const byName = Object.fromEntries(records(parseCsv(text.replace(/^\uFEFF/, ''))).map((r) => [r['名称'], r]));
    expect(Object.keys(byName).sort()).toEqual(['取消株式会社', '株式会社"引用",カンマ', '株式会社みなも'].sort());
    const minimalRow = byName['株式会社みなも']!;
    expect(minimalRow['法人番号']).toBe(corporateNumberFor(1));
    expect(minimalRow['都道府県']).toBe('東京都');
    expect(minimalRow['状態']).toBe('公表中');
    expect(minimalRow['宣言日']).toBe('2025-04-01');
    expect(minimalRow['公表日']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(minimalRow['有効期限']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(minimalRow['宣言者氏名'], 'signer not consented').toBe('');
    expect(minimalRow['ガイドライン項目']).toBe('労務制度、人事制度、給与制度、通信環境、情報セキュリティ');
    expect(minimalRow['検証URL']).toMatch(/\/v\/[0-9a-f-]{36}$/);
    expect(byName['株式会社"引用",カンマ']!['宣言者氏名']).toBe('山田 太郎');
    expect(byName['取消株式会社']!['状態']).toBe('取消');
  });

  it('neutralises spreadsheet formulas and quotes per RFC 4180', async () => {
    const text = (await (await fetch(`${server.url}/api/v1/open-data/declarations.csv`)).text()).replace(/^\uFEFF/, '');
    const row = records(parseCsv(text)).find((r) => r['名称'] === '株式会社"引用",カンマ')!;
    expect(row['取組内容']).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(row['取組方針']).toBe(`'-1+1 行1\n行2`);
    expect(text).toContain('"株式会社""引用"",カンマ"');
    // JSON carries the value unchanged: the quote is only for spreadsheets.
    const json = await server.call('GET', '/api/v1/open-data/declarations.json', { token: null });
    const item = json.body.items.find((i: any) => i.organization.name === '株式会社"引用",カンマ');
    expect(item.content.measures).toBe('=HYPERLINK("http://evil.example","click")');
  });

  it('serves declarations.json with the same consent rules and an as-of time', async () => {
    const response = await server.call('GET', '/api/v1/open-data/declarations.json', { token: null });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body.count).toBe(3);
    expect(Date.parse(response.body.asOf)).not.toBeNaN();
    const minimalItem = response.body.items.find((i: any) => i.organization.id === minimal.organization.id);
    expect(Object.keys(minimalItem.content).sort()).toEqual(['committedOn', 'guidelineAreas', 'policy', 'purposes']);
    expect(minimalItem.organization).not.toHaveProperty('contact');
    expect(response.text).not.toContain('private-contact');
    expect(minimalItem.verificationUrl).toMatch(/\/v\//);
  });

  it('lists awards that are not revoked, with 令和 fiscal years, as CSV and JSON', async () => {
    const csv = await fetch(`${server.url}/api/v1/open-data/awards.csv`);
    expect(csv.headers.get('content-disposition')).toContain('filename="telework-awards.csv"');
    const rows = records(parseCsv((await csv.text()).replace(/^\uFEFF/, '')));
    expect(rows).toHaveLength(2);
    const municipal = rows.find((r) => r['名称'] === '千代田区')!;
    expect(municipal['年度']).toBe('令和7年度（2025年度）');
    expect(municipal['賞']).toBe('大臣賞');
    expect(municipal['メッセージ'], 'formula neutralised').toBe("'@everyone");
    expect(municipal['地方公共団体コード']).toBe('131016');
    expect(rows.some((r) => r['年度（西暦）'] === '2024'), 'revoked award left out').toBe(false);
    const json = await server.call('GET', '/api/v1/open-data/awards.json', { token: null });
    expect(json.body.count).toBe(2);
    expect(json.body.items.map((a: any) => a.status)).not.toContain('revoked');
  });

  it('answers 304 to a matching ETag until the data changes', async () => {
    for (const path of ['declarations.csv', 'declarations.json', 'awards.csv', 'awards.json']) {
      const first = await fetch(`${server.url}/api/v1/open-data/${path}`);
      const etag = first.headers.get('etag')!;
      // fetch asks for gzip: on Node the file comes compressed, its tag weak (another representation).
      expect(etag, path).toMatch(/^(W\/)?"[a-z]+-(csv|json)-[0-9a-f]{32}"$/);
      expect(first.headers.get('cache-control')).toContain('public');
      const again = await fetch(`${server.url}/api/v1/open-data/${path}`, { headers: { 'If-None-Match': etag } });
      expect(again.status, path).toBe(304);
    }
    const before = (await fetch(`${server.url}/api/v1/open-data/declarations.csv`)).headers.get('etag')!;
    await server.call('POST', `/api/v1/declarations/${minimal.declarationId}/suspend`, { body: { reason: 'under-investigation' } });
    const after = await fetch(`${server.url}/api/v1/open-data/declarations.csv`, { headers: { 'If-None-Match': before } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before);
    expect(await after.text()).toContain('一時停止中');
  });

  it('answers 304 to If-Modified-Since not earlier than Last-Modified, unless If-None-Match is sent', async () => {
    const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}/api/v1/open-data/${path}`, { headers });
    const shift = (httpDate: string, seconds: number) => new Date(Date.parse(httpDate) + seconds * 1000).toUTCString();
    for (const path of ['declarations.csv', 'declarations.json', 'awards.csv', 'awards.json']) {
      const first = await get(path);
      const lastModified = first.headers.get('last-modified')!;
      expect(new Date(lastModified).toUTCString(), path).toBe(lastModified);
      const same = await get(path, { 'If-Modified-Since': lastModified });
      expect(same.status, path).toBe(304);
      expect(same.headers.get('etag'), path).toBe(first.headers.get('etag'));
      expect((await get(path, { 'If-Modified-Since': shift(lastModified, 60) })).status, path).toBe(304);
      expect((await get(path, { 'If-Modified-Since': shift(lastModified, -1) })).status, path).toBe(200);
      expect((await get(path, { 'If-Modified-Since': 'not a date' })).status, path).toBe(200);
      // RFC 9110 §13.2.2: If-None-Match decides when sent; a stale tag means the full answer.
      expect((await get(path, { 'If-Modified-Since': lastModified, 'If-None-Match': '"declarations-csv-0"' })).status, path).toBe(200);
      expect((await get(path, { 'If-Modified-Since': shift(lastModified, -3600), 'If-None-Match': first.headers.get('etag')! })).status, path).toBe(304);
    }
    // A change in a later second moves Last-Modified on: the old date now gets the new data.
    const before = (await get('declarations.csv')).headers.get('last-modified')!;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await server.call('POST', `/api/v1/declarations/${minimal.declarationId}/reinstate`)).status).toBe(200);
    const after = await get('declarations.csv', { 'If-Modified-Since': before });
    expect(after.status).toBe(200);
    expect(Date.parse(after.headers.get('last-modified')!)).toBeGreaterThan(Date.parse(before));
  });
});
