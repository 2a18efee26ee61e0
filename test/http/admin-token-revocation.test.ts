import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, recordsOf, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator, signInAsStaff, signInWithTokenAndPasskey, startOnOwnOrigin } from '../helpers/staff.js';
import { browser } from '../helpers/web-browser.js';
import { onWorker } from '../helpers/targets.js';
import type { SoftAuthenticator } from '../helpers/webauthn.js';

/**
 * A leaked administrator token: whoever holds it signs in at /admin/login and registers a passkey
 * of their own on the token's account. Revoking the token must close that account too (its role
 * and passkeys go with the revocation), but never leave the registry without an administrator
 * who can sign in. Each test starts a server of its own: they revoke the bootstrap token.
 */

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const origin = (s: TestServer) => new URL(s.url).origin;



/** A fresh browser signing in with the device's passkey: the answer, and the browser. */
async function passkeySignIn(s: TestServer, device: SoftAuthenticator) {
  const b = browser(s, origin(s));
  const options = await b.request('POST', '/auth/passkey/options', { json: {} });
  const response = await b.request('POST', '/auth/passkey/login', { json: { credential: device.get(options.body), next: '/admin' } });
  return { response, b };
}

const tokenId = async (s: TestServer, label: string) =>
  ((await s.call('GET', '/api/v1/tokens')).body.items as { id: string; label: string }[]).find((t) => t.label === label)!.id;

describe('revoking an administrator token', () => {
  it('ends its account’s administrator access: the passkey its holder registered no longer signs in, and the account leaves the staff', async () => {
    server = await startOnOwnOrigin();
    const leaked = await server.call('POST', '/api/v1/tokens', { body: { role: 'admin', label: 'CIログに漏えい' } });
    expect(leaked.status).toBe(201);
    const attacker = await signInWithTokenAndPasskey(server, leaked.body.token, '持ち込んだ端末');
    // Before the revocation, the attacker's passkey is a way in of its own.
    expect((await passkeySignIn(server, attacker.device)).response.status).toBe(200);

    const revoked = await server.call('DELETE', `/api/v1/tokens/${leaked.body.id}`);
    expect(revoked.status).toBe(200);

    const again = await passkeySignIn(server, attacker.device);
    expect(again.response.status).toBe(400);
    expect((await again.b.request('GET', '/admin')).status).toBe(302);
    expect((await attacker.request('GET', '/admin')).status).toBe(302);
    expect((await browser(server, origin(server)).request('POST', '/admin/login', { form: { token: leaked.body.token } })).status).not.toBe(303);
    expect((await server.call('GET', '/api/v1/tokens', { token: leaked.body.token })).status).toBe(401);

    // The staff list keeps one token administrator: the bootstrap token's (signed in below), not the leaked one's.
    const admin = await signInAsAdministrator(server);
    expect((await admin.request('GET', '/admin/staff')).text.match(/<th scope="row">管理者（初期トークン）/g)).toHaveLength(1);
    // One change: the revocation, the account's removal from the staff and its passkey's removal, each audited, at one time.
    const audit = async (action: string) => (await server!.call('GET', `/api/v1/audit-log?action=${action}&limit=100`)).body.items as { at: string; entityId: string; before: any }[];
    const [revocation] = (await audit('token.revoke')).filter((e) => e.entityId === leaked.body.id);
    const [removal] = await audit('staff.remove');
    const [passkeyRemoval] = await audit('passkey.remove');
    expect(removal!.at).toBe(revocation!.at);
    expect(passkeyRemoval!.at).toBe(revocation!.at);
    expect(passkeyRemoval!.entityId).toBe(removal!.entityId);
    expect(passkeyRemoval!.before.label).toBe('持ち込んだ端末');
  });

  it('is refused (409, changing nothing) when it would leave no administrator able to sign in; invited as a named administrator first, the revocation goes through and the named one keeps access', async () => {
    server = await startOnOwnOrigin();
    // The bootstrap administrator moved to a passkey on the token's account, and is the only administrator.
    const bootstrap = await signInWithTokenAndPasskey(server, ADMIN_TOKEN);
    const id = await tokenId(server, 'bootstrap administrator');

    const before = recordsOf(server);
    const refused = await server.call('DELETE', `/api/v1/tokens/${id}`);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.text).toContain('管理者として招待');
    expect(refused.text).toContain('invite yourself as a named staff administrator');
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
    expect(recordsOf(server)).toBe(before);
    expect((await passkeySignIn(server, bootstrap.device)).response.status).toBe(200);

    // Invited as a named administrator, joined with a passkey of their own: now the token may go.
    const named = await signInAsStaff(server, bootstrap, 'administrator', '事務局 太郎');
    expect((await server.call('DELETE', `/api/v1/tokens/${id}`)).status).toBe(200);
    expect((await passkeySignIn(server, bootstrap.device)).response.status).toBe(400);
    const later = await passkeySignIn(server, named.device);
    expect(later.response.status).toBe(200);
    expect((await later.b.request('GET', '/admin/staff')).status).toBe(200);
    expect((await named.request('GET', '/admin')).status).toBe(200);
  });

  // The same SQL as the two above, which run on D1 too: on Node only, for CI's time.
  it.skipIf(onWorker)('is refused when the token never signed in but is the last way in, and allowed while another administrator token lives', async () => {
    server = await startOnOwnOrigin();
    const bootstrapId = await tokenId(server, 'bootstrap administrator');
    const before = recordsOf(server);
    expect((await server.call('DELETE', `/api/v1/tokens/${bootstrapId}`)).status).toBe(409);
    expect(recordsOf(server)).toBe(before);

    const spare = await server.call('POST', '/api/v1/tokens', { body: { role: 'admin', label: '予備' } });
    expect((await server.call('DELETE', `/api/v1/tokens/${bootstrapId}`)).status).toBe(200);
    // The spare is now the last way in.
    expect((await server.call('DELETE', `/api/v1/tokens/${spare.body.id}`, { token: spare.body.token })).status).toBe(409);
  });
});
