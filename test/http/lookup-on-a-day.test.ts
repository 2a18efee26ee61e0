/**
 * The lookup for a day (`on`) on each runtime, over the real server (Node's SQLite file, or the
 * Worker's D1): it reads the declaration's recorded changes from the audit log. The day-by-day
 * history (suspensions, lapses, renewals) is test/node/lookup-on-a-day.test.ts, with a clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corporateNumberFor, declarationAction, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let declarationId: string;
const japanDay = (offsetDays: number) => new Date(Date.now() + 9 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startTestServer();
  ({ declarationId } = await seedCompany(server, { n: 611, publish: true, name: '基準日照会株式会社' }));
  await declarationAction(server, declarationId, 'suspend', { body: { reason: 'under-investigation' } });
});
afterAll(() => server?.close());

describe('the lookup for a day (on)', () => {
  it('answers today with the declaration as it stands, and a day before it was published with none', async () => {
    const today = await server.call('GET', `/api/v1/organizations/by-corporate-number/${corporateNumberFor(611)}?on=${japanDay(0)}`, { token: null });
    expect(today.status, today.text).toBe(200);
    expect(today.body.declarationOn).toMatchObject({ id: declarationId, status: 'suspended' });
    const before = await server.call('POST', '/api/v1/lookup', { body: { corporateNumbers: [corporateNumberFor(611)], on: japanDay(-2) } });
    expect(before.status, before.text).toBe(200);
    expect(before.body.results[0].declarationOn).toBeNull();
    expect(before.body.results[0].currentDeclaration.status).toBe('suspended');
  });
});
