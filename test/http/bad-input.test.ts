import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_LABELS } from '../../src/domain/declaration-lifecycle.js';
import type { DeclarationStatus } from '../../src/domain/model.js';
import {
  ADMIN_TOKEN, COMPANY, DECLARATION, MUNICIPALITY, corporateNumberFor, seedCompany, startTestServer, type TestServer,
} from '../helpers/server.js';
import { onWorker } from '../helpers/targets.js';

/**
 * Bad input never causes a 5xx and never changes the database: every rejected request here is a
 * 4xx application/problem+json with Japanese and English messages, names the failing field, and
 * leaves every row of every table as it was.
 */

interface Fixture {
  a: Awaited<ReturnType<typeof seedCompany>>;
  /** Company B holds only a draft, so it cannot be awarded. */
  b: Awaited<ReturnType<typeof seedCompany>>;
  draftId: string;
  submittedId: string;
  publishedId: string;
  awardId: string;
  municipalityId: string;
}

let server: TestServer;
let f: Fixture;

type Reply = Awaited<ReturnType<TestServer['call']>>;

/** Sends the request and proves it was rejected cleanly and changed nothing. */
async function expectRejected(send: () => Promise<Reply>, status: number, fields: string[] = []) {
  const before = server.snapshot();
  const reply = await send();
  const where = `${reply.status} ${reply.text.slice(0, 600)}`;
  expect(reply.status, where).toBe(status);
  expect(reply.headers.get('content-type'), where).toMatch(/^application\/problem\+json/);
  const body = reply.body;
  expect(body, where).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
  expect(body.messages?.ja, where).toEqual(expect.stringMatching(/\S/));
  expect(body.messages?.en, where).toEqual(expect.stringMatching(/\S/));
  const named = (body.errors ?? []).map((e: { field: string }) => e.field);
  for (const field of fields) expect(named, where).toContain(field);
  for (const e of body.errors ?? []) {
    expect(e.ja, where).toEqual(expect.stringMatching(/\S/));
    expect(e.en, where).toEqual(expect.stringMatching(/\S/));
  }
  expect(server.snapshot() === before, `the database changed after a rejected request (${where})`).toBe(true);
  return body;
}

// ---------------------------------------------------------------------------------------------
// Every endpoint that takes a body, with a body it would accept.

interface BodyEndpoint {
  method: string;
  path: (f: Fixture) => string;
  valid: (f: Fixture) => Record<string, unknown>;
  /** A free-text field, for lone surrogates and nesting. */
  text: string;
}

const A_PROFILE = (f: Fixture) => ({ ...COMPANY, name: f.a.organization.name, corporateNumber: f.a.organization.corporateNumber });

const ENDPOINTS = {
  createOrganization: { method: 'POST', path: () => '/api/v1/organizations', valid: () => ({ ...COMPANY, corporateNumber: corporateNumberFor(500) }), text: 'name' },
  updateOrganization: { method: 'PUT', path: (f) => `/api/v1/organizations/${f.a.organization.id}`, valid: A_PROFILE, text: 'city' },
  createDeclaration: { method: 'POST', path: (f) => `/api/v1/organizations/${f.a.organization.id}/declarations`, valid: () => ({ ...DECLARATION }), text: 'policy' },
  amendDeclaration: { method: 'PUT', path: (f) => `/api/v1/declarations/${f.draftId}`, valid: () => ({ ...DECLARATION }), text: 'measures' },
  returnDeclaration: { method: 'POST', path: (f) => `/api/v1/declarations/${f.submittedId}/return`, valid: () => ({ reason: '記載不備' }), text: 'note' },
  suspendDeclaration: { method: 'POST', path: (f) => `/api/v1/declarations/${f.publishedId}/suspend`, valid: () => ({ reason: 'under-investigation' }), text: 'note' },
  createAward: {
    method: 'POST',
    path: () => '/api/v1/awards',
    valid: (f) => ({ organizationId: f.municipalityId, fiscalYear: 2025, category: 'minister', overview: '概要', message: 'メッセージ' }),
    text: 'overview',
  },
  suspendAward: { method: 'POST', path: (f) => `/api/v1/awards/${f.awardId}/suspend`, valid: () => ({}), text: 'note' },
  createCategory: { method: 'POST', path: () => '/api/v1/award-categories', valid: () => ({ code: 'special', nameJa: '特別賞', nameEn: 'Special award' }), text: 'nameJa' },
  createDivision: { method: 'POST', path: () => '/api/v1/award-divisions', valid: () => ({ code: 'sme', nameJa: '中小企業部門', nameEn: 'SME' }), text: 'nameEn' },
  createToken: { method: 'POST', path: () => '/api/v1/tokens', valid: (f) => ({ role: 'organization', organizationId: f.a.organization.id, label: 'partner' }), text: 'label' },
  expireDue: { method: 'POST', path: () => '/api/v1/admin/expire-due', valid: () => ({}), text: 'note' },
} satisfies Record<string, BodyEndpoint>;
type EndpointName = keyof typeof ENDPOINTS;
const ENDPOINT_NAMES = Object.keys(ENDPOINTS) as EndpointName[];

const send = (name: EndpointName, body: unknown, headers: Record<string, string> = {}) => () => {
  const endpoint: BodyEndpoint = ENDPOINTS[name];
  return server.call(endpoint.method, endpoint.path(f), { body, headers });
};
const sendRaw = (name: EndpointName, rawBody: string | Uint8Array<ArrayBuffer>) => () => {
  const endpoint: BodyEndpoint = ENDPOINTS[name];
  return server.call(endpoint.method, endpoint.path(f), { rawBody, headers: { 'content-type': 'application/json' } });
};
const validOf = (name: EndpointName) => (ENDPOINTS[name] as BodyEndpoint).valid(f);
const textOf = (name: EndpointName) => (ENDPOINTS[name] as BodyEndpoint).text;

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const nestedObjects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const OVER_1_MIB = 1024 * 1024 + 1;

beforeAll(async () => {
  server = await startTestServer();
  const a = await seedCompany(server, { n: 1, publish: true });
  const b = await seedCompany(server, { n: 2 });
  // An organization holds one live declaration: the draft is company B's, the one under review company C's.
  const c = await seedCompany(server, { n: 3 });
  await server.call('POST', `/api/v1/declarations/${c.declarationId}/submit`);
  const { publishedId, submittedId, draftId } = { publishedId: a.declarationId, submittedId: c.declarationId, draftId: b.declarationId };
  const municipality = await server.call('POST', '/api/v1/organizations', { body: MUNICIPALITY });
  const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: a.organization.id, fiscalYear: 2025, category: 'minister' } });
  if (municipality.status !== 201 || award.status !== 201) throw new Error(`fixture: ${municipality.text} ${award.text}`);
  f = { a, b, draftId, submittedId, publishedId, awardId: award.body.id, municipalityId: municipality.body.id };
});

afterAll(async () => {
  await server?.close();
});

// ---------------------------------------------------------------------------------------------

describe('malformed bodies, on every endpoint that takes one', () => {
  it.each(ENDPOINT_NAMES)('%s: malformed JSON, empty body, wrong top-level type, invalid UTF-8 → 400', async (name) => {
    await expectRejected(sendRaw(name, '{"name": "株式会社'), 400, ['/']);
    await expectRejected(sendRaw(name, '{"a":1,}'), 400, ['/']);
    await expectRejected(sendRaw(name, "{'single': 'quotes'}"), 400, ['/']);
    await expectRejected(sendRaw(name, new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])), 400, ['/']);
    for (const wrong of ['[]', '"text"', '42', 'null', 'true']) await expectRejected(sendRaw(name, wrong), 400, ['/']);
    if (!['returnDeclaration', 'suspendDeclaration', 'suspendAward', 'expireDue'].includes(name)) {
      // Action bodies are optional (empty means {}); everywhere else an empty body is malformed.
      await expectRejected(sendRaw(name, ''), 400, ['/']);
    }
  });

  it.each(ENDPOINT_NAMES)('%s: an extra field → 400 naming it', async (name) => {
    await expectRejected(send(name, { ...validOf(name), unexpected: 'x' }), 400, ['/unexpected']);
    const proto = JSON.stringify(validOf(name)).replace(/^\{/, '{"__proto__":{"role":"admin"},').replace(',}', '}');
    await expectRejected(sendRaw(name, proto), 400, ['/__proto__']);
  });

  it.each(ENDPOINT_NAMES)('%s: a lone surrogate ("\\ud800") in a string → 400 naming the field', async (name) => {
    const text = textOf(name);
    const json = JSON.stringify({ ...validOf(name), [text]: 'PLACEHOLDER' }).replace('"PLACEHOLDER"', '"abc\\ud800def"');
    await expectRejected(sendRaw(name, json), 400, [`/${text}`]);
    const lowAlone = JSON.stringify({ ...validOf(name), [text]: 'PLACEHOLDER' }).replace('"PLACEHOLDER"', '"\\udfff"');
    await expectRejected(sendRaw(name, lowAlone), 400, [`/${text}`]);
  });

  it.each(ENDPOINT_NAMES)('%s: deeply nested JSON (10,000 and 100,000 levels) → 400', async (name) => {
    for (const depth of [10_000, 100_000]) {
      await expectRejected(sendRaw(name, nestedObjects(depth)), 400);
      await expectRejected(sendRaw(name, nested(depth)), 400);
      const inField = JSON.stringify({ ...validOf(name), [textOf(name)]: 'PLACEHOLDER' }).replace('"PLACEHOLDER"', nested(depth));
      await expectRejected(sendRaw(name, inField), 400);
    }
  });

  it.each(ENDPOINT_NAMES)('%s: a body over 1 MiB → 413, with or without Content-Length', async (name) => {
    const big = JSON.stringify({ ...validOf(name), [textOf(name)]: 'あ'.repeat(OVER_1_MIB / 3 + 1) });
    expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024);
    // fetch sends a truthful Content-Length for a string body…
    await expectRejected(sendRaw(name, big), 413);
    // …and chunked transfer encoding (no Content-Length) for a stream.
    const endpoint: BodyEndpoint = ENDPOINTS[name];
    await expectRejected(async () => {
      const bytes = new TextEncoder().encode(big);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.subarray(i, i + 64 * 1024));
          controller.close();
        },
      });
      const response = await fetch(server.url + endpoint.path(f), {
        method: endpoint.method,
        body: stream,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        duplex: 'half',
      } as RequestInit);
      const text = await response.text();
      return { status: response.status, headers: response.headers, text, body: JSON.parse(text) };
    }, 413);
  });
});

// ---------------------------------------------------------------------------------------------

const long = (n: number) => 'あ'.repeat(n);
const without = (body: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(body).filter(([k]) => k !== key));

/** [endpoint, what is wrong, body (given the valid one), the field the error must name, status]. */
type FieldCase = [EndpointName, string, (valid: Record<string, unknown>) => unknown, string, number?];

const FIELD_CASES: FieldCase[] = [
  // Organizations
  ['createOrganization', 'missing kind', (v) => without(v, 'kind'), '/kind'],
  ['createOrganization', 'missing name', (v) => without(v, 'name'), '/name'],
  ['createOrganization', 'missing prefectureCode', (v) => without(v, 'prefectureCode'), '/prefectureCode'],
  ['createOrganization', 'company without 法人番号', (v) => without(v, 'corporateNumber'), '/corporateNumber'],
  ['createOrganization', 'name is a number', (v) => ({ ...v, name: 123 }), '/name'],
  ['createOrganization', 'name is empty', (v) => ({ ...v, name: '' }), '/name'],
  ['createOrganization', 'corporateNumber is a number', (v) => ({ ...v, corporateNumber: 7123456789012 }), '/corporateNumber'],
  ['createOrganization', 'name over 200 characters', (v) => ({ ...v, name: long(201) }), '/name'],
  ['createOrganization', 'nameKana over 200 characters', (v) => ({ ...v, nameKana: long(201) }), '/nameKana'],
  ['createOrganization', 'city over 100 characters', (v) => ({ ...v, city: long(101) }), '/city'],
  ['createOrganization', '法人番号 with a wrong check digit', (v) => ({ ...v, corporateNumber: '7123456789013' }), '/corporateNumber'],
  ['createOrganization', '法人番号 of 12 digits', (v) => ({ ...v, corporateNumber: '123456789012' }), '/corporateNumber'],
  ['createOrganization', '法人番号 with letters', (v) => ({ ...v, corporateNumber: '712345678901A' }), '/corporateNumber'],
  ['createOrganization', 'a local government’s 法人番号 (東京都) as a company', (v) => ({ ...v, corporateNumber: '8000020130001' }), '/corporateNumber'],
  ['createOrganization', 'a local government’s 法人番号 (新宿区) as another body', (v) => ({ ...v, kind: 'other', corporateNumber: '7000020131041' }), '/corporateNumber'],
  ['createOrganization', '地方公共団体コード 131017 (wrong check digit)', () => ({ ...MUNICIPALITY, localGovernmentCode: '131017' }), '/localGovernmentCode'],
  ['createOrganization', 'municipality without its code', () => without(MUNICIPALITY, 'localGovernmentCode'), '/localGovernmentCode'],
  ['createOrganization', 'municipality whose 法人番号 contradicts its code', () => ({ ...MUNICIPALITY, corporateNumber: corporateNumberFor(77) }), '/corporateNumber'],
  ['createOrganization', 'municipality in the wrong prefecture', () => ({ ...MUNICIPALITY, prefectureCode: '01' }), '/prefectureCode'],
  ['createOrganization', 'a company with a 地方公共団体コード', (v) => ({ ...v, localGovernmentCode: '131016' }), '/localGovernmentCode'],
  ['createOrganization', 'prefectureCode "48"', (v) => ({ ...v, prefectureCode: '48' }), '/prefectureCode'],
  ['createOrganization', 'prefectureCode "00"', (v) => ({ ...v, prefectureCode: '00' }), '/prefectureCode'],
  ['createOrganization', 'prefectureCode 13 (a number)', (v) => ({ ...v, prefectureCode: 13 }), '/prefectureCode'],
  ['createOrganization', 'kind "person"', (v) => ({ ...v, kind: 'person' }), '/kind'],
  ['createOrganization', 'sizeBand "5000+"', (v) => ({ ...v, sizeBand: '5000+' }), '/sizeBand'],
  ['createOrganization', 'industryCode "Z"', (v) => ({ ...v, industryCode: 'Z' }), '/industryCode'],
  ['createOrganization', 'website javascript:', (v) => ({ ...v, website: 'javascript:alert(1)' }), '/website'],
  ['createOrganization', 'contact.email without @', (v) => ({ ...v, contact: { email: 'nobody.example.jp' } }), '/contact/email'],
  ['createOrganization', 'contact with an extra field', (v) => ({ ...v, contact: { name: '担当', password: 'x' } }), '/contact/password'],
  ['updateOrganization', 'prefectureCode "48"', (v) => ({ ...v, prefectureCode: '48' }), '/prefectureCode'],
  ['updateOrganization', 'name over 200 characters', (v) => ({ ...v, name: long(201) }), '/name'],
  ['updateOrganization', '法人番号 with a wrong check digit', (v) => ({ ...v, corporateNumber: '7123456789013' }), '/corporateNumber'],

  // Declarations (create and amend)
  ...(['createDeclaration', 'amendDeclaration'] as const).flatMap((e): FieldCase[] => [
    [e, 'missing signerName', (v) => without(v, 'signerName'), '/signerName'],
    [e, 'missing signerTitle', (v) => without(v, 'signerTitle'), '/signerTitle'],
    [e, 'missing committedOn', (v) => without(v, 'committedOn'), '/committedOn'],
    [e, 'missing guidelineAreas', (v) => without(v, 'guidelineAreas'), '/guidelineAreas'],
    [e, 'committedOn 2025-02-30', (v) => ({ ...v, committedOn: '2025-02-30' }), '/committedOn'],
    [e, 'committedOn 2025/04/01', (v) => ({ ...v, committedOn: '2025/04/01' }), '/committedOn'],
    [e, 'committedOn 2999-01-01, after today', (v) => ({ ...v, committedOn: '2999-01-01' }), '/committedOn'],
    [e, 'committedOn 1900-01-01, before the self-declaration scheme', (v) => ({ ...v, committedOn: '1900-01-01' }), '/committedOn'],
    [e, 'committedOn 2021-03-28, the day before the scheme was proposed', (v) => ({ ...v, committedOn: '2021-03-28' }), '/committedOn'],
    [e, 'sharedOn 2999-01-01, after today', (v) => ({ ...v, sharedOn: '2999-01-01' }), '/sharedOn'],
    [e, 'sharedOn 2025-13-01', (v) => ({ ...v, sharedOn: '2025-13-01' }), '/sharedOn'],
    [e, 'unknown guideline area', (v) => ({ ...v, guidelineAreas: ['labor', 'telework'] }), '/guidelineAreas/1'],
    [e, 'no guideline area', (v) => ({ ...v, guidelineAreas: [] }), '/guidelineAreas'],
    [e, 'guidelineAreas as a string', (v) => ({ ...v, guidelineAreas: 'labor' }), '/guidelineAreas'],
    [e, 'purpose "6"', (v) => ({ ...v, purposes: ['6'] }), '/purposes/0'],
    [e, 'purpose "4", which the source papers do not name', (v) => ({ ...v, purposes: ['1', '4'] }), '/purposes/1'],
    [e, 'publicFields naming a private field', (v) => ({ ...v, publicFields: ['contact'] }), '/publicFields/0'],
    [e, 'signerName empty', (v) => ({ ...v, signerName: '' }), '/signerName'],
    [e, 'signerName a number', (v) => ({ ...v, signerName: 1 }), '/signerName'],
    [e, 'signerName over 100 characters', (v) => ({ ...v, signerName: long(101) }), '/signerName'],
    [e, 'policy over 4000 characters', (v) => ({ ...v, policy: long(4001) }), '/policy'],
    [e, 'measures over 8000 characters', (v) => ({ ...v, measures: long(8001) }), '/measures'],
  ]),

  // Lifecycle action bodies
  ['returnDeclaration', 'no reason', () => ({}), '/reason'],
  ['returnDeclaration', 'empty reason', () => ({ reason: '' }), '/reason'],
  ['returnDeclaration', 'reason over 500 characters', () => ({ reason: long(501) }), '/reason'],
  ['returnDeclaration', 'note over 2000 characters', (v) => ({ ...v, note: long(2001) }), '/note'],
  ['returnDeclaration', 'reason a number', () => ({ reason: 1 }), '/reason'],
  ['suspendDeclaration', 'unknown reason code', () => ({ reason: 'because' }), '/reason'],
  ['suspendDeclaration', 'no reason', () => ({}), '/reason'],

  // Awards
  ['createAward', 'missing organizationId', (v) => without(v, 'organizationId'), '/organizationId'],
  ['createAward', 'missing fiscalYear', (v) => without(v, 'fiscalYear'), '/fiscalYear'],
  ['createAward', 'missing category', (v) => without(v, 'category'), '/category'],
  ['createAward', 'fiscalYear "2025" (a string)', (v) => ({ ...v, fiscalYear: '2025' }), '/fiscalYear'],
  ['createAward', 'fiscalYear 2025.5', (v) => ({ ...v, fiscalYear: 2025.5 }), '/fiscalYear'],
  ['createAward', 'fiscalYear 2018', (v) => ({ ...v, fiscalYear: 2018 }), '/fiscalYear'],
  ['createAward', 'fiscalYear 2019, ended before the award scheme was proposed (2021-03-29)', (v) => ({ ...v, fiscalYear: 2019 }), '/fiscalYear'],
  ['createAward', 'unknown category', (v) => ({ ...v, category: 'grand-prix' }), '/category'],
  ['createAward', 'unknown division', (v) => ({ ...v, division: 'no-such-division' }), '/division'],
  ['createAward', 'unknown organization', (v) => ({ ...v, organizationId: '00000000-0000-7000-8000-000000000000' }), '/organizationId'],
  ['createAward', 'partner that is a company', (v) => ({ ...v, partnerMunicipalityId: f.a.organization.id }), '/partnerMunicipalityId'],
  ['createAward', 'partner that is the awarded municipality itself', (v) => ({ ...v, partnerMunicipalityId: f.municipalityId }), '/partnerMunicipalityId'],
  ['createAward', 'awardedOn 2025-02-30', (v) => ({ ...v, awardedOn: '2025-02-30' }), '/awardedOn'],
  ['createAward', 'awardedOn 25-4-1', (v) => ({ ...v, awardedOn: '25-4-1' }), '/awardedOn'],
  ['createAward', 'awardedOn 9999-12-31, long after its fiscal year', (v) => ({ ...v, awardedOn: '9999-12-31' }), '/awardedOn'],
  ['createAward', 'awardedOn 0000-01-01, before its fiscal year', (v) => ({ ...v, awardedOn: '0000-01-01' }), '/awardedOn'],
  ['createAward', 'an award of FY2020 dated in 2026, years after its year', (v) => ({ ...v, fiscalYear: 2020, awardedOn: '2026-01-20' }), '/awardedOn'],
  ['createAward', 'overview over 4000 characters', (v) => ({ ...v, overview: long(4001) }), '/overview'],
  ['createAward', 'message over 4000 characters', (v) => ({ ...v, message: long(4001) }), '/message'],
  ['suspendAward', 'reason a number', () => ({ reason: 1 }), '/reason'],

  // Award codes and tokens
  ['createCategory', 'code with spaces and capitals', (v) => ({ ...v, code: 'Grand Prix' }), '/code'],
  ['createCategory', 'missing nameJa', (v) => without(v, 'nameJa'), '/nameJa'],
  ['createCategory', 'nameEn over 100 characters', (v) => ({ ...v, nameEn: 'x'.repeat(101) }), '/nameEn'],
  ['createCategory', 'sortOrder -1', (v) => ({ ...v, sortOrder: -1 }), '/sortOrder'],
  ['createCategory', 'an existing code', (v) => ({ ...v, code: 'minister' }), '', 409],
  ['createDivision', 'code over 64 characters', (v) => ({ ...v, code: 'a'.repeat(65) }), '/code'],
  ['createToken', 'role "superuser"', (v) => ({ ...v, role: 'superuser' }), '/role'],
  ['createToken', 'missing label', (v) => without(v, 'label'), '/label'],
  ['createToken', 'label over 200 characters', (v) => ({ ...v, label: long(201) }), '/label'],
  ['createToken', 'organization token without organizationId', (v) => without(v, 'organizationId'), '/organizationId'],
  ['createToken', 'organization token for an unknown organization', (v) => ({ ...v, organizationId: 'nope' }), '/organizationId'],
  ['createToken', 'admin token with an organizationId', (v) => ({ ...v, role: 'admin' }), '/organizationId'],
];

describe('invalid fields → 4xx naming the field, nothing changed', () => {
  it.each(FIELD_CASES.map(([e, what, body, field, status]) => [`${e}: ${what}`, e, body, field, status ?? 400] as const))(
    '%s',
    async (_name, endpoint, body, field, status) => {
      await expectRejected(send(endpoint, body(validOf(endpoint))), status, field ? [field] : []);
    },
  );

  it("an organization's own token cannot change its identifiers → 400, nothing changed", async () => {
    const body = { ...A_PROFILE(f), corporateNumber: corporateNumberFor(88) };
    await expectRejected(
      () => server.call('PUT', `/api/v1/organizations/${f.a.organization.id}`, { token: f.a.orgToken, body }),
      400,
      ['/corporateNumber'],
    );
  });
});

// ---------------------------------------------------------------------------------------------

/** [path, query string, the parameter the error must name]. */
const QUERY_CASES: [string, string, string][] = [
  ...['/api/v1/organizations', '/api/v1/declarations', '/api/v1/awards', '/api/v1/audit-log'].flatMap((path): [string, string, string][] => [
    [path, 'limit=0', 'limit'],
    [path, 'limit=abc', 'limit'],
    [path, 'limit=101', 'limit'],
    [path, 'cursor=garbage', 'cursor'],
    [path, 'cursor=%E3%81%82', 'cursor'],
    [path, 'limit=1.5', 'limit'],
    [path, 'limit=-1', 'limit'],
    [path, `cursor=${'x'.repeat(201)}`, 'cursor'],
  ]),
  ['/api/v1/organizations', 'prefectureCode=99', 'prefectureCode'],
  ['/api/v1/organizations', 'prefectureCode=48', 'prefectureCode'],
  ['/api/v1/organizations', 'status=bogus', 'status'],
  ['/api/v1/organizations', 'kind=person', 'kind'],
  ['/api/v1/organizations', 'industryCode=Z', 'industryCode'],
  ['/api/v1/organizations', 'awardYear=abc', 'awardYear'],
  ['/api/v1/organizations', 'awardYear=2018', 'awardYear'],
  ['/api/v1/organizations', `q=${'あ'.repeat(101)}`, 'q'],
  ['/api/v1/declarations', 'status=bogus', 'status'],
  ['/api/v1/declarations', 'prefectureCode=99', 'prefectureCode'],
  ['/api/v1/declarations', 'industryCode=Z', 'industryCode'],
  ['/api/v1/declarations', `q=${'x'.repeat(101)}`, 'q'],
  ['/api/v1/awards', 'fiscalYear=abc', 'fiscalYear'],
  ['/api/v1/awards', 'fiscalYear=1999', 'fiscalYear'],
  ['/api/v1/awards', `category=${'x'.repeat(65)}`, 'category'],
  ['/api/v1/audit-log', 'from=yesterday', 'from'],
  ['/api/v1/audit-log', 'to=2025-13', 'to'],
  ['/api/v1/audit-log', `entityType=${'x'.repeat(41)}`, 'entityType'],
];

describe('invalid query parameters → 400 naming the parameter', () => {
  it.each(QUERY_CASES)('%s?%s', async (path, query, field) => {
    await expectRejected(() => server.call('GET', `${path}?${encodeURI(query)}`), 400, [field]);
  });

  it('an address that exists, asked with another method → 405 problem+json with Allow; one that does not → 404', async () => {
    const credential = await server.call('POST', '/credentials/00000000-0000-4000-8000-000000000000', { token: null });
    expect(credential.status).toBe(405);
    expect(credential.headers.get('allow')).toBe('GET, HEAD');
    expect(credential.headers.get('content-type')).toContain('application/problem+json');
    expect(credential.body.messages.ja).toContain('GET, HEAD');
    const organizations = await server.call('DELETE', '/api/v1/organizations');
    expect([organizations.status, organizations.headers.get('allow')]).toEqual([405, 'GET, HEAD, POST']);
    expect((await server.call('GET', '/oauth/token', { token: null })).headers.get('allow')).toBe('POST');
    expect((await server.call('POST', '/no/such/address', { token: null })).status).toBe(404);
    // The VC-API's POST addresses under /credentials are not credential IDs ("Credential not found" before).
    for (const path of ['/credentials/verify', '/credentials/issue', '/credentials/status']) {
      const asked = await server.call('GET', path, { token: null });
      expect([asked.status, asked.headers.get('allow'), asked.body.status], path).toEqual([405, 'POST', 405]);
      expect(asked.headers.get('content-type')).toContain('application/problem+json');
      expect((await server.call('DELETE', path)).headers.get('allow'), path).toBe('POST');
    }
  });

  it('a cursor the API handed out still reads the next page', async () => {
    const first = await server.call('GET', '/api/v1/organizations?limit=1');
    expect(first.body.nextCursor).toBeTruthy();
    const next = await server.call('GET', `/api/v1/organizations?limit=1&cursor=${first.body.nextCursor}`);
    expect(next.status).toBe(200);
    expect(next.body.items[0].id).not.toBe(first.body.items[0].id);
  });

  it('a parameter given twice → 400 naming it, even when both values are valid', async () => {
    await expectRejected(() => server.call('GET', '/api/v1/organizations?status=published&status=suspended'), 400, ['status']);
    await expectRejected(() => server.call('GET', '/api/v1/declarations?limit=5&limit=abc', { token: null }), 400, ['limit']);
    await expectRejected(() => server.call('GET', '/api/v1/awards?fiscalYear=2025&fiscalYear=2025'), 400, ['fiscalYear']);
    await expectRejected(() => server.call('GET', '/api/v1/audit-log?entityType=award&entityType=declaration'), 400, ['entityType']);
  });

  // Node's HTTP parser refuses these before the app sees them; on the Worker, Cloudflare's front end does.
  it.skipIf(onWorker)('a URL over 16 KiB (a huge query string) → 431 problem+json, nothing changed', async () => {
    const body = await expectRejected(() => server.call('GET', `/api/v1/organizations?q=${'a'.repeat(100_000)}`, { token: null }), 431);
    expect(body.messages.en).toContain('16 KiB');
    await expectRejected(() => server.call('POST', `/api/v1/organizations?x=${'a'.repeat(20_000)}`, { body: { ...COMPANY, corporateNumber: corporateNumberFor(501) } }), 431);
  });

  it.skipIf(onWorker)('a request that is not valid HTTP → 400 problem+json', async () => {
    const { port } = new URL(server.url);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('GET /api/v1/organizations HTTP/1.1\r\nHost: x\r\nNot a header\r\n\r\n'));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });
    const [head, json] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(json!)).toMatchObject({ status: 400, messages: { ja: expect.stringMatching(/\S/), en: expect.stringMatching(/\S/) } });
  });

  it('names every bad parameter at once', async () => {
    await expectRejected(() => server.call('GET', '/api/v1/organizations?limit=0&prefectureCode=99&status=bogus'), 400, ['limit', 'prefectureCode', 'status']);
  });

  it('the public may not filter by private statuses', async () => {
    await expectRejected(() => server.call('GET', '/api/v1/declarations?status=draft', { token: null }), 400, ['status']);
    await expectRejected(() => server.call('GET', '/api/v1/organizations?status=submitted', { token: null }), 400, ['status']);
  });
});

// ---------------------------------------------------------------------------------------------

describe('hostile strings in free-text fields are stored and returned verbatim', () => {
  const HOSTILE = {
    html: '<script>alert("x")</script><img src=x onerror=alert(1)>',
    sql: "Robert'); DROP TABLE organizations; --",
    quote: "' OR '1'='1",
    comment: '株式会社"みらい"; DELETE FROM declarations WHERE 1=1 /*',
    control: 'tab\tnewline\ncarriage\r\nend',
    astral: '𠮷野家の本社🏢（サロゲートペアは正しい文字）',
  };

  it('accepts them, stores them as given, and injects nothing', async () => {
    const tablesBefore = JSON.parse(server.snapshot()).map(([name]: [string]) => name);
    const organization = await server.call('POST', '/api/v1/organizations', {
      body: { ...COMPANY, corporateNumber: corporateNumberFor(600), name: HOSTILE.html, nameEn: HOSTILE.sql, nameKana: HOSTILE.quote, city: HOSTILE.comment },
    });
    expect(organization.status, organization.text).toBe(201);
    expect(organization.headers.get('content-type')).toMatch(/^application\/json/);
    const declaration = await server.call('POST', `/api/v1/organizations/${organization.body.id}/declarations`, {
      body: { ...DECLARATION, signerName: HOSTILE.sql, signerTitle: HOSTILE.astral, policy: HOSTILE.html, measures: HOSTILE.control, publicFields: ['signerName', 'policy', 'measures', 'committedOn', 'guidelineAreas'] },
    });
    expect(declaration.status, declaration.text).toBe(201);
    const award = await server.call('POST', '/api/v1/awards', {
      body: { organizationId: f.municipalityId, fiscalYear: 2024, category: 'excellence', awardedOn: '2025-02-01', overview: HOSTILE.comment, message: HOSTILE.html },
    });
    expect(award.status, award.text).toBe(201);

    const org = (await server.call('GET', `/api/v1/organizations/${organization.body.id}`)).body;
    expect(org).toMatchObject({ name: HOSTILE.html, nameEn: HOSTILE.sql, nameKana: HOSTILE.quote, city: HOSTILE.comment });
    const decl = (await server.call('GET', `/api/v1/declarations/${declaration.body.id}`)).body;
    expect(JSON.stringify(decl)).toContain(JSON.stringify(HOSTILE.sql));
    expect(JSON.stringify(decl)).toContain(JSON.stringify(HOSTILE.html));
    // Verbatim but for the line break: CR LF is stored as \n, as the forms store it (one character, as a person counts it).
    expect(JSON.stringify(decl)).toContain(JSON.stringify(HOSTILE.control.replace('\r\n', '\n')));
    expect(JSON.stringify(decl)).toContain(JSON.stringify(HOSTILE.astral));
    const aw = (await server.call('GET', `/api/v1/awards/${award.body.id}`)).body;
    expect(aw).toMatchObject({ overview: HOSTILE.comment, message: HOSTILE.html });

    // Nothing was dropped or deleted: the same tables, and every earlier organization and declaration is still there.
    const after = JSON.parse(server.snapshot()) as [string, unknown[]][];
    expect(after.map(([name]) => name)).toEqual(tablesBefore);
    const ids = (table: string) => (after.find(([name]) => name === table)![1] as { id: string }[]).map((r) => r.id);
    expect(ids('organizations')).toEqual(expect.arrayContaining([f.a.organization.id, f.b.organization.id, f.municipalityId]));
    expect(ids('declarations')).toEqual(expect.arrayContaining([f.draftId, f.submittedId, f.publishedId]));
  });

  it('a control character (NUL, ESC…) or a value of invisible characters is refused, naming the field', async () => {
    const organization = f.a.organization.id;
    await expectRejected(() => server.call('POST', `/api/v1/organizations/${organization}/declarations`, { body: { ...DECLARATION, measures: 'null\u0000end' } }), 400, ['/measures']);
    await expectRejected(() => server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, corporateNumber: corporateNumberFor(601), name: '\u200b' } }), 400, ['/name']);
    // Spaces alone (full-width too) were trimmed to an empty name after the schema had passed them, and signed.
    await expectRejected(() => server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, corporateNumber: corporateNumberFor(603), name: '\u3000' } }), 400, ['/name']);
    await expectRejected(() => server.call('POST', `/api/v1/organizations/${organization}/declarations`, { body: { ...DECLARATION, signerName: ' ', signerTitle: '\ufeff' } }), 400, ['/signerName', '/signerTitle']);
    // One-line fields take no line break (a name over two lines breaks a mail's greeting); the long texts do (above).
    await expectRejected(() => server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, corporateNumber: corporateNumberFor(602), name: '株式会社シー\r\nBcc: x@example.jp', contact: { name: '人事\n部' } } }), 400, ['/name', '/contact/name']);
  });

  it('a search for injection text or control characters matches nothing instead of everything, and never fails', async () => {
    for (const q of ["' OR '1'='1", "%' OR 1=1 --", '%', '_', "') UNION SELECT * FROM tokens --", 'みらい\u0000ワークx', 'zz\u0000\u001bqq']) {
      for (const path of ['/api/v1/organizations', '/api/v1/declarations']) {
        const reply = await server.call('GET', `${path}?q=${encodeURIComponent(q)}`, { token: null });
        expect(reply.status, `${path} q=${q}: ${reply.text}`).toBe(200);
        expect(reply.body.items, `${path} q=${q}`).toEqual([]);
      }
      const page = await server.call('GET', `/organizations?q=${encodeURIComponent(q)}`, { token: null });
      expect(page.status, `/organizations q=${q}`).toBe(200);
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('conflicts, preconditions and business rules', () => {
  it('a second organization with the same 法人番号 → 409 (also written full-width or with hyphens)', async () => {
    const number = f.a.organization.corporateNumber as string;
    const fullWidth = number.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const hyphenated = `${number.slice(0, 1)}-${number.slice(1, 5)}-${number.slice(5, 9)}-${number.slice(9)}`;
    for (const corporateNumber of [number, fullWidth, hyphenated]) {
      await expectRejected(() => server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: '別の会社', corporateNumber } }), 409, ['/corporateNumber']);
    }
    await expectRejected(() => server.call('POST', '/api/v1/organizations', { body: { ...MUNICIPALITY, name: '千代田区（重複）' } }), 409);
  });

  /** [action, declaration in state, body]. */
  const ILLEGAL: [string, 'draftId' | 'submittedId' | 'publishedId', unknown, string][] = [
    ['publish', 'draftId', undefined, 'draft'],
    ['renew', 'draftId', undefined, 'draft'],
    ['submit', 'submittedId', undefined, 'submitted'],
    ['reinstate', 'submittedId', undefined, 'submitted'],
    ['submit', 'publishedId', undefined, 'published'],
    ['publish', 'publishedId', undefined, 'published'],
    ['return', 'publishedId', { reason: '不備' }, 'published'],
    ['reinstate', 'publishedId', undefined, 'published'],
    ['renew', 'publishedId', undefined, 'published'],
  ];
  it.each(ILLEGAL)('%s on a declaration that is %s → 409 naming the current state', async (action, which, body, state) => {
    const problem = await expectRejected(() => server.call('POST', `/api/v1/declarations/${f[which]}/${action}`, body === undefined ? {} : { body }), 409);
    expect(problem.currentStatus).toBe(state);
    // The messages name the state in the pages' words; currentStatus gives its code.
    expect(problem.messages.en.toLowerCase()).toContain(STATUS_LABELS[state as DeclarationStatus].en.toLowerCase());
    expect(problem.messages.ja).toContain(`「${STATUS_LABELS[state as DeclarationStatus].ja}」`);
  });

  it('amending a declaration under review → 409 naming the current state', async () => {
    const problem = await expectRejected(() => server.call('PUT', `/api/v1/declarations/${f.submittedId}`, { body: DECLARATION }), 409);
    expect(problem.currentStatus).toBe('submitted');
  });

  it('a company without a published declaration cannot be awarded → 422', async () => {
    await expectRejected(
      () => server.call('POST', '/api/v1/awards', { body: { organizationId: f.b.organization.id, fiscalYear: 2025, category: 'minister' } }),
      422,
      ['/organizationId'],
    );
  });

  it('a stale or unparseable If-Match on PUT /api/v1/declarations/{id} → 412; the current one is accepted', async () => {
    const current = await server.call('GET', `/api/v1/declarations/${f.draftId}`);
    const etag = current.headers.get('etag')!;
    expect(etag).toMatch(/^"\d+"$/);
    const stale = `"${Number(etag.slice(1, -1)) - 1}"`;
    for (const ifMatch of [stale, '"999"', 'garbage']) {
      const problem = await expectRejected(() => server.call('PUT', `/api/v1/declarations/${f.draftId}`, { body: DECLARATION, headers: { 'if-match': ifMatch } }), 412);
      expect(problem.currentVersion).toBe(Number(etag.slice(1, -1)));
    }
    // A stale If-Match on an action and on an organization is refused the same way.
    await expectRejected(() => server.call('POST', `/api/v1/declarations/${f.draftId}/submit`, { headers: { 'if-match': stale } }), 412);
    await expectRejected(() => server.call('PUT', `/api/v1/organizations/${f.a.organization.id}`, { body: A_PROFILE(f), headers: { 'if-match': '"999"' } }), 412);

    const amended = await server.call('PUT', `/api/v1/declarations/${f.draftId}`, { body: { ...DECLARATION, policy: '改訂' }, headers: { 'if-match': etag } });
    expect(amended.status, amended.text).toBe(200);
    expect(amended.headers.get('etag')).not.toBe(etag);
  });

  it('If-Match listing several tags passes when any one is current (RFC 9110 §13.1.1), on declarations and organizations alike', async () => {
    const declaration = `/api/v1/declarations/${f.draftId}`;
    const etag = (await server.call('GET', declaration)).headers.get('etag')!;
    // None of the listed tags current: refused, nothing changed.
    await expectRejected(() => server.call('PUT', declaration, { body: { ...DECLARATION, policy: '一覧外' }, headers: { 'if-match': '"998", "999"' } }), 412);
    expect((await server.call('GET', declaration)).headers.get('etag')).toBe(etag);
    const amended = await server.call('PUT', declaration, { body: { ...DECLARATION, policy: '一覧で改訂' }, headers: { 'if-match': `"999", ${etag}` } });
    expect(amended.status, amended.text).toBe(200);
    expect(amended.body.content.policy).toBe('一覧で改訂');
    // The same on an action (weak form included, as a single tag already is) and on an organization.
    const submitted = await server.call('POST', `${declaration}/submit`, { headers: { 'if-match': `"1", W/${amended.headers.get('etag')!}` } });
    expect(submitted.status, submitted.text).toBe(200);
    const organization = `/api/v1/organizations/${f.a.organization.id}`;
    const orgTag = (await server.call('GET', organization)).headers.get('etag')!;
    const updated = await server.call('PUT', organization, { body: A_PROFILE(f), headers: { 'if-match': `garbage, ${orgTag}` } });
    expect(updated.status, updated.text).toBe(200);
    // "*" sets no condition.
    const anyVersion = await server.call('PUT', organization, { body: A_PROFILE(f), headers: { 'if-match': '*' } });
    expect(anyVersion.status, anyVersion.text).toBe(200);
  });

  it('award actions honour If-Match as declaration actions do: a stale tag → 412 and nothing changes; a current one (listed, weak) passes and answers the new ETag', async () => {
    const created = await server.call('POST', '/api/v1/awards', { body: { organizationId: f.a.organization.id, fiscalYear: 2024, category: 'minister' } });
    expect(created.status, created.text).toBe(201);
    const award = `/api/v1/awards/${created.body.id}`;
    const etag = (await server.call('GET', award)).headers.get('etag')!;
    expect(etag).toMatch(/^"\d+"$/);
    expect(created.headers.get('etag')).toBe(etag);
    for (const ifMatch of ['"998", "999"', 'garbage']) {
      const problem = await expectRejected(() => server.call('POST', `${award}/suspend`, { body: { reason: 'under-investigation' }, headers: { 'if-match': ifMatch } }), 412);
      expect(problem.currentVersion).toBe(Number(etag.slice(1, -1)));
    }
    // A stale tag is told before the state or the reason, as for a declaration.
    await expectRejected(() => server.call('POST', `${award}/reinstate`, { headers: { 'if-match': '"999"' } }), 412);
    await expectRejected(() => server.call('POST', `${award}/suspend`, { body: { reason: 'no-such-reason' }, headers: { 'if-match': '"999"' } }), 412);
    const suspended = await server.call('POST', `${award}/suspend`, { body: { reason: 'under-investigation' }, headers: { 'if-match': `"999", W/${etag}` } });
    expect(suspended.status, suspended.text).toBe(200);
    expect(suspended.body.status).toBe('suspended');
    const next = suspended.headers.get('etag')!;
    expect(next).toMatch(/^"\d+"$/);
    expect(next).not.toBe(etag);
    // The tag read before the suspension is stale now; the one the action answered is current.
    await expectRejected(() => server.call('POST', `${award}/reinstate`, { headers: { 'if-match': etag } }), 412);
    const reinstated = await server.call('POST', `${award}/reinstate`, { headers: { 'if-match': next } });
    expect(reinstated.status, reinstated.text).toBe(200);
    // Without If-Match (or with "*") an action still goes through.
    expect((await server.call('POST', `${award}/suspend`, { headers: { 'if-match': '*' } })).status).toBe(200);
    expect((await server.call('POST', `${award}/reinstate`)).status).toBe(200);
  });
});

describe('afterwards', () => {
  it('no request above reached the unexpected-error handler', () => {
    expect(server.logs.filter((line) => line.includes('"level":"error"'))).toEqual([]);
  });
});
