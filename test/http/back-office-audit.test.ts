import BetterSqlite3 from 'better-sqlite3';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPANY, DECLARATION, corporateNumberFor, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator, signInAsStaff, staffCsrf } from '../helpers/staff.js';
import { browser, type Browser } from '../helpers/web-browser.js';
import { Kysely, SqliteDialect } from 'kysely';
import { auditFiltersOf, lookUpPeople } from '../../src/http/admin/audit-log.js';
import type { Database } from '../../src/adapters/kysely/schema.js';
import type { AuditEntry } from '../../src/domain/model.js';
import { createKyselyRegistry } from '../../src/registry.js';
import { onWorker } from '../helpers/targets.js';

/**
 * The back office's audit log, e-mail problems and statistics, over real HTTP on Node and on the
 * Worker: the filters narrow the log (action, record, actor, dates in Japan time), a bad date is a
 * message next to its field, the CSV holds the page's rows as Excel wants them, the statistics open
 * inside the back office for a session and stay the standalone page for a bearer token, and a
 * message the mail service refused shows up and can be sent again by an administrator.
 */
let server: TestServer;
let mailApi: Server;
/** What the mail API received; it refuses (422) anything to refused@… until `accept` is set. */
const delivered: { to: string; subject: string }[] = [];
let accept = false;
let admin: Browser;
let viewer: Browser;
let viewerId: string;
let company: Awaited<ReturnType<typeof seedCompany>>;
let returnedDeclaration: string;

/** A formula Excel would run, as a staff member's name: it reaches the CSV as the actor's name. */
const FORMULA_NAME = '=HYPERLINK("http://example.com","x")';

const rowsOf = (html: string) => [...html.matchAll(/<tr id="audit-(\d+)">([\s\S]*?)<\/tr>/g)].map((m) => ({ seq: Number(m[1]), html: m[2]! }));
const actionsOf = (html: string) => rowsOf(html).map((r) => /<code>([^<]+)<\/code><\/div><\/td>/.exec(r.html)?.[1]);
const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

async function until<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A day in Japan, `offset` days from today, as the date field writes it. */
const jstDay = (offset: number) => new Date(Date.now() + 9 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/** The raw bytes of a download in the browser's session (fetch's text() would drop the BOM). */
async function download(b: Browser, path: string) {
  const response = await fetch(server.url + path, { headers: { cookie: [...b.jar].map(([name, value]) => `${name}=${value}`).join('; ') }, redirect: 'manual' });
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** RFC 4180 records: quoted fields with doubled quotes, CRLF between records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let i = 0;
  while (i < text.length) {
    const record: string[] = [];
    for (;;) {
      expect(text[i], `field at ${i} is quoted`).toBe('"');
      let value = '';
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        value += text.slice(i, quote);
        i = quote + 1;
        if (text[i] === '"') {
          value += '"';
          i++;
        } else break;
      }
      record.push(value);
      if (text[i] === ',') i++;
      else break;
    }
    expect(text.slice(i, i + 2), `record end at ${i}`).toBe('\r\n');
    i += 2;
    records.push(record);
  }
  return records;
}

/** Log rows written straight to the database (declaration.create), for what the API cannot make: ids whose records are gone. */
function insertAuditRows(...rows: { actor_token_id: string; actor_role: string; actor_organization_id: string | null; entity_id: string; after: unknown }[]) {
  const db = new BetterSqlite3(server.dbPath);
  try {
    const insert = db.prepare(`INSERT INTO audit_log (at, actor_token_id, actor_role, actor_organization_id, action, entity_type, entity_id, before, after, request_id)
      VALUES (?, ?, ?, ?, 'declaration.create', 'declaration', ?, NULL, ?, NULL)`);
    for (const row of rows) insert.run(new Date().toISOString(), row.actor_token_id, row.actor_role, row.actor_organization_id, row.entity_id, JSON.stringify(row.after));
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  mailApi = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const message = JSON.parse(body);
      if (message.to.startsWith('refused@') && !accept) return response.writeHead(422).end('mailbox unavailable');
      delivered.push({ to: message.to, subject: message.subject });
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => mailApi.listen(0, '127.0.0.1', resolve));
  server = await startTestServer({ MAIL_API_URL: `http://127.0.0.1:${(mailApi.address() as AddressInfo).port}/send` });
  admin = await signInAsAdministrator(server);
  viewer = await signInAsStaff(server, admin, 'viewer', FORMULA_NAME);
  viewerId = /<option value="account:([^"]+)"[^>]*>=HYPERLINK/.exec((await admin.request('GET', '/admin/audit')).text)![1]!;
  company = await seedCompany(server, { n: 1, publish: true });
  expect((await server.call('POST', '/api/v1/awards', { body: { organizationId: company.organization.id, fiscalYear: 2025, category: 'excellence' } })).status).toBe(201);
  // A company whose contact address the mail service refuses: its declaration is returned (an e-mail).
  const org = await server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: '不達テスト株式会社', corporateNumber: corporateNumberFor(2), contact: { name: '人事', email: 'refused@example.jp' } } });
  expect(org.status, org.text).toBe(201);
  returnedDeclaration = (await server.call('POST', `/api/v1/organizations/${org.body.id}/declarations`, { body: DECLARATION })).body.id;
  expect((await server.call('POST', `/api/v1/declarations/${returnedDeclaration}/submit`)).status).toBe(200);
  expect((await server.call('POST', `/api/v1/declarations/${returnedDeclaration}/return`, { body: { reason: '記入漏れがあります' } })).status).toBe(200);
}, 180_000);

afterAll(async () => {
  await server?.close();
  mailApi?.closeAllConnections();
  await new Promise((resolve) => mailApi?.close(resolve));
});

describe('the audit log page', () => {
  it('lists every entry newest first, each with its time in Japan, who, what and the record', async () => {
    const page = await viewer.request('GET', '/admin/audit');
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="audit-filters"');
    expect(page.text).toContain('aria-current="page">監査ログ</a>');
    const rows = rowsOf(page.text);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.map((r) => r.seq)).toEqual([...rows.map((r) => r.seq)].sort((a, b) => b - a));
    const publish = rows.find((r) => r.html.includes('<code>declaration.publish</code>'))!;
    expect(publish.html).toContain('宣言の公表');
    expect(publish.html).toContain(`href="/admin/reviews/${company.declarationId}">テスト株式会社1の宣言</a>`);
    expect(publish.html).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}:\d{2}/);
    expect(publish.html).toContain('<details class="audit-change">');
    // A staff member's own doing shows their name (escaped), not account:<id>.
    const joined = rows.find((r) => r.html.includes('<code>staff.join</code>'))!;
    expect(unescape(joined.html)).toContain(`>${FORMULA_NAME}</a>`);
    // Organizations are named and linked.
    const created = rows.find((r) => r.html.includes('<code>organization.create</code>') && r.html.includes(company.organization.id))!;
    expect(created.html).toContain(`href="/admin/organizations/${company.organization.id}"`);
    expect(created.html).toContain('テスト株式会社1');
    // Who acted, with their role: 「事務局・閲覧者」, and in English without the Japanese middle dot.
    expect(joined.html).toContain('事務局・閲覧者');
    const english = rowsOf((await viewer.request('GET', '/admin/audit?lang=en')).text).find((r) => r.html.includes('<code>staff.join</code>'))!;
    expect(english.html).toContain('Secretariat (Viewer)');
    expect(english.html).not.toContain('・');
  });

  it('narrows the list by action', async () => {
    const page = await viewer.request('GET', '/admin/audit?action=declaration.publish');
    expect(page.status).toBe(200);
    const actions = actionsOf(page.text);
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(['declaration.publish']));
    const api = await server.call('GET', '/api/v1/audit-log?action=declaration.publish&limit=100');
    expect(rowsOf(page.text).map((r) => r.seq).sort()).toEqual(api.body.items.map((e: any) => e.seq).sort());
    expect(page.text).toContain('value="declaration.publish"');
  });

  it('says in the page’s words which fields an entry changed, leaving out the bookkeeping every write changes', async () => {
    const summaryOf = async (lang: string, id: string, action: string) => {
      const page = await viewer.request('GET', `/admin/audit?entityType=declaration&entityId=${id}${lang === 'en' ? '&lang=en' : ''}`);
      const row = rowsOf(page.text).find((r) => r.html.includes(`<code>${action}</code>`))!;
      return /<summary>([^<]*)<\/summary>/.exec(row.html)![1];
    };
    expect(await summaryOf('ja', company.declarationId, 'declaration.publish')).toBe('変更された項目: 状態、有効期間の開始日、有効期限、公表日時');
    expect(await summaryOf('ja', returnedDeclaration, 'declaration.return')).toBe('変更された項目: 状態、理由');
    expect(await summaryOf('en', returnedDeclaration, 'declaration.return')).toBe('Changed: Status, Reason');
  });

  it('names the registry’s own processes in the page’s language', async () => {
    // The administrator token registered at the first start: the registry itself did it.
    const bootstrap = (lang: string) => viewer.request('GET', `/admin/audit?action=token.create${lang === 'en' ? '&lang=en' : ''}`);
    const ja = rowsOf((await bootstrap('ja')).text).at(-1)!.html;
    expect(ja).toContain('システム（初回起動時の設定）');
    expect(ja).not.toContain('bootstrap）');
    expect(rowsOf((await bootstrap('en')).text).at(-1)!.html).toContain('System (first start)');
  });

  it('names the first administrator token by its role in the page’s language, not by its stored English label', async () => {
    const tokens = (await server.call('GET', '/api/v1/tokens')).body.items as { id: string; label: string }[];
    const bootstrapToken = tokens.find((t) => t.label === 'bootstrap administrator')!; // stored as it always was
    const actorCell = async (lang: string) => {
      const page = await viewer.request('GET', `/admin/audit?actorTokenId=${bootstrapToken.id}${lang === 'en' ? '&lang=en' : ''}`);
      return rowsOf(page.text)[0]!.html.split('<td>')[1]!;
    };
    const ja = await actorCell('ja');
    expect(ja).toContain('>初期管理者トークン</a>');
    expect(ja).not.toContain('bootstrap administrator');
    expect(await actorCell('en')).toContain('>Bootstrap administrator token</a>');
  });

  it('narrows the list by record', async () => {
    const page = await viewer.request('GET', `/admin/audit?entityType=declaration&entityId=${company.declarationId}`);
    expect(actionsOf(page.text)).toEqual(['declaration.publish', 'declaration.submit', 'declaration.create']);
  });

  it('narrows the list by actor: a staff member from the list, a token, an organization', async () => {
    const byStaff = await admin.request('GET', `/admin/audit?staff=account:${viewerId}`);
    expect(byStaff.status).toBe(200);
    const staffActions = actionsOf(byStaff.text);
    expect(staffActions).toContain('staff.join');
    expect(rowsOf(byStaff.text).every((r) => unescape(r.html).includes(FORMULA_NAME))).toBe(true);
    // The same as typing account:<id>.
    const typed = await admin.request('GET', `/admin/audit?actorTokenId=account:${viewerId}`);
    expect(rowsOf(typed.text).map((r) => r.seq)).toEqual(rowsOf(byStaff.text).map((r) => r.seq));

    const byToken = await admin.request('GET', `/admin/audit?actorTokenId=${company.tokenId}`);
    expect(actionsOf(byToken.text)).toEqual(['declaration.submit', 'declaration.create']);
    expect(byToken.text).toContain('APIトークン「テスト株式会社1」');
    const byOrganization = await admin.request('GET', `/admin/audit?actorOrganizationId=${company.organization.id}`);
    expect(rowsOf(byOrganization.text).map((r) => r.seq)).toEqual(rowsOf(byToken.text).map((r) => r.seq));

    // Both a chosen staff member and another typed id: which one is meant? A message, not a guess.
    const both = await admin.request('GET', `/admin/audit?staff=account:${viewerId}&actorTokenId=${company.tokenId}`);
    expect(both.status).toBe(400);
    expect(both.text).toMatch(/id="f-actorTokenId-error"[^>]*>[\s\S]*?どちらか一方/);
  });

  it('narrows the list by dates in Japan time, the end day included', async () => {
    const all = rowsOf((await viewer.request('GET', '/admin/audit')).text).length;
    const around = await viewer.request('GET', `/admin/audit?from=${jstDay(-1)}&to=${jstDay(1)}`);
    expect(rowsOf(around.text).length).toBe(all);
    expect((await viewer.request('GET', `/admin/audit?to=${jstDay(0)}`)).text).toContain('<tr id="audit-');
    expect(rowsOf((await viewer.request('GET', `/admin/audit?from=${jstDay(1)}`)).text)).toEqual([]);
    expect(rowsOf((await viewer.request('GET', `/admin/audit?to=${jstDay(-1)}`)).text)).toEqual([]);
    expect((await viewer.request('GET', `/admin/audit?from=${jstDay(1)}`)).text).toContain('条件に合う記録はありません');
  });

  it('reads the dates as days in Japan, from the first day at midnight to the end of the last', () => {
    const { filters, errors } = auditFiltersOf(new URLSearchParams({ from: '2025-04-01', to: '2025-04-30', action: ' declaration.publish ' }));
    expect(errors).toBeUndefined();
    expect(filters).toEqual({ from: '2025-03-31T15:00:00.000Z', to: '2025-04-30T15:00:00.000Z', action: 'declaration.publish' });
    expect(auditFiltersOf(new URLSearchParams({ from: '2025-04-01', to: '2025-04-01' })).filters).toEqual({ from: '2025-03-31T15:00:00.000Z', to: '2025-04-01T15:00:00.000Z' });
    // As people write a day where no date picker opens: the same days, shown back in the form a date field shows.
    const written = auditFiltersOf(new URLSearchParams({ from: '令和7年4月1日', to: '2025/4/30' }));
    expect(written.errors).toBeUndefined();
    expect(written.filters).toEqual({ from: '2025-03-31T15:00:00.000Z', to: '2025-04-30T15:00:00.000Z' });
    expect(written.values).toMatchObject({ from: '2025-04-01', to: '2025-04-30' });
    expect(auditFiltersOf(new URLSearchParams({ entityId: 'x'.repeat(65) })).errors?.byField.entityId?.[0]?.ja).toContain('64文字以内');
    expect(auditFiltersOf(new URLSearchParams({ staff: 'someone' })).errors?.byField.staff).toBeDefined();
  });

  it('answers a malformed date with the page and a message next to the field (400), not an error', async () => {
    for (const bad of ['2025-13-45', 'yesterday', '2025-02-30']) {
      const page = await viewer.request('GET', `/admin/audit?from=${encodeURIComponent(bad)}&action=declaration.publish`);
      expect(page.status, bad).toBe(400);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.text).toMatch(/id="f-from-error"[^>]*>[\s\S]*?実在する日/);
      expect(page.text).toContain('aria-invalid="true"');
      expect(page.text).toContain(`value="${bad}"`); // what was typed stays
      expect(page.text).not.toContain('id="audit-log"');
    }
    const reversed = await viewer.request('GET', `/admin/audit?from=${jstDay(0)}&to=${jstDay(-2)}`);
    expect(reversed.status).toBe(400);
    expect(reversed.text).toMatch(/id="f-to-error"[^>]*>[\s\S]*?終了日/);
    const english = await viewer.request('GET', '/admin/audit?to=31/12/2025&lang=en');
    expect(english.status).toBe(400);
    expect(english.text).toContain('Enter a real date as YYYY-MM-DD');
    // The summary at the top says which field each message is about: the two dates read alike.
    const both = await viewer.request('GET', '/admin/audit?from=2025-13-01&entityId=%01');
    expect(both.status).toBe(400);
    expect(both.text).toContain('<a href="#f-from">この日から: 日付は「2025-04-01」の形');
    expect(both.text).toContain('<a href="#f-entityId">記録のID: 制御文字は使えません。</a>');
    expect(english.text).toContain('<a href="#f-to">To (inclusive): Enter a real date as YYYY-MM-DD');
  });

  it('pages through older entries with the link, none twice', async () => {
    // Refused sign-ins write one entry each: more than a page of them.
    for (let batch = 0; batch < 53; batch += 9) {
      await Promise.all(Array.from({ length: Math.min(9, 53 - batch) }, (_, i) => browser(server, server.url).request('POST', '/admin/login', { form: { token: `wrong-${batch + i}` } })));
    }
    const first = await admin.request('GET', '/admin/audit?action=account.sign-in-refused');
    const firstRows = rowsOf(first.text);
    expect(firstRows).toHaveLength(50);
    const older = /<a id="audit-older" rel="next" href="([^"]+)"/.exec(first.text)![1]!;
    expect(unescape(older)).toContain('action=account.sign-in-refused');
    const second = await admin.request('GET', unescape(older));
    const secondRows = rowsOf(second.text);
    expect(secondRows.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...secondRows.map((r) => r.seq))).toBeLessThan(Math.min(...firstRows.map((r) => r.seq)));
    expect(new Set(actionsOf(second.text))).toEqual(new Set(['account.sign-in-refused']));
    expect(second.text).toContain('最新の記録に戻る');
  });

  it('links an entry about no single record (the organizations exported) to no page: every link in the log opens a page, in either language', async () => {
    expect((await download(admin, '/admin/organizations/export.csv')).status).toBe(200);
    for (const lang of ['', '?lang=en']) {
      const page = await admin.request('GET', `/admin/audit${lang}`);
      const exported = rowsOf(page.text).find((r) => r.html.includes('<code>organizations.export</code>'))!;
      expect(exported.html).toContain(lang ? '(no single record)' : '（特定の記録なし）');
      const hrefs = new Set(rowsOf(page.text).flatMap((r) => [...r.html.matchAll(/href="([^"]+)"/g)].map((m) => unescape(m[1]!))));
      for (const href of hrefs) expect((await admin.request('GET', href)).status, href).toBeLessThan(400);
    }
  });

  it('names partners, webhooks and staff accounts as records (escaped), linked to their pages for administrators only', async () => {
    const name = '<b>監査&"パートナー"</b>';
    const registered = await admin.request('POST', '/admin/partners', { form: { csrf: await staffCsrf(admin), name, kind: 'hr-company', rateLimitPerMinute: '' } });
    expect(registered.status).toBe(200);
    const partnerId = /href="\/admin\/partners\/([^"?]+)"/.exec(registered.text)![1]!;
    const hook = await admin.request('POST', `/admin/partners/${partnerId}/webhooks`, { form: { csrf: await staffCsrf(admin), url: 'https://receiver.example/audit-hook', events: 'declaration.published' } });
    expect(hook.status).toBe(200);
    const escaped = '&lt;b&gt;監査&amp;&quot;パートナー&quot;&lt;/b&gt;';
    /** The record cell (the fourth) of the newest row with `action`. */
    const recordOf = (html: string, action: string) => rowsOf(html).find((r) => r.html.includes(`<code>${action}</code>`))!.html.split('<td>')[3]!;
    const asAdmin = (await admin.request('GET', '/admin/audit')).text;
    expect(recordOf(asAdmin, 'partner.create')).toContain(`<a href="/admin/partners/${partnerId}">${escaped}</a>`);
    expect(recordOf(asAdmin, 'webhook.create')).toContain(`<a href="/admin/partners/${partnerId}">https://receiver.example/audit-hook（${escaped}）</a>`);
    // The viewer's joining, on the page of that account's history (the newest page has moved on).
    const viewerHistory = `/admin/audit?entityType=account&entityId=${viewerId}`;
    const joined = async (b: Browser) => recordOf((await b.request('GET', viewerHistory)).text, 'staff.join');
    expect(unescape(await joined(admin))).toContain(`<a href="/admin/staff">${FORMULA_NAME}</a>`);
    expect(asAdmin).not.toContain(name);
    const english = (await admin.request('GET', '/admin/audit?lang=en')).text;
    expect(recordOf(english, 'webhook.create')).toContain(`<a href="/admin/partners/${partnerId}?lang=en">https://receiver.example/audit-hook (${escaped})</a>`);
    // A viewer reads the names; the partners' and the staff's pages are administrators' only, so no link.
    const asViewer = (await viewer.request('GET', '/admin/audit')).text;
    expect(recordOf(asViewer, 'partner.create')).toContain(escaped);
    expect(recordOf(asViewer, 'partner.create')).not.toContain('href="/admin/partners/');
    expect(recordOf(asViewer, 'webhook.create')).toContain(`https://receiver.example/audit-hook（${escaped}）`);
    expect(unescape(await joined(viewer))).toContain(FORMULA_NAME);
    expect(await joined(viewer)).not.toContain('href="/admin/staff"');
    expect(asViewer).not.toContain(name);
  });

  it('names an award by its organization and year, and an API token by its label, not by their ids', async () => {
    const recordOf = async (query: string, action: string) => {
      const html = (await viewer.request('GET', `/admin/audit?${query}`)).text;
      return rowsOf(html).find((r) => r.html.includes(`<code>${action}</code>`))!.html.split('<td>')[3]!;
    };
    const award = await recordOf(`action=award.create&organization=${company.organization.id}`, 'award.create');
    expect(award).toMatch(/<a href="\/admin\/awards\/[^"]+">テスト株式会社1の令和7年度（2025年度）の表彰<\/a>/);
    const awardEn = await recordOf(`action=award.create&organization=${company.organization.id}&lang=en`, 'award.create');
    expect(awardEn).toContain('>Award of テスト株式会社1 (FY2025)</a>');
    const token = await recordOf(`action=token.create&entityId=${company.tokenId}`, 'token.create');
    expect(token).toContain('「テスト株式会社1」');
    expect(token).not.toContain(`<code>${company.tokenId}</code>`);
  });

  it('names every actor and organization on a page naming many, and shows the ids it cannot find as they are, on the page and in the CSV', async () => {
    // Twenty organizations, each with its own token, each token creating its organization's declaration.
    const seeded = [];
    for (let i = 0; i < 20; i++) seeded.push(await seedCompany(server, { n: 300 + i, name: `監査名簿${i}株式会社` }));
    // Ids the log kept whose records are gone: nothing the API can delete, so written as a log row.
    insertAuditRows(
      { actor_token_id: 'token-gone', actor_role: 'organization', actor_organization_id: 'org-gone', entity_id: 'declaration-gone', after: { organizationId: 'org-gone' } },
      { actor_token_id: 'account:account-gone', actor_role: 'organization', actor_organization_id: null, entity_id: 'declaration-gone-2', after: { organizationId: 'org-gone-2' } },
    );
    const page = await viewer.request('GET', '/admin/audit?action=declaration.create');
    expect(page.status).toBe(200);
    const cells = (needle: string) => rowsOf(page.text).find((r) => r.html.includes(needle))!.html.split('<td>');
    for (const [i, { organization, tokenId }] of seeded.entries()) {
      const [, actor, , record] = cells(`actorTokenId=${tokenId}"`);
      expect(actor).toContain(`>APIトークン「監査名簿${i}株式会社」</a>`);
      expect(actor).toContain(`<a href="/admin/organizations/${organization.id}">監査名簿${i}株式会社</a>`);
      expect(record).toContain(`>監査名簿${i}株式会社の宣言</a>`);
    }
    const [, goneToken, , goneRecord] = cells('actorTokenId=token-gone"');
    expect(goneToken).toContain('<a href="/admin/audit?actorTokenId=token-gone">token-gone</a>');
    expect(goneToken).toContain('<a href="/admin/organizations/org-gone">org-gone</a>');
    expect(goneRecord).toContain('<a href="/admin/reviews/declaration-gone">declaration-gone</a>');
    expect(cells('actorTokenId=account%3Aaccount-gone"')[1]).toContain('>account:account-gone</a>');

    const [, ...records] = parseCsv(new TextDecoder().decode((await download(viewer, '/admin/audit/export.csv?action=declaration.create')).bytes));
    const who = (actorId: string) => records.find((r) => r[4] === actorId)?.[3];
    for (const [i, { tokenId }] of seeded.entries()) expect(who(tokenId)).toBe(`APIトークン「監査名簿${i}株式会社」`);
    expect(who('token-gone')).toBe('token-gone');
    expect(who('account:account-gone')).toBe('account:account-gone');
  });

  it.skipIf(onWorker)('reads the names of a page naming many actors and organizations in a few statements, not one per id', async () => {
    // The entries of the test above (after it: twenty tokens, twenty-two organizations, a gone account), looked up as the page does, over the same database file.
    const entries = (await server.call('GET', '/api/v1/audit-log?action=declaration.create&limit=100')).body.items as AuditEntry[];
    expect(new Set(entries.map((e) => e.actorTokenId)).size).toBeGreaterThan(20);
    const raw = new BetterSqlite3(server.dbPath);
    let statements = 0;
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: { prepare: (sql: string) => (statements++, raw.prepare(sql)), close: () => raw.close() } }) });
    try {
      const registry = await createKyselyRegistry({ db, unitOfWork: { commit: () => Promise.reject(new Error('read only')) }, config: { validityMonths: 12, publicBaseUrl: server.url, didMethod: 'did:key' } });
      statements = 0;
      const people = await lookUpPeople(registry, entries);
      // One read each for accounts, tokens and organizations (D1 takes at most 100 parameters: 90 ids a statement).
      expect(statements).toBeLessThanOrEqual(3);
      expect(people.tokens.get('token-gone')).toBeNull();
      expect(people.organizations.get('org-gone')).toBeNull();
      expect(people.accounts.get('account-gone')).toBeNull();
      expect([...people.tokens.values()].filter(Boolean).map((t) => t!.label)).toContain('監査名簿19株式会社');
    } finally {
      await db.destroy();
    }
  });

  it('is for staff only', async () => {
    const signedOut = await browser(server, server.url).request('GET', '/admin/audit');
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get('location')).toMatch(/^\/admin\/login\?next=/);
    expect((await browser(server, server.url).request('GET', '/admin/audit/export.csv')).status).toBe(302);
  });
});

describe('the audit log as CSV', () => {
  it('is UTF-8 with a BOM, CRLF, a header, every field quoted, formulas neutralised, and the same rows as the page', async () => {
    const link = /<a id="audit-export"[^>]*href="([^"]+)"/.exec((await viewer.request('GET', `/admin/audit?staff=account:${viewerId}`)).text)![1]!;
    expect(unescape(link)).toBe(`/admin/audit/export.csv?staff=account%3A${viewerId}`);
    // Read before the download, which is itself audited.
    const page = await viewer.request('GET', `/admin/audit?staff=account:${viewerId}`);
    const { status, headers, bytes } = await download(viewer, unescape(link));
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(headers.get('content-disposition')).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(headers.get('cache-control')).toBe('no-store');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes); // the BOM is dropped here, as a reader does
    expect(text).not.toMatch(/[^\r]\n/); // every line ends in CRLF
    const [header, ...records] = parseCsv(text);
    expect(header).toEqual(['通し番号', '日時（日本時間）', '日時（UTC）', '操作した人', '操作者ID', '操作者の種類', '操作した団体のID', '操作', '操作（内容）', '記録の種類', '記録のID', '変更前（JSON）', '変更後（JSON）', 'リクエストID']);
    expect(text.startsWith('"通し番号","日時（日本時間）"')).toBe(true);
    // The page's rows, in the page's order.
    expect(records.map((r) => Number(r[0]))).toEqual(rowsOf(page.text).map((r) => r.seq));
    const join = records.find((r) => r[7] === 'staff.join')!;
    // The name a spreadsheet would run as a formula starts with an apostrophe; quotes inside are doubled on the wire.
    expect(join[3]).toBe(`'${FORMULA_NAME}`);
    expect(text).toContain(`"'=HYPERLINK(""http://example.com"",""x"")"`);
    expect(join[4]).toBe(`account:${viewerId}`);
    expect(join[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(join[8]).toBe('職員の参加'); // the action in words beside its code, as the page shows it
    expect(JSON.parse(join[12]!)).toMatchObject({ role: 'viewer', via: 'invitation' });

    // A refused sign-in names no account ("-"): a leading minus is neutralised too.
    const refused = parseCsv(new TextDecoder().decode((await download(admin, '/admin/audit/export.csv?action=account.sign-in-refused&lang=en')).bytes));
    expect(refused[0]![0]).toBe('Seq');
    expect(refused[0]![8]).toBe('Action (in words)');
    expect(refused.slice(1).every((r) => r[8] === 'Sign-in refused')).toBe(true);
    expect(refused.slice(1).some((r) => r[10] === "'-")).toBe(true);
  });

  it('withholds people’s contact details from all but administrators, on the page and in the file; every download is audited', async () => {
    const query = '?action=organization.create';
    const asViewer = new TextDecoder().decode((await download(viewer, `/admin/audit/export.csv${query}`)).bytes);
    const viewerPage = (await viewer.request('GET', `/admin/audit${query}`)).text;
    for (const text of [asViewer, viewerPage]) {
      expect(text).toContain('不達テスト株式会社');
      expect(text).not.toContain('refused@example.jp');
      expect(text).toContain('管理者のみ閲覧可');
    }
    const asAdmin = new TextDecoder().decode((await download(admin, `/admin/audit/export.csv${query}`)).bytes);
    expect(asAdmin).toContain('refused@example.jp');
    await expect.poll(async () => (await server.call('GET', '/api/v1/audit-log?action=audit.export')).body.items.length).toBeGreaterThanOrEqual(2);
    const exports = (await server.call('GET', '/api/v1/audit-log?action=audit.export')).body.items;
    expect(exports).toContainEqual(expect.objectContaining({ entityType: 'audit', actorRole: 'admin:administrator', after: { rows: expect.any(Number), complete: true, format: 'csv', filters: { action: 'organization.create' } } }));
    // Each download records the staff role its author had then: a viewer's is a viewer's, not an administrator's.
    expect(exports.find((e: { actorTokenId: string }) => e.actorTokenId === `account:${viewerId}`)).toMatchObject({ actorRole: 'admin:viewer' });
  });

  it('refuses the same bad filters as the page, with the page', async () => {
    const bad = await viewer.request('GET', '/admin/audit/export.csv?from=2025-99-01');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^text\/html/);
    expect(bad.text).toContain('id="f-from-error"');
  });
});

describe('statistics in the back office', () => {
  it('opens inside the back office for a staff session, in either language', async () => {
    for (const b of [admin, viewer]) {
      const page = await b.request('GET', '/admin/statistics');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.text).toContain('class="admin-nav"');
      expect(page.text).toContain('aria-current="page">統計</a>');
      // Six charts; the month chart twice, as columns and as rows for a narrow screen (CSS shows one).
      expect(page.text.match(/<svg[^>]*role="img"/g)).toHaveLength(7);
      expect(page.text).toContain('<title id="by-prefecture-title">都道府県別の公表中の宣言</title>');
      expect(page.text).toMatch(/<th scope="row">東京都<\/th><td class="number">1<\/td>/);
      expect(page.text).not.toContain('<style>');
    }
    const english = await viewer.request('GET', '/admin/statistics?lang=en');
    expect(english.text).toContain('<title id="by-prefecture-title">Published declarations by prefecture</title>');
    expect(english.text).toMatch(/<th scope="row">Tokyo<\/th><td class="number">1<\/td>/);
    expect(english.text).toContain('aria-current="page">Statistics</a>');
    // Every link on the page opens a page for the signed-in officer (the JSON API's link answered 401).
    for (const page of [await viewer.request('GET', '/admin/statistics'), english]) {
      const main = page.text.slice(page.text.indexOf('<main'), page.text.indexOf('</main>'));
      for (const [, href] of main.matchAll(/href="([^"#][^"]*)"/g)) expect((await viewer.request('GET', unescape(href!))).status, href).toBeLessThan(400);
    }
  });

  it('stays the standalone page for a bearer token, and the API answers without one', async () => {
    const page = await server.call('GET', '/admin/statistics');
    expect(page.status).toBe(200);
    expect(page.text.startsWith('<!doctype html>')).toBe(true);
    expect(page.text).not.toContain('admin-nav');
    // Six charts, the month chart twice (columns and rows).
    expect(page.text.match(/<svg[^>]*role="img"/g)).toHaveLength(7);
    const none = await server.call('GET', '/admin/statistics', { token: null });
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await server.call('GET', '/admin/statistics', { token: company.orgToken })).status).toBe(403);
    // A person's browser without a session is sent to the back office's sign-in instead.
    const navigation = await fetch(`${server.url}/admin/statistics`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }, redirect: 'manual' });
    expect(navigation.status).toBe(302);
    expect(navigation.headers.get('location')).toBe('/admin/login?next=%2Fadmin%2Fstatistics');
  });
});

describe('e-mail that did not go out', () => {
  const problemRow = (html: string) => /<tr id="mail-([^"]+)">([\s\S]*?)<\/tr>/.exec(html);

  it('lists the message the mail service refused, for every staff member; only administrators may send it again', async () => {
    const page = await until(async () => {
      const p = await viewer.request('GET', '/admin/mail');
      // Newest first: the return's message once it failed (the submission's receipt to the same address failed before it).
      const newest = problemRow(p.text)?.[2];
      return newest?.includes('送信失敗') && newest.includes('差戻しの通知') ? p : null;
    });
    expect(page.status).toBe(200);
    expect(page.text).toContain('aria-current="page">メール</a>');
    const row = problemRow(page.text)!;
    // The recipient is an organization's contact or a member: their address is for administrators only, as in the audit log.
    expect(row[2]).not.toContain('refused@example.jp');
    expect(row[2]).toContain('（管理者のみ閲覧可 / administrators only）');
    expect(problemRow((await admin.request('GET', '/admin/mail')).text)![2]).toContain('refused@example.jp');
    expect(row[2]).toContain('差戻しの通知');
    expect(row[2]).toContain('不達テスト株式会社');
    expect(row[2]).toContain('HTTP 422: mailbox unavailable');
    expect(row[2]).toMatch(/<td class="number">1<\/td>/);
    expect(row[2]).not.toContain('記入漏れ'); // the body is never shown
    expect(page.text).not.toContain('mail-retry-');

    const id = row[1]!;
    const refused = await viewer.request('POST', `/admin/mail/${id}/retry`, { form: { csrf: await staffCsrf(viewer) } });
    expect(refused.status).toBe(403);
    expect(problemRow((await viewer.request('GET', '/admin/mail')).text)![2]).toContain('送信失敗');

    const adminPage = await admin.request('GET', '/admin/mail');
    expect(adminPage.text).toContain(`id="mail-retry-${id}"`);
    accept = true;
    const retried = await admin.request('POST', `/admin/mail/${id}/retry`, { form: { csrf: await staffCsrf(admin) } });
    expect(retried.status).toBe(303);
    expect(retried.headers.get('location')).toBe('/admin/mail?done=retried');
    const audit = (await server.call('GET', `/api/v1/audit-log?action=mail.retry&entityId=${id}`)).body.items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entityType: 'mail', before: { status: 'failed', attempts: 1, recipient: 'refused@example.jp' }, after: { status: 'pending' } });
    // The retry's entry names the recipient for administrators only.
    expect((await viewer.request('GET', '/admin/audit?action=mail.retry')).text).not.toContain('refused@example.jp');
    expect((await admin.request('GET', '/admin/audit?action=mail.retry')).text).toContain('refused@example.jp');
    // Sent this time: it reaches the mail service and leaves the list.
    await until(async () => delivered.find((m) => m.to === 'refused@example.jp'));
    await until(async () => !(await admin.request('GET', '/admin/mail')).text.includes(`id="mail-${id}"`));
    // Nothing left to retry: a state conflict, as a page.
    const again = await admin.request('POST', `/admin/mail/${id}/retry`, { form: { csrf: await staffCsrf(admin) } });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await admin.request('POST', '/admin/mail/no-such-message/retry', { form: { csrf: await staffCsrf(admin) } })).status).toBe(404);
  });
});
