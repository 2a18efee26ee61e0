/**
 * The back office's new-award form pre-fills this fiscal year as Japan counts it: at 00:30 JST on
 * 1 April 2027 (still 31 March in UTC) FY2027 has begun, as checkAward and the list's selector
 * count it. The registry is built with that clock (as the domain tests build theirs) and the app
 * answers real requests through its HTTP layer, signed in as the bootstrap administrator.
 */
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { registryOnFreshFile } from '../helpers/database-file.js';

const TOKEN = 'award-form-admin-token-0123456789abcdef';
const BASE = 'http://localhost:8787';

describe('the new-award form’s default fiscal year', () => {
  it('is this fiscal year in Japan: 2027 at 00:30 JST on 1 April 2027', async () => {
    // Its file is closed and removed when the test finishes.
    const { registry } = await registryOnFreshFile('award-form-fiscal-year-', { now: () => new Date('2027-03-31T15:30:00Z') });
    await registry.tokens.bootstrapAdmin(TOKEN);
    const app = createApp({ registry, publicBaseUrl: BASE });
    const login = await app.request(`${BASE}/admin/login`, {
      method: 'POST',
      headers: { origin: BASE, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: TOKEN, next: '/admin' }).toString(),
    });
    expect(login.status, await login.clone().text()).toBe(303);
    // The session cookie, sent back as a browser would.
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const form = await app.request(`${BASE}/admin/awards/new`, { headers: { cookie } });
    expect(form.status).toBe(200);
    expect(await form.text()).toMatch(/<input[^>]*name="fiscalYear" value="2027"/);
  });
});
