/**
 * Registry rules found missing: one live declaration per organization (also under concurrency),
 * a 宣言日 not before the self-declaration scheme, the public list of 公表中 organizations,
 * prefectures in JIS X 0401 order, and search by 法人番号 or 地方公共団体コード.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLARATION, MUNICIPALITY, corporateNumberFor, seedCompany, expireDeclarations, startTestServer, type TestServer } from '../helpers/server.js';
import BetterSqlite3 from 'better-sqlite3';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const PREFECTURE_ORDER = Array.from({ length: 47 }, (_, i) => String(i + 1).padStart(2, '0'));
const toFullWidth = (digits: string) => digits.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

async function act(id: string, action: string, options: { token?: string; body?: unknown } = {}) {
  const response = await server.call('POST', `/api/v1/declarations/${id}/${action}`, options);
  if (response.status !== 200) throw new Error(`${action}: ${response.status} ${response.text}`);
  return response.body;
}

const create = (organizationId: string, token?: string) =>
  server.call('POST', `/api/v1/organizations/${organizationId}/declarations`, { token, body: DECLARATION });

/** The organization's declarations as the database holds them, by status. */
function statusesOf(organizationId: string): string[] {
  const db = new BetterSqlite3(server.dbPath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT status FROM declarations WHERE organization_id = ? ORDER BY id').all(organizationId) as { status: string }[]).map((r) => r.status);
  } finally {
    db.close();
  }
}

describe('one live declaration per organization', () => {
  it('refuses a second declaration while the first is live (409 naming it, nothing written), in every live state', async () => {
    const company = await seedCompany(server, { n: 1 });
    const id = company.declarationId;
    const expectRefused = async (status: string, hint: RegExp) => {
      const before = server.snapshot();
      const refused = await create(company.organization.id, company.orgToken);
      expect(refused.status, status).toBe(409);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ status: 409, existingDeclaration: { id, status } });
      expect(refused.body.messages.ja).toContain(id);
      expect(refused.body.messages.en).toContain(id);
      expect(refused.body.messages.en).toContain(status);
      expect(refused.body.messages.en).toMatch(hint);
      expect(refused.body.messages.ja).toMatch(/改訂|更新|修正/);
      expect(server.snapshot(), `${status}: nothing changed`).toBe(before);
    };
    await expectRefused('draft', /PUT/);
    await act(id, 'submit', { token: company.orgToken });
    await expectRefused('submitted', /amend/);
    await act(id, 'publish');
    await expectRefused('published', /amend it \(PUT/);
    expect((await server.call('GET', `/api/v1/organizations/${company.organization.id}`)).body.declarations).toHaveLength(1);
    await act(id, 'suspend', { body: { reason: 'under-investigation' } });
    await expectRefused('suspended', /amend/);
    await expireDeclarations(server, [id]);
    await expectRefused('expired', /renew it \(POST .*\/renew\)/);
    // Renewal is the way back, not a second declaration.
    expect((await act(id, 'renew', { token: company.orgToken })).status).toBe('submitted');
  });

  it('allows a new declaration once the previous one is withdrawn or revoked', async () => {
    const withdrawn = await seedCompany(server, { n: 2, publish: true });
    await act(withdrawn.declarationId, 'withdraw', { token: withdrawn.orgToken });
    const again = await create(withdrawn.organization.id, withdrawn.orgToken);
    expect(again.status).toBe(201);
    expect((await create(withdrawn.organization.id, withdrawn.orgToken)).status).toBe(409);

    const revoked = await seedCompany(server, { n: 3, publish: true });
    await act(revoked.declarationId, 'revoke', { body: { reason: 'false-declaration' } });
    expect((await create(revoked.organization.id)).status).toBe(201);
    expect(statusesOf(revoked.organization.id)).toEqual(['revoked', 'draft']);
  });

  it('holds under concurrency: of simultaneous creations exactly one succeeds, the others get the same 409', async () => {
    for (let n = 10; n < 16; n++) {
      const org = await server.call('POST', '/api/v1/organizations', { body: { kind: 'company', name: `同時株式会社${n}`, corporateNumber: corporateNumberFor(n), prefectureCode: '13' } });
      expect(org.status).toBe(201);
      const responses = await Promise.all(Array.from({ length: 4 }, () => create(org.body.id)));
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409]);
      const winner = responses.find((r) => r.status === 201)!.body.id;
      for (const loser of responses.filter((r) => r.status === 409)) {
        expect(loser.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(loser.body.existingDeclaration).toEqual({ id: winner, status: 'draft' });
      }
      expect(statusesOf(org.body.id)).toEqual(['draft']);
    }
  });

  it('is enforced by the database too: a second live row is refused, a withdrawn one is not', async () => {
    const company = await seedCompany(server, { n: 4 });
    const row = (id: string, status: string) => [id, company.organization.id, status, 1, 1, '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'];
    const insert = 'INSERT INTO declarations (id, organization_id, status, current_version, row_version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)';
    const db = new BetterSqlite3(server.dbPath);
    try {
      expect(() => db.prepare(insert).run(...row('00000000-0000-4000-8000-0000000000a1', 'published'))).toThrow(/UNIQUE constraint failed: declarations\.organization_id/);
      db.prepare(insert).run(...row('00000000-0000-4000-8000-0000000000a2', 'withdrawn'));
      expect(() => db.prepare('UPDATE declarations SET status = ? WHERE id = ?').run('draft', '00000000-0000-4000-8000-0000000000a2')).toThrow(
        /UNIQUE constraint failed: declarations\.organization_id/,
      );
    } finally {
      db.close();
    }
  });
});

describe('宣言日 not before the self-declaration scheme (2021-03-29)', () => {
  it('refuses a 宣言日 before it with a 400 naming committedOn, saying from which date in Japanese and English; nothing is written', async () => {
    const company = await seedCompany(server, { n: 40 });
    const before = server.snapshot();
    for (const committedOn of ['1900-01-01', '2021-03-28']) {
      const amend = await server.call('PUT', `/api/v1/declarations/${company.declarationId}`, { token: company.orgToken, body: { ...DECLARATION, committedOn } });
      expect(amend.status, committedOn).toBe(400);
      expect(amend.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const [error] = amend.body.errors;
      expect(amend.body.errors).toHaveLength(1);
      expect(error.field).toBe('/committedOn');
      expect(error.ja).toBe('宣言日は自己宣言制度の創設が提案された2021年3月29日以降の日付で指定してください。');
      expect(error.en).toContain('2021-03-29');
    }
    expect(server.snapshot()).toBe(before);
    const other = await server.call('POST', '/api/v1/organizations', { body: { kind: 'company', name: '宣言日テスト株式会社', corporateNumber: corporateNumberFor(41), prefectureCode: '13' } });
    const created = await server.call('POST', `/api/v1/organizations/${other.body.id}/declarations`, { body: { ...DECLARATION, committedOn: '1900-01-01' } });
    expect(created.status).toBe(400);
    expect(created.body.errors.map((e: { field: string }) => e.field)).toEqual(['/committedOn']);
  });

  it('accepts the first day itself, and an earlier date for sharing the values inside the company', async () => {
    const company = await seedCompany(server, { n: 42 });
    const amend = await server.call('PUT', `/api/v1/declarations/${company.declarationId}`, { token: company.orgToken, body: { ...DECLARATION, committedOn: '2021-03-29', sharedOn: '2020-10-01' } });
    expect(amend.status, amend.text).toBe(200);
    expect(amend.body.content).toMatchObject({ committedOn: '2021-03-29', sharedOn: '2020-10-01' });
  });
});

describe('the public list of 公表中 organizations', () => {
  const names = async (path: string) => (await server.call('GET', path, { token: null })).body.items.map((o: { name: string }) => o.name) as string[];
  const portal = async (path: string) => (await server.call('GET', path, { token: null })).text;
  let revoked: Awaited<ReturnType<typeof seedCompany>>;
  let withdrawn: Awaited<ReturnType<typeof seedCompany>>;
  let suspended: Awaited<ReturnType<typeof seedCompany>>;

  beforeAll(async () => {
    await seedCompany(server, { n: 20, publish: true, name: '公表中リスト株式会社' });
    revoked = await seedCompany(server, { n: 21, publish: true, name: '取消リスト株式会社' });
    await act(revoked.declarationId, 'revoke', { body: { reason: 'false-declaration' } });
    withdrawn = await seedCompany(server, { n: 22, publish: true, name: '取下げリスト株式会社' });
    await act(withdrawn.declarationId, 'withdraw', { token: withdrawn.orgToken });
    suspended = await seedCompany(server, { n: 23, publish: true, name: '停止リスト株式会社' });
    await act(suspended.declarationId, 'suspend', { body: { reason: 'under-investigation' } });
    // Its declaration revoked, but an award (a public record of its own) keeps it listed.
    const awarded = await seedCompany(server, { n: 24, publish: true, name: '表彰リスト株式会社' });
    expect((await server.call('POST', '/api/v1/awards', { body: { organizationId: awarded.organization.id, fiscalYear: 2025, category: 'excellence' } })).status).toBe(201);
    await act(awarded.declarationId, 'revoke', { body: { reason: 'guideline-breach' } });
    // Its only award revoked: nothing public any more.
    const municipality = await server.call('POST', '/api/v1/organizations', { body: { ...MUNICIPALITY, name: '取消表彰市', localGovernmentCode: '011002', prefectureCode: '01' } });
    const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: municipality.body.id, fiscalYear: 2025, category: 'minister' } });
    expect((await server.call('POST', `/api/v1/awards/${award.body.id}/revoke`)).status).toBe(200);
  });

  it('lists only organizations with a published declaration or an award that is not revoked (API and portal)', async () => {
    const listed = await names(`/api/v1/organizations?q=${encodeURIComponent('リスト株式会社')}`);
    expect(listed.sort()).toEqual(['公表中リスト株式会社', '表彰リスト株式会社'].sort());
    expect(await names(`/api/v1/organizations?q=${encodeURIComponent('取消表彰市')}`)).toEqual([]);
    const unfiltered: string[] = [];
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const page: any = await server.call('GET', `/api/v1/organizations?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token: null });
      unfiltered.push(...page.body.items.map((o: { name: string }) => o.name));
      cursor = page.body.nextCursor;
    }
    for (const name of ['取消リスト株式会社', '取下げリスト株式会社', '停止リスト株式会社', '取消表彰市']) expect(unfiltered).not.toContain(name);
    expect(unfiltered).toContain('公表中リスト株式会社');

    const page = await portal('/organizations');
    expect(page).toContain('公表中の団体');
    expect(page).toContain('公表中リスト株式会社');
    for (const name of ['取消リスト株式会社', '取下げリスト株式会社', '停止リスト株式会社', '取消表彰市']) expect(page).not.toContain(name);
    const searched = await portal(`/organizations?q=${encodeURIComponent('リスト株式会社')}`);
    expect(searched).toContain('表彰リスト株式会社');
    expect(searched).not.toContain('取消リスト株式会社');
    expect(searched).not.toContain('取下げリスト株式会社');
  });

  it("keeps a revoked or withdrawn organization's page, its history shown honestly, and finds it by that status on request", async () => {
    const api = await server.call('GET', `/api/v1/organizations/${revoked.organization.id}`, { token: null });
    expect(api.status).toBe(200);
    expect(api.body.declarations.map((d: { status: string }) => d.status)).toEqual(['revoked']);
    const page = await server.call('GET', `/organizations/${withdrawn.organization.id}`, { token: null });
    expect(page.status).toBe(200);
    expect(page.text).toContain('status--withdrawn');
    expect(await names('/api/v1/organizations?status=revoked')).toContain('取消リスト株式会社');
    // A lookup by 法人番号 answers the current state: a verifier learns the declaration was revoked.
    const lookup = await server.call('GET', `/api/v1/organizations/by-corporate-number/${revoked.organization.corporateNumber}`, { token: null });
    expect(lookup.status).toBe(200);
    expect(lookup.body.currentDeclaration.status).toBe('revoked');
    // Open data is the public record: the revoked declaration is there, with its status.
    const open = await server.call('GET', '/api/v1/open-data/declarations.json', { token: null });
    const item = open.body.items.find((i: { organization: { id: string } }) => i.organization.id === revoked.organization.id);
    expect(item.status).toBe('revoked');
  });

  it('an administrator still sees every organization', async () => {
    const all = (await server.call('GET', `/api/v1/organizations?q=${encodeURIComponent('リスト株式会社')}`)).body.items;
    expect(all).toHaveLength(5);
  });
});

describe('prefectures in JIS X 0401 order', () => {
  it('the portal select lists 北海道 (01) first and 沖縄県 (47) last', async () => {
    const page = await server.call('GET', '/organizations', { token: null });
    const select = /<select id="search-prefecture"[^>]*>([\s\S]*?)<\/select>/.exec(page.text)![1]!;
    const codes = [...select.matchAll(/<option value="(\d+)"/g)].map((m) => m[1]);
    expect(codes).toEqual(PREFECTURE_ORDER);
    expect(select.indexOf('北海道')).toBeLessThan(select.indexOf('群馬県'));
  });

  it('statistics list the prefectures in code order', async () => {
    const stats = await server.call('GET', '/api/v1/statistics');
    expect(stats.status).toBe(200);
    expect(stats.body.declarations.publishedByPrefecture.map((p: { code: string }) => p.code)).toEqual(PREFECTURE_ORDER);
    expect(stats.body.declarations.publishedByPrefecture[0].name.ja).toBe('北海道');
  });

  it('a bad prefecture code is explained with the codes in order', async () => {
    const bad = await server.call('GET', '/api/v1/organizations?prefectureCode=48', { token: null });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].en).toContain(PREFECTURE_ORDER.join(', '));
  });
});

describe('search by 法人番号 and 地方公共団体コード', () => {
  let company: Awaited<ReturnType<typeof seedCompany>>;
  let municipalityId: string;

  beforeAll(async () => {
    company = await seedCompany(server, { n: 30, publish: true, name: '番号検索株式会社' });
    await seedCompany(server, { n: 31, publish: true, name: '番号検索ではない株式会社' });
    const municipality = await server.call('POST', '/api/v1/organizations', { body: { ...MUNICIPALITY, name: '妙高市', localGovernmentCode: '152170', prefectureCode: '15' } });
    municipalityId = municipality.body.id;
    await server.call('POST', '/api/v1/awards', { body: { organizationId: municipalityId, fiscalYear: 2025, category: 'excellence' } });
  });

  const ids = async (q: string) =>
    (await server.call('GET', `/api/v1/organizations?q=${encodeURIComponent(q)}`, { token: null })).body.items.map((o: { id: string }) => o.id);

  it('finds an organization by its 法人番号, in ASCII, full-width or hyphenated digits', async () => {
    const number = company.organization.corporateNumber as string;
    expect(await ids(number)).toEqual([company.organization.id]);
    expect(await ids(toFullWidth(number))).toEqual([company.organization.id]);
    expect(await ids(`${number.slice(0, 1)}-${number.slice(1, 5)}-${number.slice(5, 9)}-${number.slice(9)}`)).toEqual([company.organization.id]);
  });

  it('finds a municipality by its 地方公共団体コード or its 法人番号', async () => {
    expect(await ids('152170')).toEqual([municipalityId]);
    expect(await ids('１５２１７０')).toEqual([municipalityId]);
    const municipality = await server.call('GET', `/api/v1/organizations/${municipalityId}`, { token: null });
    expect(await ids(municipality.body.corporateNumber)).toEqual([municipalityId]);
  });

  it("the portal's search box finds it too", async () => {
    const page = await server.call('GET', `/organizations?q=${encodeURIComponent(toFullWidth(company.organization.corporateNumber))}`, { token: null });
    expect(page.text).toContain('番号検索株式会社');
    expect(page.text).not.toContain('番号検索ではない株式会社');
    expect(page.text).toContain('検索結果（1件）');
  });

  it('never reveals an organization that is not public, and other numbers still search names', async () => {
    const draft = await seedCompany(server, { n: 32, name: '番号だけ下書き株式会社' });
    expect(await ids(draft.organization.corporateNumber)).toEqual([]);
    expect(await ids(corporateNumberFor(9_999))).toEqual([]);
    expect((await server.call('GET', `/api/v1/organizations?q=${draft.organization.corporateNumber}`)).body.items).toHaveLength(1);
  });
});
