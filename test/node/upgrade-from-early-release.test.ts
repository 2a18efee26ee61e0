// An operator upgrading a registry in use: test/fixtures/upgrade/old-registry.db was made by an
// early release (ae117c7, 11 migrations) through its own API (make-old-registry.ts, beside it).
// Today's server, started on a copy with the release's issuer key, migrates it and must answer as
// the release did: each credential as issued, verifying in both forms, revoked and suspended ones
// still so; the same search, lookup and statistics; the audit log as it was; the audit-based
// answers (lookup `?on=`, the organization page's history) for the old records; and the mail and
// webhook deliveries the release left waiting are sent. A future migration that breaks old data fails here.
import BetterSqlite3 from 'better-sqlite3';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const fixtures = new URL('../fixtures/upgrade/', import.meta.url).pathname;
const old = JSON.parse(readFileSync(join(fixtures, 'old-registry.json'), 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'registry-upgrade-'));
const dbPath = join(dir, 'registry.sqlite');
const mailDir = join(dir, 'mail');
const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
let receiver: Server;
let server: TestServer;

/** Rows of a table as the release left them. */
function oldRows(table: string): unknown[] {
  const db = new BetterSqlite3(join(dir, 'as-the-release-left-it.sqlite'), { readonly: true });
  try {
    return db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  copyFileSync(join(fixtures, 'old-registry.db'), dbPath);
  copyFileSync(join(fixtures, 'old-registry.db'), join(dir, 'as-the-release-left-it.sqlite'));
  mkdirSync(join(dir, 'keys'));
  copyFileSync(join(fixtures, 'old-registry-issuer-key.json'), join(dir, 'keys', 'old-registry-issuer-key.json'));
  receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk)).on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  // The partner's endpoint, as it is now (the release's was on a port of the machine that made the fixture).
  const db = new BetterSqlite3(dbPath);
  db.prepare('UPDATE webhooks SET url = ?').run(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`);
  // Time travel: the member signed in just before the upgrade (sessions last 30 idle minutes).
  const shift = Date.now() - old.signedIn.at;
  db.prepare('UPDATE sessions SET created_at = created_at + ?, last_seen_at = last_seen_at + ?, expires_at = expires_at + ?').run(shift, shift, shift);
  db.close();
  server = await startTestServer({
    DATABASE_PATH: dbPath, KEYS_DIR: join(dir, 'keys'), MAIL_DIR: mailDir, PUBLIC_BASE_URL: old.publicBaseUrl, REGISTRY_ADMIN_TOKEN: old.adminToken,
    WEBHOOK_ALLOW_INSECURE_LOCALHOST: 'true', WEBHOOK_DISPATCH_INTERVAL_MS: '200',
  });
});
afterAll(async () => {
  await server?.close();
  await new Promise((resolve) => receiver?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const publicCall = (method: string, path: string, options: Parameters<TestServer['call']>[2] = {}) => server.call(method, path, { token: null, ...options });

describe('upgrading a registry made by an early release', () => {
  it('applies every later migration once', () => {
    const db = new BetterSqlite3(dbPath, { readonly: true });
    expect(db.prepare('SELECT name FROM schema_migrations ORDER BY name').pluck().all()).toEqual(Object.keys(migrations).sort());
    db.close();
  });

  it('serves each credential as issued; both forms verify as before (revoked, suspended and superseded ones too)', async () => {
    expect(old.credentials.length).toBeGreaterThanOrEqual(10);
    for (const credential of old.credentials) {
      const json = await publicCall('GET', credential.path);
      expect(json.status, credential.path).toBe(200);
      expect(json.body).toEqual(credential.json);
      const jwt = await publicCall('GET', credential.path, { headers: { accept: 'application/vc+jwt' } });
      expect(jwt.text).toBe(credential.jwt);
      const page = await publicCall('GET', `/v/${credential.path.split('/').pop()}`, { headers: { accept: 'application/json' } });
      expect(page.body.verdict, `${credential.path} (${credential.subjectType}, ${credential.status})`).toBe(credential.verdict);
      for (const form of [credential.json, credential.jwt]) {
        const verified = await publicCall('POST', '/credentials/verify', { body: { verifiableCredential: form } });
        expect(verified.body.verified, `${credential.path} ${typeof form}: ${verified.text}`).toBe(credential.verdict === 'valid');
        expect(verified.status).toBe(credential.verdict === 'valid' ? 200 : 400);
      }
      const html = await publicCall('GET', `/v/${credential.path.split('/').pop()}`, { headers: { accept: 'text/html' } });
      expect(html.status).toBe(200);
    }
  });

  it('answers the same search, lookup, awards and statistics', async () => {
    const search = await publicCall('GET', '/api/v1/organizations?limit=100');
    expect(search.body.items.map((o: { id: string; name: string }) => [o.id, o.name])).toEqual(old.search.items.map((o: { id: string; name: string }) => [o.id, o.name]));
    const lookup = await server.call('POST', '/api/v1/lookup', { token: old.adminToken, body: { corporateNumbers: old.lookup.results.map((r: { input: string }) => r.input) } });
    expect(lookup.status, lookup.text).toBe(200);
    const outcome = (results: { ok: boolean; error?: { code: string } }[]) => results.map((r) => (r.ok ? 'ok' : r.error!.code));
    expect(outcome(lookup.body.results)).toEqual(outcome(old.lookup.results));
    const awards = await publicCall('GET', '/api/v1/awards?fiscalYear=2025');
    expect(awards.body.items.map((a: { id: string }) => a.id).sort()).toEqual(old.awardsList.items.map((a: { id: string }) => a.id).sort());
    const statistics = await server.call('GET', '/api/v1/statistics', { token: old.adminToken });
    expect(statistics.body.declarations.publishedNow).toBe(4);
    // (byStatus became byStage on purpose since, 950e29b: a returned draft counts as 差戻し.)
    for (const part of ['publicationsByMonth', 'publishedByPrefecture'] as const) expect(statistics.body.declarations[part]).toEqual(old.statistics.declarations[part]);
    expect(statistics.body.awards).toEqual(old.statistics.awards);
  });

  it('keeps the audit log as it was, and answers from it for the old records', async () => {
    const before = oldRows('audit_log') as object[];
    expect(before.length).toBeGreaterThan(50);
    const db = new BetterSqlite3(dbPath, { readonly: true });
    const after = db.prepare(`SELECT ${Object.keys(before[0]!).join(', ')} FROM audit_log ORDER BY rowid LIMIT ?`).all(before.length);
    db.close();
    expect(after).toEqual(before);

    // The day the release made them (in Japan) and the day before.
    const madeOn = new Date(Date.parse(old.credentials[0].json.validFrom) + 9 * 3600_000).toISOString().slice(0, 10);
    const dayBefore = new Date(Date.parse(`${madeOn}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const on = async (journey: string, day: string) => {
      const answer = await publicCall('GET', `/api/v1/organizations/by-corporate-number/${old.organizations[journey].corporateNumber}?on=${day}`);
      expect(answer.status, answer.text).toBeLessThan(500);
      return answer.body.declarationOn?.status ?? answer.body.declarationOn ?? null;
    };
    expect(await on('published', madeOn)).toBe('published');
    expect(await on('suspended', madeOn)).toBe('suspended');
    expect(await on('published', dayBefore)).toBeNull();

    for (const { id, name } of old.search.items as { id: string; name: string }[]) {
      const page = await publicCall('GET', `/organizations/${id}`, { headers: { accept: 'text/html' } });
      expect(page.status, name).toBe(200);
      expect(page.text).toContain(name);
    }
    // Published, suspended, published again: the history the audit log recorded, in that order.
    const page = await publicCall('GET', `/organizations/${old.organizations.reinstated.id}`, { headers: { accept: 'text/html' } });
    const history = /<details class="public-history">([\s\S]*?)<\/details>/.exec(page.text)?.[1] ?? '';
    expect([...history.matchAll(/<li>.*?<\/time> (\S+)<\/li>/g)].map((m) => m[1])).toEqual(['公表中', '一時停止中', '公表中']);
  });

  it("keeps a member's web session: the dashboard of their organization, as before", async () => {
    const my = await publicCall('GET', '/my', { headers: { cookie: old.signedIn.cookie, accept: 'text/html' }, redirect: 'manual' });
    expect(my.status, my.headers.get('location') ?? '').toBe(200);
    expect(my.text).toContain('株式会社publishedテレワーク');
  });

  it('sends the mail and the webhook deliveries the release left waiting', async () => {
    await expect.poll(() => readdirSync(mailDir).filter((name) => name.endsWith('.eml')).length, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => received.length, { timeout: 30_000 }).toBe((oldRows('webhook_deliveries') as unknown[]).length);
    for (const delivery of received) expect(delivery.headers['webhook-signature']).toMatch(/^v1,/);
  });
});
