/**
 * A webhook is registered or enabled only while its partner is active, and a partner holds at
 * most MAX_WEBHOOKS_PER_PARTNER: the write itself says so (one statement, on SQLite as on D1), so a
 * deactivation committed between the service's check and its write cannot let one through. The
 * partner repository here answers with the partner as it was before that deactivation (a read
 * that came just before it), over a real SQLite file.
 */
import { describe, expect, it } from 'vitest';
import { createKyselyAudit } from '../../src/adapters/kysely/audit.js';
import { createKyselyDeliveries } from '../../src/adapters/kysely/deliveries.js';
import { createKyselyPartners } from '../../src/adapters/kysely/partners.js';
import { createKyselyWebhooks } from '../../src/adapters/kysely/webhooks.js';
import { DomainError } from '../../src/domain/errors.js';
import { WriteConflict } from '../../src/ports/store.js';
import { createWebhookService, MAX_WEBHOOKS_PER_PARTNER } from '../../src/domain/services/webhooks.js';
import { ADMIN as admin, registryOnFreshFile } from '../helpers/database-file.js';

const HOOK = { url: 'https://receiver.example/hook', events: ['award.granted' as const] };

/** A registry on a fresh database file, with one partner. */
async function setUp() {
  const { store, registry } = await registryOnFreshFile('webhook-partner-state-');
  const { partner } = await registry.partners.clients.register(admin, { name: '株式会社競合テスト', kind: 'hr-company' });
  const partners = createKyselyPartners(store.db);
  /**
   * The webhook service, reading the partner as it was now (active) until it writes: what a
   * deactivation committed between its check and its write looks like to it. Reads after the
   * write (to say why it was refused) see the database.
   */
  const staleService = () => {
    const seen = { ...partner };
    let wrote = false;
    let n = 0;
    return createWebhookService({
      partners: { ...partners, get: async (id) => (id === seen.id && !wrote ? seen : partners.get(id)) },
      webhooks: createKyselyWebhooks(store.db),
      deliveries: createKyselyDeliveries(store.db),
      audit: createKyselyAudit(store.db),
      uow: { commit: (ops) => ((wrote = true), store.unitOfWork.commit(ops)) },
      clock: { now: () => new Date() },
      newId: () => `stale-${++n}`,
      allowInsecureLocalhost: false,
    });
  };
  const rows = () => store.db.selectFrom('webhooks').selectAll().where('partner_id', '=', partner.id).execute();
  const auditOf = async (action: string) => (await store.db.selectFrom('audit_log').select('entity_id').where('action', '=', action).execute()).map((e) => e.entity_id);
  return { store, registry, partner, staleService, rows, auditOf };
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('webhooks and their partner\'s state (real SQLite file)', () => {
  it('enabling a disabled webhook after its partner was deactivated (past the check) is refused with the deactivation message; it stays disabled, nothing audited', async () => {
    const { store, registry, partner, staleService, rows, auditOf } = await setUp();
    const { webhook } = await registry.partners.webhooks.register(admin, partner.id, HOOK);
    await store.db.updateTable('webhooks').set({ disabled_at: new Date().toISOString(), disabled_reason: '410 Gone' }).where('id', '=', webhook.id).execute();
    await registry.partners.clients.deactivate(admin, partner.id, { reason: '契約終了' });

    const error = await refusal(staleService().enable(admin, partner.id, webhook.id));
    expect(error).toMatchObject({ kind: 'conflict', ja: 'このパートナーは停止中のため、Webhook を有効に戻せません。パートナーを再開してから有効に戻してください。' });
    expect((await rows())[0]!.disabled_at).not.toBeNull();
    expect(await auditOf('webhook.enable')).toEqual([]);
  });

  it('registering after the partner was deactivated (past the check) stores nothing: the insert itself refuses, and the answer is the deactivation message', async () => {
    const { registry, partner, staleService, rows, auditOf } = await setUp();
    await registry.partners.clients.deactivate(admin, partner.id, { reason: '契約終了' });

    const error = await refusal(staleService().register(admin, partner.id, HOOK));
    expect(error).toMatchObject({ kind: 'conflict', ja: 'このパートナーは停止中のため、Webhook を登録できません。パートナーを再開してから登録してください。' });
    expect(await rows()).toEqual([]);
    expect(await auditOf('webhook.create')).toEqual([]);
  });

  it('the repository\'s insert alone refuses a deactivated partner, one at the limit, and a second to one URL (WriteConflict, no row); an active one under it is stored', async () => {
    const { store, registry, partner, rows } = await setUp();
    const webhooks = createKyselyWebhooks(store.db);
    const hook = (id: string) => ({ id, partnerId: partner.id, url: `${HOOK.url}/${id}`, events: HOOK.events, createdAt: new Date().toISOString(), disabledAt: null, disabledReason: null });

    await store.unitOfWork.commit(webhooks.insert(hook('w-first'), 'whsec_x', { limit: 2 }));
    await expect(store.unitOfWork.commit(webhooks.insert({ ...hook('w-twin'), url: hook('w-first').url }, 'whsec_x', { limit: 2 }))).rejects.toBeInstanceOf(WriteConflict);
    await store.unitOfWork.commit(webhooks.insert(hook('w-second'), 'whsec_x', { limit: 2 }));
    await expect(store.unitOfWork.commit(webhooks.insert(hook('w-over'), 'whsec_x', { limit: 2 }))).rejects.toBeInstanceOf(WriteConflict);
    expect((await rows()).map((r) => r.id).sort()).toEqual(['w-first', 'w-second']);

    await registry.partners.clients.deactivate(admin, partner.id, { reason: '契約終了' });
    await expect(store.unitOfWork.commit(webhooks.insert(hook('w-deactivated'), 'whsec_x', { limit: 10 }))).rejects.toBeInstanceOf(WriteConflict);
    expect((await rows()).map((r) => r.id).sort()).toEqual(['w-first', 'w-second']);
  });

  it('registrations racing each other past the limit check: only as many as the limit are stored, the others get the limit message', async () => {
    const { registry, partner, rows, auditOf } = await setUp();
    for (let i = 0; i < MAX_WEBHOOKS_PER_PARTNER - 1; i++) await registry.partners.webhooks.register(admin, partner.id, { ...HOOK, url: `${HOOK.url}/${i}` });

    const results = await Promise.allSettled(Array.from({ length: 3 }, (_, i) => registry.partners.webhooks.register(admin, partner.id, { ...HOOK, url: `${HOOK.url}/race-${i}` })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect((result as PromiseRejectedResult).reason).toMatchObject({ kind: 'conflict', extra: { limit: MAX_WEBHOOKS_PER_PARTNER, disabledWebhooks: 0 } });
    }
    expect(await rows()).toHaveLength(MAX_WEBHOOKS_PER_PARTNER);
    expect(await auditOf('webhook.create')).toHaveLength(MAX_WEBHOOKS_PER_PARTNER);
  });

  it('registrations of one URL racing each other past the duplicate check: one is stored, the others get 409 naming /url and the one stored', async () => {
    const { registry, partner, rows, auditOf } = await setUp();
    const results = await Promise.allSettled(Array.from({ length: 3 }, () => registry.partners.webhooks.register(admin, partner.id, HOOK)));
    const stored = results.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ webhook: { id: string } }>[];
    expect(stored).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect((result as PromiseRejectedResult).reason).toMatchObject({ kind: 'conflict', fields: [{ field: '/url' }], extra: { existingWebhookId: stored[0]!.value.webhook.id } });
    }
    expect(await rows()).toHaveLength(1);
    expect(await auditOf('webhook.create')).toHaveLength(1);
  });
});
