/**
* The partner API's two costs (npx tsx bench/partners.ts, or as part of npm run bench), each against a baseline from the same run:
 *  1. bulk lookup of 1,000 法人番号: time per item relative to one single lookup (target ≤ 0.2×);
 *     plus what the per-request usage upsert adds to a partner's single lookup.
 *  2. webhook fan-out: 1,000 events to 10 receivers (local node:http servers), events per second.
 * The registry runs in this process on a temporary SQLite file (Node), over real HTTP.
 */
import { serve } from '@hono/node-server';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../src/adapters/sqlite/open.js';
import { createKyselyChangeOutbox } from '../src/adapters/kysely/change-events.js';
import { createApp } from '../src/http/app.js';
import { createNodeWebhookSender } from '../src/adapters/node/webhook-sender.js';
import { createKyselyRegistry } from '../src/registry.js';
import { DEFAULT_PARTNER_SETTINGS } from '../src/partner-settings.js';
import { uuidv7 } from '../src/domain/ids.js';
import { corporateNumberFor } from '../test/helpers/server.js';
import { pathToFileURL } from 'node:url';
import { printTable, type Figure } from './lib/measure.js';

export async function partnerFigures(): Promise<Figure[]> {
  const ITEMS = 1000;
  const RECEIVERS = 10;
  const dir = mkdtempSync(join(tmpdir(), 'bench-partners-'));
  const store = await openSqlite({ path: join(dir, 'registry.sqlite') });
  const registry = await createKyselyRegistry({
    db: store.db,
    unitOfWork: store.unitOfWork,
    config: { validityMonths: 36, publicBaseUrl: 'http://127.0.0.1', didMethod: 'did:web', partners: { ...DEFAULT_PARTNER_SETTINGS, webhookAllowInsecureLocalhost: true, webhookDispatchIntervalMs: 0 } },
    webhookSender: createNodeWebhookSender({ allowInsecureLocalhost: true }), // what src/node.ts runs
  });
  await registry.tokens.bootstrapAdmin('bench-admin-token-0123456789');
  const app = createApp({ registry, publicBaseUrl: 'http://127.0.0.1' });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const admin = { authorization: 'Bearer bench-admin-token-0123456789', 'content-type': 'application/json' };

  // Seed 1,000 listed companies, each with a published declaration, its credential and (every
  // third) an award, straight into SQLite: the lookups read exactly these tables.
  const now = new Date().toISOString();
  const numbers = Array.from({ length: ITEMS }, (_, i) => corporateNumberFor(100_000 + i));
  store.raw.transaction(() => {
    const org = store.raw.prepare(`INSERT INTO organizations (id, kind, corporate_number, name, search_text, prefecture_code, listed, row_version, created_at, updated_at) VALUES (?, 'company', ?, ?, ?, '13', 1, 1, ?, ?)`);
    const decl = store.raw.prepare(`INSERT INTO declarations (id, organization_id, status, current_version, row_version, valid_from, valid_until, published_at, created_at, updated_at) VALUES (?, ?, 'published', 1, 2, ?, '2029-01-01T00:00:00Z', ?, ?, ?)`);
    const cred = store.raw.prepare(`INSERT INTO credentials (id, subject_type, subject_id, subject_version, organization_id, status, key_id, valid_from, data_integrity, jwt, issued_at) VALUES (?, ?, ?, 1, ?, 'active', 'k', ?, '{}', 'x', ?)`);
    const award = store.raw.prepare(`INSERT INTO awards (id, organization_id, fiscal_year, category_code, awarded_on, status, row_version, created_at, updated_at) VALUES (?, ?, 2025, 'excellence', '2025-12-01', 'active', 1, ?, ?)`);
    numbers.forEach((number, i) => {
      const orgId = uuidv7();
      const declId = uuidv7();
      org.run(orgId, number, `ベンチ株式会社${i}`, `ベンチ株式会社${i}`, now, now);
      decl.run(declId, orgId, now, now, now, now);
      cred.run(crypto.randomUUID(), 'declaration', declId, orgId, now, now);
      if (i % 3 === 0) {
        const awardId = uuidv7();
        award.run(awardId, orgId, now, now);
        cred.run(crypto.randomUUID(), 'award', awardId, orgId, now, now);
      }
    });
  })();

  const partner = await (await fetch(`${base}/api/v1/partners`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'ベンチ人材', kind: 'hr-company', rateLimitPerMinute: 100_000 }) })).json() as { client_id: string; client_secret: string; id: string };
  const { access_token: token } = await (await fetch(`${base}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `grant_type=client_credentials&client_id=${partner.client_id}&client_secret=${partner.client_secret}` })).json() as { access_token: string };
  const asPartner = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  /** Mean milliseconds per call of `op` over `rounds` sequential calls (after a warm-up). */
  async function mean(rounds: number, op: (i: number) => Promise<unknown>) {
    for (let i = 0; i < Math.min(20, rounds); i++) await op(i);
    const start = performance.now();
    for (let i = 0; i < rounds; i++) await op(i);
    return (performance.now() - start) / rounds;
  }
  const get = (headers: Record<string, string>) => async (i: number) => {
    const response = await fetch(`${base}/api/v1/organizations/by-corporate-number/${numbers[i % ITEMS]}`, { headers });
    if (response.status !== 200) throw new Error(`single lookup ${response.status}`);
    await response.arrayBuffer();
  };

  const singlePartner = await mean(1000, get(asPartner));
  const bulk = await mean(10, async () => {
    const response = await fetch(`${base}/api/v1/lookup`, { method: 'POST', headers: asPartner, body: JSON.stringify({ corporateNumbers: numbers }) });
    const body = (await response.json()) as { results: { ok: boolean }[] };
    if (body.results.filter((r) => r.ok).length !== ITEMS) throw new Error('bulk lookup missed items');
  });

  // Webhook fan-out: 10 receivers, each subscribed once; 1,000 events committed through the outbox.
  let received = 0;
  const receivers = await Promise.all(
    Array.from({ length: RECEIVERS }, async () => {
      const receiver = createServer((request, response) => {
        request.resume();
        request.on('end', () => {
          received++;
          response.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      return receiver;
    }),
  );
  for (const receiver of receivers) {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const r = await fetch(`${base}/api/v1/partners/${partner.id}/webhooks`, { method: 'POST', headers: admin, body: JSON.stringify({ url, events: ['declaration.suspended'] }) });
    if (r.status !== 201) throw new Error(`webhook ${r.status} ${await r.text()}`);
  }
  const outbox = createKyselyChangeOutbox(store.db);
  const commitStart = performance.now();
  for (let i = 0; i < ITEMS; i++) {
    await store.unitOfWork.commit(
      outbox.append({ id: uuidv7(), type: 'declaration.suspended', occurredAt: now, subject: { type: 'declaration', id: `d${i}` }, organizationId: `o${i}`, data: { organization: { id: `o${i}` }, declaration: { id: `d${i}`, status: 'suspended' } } }),
    );
  }
  const commitSeconds = (performance.now() - commitStart) / 1000;
  const dispatchStart = performance.now();
  await registry.partners.dispatcher.runOnce();
  const dispatchSeconds = (performance.now() - dispatchStart) / 1000;
  if (received !== ITEMS * RECEIVERS) throw new Error(`receivers got ${received} of ${ITEMS * RECEIVERS}`);

  const figures: Figure[] = [
    {
      name: `Partner: bulk lookup of ${ITEMS} 法人番号, per item`,
      value: (bulk / ITEMS) * 1000,
      unit: 'µs',
      baseline: { name: 'single lookup (partner)', value: singlePartner * 1000, target: '≤ 0.2×' },
    },
    {
      name: `Partner: webhook fan-out, ${ITEMS} events × ${RECEIVERS} receivers`,
      value: ITEMS / dispatchSeconds,
      unit: 'events/s',
      baseline: { name: 'outbox commits (event + 10 deliveries)', value: ITEMS / commitSeconds },
    },
  ];
  await Promise.all(receivers.map((r) => new Promise((resolve) => r.close(resolve))));
  server.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return figures;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printTable(await partnerFigures());
  process.exit(0);
}
