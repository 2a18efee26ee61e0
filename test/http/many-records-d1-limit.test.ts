import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsMember } from '../helpers/staff.js';
import type { Browser } from '../helpers/web-browser.js';

/**
 * D1 binds at most 100 parameters a statement (local D1 too: "too many SQL variables"). An
 * organization with more than 100 awards or credentials still gets its pages and API answers:
 * no statement lists them all as parameters.
 */
const MANY = 120;
let server: TestServer;
let company: Awaited<ReturnType<typeof seedCompany>>;
let member: Browser;

/** `MANY` copies of the row `id` of `table`, with new ids (`<id>-copy-<n>`). */
function copyRow(db: BetterSqlite3.Database, table: string, id: string) {
  const row = db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown>;
  const columns = Object.keys(row);
  const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  db.transaction(() => {
    for (let n = 1; n <= MANY; n++) insert.run({ ...row, id: `${id}-copy-${n}` });
  })();
}

beforeAll(async () => {
  server = await startTestServer();
  company = await seedCompany(server, { n: 71, publish: true, name: '記録の多い株式会社' });
  const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: company.organization.id, fiscalYear: 2024, category: 'minister', awardedOn: '2025-02-10' } });
  expect(award.status, award.text).toBe(201);
  member = await signInAsMember(server, company.organization.id);
  const db = new BetterSqlite3(server.dbPath, { fileMustExist: true });
  try {
    copyRow(db, 'awards', award.body.id);
    const credential = db.prepare("SELECT id FROM credentials WHERE subject_type = 'declaration' AND subject_id = ?").get(company.declarationId) as { id: string };
    copyRow(db, 'credentials', credential.id);
  } finally {
    db.close();
  }
}, 180_000);

afterAll(async () => {
  await server?.close();
});

describe(`an organization with over ${MANY} awards and credentials`, () => {
  it("its members' history page lists its trail", async () => {
    const history = await member.request('GET', '/my/history');
    expect(history.status, history.text.slice(0, 500)).toBe(200);
    // The award's entry is found by its id among the 121 award ids; the declaration's by its own.
    expect(history.text).toContain('<span class="trail__what">表彰を記録</span>');
    expect(history.text).toContain('<span class="trail__what">宣言を公表</span>');
  });

  it('its credentials are listed, on the API, its badges page and its public page', async () => {
    const api = await server.call('GET', `/api/v1/organizations/${company.organization.id}/credentials`);
    expect(api.status, api.text.slice(0, 500)).toBe(200);
    expect(api.body.items.length).toBeGreaterThan(MANY);
    expect((await member.request('GET', '/my/badges')).status).toBe(200);
    const page = await server.call('GET', `/organizations/${company.organization.id}`, { token: null });
    expect(page.status, page.text.slice(0, 500)).toBe(200);
    expect(page.text).toContain('記録の多い株式会社');
  });
});
