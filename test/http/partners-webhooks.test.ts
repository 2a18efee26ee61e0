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

  it('410 Gone ends a delivery at once, failed with the reason; another 4xx is still retried', async () => {
    const gone = await startReceiver();
    try {
      const own = await registerPartner(server, { name: '株式会社ゴーン受信' });
      const ownToken = await accessToken(server, own);
      const registered = await server.call('POST', '/api/v1/partners/me/webhooks', { token: ownToken, body: { url: gone.url, events: ['declaration.published'] } });
      expect(registered.status).toBe(201);

      gone.script.push(410);
      await seedCompany(server, { n: 41, publish: true });
      await gone.waitFor(1);
      // Retries here come after 200 ms, then 400 ms: well inside this wait, had there been any.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(gone.received.map((m) => m.answered)).toEqual([410]);
      const goneId = gone.received[0]!.headers['webhook-id'];
      const log = (await server.call('GET', '/api/v1/partners/me/deliveries', { token: ownToken })).body;
      const delivery = log.items.find((d: { id: string }) => d.id === goneId);
      expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 410, nextAttemptAt: null });
      expect(delivery.lastError).toMatch(/410 Gone.*not retried/);

      // A 404 may be a receiver mid-deploy: retried as before, then delivered.
      gone.script.push(404);
      await seedCompany(server, { n: 42, publish: true });
      await gone.waitFor(3);
      expect(gone.received.slice(1).map((m) => m.answered)).toEqual([404, 200]);
      const retried = (await server.call('GET', '/api/v1/partners/me/deliveries', { token: ownToken })).body.items.find((d: { id: string }) => d.id === gone.received[2]!.headers['webhook-id']);
      expect(retried).toMatchObject({ status: 'delivered', attempts: 2 });
    } finally {
      await gone.close();
    }
  });
});
