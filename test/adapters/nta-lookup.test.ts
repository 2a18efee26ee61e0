/**
 * The 法人番号 lookup over real HTTP: a local server answers as the National Tax Agency's
 * 法人番号システム Web-API (Ver. 4, type=12: XML in UTF-8) does. Checks the request, the parsed
 * record, "no such corporation", a closed one, every way the remote can fail (one DomainError,
 * never the application ID in it), invalid input, and that without NTA_APPLICATION_ID nothing is
 * looked up. Real SQLite (in memory) for the wiring check.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNtaCorporateNumberLookup } from '../../src/adapters/nta/corporate-number-api.js';
import { parseXml, XmlSyntaxError } from '../../src/adapters/nta/xml.js';
import { ConfigError, parseConfig } from '../../src/config.js';
import { DomainError } from '../../src/domain/errors.js';
import { corporateCheckDigit } from '../../src/domain/identifiers.js';
import { noCorporateLookup, type CorporateNumberLookup } from '../../src/ports/corporate-lookup.js';
import { registryInMemory } from '../helpers/database-file.js';

const APP_ID = 'KsecretAppId7';
const cn = (base12: string) => `${corporateCheckDigit(base12)}${base12}`;
const ACTIVE = cn('010001234567');
const CLOSED = cn('120001765432');
const MISSING = cn('011101000001');
const FAILING = cn('011101000002');
const REFUSING = cn('011101000003');
const SILENT = cn('011101000004');
const STALLING = cn('011101000005');
const GARBAGE = cn('011101000006');
const HTML_PAGE = cn('011101000007');
const OTHER_NUMBER = cn('011101000008');
const DOCTYPE = cn('011101000009');
const HUGE = cn('011101000010');
const REDIRECT = cn('011101000011');

const header = (count: number) =>
  `<?xml version="1.0" encoding="UTF-8"?><corporations><lastUpdateDate>2026-11-20</lastUpdateDate><count>${count}</count><divideNumber>1</divideNumber><divideSize>${count === 0 ? 0 : 1}</divideSize>`;

function corporation(c: { number: string; name: string; furigana: string; enName?: string; pref: string; prefCode: string; city: string; cityCode: string; street: string; post: string; closeDate?: string; closeCause?: string; updateDate: string }) {
  return (
    `<corporation><sequenceNumber>1</sequenceNumber><corporateNumber>${c.number}</corporateNumber><process>${c.closeDate ? '21' : '01'}</process>` +
    `<correct>0</correct><updateDate>${c.updateDate}</updateDate><changeDate>${c.closeDate ?? '2015-10-05'}</changeDate>` +
    `<name>${c.name}</name><nameImageId/><kind>301</kind><prefectureName>${c.pref}</prefectureName><cityName>${c.city}</cityName>` +
    `<streetNumber>${c.street}</streetNumber><addressImageId/><prefectureCode>${c.prefCode}</prefectureCode><cityCode>${c.cityCode}</cityCode>` +
    `<postCode>${c.post}</postCode><addressOutside/><addressOutsideImageId/>` +
    (c.closeDate ? `<closeDate>${c.closeDate}</closeDate><closeCause>${c.closeCause}</closeCause>` : '<closeDate/><closeCause/>') +
    `<successorCorporateNumber/><changeCause/><assignmentDate>2015-10-05</assignmentDate><latest>1</latest>` +
    (c.enName ? `<enName>${c.enName}</enName><enPrefectureName>Nagano</enPrefectureName><enCityName>Chino-shi</enCityName>` : '<enName/><enPrefectureName/><enCityName/>') +
    `<enAddressOutside/><furigana>${c.furigana}</furigana><hihyoji>0</hihyoji></corporation>`
  );
}

const ACTIVE_XML = header(1) + corporation({
  number: ACTIVE, name: '株式会社信州リモートワーク＆サテライト', furigana: 'シンシュウリモートワークアンドサテライト',
  enName: 'Shinshu Remote Work &amp; Satellite Co., Ltd.', pref: '長野県', prefCode: '20', city: '茅野市', cityCode: '214',
  street: 'ちの３５０２番地１', post: '3910002', updateDate: '2024-06-12',
}) + '</corporations>';
const CLOSED_XML = header(1) + corporation({
  number: CLOSED, name: '有限会社ふるさとテレワーク', furigana: 'フルサトテレワーク', pref: '北海道', prefCode: '01', city: '札幌市中央区',
  cityCode: '101', street: '北一条西２丁目１番地', post: '0600001', closeDate: '2024-03-31', closeCause: '01', updateDate: '2024-04-05',
}) + '</corporations>';

let server: Server;
let baseUrl: string;
const requests: URL[] = [];

function answer(request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url!, 'http://127.0.0.1');
  requests.push(url);
  const xml = (body: string, status = 200) => response.writeHead(status, { 'content-type': 'application/xml; charset=UTF-8' }).end(body);
  switch (url.searchParams.get('number')) {
    case ACTIVE: return xml(ACTIVE_XML);
    case CLOSED: return xml(CLOSED_XML);
    case MISSING: return xml(`${header(0)}</corporations>`);
    // The API's error answers: a status and a short text body.
    case FAILING: return response.writeHead(500, { 'content-type': 'text/plain; charset=UTF-8' }).end('999,システムエラーが発生しました。');
    case REFUSING: return response.writeHead(403, { 'content-type': 'text/plain; charset=UTF-8' }).end(`001,アプリケーションID（${url.searchParams.get('id')}）が登録されていません。`);
    case SILENT: return; // never answers
    case STALLING: return response.writeHead(200, { 'content-type': 'application/xml' }).write(header(1)); // never finishes
    case GARBAGE: return xml('これは XML ではありません & <<<');
    case HTML_PAGE: return response.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><body>メンテナンス中</body></html>');
    case OTHER_NUMBER: return xml(ACTIVE_XML);
    case DOCTYPE: return xml(`<?xml version="1.0"?><!DOCTYPE corporations [<!ENTITY x "x">]><corporations><count>0</count></corporations>`);
    case HUGE: return xml(header(1) + `<corporation><name>${'あ'.repeat(400_000)}</name></corporation></corporations>`);
    case REDIRECT: return response.writeHead(302, { location: `${baseUrl}/4/num?${url.searchParams}` }).end();
    default: return response.writeHead(404).end();
  }
}

beforeAll(async () => {
  server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const nta = (options: { timeoutMs?: number } = {}) => createNtaCorporateNumberLookup({ applicationId: APP_ID, baseUrl: `${baseUrl}/`, ...options });

/** The DomainError `lookup` rejects with; the application ID appears nowhere in it. */
async function failure(lookup: CorporateNumberLookup, number: string): Promise<DomainError> {
  const error = await lookup.lookup(number).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  const domainError = error as DomainError;
  expect(domainError.ja).toMatch(/[ぁ-んァ-ヶ一-龠]/);
  expect(domainError.en).toMatch(/[a-z]/);
  for (const text of [domainError.ja, domainError.en, domainError.message, String(domainError.stack), JSON.stringify(domainError.extra), String(domainError.cause ?? '')]) {
    expect(text).not.toContain(APP_ID);
  }
  return domainError;
}

describe('the NTA 法人番号システム Web-API adapter', () => {
  it('asks GET /4/num with the id, the number, type=12 and history=0, and reads the record', async () => {
    requests.length = 0;
    const lookup = nta();
    expect(lookup.source).toBe('nta');
    const record = await lookup.lookup(ACTIVE);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.pathname).toBe('/4/num');
    expect(Object.fromEntries(requests[0]!.searchParams)).toEqual({ id: APP_ID, number: ACTIVE, type: '12', history: '0' });
    expect(record).toEqual({
      corporateNumber: ACTIVE,
      name: '株式会社信州リモートワーク＆サテライト',
      furigana: 'シンシュウリモートワークアンドサテライト',
      enName: 'Shinshu Remote Work & Satellite Co., Ltd.',
      prefectureName: '長野県',
      cityName: '茅野市',
      streetNumber: 'ちの３５０２番地１',
      addressOutside: null,
      postCode: '3910002',
      prefectureCode: '20',
      closed: false,
      closeDate: null,
      updateDate: '2024-06-12',
    });
  });

  it('accepts the number as people type it (full-width digits, hyphens, spaces)', async () => {
    requests.length = 0;
    const typed = ` ${ACTIVE.slice(0, 1)}-${ACTIVE.slice(1, 5)}-${ACTIVE.slice(5)} `.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect((await nta().lookup(typed))?.corporateNumber).toBe(ACTIVE);
    expect(requests[0]!.searchParams.get('number')).toBe(ACTIVE);
  });

  it('answers null when no corporation has the number (count 0)', async () => {
    expect(await nta().lookup(MISSING)).toBeNull();
  });

  it('flags a closed corporation with its close date', async () => {
    expect(await nta().lookup(CLOSED)).toMatchObject({ corporateNumber: CLOSED, name: '有限会社ふるさとテレワーク', prefectureCode: '01', cityName: '札幌市中央区', closed: true, closeDate: '2024-03-31', enName: null });
  });

  it('turns HTTP errors into a DomainError without the application ID', async () => {
    expect(await failure(nta(), FAILING)).toMatchObject({ kind: 'internal', extra: { reason: 'http-status', upstreamStatus: 500 } });
    // The remote's own error text names the ID; it is not read into the error.
    expect(await failure(nta(), REFUSING)).toMatchObject({ kind: 'internal', extra: { reason: 'refused', upstreamStatus: 403 } });
    expect(await failure(nta(), REDIRECT)).toMatchObject({ extra: { reason: 'http-status', upstreamStatus: 302 } });
  });

  it('gives up after the timeout, whether no answer comes or the answer stops halfway', async () => {
    const started = Date.now();
    expect(await failure(nta({ timeoutMs: 300 }), SILENT)).toMatchObject({ kind: 'internal', extra: { reason: 'timeout' } });
    expect(await failure(nta({ timeoutMs: 300 }), STALLING)).toMatchObject({ extra: { reason: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses answers that are not the documented shape', async () => {
    for (const number of [GARBAGE, HTML_PAGE, OTHER_NUMBER, DOCTYPE, HUGE]) {
      expect(await failure(nta(), number), number).toMatchObject({ kind: 'internal', extra: { reason: 'malformed' } });
    }
  });

  it('says when the service cannot be reached at all', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const lookup = createNtaCorporateNumberLookup({ applicationId: APP_ID, baseUrl: `http://127.0.0.1:${port}` });
    expect(await failure(lookup, ACTIVE)).toMatchObject({ extra: { reason: 'network' } });
  });

  it('rejects a number with a wrong check digit as invalid on corporateNumber, without asking', async () => {
    requests.length = 0;
    const wrong = `${(Number(ACTIVE[0]) % 9) + 1}${ACTIVE.slice(1)}`;
    for (const input of [wrong, '123', '', 'T' + ACTIVE]) {
      const error = await nta().lookup(input).catch((e: unknown) => e);
      expect(error, input).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ kind: 'validation', fields: [{ field: 'corporateNumber' }] });
    }
    expect(requests).toHaveLength(0);
  });
});

describe('the small XML reader', () => {
  it('decodes the predefined entities, character references and CDATA', () => {
    const root = parseXml('<?xml version="1.0"?><!-- c --><a x="1 > 2"><b>&lt;&amp;&gt;&quot;&apos;&#x6CD5;&#20154;</b><c><![CDATA[<&>]]></c><d/></a>');
    expect(root.children.map((c) => [c.name, c.text])).toEqual([['b', '<&>"\'法人'], ['c', '<&>'], ['d', '']]);
  });

  it('refuses what is not well-formed', () => {
    for (const bad of ['', 'text', '<a>', '<a></b>', '<a>&foo;</a>', '<a>&#0;</a>', '<a>& </a>', '<a/><b/>', '<a></a>tail', '<!DOCTYPE a><a/>']) {
      expect(() => parseXml(bad), bad).toThrow(XmlSyntaxError);
    }
  });
});

describe('NTA_APPLICATION_ID and NTA_API_URL', () => {
  it('without an application ID: no lookup (source null, null answers, no request)', async () => {
    requests.length = 0;
    expect(parseConfig({}).web.corporateNumberApi).toBeNull();
    expect(parseConfig({ NTA_API_URL: baseUrl }).web.corporateNumberApi).toBeNull();
    expect(noCorporateLookup.source).toBeNull();
    expect(await noCorporateLookup.lookup(ACTIVE)).toBeNull();
    await expect(noCorporateLookup.lookup('123')).rejects.toMatchObject({ kind: 'validation', fields: [{ field: 'corporateNumber' }] });

    const { store, registry } = await registryInMemory({ config: { web: parseConfig({ NTA_API_URL: baseUrl }).web } });
    try {
      expect(registry.web.corporateLookup.source).toBeNull();
      expect(await registry.web.corporateLookup.lookup(ACTIVE)).toBeNull();
    } finally {
      await store.close();
    }
    expect(requests).toHaveLength(0);
  });

  it('with one: the registry looks up at NTA_API_URL (default the official address)', async () => {
    expect(parseConfig({ NTA_APPLICATION_ID: APP_ID }).web.corporateNumberApi).toEqual({ applicationId: APP_ID, baseUrl: 'https://api.houjin-bangou.nta.go.jp' });
    const { store, registry } = await registryInMemory({ config: { web: parseConfig({ NTA_APPLICATION_ID: APP_ID, NTA_API_URL: baseUrl }).web } });
    try {
      expect(registry.web.corporateLookup.source).toBe('nta');
      expect(await registry.web.corporateLookup.lookup(ACTIVE)).toMatchObject({ name: '株式会社信州リモートワーク＆サテライト', prefectureCode: '20' });
    } finally {
      await store.close();
    }
  });

  it('NTA_API_URL must be https (plain http on loopback only); the ID is never echoed', () => {
    const problems = (env: Record<string, string>) => {
      try {
        parseConfig(env);
        return '';
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).problems.join('\n');
      }
    };
    expect(problems({ NTA_API_URL: 'http://nta.example.jp' })).toContain('NTA_API_URL must be an https URL');
    expect(problems({ NTA_API_URL: 'ftp://127.0.0.1' })).toContain('NTA_API_URL must be an https URL');
    expect(problems({ NTA_API_URL: 'not a url' })).toContain('NTA_API_URL is not a URL');
    expect(problems({ NTA_API_URL: 'https://proxy.example.jp/nta?x=1' })).toContain('NTA_API_URL must be a base URL');
    expect(problems({ NTA_API_URL: 'https://proxy.example.jp/nta/', NTA_APPLICATION_ID: APP_ID })).toBe('');
    const spaced = `${APP_ID} x`;
    const text = problems({ NTA_APPLICATION_ID: spaced });
    expect(text).toContain('NTA_APPLICATION_ID');
    expect(text).not.toContain(APP_ID);
  });
});
