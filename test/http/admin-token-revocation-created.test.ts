import { afterEach, describe, expect, it } from 'vitest';
import { COMPANY, corporateNumberFor, recordsOf, type TestServer } from '../helpers/server.js';
import { inviteStaff, signInAsStaff, startOnOwnOrigin } from '../helpers/staff.js';
import { browser, type Browser } from '../helpers/web-browser.js';
import { onWorker } from '../helpers/targets.js';
import type { SoftAuthenticator } from '../helpers/webauthn.js';

/**
 * What whoever held a leaked administrator token made with it: a token minted through the API, a
 * staff invitation still open, an administrator account that joined through another of its
 * invitations. Revoking the leaked token cancels its open invitations at once and names the rest;
 * with ?revokeCreated=true the rest goes in the same step, never leaving no administrator able to
 * sign in. Each test starts a server of its own.
 */

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const origin = (s: TestServer) => new URL(s.url).origin;


/** A fresh browser signing in with the device's passkey, then asking for the back office. */
async function backOfficeWith(s: TestServer, device: SoftAuthenticator): Promise<number> {
  const b = browser(s, origin(s));
  const options = await b.request('POST', '/auth/passkey/options', { json: {} });
  await b.request('POST', '/auth/passkey/login', { json: { credential: device.get(options.body), next: '/admin' } });
  return (await b.request('GET', '/admin')).status;
}

/** The leaked token, and what its holder made with it. */
async function leakAndAbuse(s: TestServer) {
  const leaked = await s.call('POST', '/api/v1/tokens', { body: { role: 'admin', label: 'CIログに漏えい' } });
  expect(leaked.status).toBe(201);
  const minted = await s.call('POST', '/api/v1/tokens', { token: leaked.body.token, body: { role: 'admin', label: '自動化' } });
  expect(minted.status).toBe(201);
  const attacker: Browser = browser(s, origin(s));
  expect((await attacker.request('POST', '/admin/login', { form: { token: leaked.body.token, next: '/admin' } })).status).toBe(303);
  const joined = await signInAsStaff(s, attacker, 'administrator', '協力者');
  const pending = new URL(await inviteStaff(attacker, 'administrator', '予備の協力者'));
  expect((await browser(s, origin(s)).request('GET', pending.pathname)).status).toBe(200);
  // An invitation to an organization without members: whoever opens it first becomes its owner.
  const organization = await s.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: '招待先株式会社', corporateNumber: corporateNumberFor(77_001) } });
  const toOrganization = await s.call('POST', `/api/v1/organizations/${organization.body.id}/invitations`, { token: leaked.body.token, body: { role: 'owner' } });
  expect(toOrganization.status).toBe(201);
  const memberLink = new URL(toOrganization.body.url);
  expect((await browser(s, origin(s)).request('GET', memberLink.pathname)).status).toBe(200);
  return { leaked: leaked.body, minted: minted.body, joined, pending, memberLink, organizationId: organization.body.id as string };
}

describe('revoking an administrator token deals with what it created', () => {
  it('cancels the open invitations it sent at once, and names the tokens it minted and the accounts that joined through its invitations, which keep working', async () => {
    server = await startOnOwnOrigin();
    const { leaked, minted, joined, pending, memberLink, organizationId } = await leakAndAbuse(server);

    const revoked = await server.call('DELETE', `/api/v1/tokens/${leaked.id}`);
    expect(revoked.status).toBe(200);
    // The organization's invitation it sent is cancelled too: its link would make the opener the owner.
    expect(revoked.body.cancelledOrganizationInvitations).toEqual([expect.objectContaining({ organizationId, role: 'owner' })]);
    expect((await browser(server, origin(server)).request('GET', memberLink.pathname)).status).toBe(410);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    expect(revoked.body.cancelledInvitations).toEqual([expect.objectContaining({ name: '予備の協力者', role: 'administrator' })]);
    expect(revoked.body.created.tokens).toEqual([expect.objectContaining({ id: minted.id, label: '自動化', role: 'admin', revokedAt: null })]);
    expect(revoked.body.created.accounts).toEqual([expect.objectContaining({ name: '協力者', staffRole: 'administrator' })]);

    // The pending link no longer works; the minted token and the joined account do, until revoked.
    expect((await browser(server, origin(server)).request('GET', pending.pathname)).status).toBe(410);
    expect((await server.call('GET', '/api/v1/tokens', { token: minted.token })).status).toBe(200);
    expect(await backOfficeWith(server, joined.device)).toBe(200);
    const cancelled = await server.call('GET', '/api/v1/audit-log?action=staff.invitation-cancel');
    expect(cancelled.body.items).toHaveLength(1);
  });

  it('with ?revokeCreated=true, revokes the minted tokens and removes the joined accounts from the staff in the same step', async () => {
    server = await startOnOwnOrigin();
    const { leaked, minted, joined } = await leakAndAbuse(server);

    const revoked = await server.call('DELETE', `/api/v1/tokens/${leaked.id}?revokeCreated=true`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.created.tokens).toEqual([expect.objectContaining({ id: minted.id, revokedAt: revoked.body.revokedAt })]);
    expect(revoked.body.created.accounts).toEqual([expect.objectContaining({ name: '協力者', staffRole: null })]);
    expect((await server.call('GET', '/api/v1/tokens', { token: minted.token })).status).toBe(401);
    expect(await backOfficeWith(server, joined.device)).toBe(302);
    // All at one instant: one batch.
    const at = async (action: string) => ((await server!.call('GET', `/api/v1/audit-log?action=${action}&limit=100`)).body.items as { at: string }[]).map((e) => e.at);
    expect(new Set([...(await at('token.revoke')), ...(await at('staff.remove')), ...(await at('staff.invitation-cancel'))])).toEqual(new Set([revoked.body.revokedAt]));
  });

  it('with ?revokeCreated=true&expectCreated=…, revokes only when it made nothing else: more is refused (409, naming it, nothing changed)', async () => {
    server = await startOnOwnOrigin();
    const parent = await server.call('POST', '/api/v1/tokens', { body: { role: 'admin', label: '親' } });
    const known = await server.call('POST', '/api/v1/tokens', { token: parent.body.token, body: { role: 'admin', label: '把握済み' } });
    const unknown = await server.call('POST', '/api/v1/tokens', { token: parent.body.token, body: { role: 'admin', label: '把握していない' } });

    const before = recordsOf(server);
    const refused = await server.call('DELETE', `/api/v1/tokens/${parent.body.id}?revokeCreated=true&expectCreated=${known.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.messages.ja).toContain('確認したときより増えています（APIトークン「把握していない」）');
    expect(refused.body.messages.en).toContain('This token has made more since what was confirmed (API token "把握していない")');
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'expectCreated' })]);
    expect(refused.body.added).toEqual([unknown.body.id]);
    expect(recordsOf(server)).toBe(before);

    const revoked = await server.call('DELETE', `/api/v1/tokens/${parent.body.id}?revokeCreated=true&expectCreated=${known.body.id},${unknown.body.id}`);
    expect(revoked.status).toBe(200);
    expect((revoked.body.created.tokens as { revokedAt: string | null }[]).map((t) => t.revokedAt)).toEqual([revoked.body.revokedAt, revoked.body.revokedAt]);
  });

  it('refuses expectCreated without revokeCreated=true, or not a list of ids (400 naming it)', async () => {
    server = await startOnOwnOrigin();
    const token = await server.call('POST', '/api/v1/tokens', { body: { role: 'admin', label: '単独' } });
    for (const query of [`expectCreated=${token.body.id}`, 'revokeCreated=true&expectCreated=a,,b']) {
      const refused = await server.call('DELETE', `/api/v1/tokens/${token.body.id}?${query}`);
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'expectCreated' })]);
    }
  });

  it.skipIf(onWorker)('with ?revokeCreated=true, is refused (409, nothing changed) when what it created is the only other way in', async () => {
    server = await startOnOwnOrigin();
    // The bootstrap token (never signed in) invites a named administrator, who is then the only other way in.
    const bootstrap = browser(server, origin(server));
    const { ADMIN_TOKEN } = await import('../helpers/server.js');
    expect((await bootstrap.request('POST', '/admin/login', { form: { token: ADMIN_TOKEN, next: '/admin' } })).status).toBe(303);
    await signInAsStaff(server, bootstrap, 'administrator', '事務局 太郎');
    const id = ((await server.call('GET', '/api/v1/tokens')).body.items as { id: string; label: string }[]).find((t) => t.label === 'bootstrap administrator')!.id;

    const before = recordsOf(server);
    const refused = await server.call('DELETE', `/api/v1/tokens/${id}?revokeCreated=true`);
    expect(refused.status).toBe(409);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
    expect(recordsOf(server)).toBe(before);
    // Without revoking what it created, the named administrator stays the way in.
    expect((await server.call('DELETE', `/api/v1/tokens/${id}`)).status).toBe(200);
  });
});
