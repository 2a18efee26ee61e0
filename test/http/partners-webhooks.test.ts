import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../src/domain/partners/webhook-signature.js';
import { accessToken, registerPartner, startReceiver, type PartnerClient, type ReceivedWebhook } from '../helpers/partners.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let partner: PartnerClient;
let token: string;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  server = await startTestServer({ WEBHOOK_ALLOW_INSECURE_LOCALHOST: 'true', WEBHOOK_RETRY_BASE_MS: '200', WEBHOOK_DISPATCH_INTERVAL_MS: '50', WEBHOOK_MAX_ATTEMPTS: '5' });
  partner = await registerPartner(server);
  token = await accessToken(server, partner);
  receiver = await startReceiver();
});
afterAll(async () => {
  await server?.close();
  await receiver?.close();
});

/** The receiver's check, as documented in src/domain/partners/webhook-signature.ts. */
const seenIds = new Set<string>();
async function accept(message: ReceivedWebhook, secret: string) {
  const id = String(message.headers['webhook-id']);
  const valid = await verifyWebhook({ secret, id, timestamp: String(message.headers['webhook-timestamp']), body: message.body, signature: String(message.headers['webhook-signature']) });
  if (!valid || seenIds.has(id)) return false;
  seenIds.add(id);
  return true;
}

describe('webhooks', () => {
  it('refuses plain http to other hosts, and lets the secretariat register on a partner\'s behalf', async () => {
    const insecure = await server.call('POST', '/api/v1/partners/me/webhooks', { token, body: { url: 'http://receiver.example/hook', events: ['declaration.revoked'] } });
    expect(insecure.status).toBe(400);
    expect(insecure.body.errors[0].field).toBe('/url');
    // Not into the operator's network, even where loopback is allowed (development).
    for (const url of ['https://169.254.169.254/latest/meta-data/', 'https://10.0.0.5/hook', 'https://[fd00::1]/hook', 'https://metadata.google.internal/']) {
      const refused = await server.call('POST', '/api/v1/partners/me/webhooks', { token, body: { url, events: ['declaration.revoked'] } });
      expect({ url, status: refused.status, field: refused.body.errors?.[0]?.field }).toEqual({ url, status: 400, field: '/url' });
      expect(refused.body.errors[0].ja).toMatch(/プライベート/);
    }
    const onBehalf = await server.call('POST', `/api/v1/partners/${partner.id}/webhooks`, { body: { url: 'https://receiver.example/hook', events: ['award.granted'] } });
    expect(onBehalf.status).toBe(201);
    const listed = await server.call('GET', '/api/v1/partners/me/webhooks', { token });
    expect(listed.body.items.map((w: { id: string }) => w.id)).toContain(onBehalf.body.id);
    expect(JSON.stringify(listed.body)).not.toContain(onBehalf.body.secret);
    expect((await server.call('DELETE', `/api/v1/partners/me/webhooks/${onBehalf.body.id}`, { token })).status).toBe(204);
  });

  it('a second webhook to a URL the partner holds is 409 naming url and the webhook that holds it, in Japanese and English; nothing is saved', async () => {
    const holder = await registerPartner(server, { name: '株式会社二重のWebhook' });
    const holderToken = await accessToken(server, holder);
    const first = await server.call('POST', '/api/v1/partners/me/webhooks', { token: holderToken, body: { url: 'https://receiver.example/once', events: ['declaration.revoked'] } });
    expect(first.status).toBe(201);
    // The same address however it is written (the host's case, a fragment), by the partner or the secretariat on its behalf, for other events too.
    for (const [url, auth] of [['https://receiver.example/once', holderToken], ['https://RECEIVER.example/once#again', holderToken], ['https://receiver.example/once', undefined]] as const) {
      const again = await server.call('POST', `/api/v1/partners/${auth ? 'me' : holder.id}/webhooks`, { token: auth, body: { url, events: ['award.granted'] } });
      expect(again.status, url).toBe(409);
      expect(again.headers.get('content-type'), url).toMatch(/^application\/problem\+json/);
      expect(again.body, url).toMatchObject({ status: 409, existingWebhookId: first.body.id, errors: [{ field: '/url', ja: expect.stringContaining('すでに登録されています'), en: expect.stringContaining('already registered') }] });
      expect(again.body.messages.ja, url).toContain(first.body.id);
      expect(again.body.messages.en, url).toContain(first.body.id);
      expect(again.text, url).not.toContain(first.body.secret);
    }
    const held = (await server.call('GET', '/api/v1/partners/me/webhooks', { token: holderToken })).body.items;
    expect(held.map((w: { id: string }) => w.id)).toEqual([first.body.id]);
    const created = (await server.call('GET', '/api/v1/audit-log?action=webhook.create&limit=100')).body.items.filter((e: { entityId: string; after: { partnerId: string } }) => e.after?.partnerId === holder.id);
    expect(created).toHaveLength(1);
    // Another partner may use the same URL (its own subscription, its own secret).
    const other = await registerPartner(server, { name: '株式会社同じ受信先' });
    expect((await server.call('POST', `/api/v1/partners/${other.id}/webhooks`, { body: { url: 'https://receiver.example/once', events: ['declaration.revoked'] } })).status).toBe(201);
    // Once the first is removed, the URL can be registered again.
    expect((await server.call('DELETE', `/api/v1/partners/me/webhooks/${first.body.id}`, { token: holderToken })).status).toBe(204);
    expect((await server.call('POST', '/api/v1/partners/me/webhooks', { token: holderToken, body: { url: 'https://receiver.example/once', events: ['declaration.revoked'] } })).status).toBe(201);
  });

  it('the same webhook sent eight times at the same moment is registered once: the others are 409 naming url', async () => {
    const racer = await registerPartner(server, { name: '株式会社同時登録' });
    const racerToken = await accessToken(server, racer);
    const body = { url: 'https://receiver.example/race', events: ['declaration.published'] };
    const answers = await Promise.all(Array.from({ length: 8 }, () => server.call('POST', '/api/v1/partners/me/webhooks', { token: racerToken, body })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const won = answers.find((a) => a.status === 201)!;
    for (const lost of answers.filter((a) => a.status === 409)) {
      expect(lost.body).toMatchObject({ existingWebhookId: won.body.id, errors: [{ field: '/url' }] });
    }
    const held = (await server.call('GET', '/api/v1/partners/me/webhooks', { token: racerToken })).body.items;
    expect(held.map((w: { id: string }) => w.id)).toEqual([won.body.id]);
  });

  it('delivers signed events, retries with backoff after failures, logs deliveries, and replays', async () => {
    const registered = await server.call('POST', '/api/v1/partners/me/webhooks', {
      token,
      body: { url: receiver.url, events: ['declaration.published', 'declaration.suspended', 'declaration.revoked'] },
    });
    expect(registered.status).toBe(201);
    const secret: string = registered.body.secret;
    expect(secret).toMatch(/^whsec_/);

    // The receiver fails twice (500), then recovers.
    receiver.script.push(500, 500);
    const company = await seedCompany(server, { n: 31, publish: true });
    await receiver.waitFor(3);
    const [first, second, third] = receiver.received;
    expect([first!.answered, second!.answered, third!.answered]).toEqual([500, 500, 200]);
    // The same message each time: same id, each attempt signed afresh.
    expect(new Set(receiver.received.map((m) => m.headers['webhook-id'])).size).toBe(1);
    for (const message of receiver.received) {
      expect(await verifyWebhook({ secret, id: String(message.headers['webhook-id']), timestamp: String(message.headers['webhook-timestamp']), body: message.body, signature: String(message.headers['webhook-signature']) })).toBe(true);
    }
    expect(await accept(third!, secret)).toBe(true);
    expect(await accept(third!, secret), 'a replayed id is rejected').toBe(false);
    expect(await verifyWebhook({ secret, id: 'x', timestamp: String(Math.floor(Date.now() / 1000) - 301), body: '{}', signature: 'v1,AAAA' })).toBe(false);
    // Exponential backoff: 200 ms, then 400 ms. Lower bounds only: a busy machine makes every wait
    // longer (CI once saw 352 ms, then 445 ms), never shorter; a constant backoff fails the second.
    const gaps = [second!.at - first!.at, third!.at - second!.at];
    expect(gaps[0]).toBeGreaterThanOrEqual(150);
    expect(gaps[1]).toBeGreaterThanOrEqual(350);

    const event = JSON.parse(third!.body);
    expect(event).toMatchObject({ type: 'declaration.published', subject: { type: 'declaration', id: company.declarationId }, data: { organization: { id: company.organization.id } } });
    expect(third!.headers['content-type']).toBe('application/json');

    // The delivery log shows three attempts and the final success.
    const log = await server.call('GET', '/api/v1/partners/me/deliveries', { token });
    expect(log.status).toBe(200);
    const delivery = log.body.items.find((d: { id: string }) => d.id === third!.headers['webhook-id']);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200, eventId: event.id, eventType: 'declaration.published' });

    // Replay: the same event again, under a new message id.
    const replay = await server.call('POST', `/api/v1/partners/me/deliveries/${delivery.id}/replay`, { token });
    expect(replay.status).toBe(202);
    await receiver.waitFor(4);
    const replayed = receiver.received[3]!;
    expect(JSON.parse(replayed.body).id).toBe(event.id);
    expect(replayed.headers['webhook-id']).toBe(replay.body.id);
    expect(await accept(replayed, secret)).toBe(true);

    // Events a webhook did not subscribe to are not sent; ones it did are.
    await server.call('POST', `/api/v1/declarations/${company.declarationId}/suspend`, { body: { reason: 'under-investigation' } });
    await server.call('POST', `/api/v1/declarations/${company.declarationId}/reinstate`);
    await server.call('POST', `/api/v1/declarations/${company.declarationId}/revoke`, { body: { reason: 'false-declaration' } });
    await receiver.waitFor(6);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.slice(4).map((m) => JSON.parse(m.body).type).sort()).toEqual(['declaration.revoked', 'declaration.suspended']);

    // Another partner cannot read this partner's log.
    const other = await accessToken(server, await registerPartner(server, { name: '別パートナー' }));
    expect((await server.call('POST', `/api/v1/partners/me/deliveries/${delivery.id}/replay`, { token: other })).status).toBe(404);
    expect((await server.call('GET', `/api/v1/partners/${partner.id}/deliveries`, { token: other })).status).toBe(403);
  });

  it('a 4xx other than 410 is still retried; 410 Gone ends a delivery at once, failed with the reason', async () => {
    const gone = await startReceiver();
    try {
      const own = await registerPartner(server, { name: '株式会社ゴーン受信' });
      const ownToken = await accessToken(server, own);
      const registered = await server.call('POST', '/api/v1/partners/me/webhooks', { token: ownToken, body: { url: gone.url, events: ['declaration.published'] } });
      expect(registered.status).toBe(201);
      const deliveryOf = async (id: unknown) => (await server.call('GET', '/api/v1/partners/me/deliveries', { token: ownToken })).body.items.find((d: { id: string }) => d.id === id);
      // The receiver has the request before the registry has recorded the answer (on a loaded
      // machine, in workerd, a while before): read the delivery until it says `status`, or 5 s.
      const deliveryOnceItIs = async (id: unknown, status: string) => {
        for (const until = Date.now() + 5000; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 50))) {
          const delivery = await deliveryOf(id);
          if (delivery?.status === status) return delivery;
        }
        return deliveryOf(id);
      };

      // A 404 may be a receiver mid-deploy: retried, then delivered.
      gone.script.push(404);
      await seedCompany(server, { n: 42, publish: true });
      await gone.waitFor(2);
      expect(gone.received.map((m) => m.answered)).toEqual([404, 200]);
      expect(await deliveryOnceItIs(gone.received[1]!.headers['webhook-id'], 'delivered')).toMatchObject({ status: 'delivered', attempts: 2 });

      gone.script.push(410);
      await seedCompany(server, { n: 41, publish: true });
      await gone.waitFor(3);
      // Retries here come after 200 ms, then 400 ms: well inside this wait, had there been any.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(gone.received.slice(2).map((m) => m.answered)).toEqual([410]);
      const delivery = await deliveryOf(gone.received[2]!.headers['webhook-id']);
      expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 410, nextAttemptAt: null });
      expect(delivery.lastError).toMatch(/410 Gone.*not retried/);
    } finally {
      await gone.close();
    }
  });

  it('410 Gone disables the webhook: listed as disabled with when and why, nothing more queued, audited; the partner enables it and catches up from the change feed', async () => {
    const gone = await startReceiver();
    try {
      const own = await registerPartner(server, { name: '株式会社無効化受信' });
      const ownToken = await accessToken(server, own);
      const registered = await server.call('POST', '/api/v1/partners/me/webhooks', { token: ownToken, body: { url: gone.url, events: ['declaration.published'] } });
      expect(registered.status).toBe(201);
      expect(registered.body).toMatchObject({ disabledAt: null, disabledReason: null });
      const webhookId: string = registered.body.id;
      const listed = async () => (await server.call('GET', '/api/v1/partners/me/webhooks', { token: ownToken })).body.items.find((w: { id: string }) => w.id === webhookId);
      const deliveries = async () => (await server.call('GET', '/api/v1/partners/me/deliveries', { token: ownToken })).body.items as { id: string; status: string; eventId: string }[];
      const cursorBefore: string = (await server.call('GET', '/api/v1/changes/latest', { token: ownToken })).body.cursor;

      gone.script.push(410);
      await seedCompany(server, { n: 43, publish: true });
      await gone.waitFor(1);
      const goneId = String(gone.received[0]!.headers['webhook-id']);
      const deadline = Date.now() + 5000;
      while (!(await listed()).disabledAt && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));

      // The partner sees it disabled, since when and why (the delivery that got 410 Gone).
      const disabled = await listed();
      expect(disabled.disabledAt).toEqual(expect.any(String));
      expect(disabled.disabledReason).toContain('410 Gone');
      expect(disabled.disabledReason).toContain(goneId);
      expect((await deliveries()).find((d) => d.id === goneId)).toMatchObject({ status: 'failed', lastStatusCode: 410 });

      // Later events are not sent to it, nor queued for it.
      const missed = await seedCompany(server, { n: 44, publish: true });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(gone.received).toHaveLength(1);
      expect((await deliveries()).map((d) => d.id)).toEqual([goneId]);

      // The secretariat sees who disabled it and why in the audit log.
      const audit = (await server.call('GET', '/api/v1/audit-log?action=webhook.disable&limit=100')).body.items.find((e: { entityId: string }) => e.entityId === webhookId);
      expect(audit).toMatchObject({ actorRole: 'system:webhook-dispatcher', before: { disabledAt: null }, after: { disabledAt: disabled.disabledAt, disabledReason: disabled.disabledReason } });

      // Replaying to a disabled webhook is refused until it is enabled.
      const replay = await server.call('POST', `/api/v1/partners/me/deliveries/${goneId}/replay`, { token: ownToken });
      expect(replay.status).toBe(409);
      expect(replay.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(replay.body.messages).toMatchObject({ ja: expect.stringContaining('無効'), en: expect.stringContaining('disabled') });

      // Enabled by the partner: listed as enabled, audited; once more is 409; someone else's or unknown is 404.
      expect((await server.call('POST', `/api/v1/partners/me/webhooks/no-such-webhook/enable`, { token: ownToken })).status).toBe(404);
      const other = await accessToken(server, await registerPartner(server, { name: '別の無効化パートナー' }));
      expect((await server.call('POST', `/api/v1/partners/me/webhooks/${webhookId}/enable`, { token: other })).status).toBe(404);
      const enabled = await server.call('POST', `/api/v1/partners/me/webhooks/${webhookId}/enable`, { token: ownToken });
      expect(enabled.status).toBe(200);
      expect(enabled.body).toMatchObject({ id: webhookId, url: gone.url, disabledAt: null, disabledReason: null });
      expect(await listed()).toMatchObject({ disabledAt: null, disabledReason: null });
      const again = await server.call('POST', `/api/v1/partners/me/webhooks/${webhookId}/enable`, { token: ownToken });
      expect(again.status).toBe(409);
      expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(again.body.messages).toMatchObject({ ja: expect.any(String), en: 'The webhook is not disabled.' });
      expect((await server.call('GET', '/api/v1/audit-log?action=webhook.enable&limit=100')).body.items.some((e: { entityId: string }) => e.entityId === webhookId)).toBe(true);

      // What it missed is in the change feed after its last cursor; new events are delivered again.
      const feed = await server.call('GET', `/api/v1/changes?after=${cursorBefore}&limit=500`, { token: ownToken });
      expect(feed.body.items.some((e: { type: string; subject: { id: string } }) => e.type === 'declaration.published' && e.subject.id === missed.declarationId)).toBe(true);
      const next = await seedCompany(server, { n: 45, publish: true });
      await gone.waitFor(2);
      expect(JSON.parse(gone.received[1]!.body)).toMatchObject({ type: 'declaration.published', subject: { id: next.declarationId } });
      expect(gone.received[1]!.answered).toBe(200);
    } finally {
      await gone.close();
    }
  });
});
