import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, recordsOf, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator, signInWithTokenAndPasskey, staffCsrf, startOnOwnOrigin } from '../helpers/staff.js';
import { browser } from '../helpers/web-browser.js';
import { onWorker } from '../helpers/targets.js';
import type { SoftAuthenticator } from '../helpers/webauthn.js';

/**
 * Administrator tokens revoked before revocation closed their back-office accounts: the account
 * kept its administrator role and the passkeys registered on it. Nothing closes them by itself
 * (one may be how the bootstrap administrator signs in now); the staff page names them and closes
 * one with a click, never the last way in. The old revocation is reproduced by setting the
 * token's revoked_at in the SQLite file, as it did: so on Node only.
 */

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const origin = (s: TestServer) => new URL(s.url).origin;



/** A fresh browser signed in with the device's passkey (or not), and what /admin answers it. */
async function passkeyBrowser(s: TestServer, device: SoftAuthenticator) {
  const b = browser(s, origin(s));
  const options = await b.request('POST', '/auth/passkey/options', { json: {} });
  await b.request('POST', '/auth/passkey/login', { json: { credential: device.get(options.body), next: '/admin' } });
  return { b, admin: (await b.request('GET', '/admin')).status };
}

/** Revokes a token as the registry did before: the token row alone (and its sessions). */
function revokeTheOldWay(s: TestServer, tokenId: string) {
  const db = new BetterSqlite3(s.dbPath);
  db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ?').run('2026-12-01T00:00:00.000Z', tokenId);
  db.close();
}

const tokenId = async (s: TestServer, label: string) => ((await s.call('GET', '/api/v1/tokens')).body.items as { id: string; label: string }[]).find((t) => t.label === label)!.id;

describe.skipIf(onWorker)('accounts of administrator tokens revoked before their accounts were closed with them', () => {
  it('are named on the staff page and closed with one click: the passkey no longer opens the back office', async () => {
    server = await startOnOwnOrigin();
    const leaked = await server.call('POST', '/api/v1/tokens', { body: { role: 'admin', label: '以前に漏えい' } });
    const holder = await signInWithTokenAndPasskey(server, leaked.body.token);
    revokeTheOldWay(server, leaked.body.id);
    expect((await passkeyBrowser(server, holder.device)).admin).toBe(200);

    const admin = await signInAsAdministrator(server);
    // The home page points there, so it is seen without opening the staff page.
    const home = (await admin.request('GET', '/admin')).text;
    expect(/id="revoked-token-accounts-notice"[\s\S]*?href="\/admin\/staff#revoked-token-accounts"/.test(home)).toBe(true);
    const page = (await admin.request('GET', '/admin/staff')).text;
    const notice = /<section[^>]*id="revoked-token-accounts"[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
    expect(notice).toContain('取り消し済み');
    expect(notice).toContain('以前に漏えい');
    const action = /action="(\/admin\/staff\/[^"]+\/close)"/.exec(notice)?.[1];
    expect(action).toBeDefined();

    const closed = await admin.request('POST', action!, { form: { csrf: await staffCsrf(admin) } });
    expect(closed.status).toBe(303);
    expect((await passkeyBrowser(server, holder.device)).admin).toBe(302);
    expect((await admin.request('GET', '/admin/staff')).text).not.toContain('id="revoked-token-accounts"');
    expect((await admin.request('GET', '/admin')).text).not.toContain('id="revoked-token-accounts-notice"');
    const actions = ((await server.call('GET', '/api/v1/audit-log?entityType=account&limit=100')).body.items as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['staff.remove', 'passkey.remove']));
  });

  it('is refused (409, nothing changed) for the account that is the last way in, saying what to do first', async () => {
    server = await startOnOwnOrigin();
    const bootstrap = await signInWithTokenAndPasskey(server, ADMIN_TOKEN);
    revokeTheOldWay(server, await tokenId(server, 'bootstrap administrator'));
    const { b } = await passkeyBrowser(server, bootstrap.device);
    const page = (await b.request('GET', '/admin/staff')).text;
    const action = /id="revoked-token-accounts"[\s\S]*?action="(\/admin\/staff\/[^"]+\/close)"/.exec(page)?.[1];
    expect(action).toBeDefined();

    const before = recordsOf(server);
    const refused = await b.request('POST', action!, { form: { csrf: await staffCsrf(b) } });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('管理者として招待');
    expect(recordsOf(server)).toBe(before);
    expect((await passkeyBrowser(server, bootstrap.device)).admin).toBe(200);
  });
});
