/**
 * Back-office sessions over real HTTP, as a person's browser gets them: the administrator signs in
 * at /admin/login with the bootstrap token; anyone else is invited on /admin/staff and joins with a
 * passkey (a software authenticator standing in for their device).
 */
import type { StaffRole } from '../../src/domain/accounts/staff.js';
import { ADMIN_TOKEN, freePort, startTestServer, type TestServer } from './server.js';
import { browser, csrfIn, type Browser } from './web-browser.js';
import { softAuthenticator, type SoftAuthenticator } from './webauthn.js';

/** A server of its own whose public address is the one it listens on: passkeys are bound to that origin. */
export async function startOnOwnOrigin(): Promise<TestServer> {
  const port = await freePort();
  return startTestServer({ PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}` });
}

/** A browser signed in at /admin/login with `token`, which then registers a passkey (`label`) on that account. */
export async function signInWithTokenAndPasskey(server: TestServer, token: string, label = '端末'): Promise<Browser & { device: SoftAuthenticator }> {
  const origin = new URL(server.url).origin;
  const b = browser(server, origin);
  const signedIn = await b.request('POST', '/admin/login', { form: { token, next: '/admin' } });
  if (signedIn.status !== 303) throw new Error(`token sign-in: ${signedIn.status}`);
  const device = softAuthenticator(origin);
  const options = await b.request('POST', '/admin/passkeys/options', { json: {} });
  const added = await b.request('POST', '/admin/passkeys/verify', { json: { credential: device.create(options.body), label } });
  if (added.status !== 201) throw new Error(`passkey registration: ${options.status} ${added.status}`);
  return Object.assign(b, { device });
}

/** A browser signed in to the back office as the bootstrap administrator. */
export async function signInAsAdministrator(server: TestServer): Promise<Browser> {
  // The page's own origin: the form's post is same-origin, as in a browser.
  const b = browser(server, new URL(server.url).origin);
  const response = await b.request('POST', '/admin/login', { form: { token: ADMIN_TOKEN, next: '/admin' } });
  if (response.status !== 303) throw new Error(`admin sign-in: ${response.status} ${response.text.slice(0, 300)}`);
  return b;
}

/** The CSRF token of the browser's session (any back-office page carries it). */
export async function staffCsrf(b: Browser): Promise<string> {
  const page = await b.request('GET', '/admin/account');
  if (page.status !== 200) throw new Error(`/admin/account: ${page.status}`);
  return csrfIn(page.text);
}

/** The administrator invites `name` with `role`; the one-time link it shows. */
export async function inviteStaff(admin: Browser, role: StaffRole, name = `職員 ${role}`): Promise<string> {
  const response = await admin.request('POST', '/admin/staff/invite', { form: { csrf: await staffCsrf(admin), name, role, email: '' } });
  const url = /<code id="invitation-url">([^<]+)<\/code>/.exec(response.text)?.[1];
  if (response.status !== 200 || !url) throw new Error(`staff invite: ${response.status} ${response.text.slice(0, 300)}`);
  return url;
}

/** A browser signed in to the back office with `role`: invited by `admin`, joined with a passkey. */
export async function signInAsStaff(server: TestServer, admin: Browser, role: StaffRole, name?: string): Promise<Browser & { device: ReturnType<typeof softAuthenticator> }> {
  const url = new URL(await inviteStaff(admin, role, name));
  const b = browser(server, url.origin);
  const device = softAuthenticator(url.origin);
  const options = await b.request('POST', `${url.pathname}/options`, { json: {} });
  if (options.status !== 200) throw new Error(`staff join options: ${options.status} ${options.text}`);
  const verify = await b.request('POST', `${url.pathname}/verify`, { json: { credential: device.create(options.body), label: 'テスト端末' } });
  if (verify.status !== 200) throw new Error(`staff join verify: ${verify.status} ${verify.text}`);
  return Object.assign(b, { device });
}

/**
 * An administrator whom `admin` did not invite (nor was invited by): invited by another
 * administrator whom `admin` invited. The two-person rule of revocation takes an approver `admin`
 * invited, or who invited `admin`, for the same person; this one counts as another.
 */
export async function signInAsSecondAdministrator(server: TestServer, admin: Browser, name = '第二 管理者'): Promise<Browser & { device: ReturnType<typeof softAuthenticator> }> {
  const inviter = await signInAsStaff(server, admin, 'administrator', `${name}を招待した管理者`);
  return signInAsStaff(server, inviter, 'administrator', name);
}

/** A person of an organization signed in on the web: invited (by the administrator's API token) and joined with a passkey. */
export async function signInAsMember(server: TestServer, organizationId: string, name = '団体 花子'): Promise<Browser & { device: SoftAuthenticator }> {
  const { body, status } = await server.call('POST', `/api/v1/organizations/${organizationId}/invitations`, { body: { role: 'owner' } });
  if (status !== 201) throw new Error(`member invitation: ${status}`);
  const link = new URL(body.url);
  const b = browser(server, link.origin);
  const device = softAuthenticator(link.origin);
  const person = { name, email: '' };
  const options = await b.request('POST', `${link.pathname}/options`, { json: person });
  const verify = await b.request('POST', `${link.pathname}/verify`, { json: { ...person, credential: device.create(options.body) } });
  if (verify.status !== 200) throw new Error(`member join: ${verify.status} ${verify.text}`);
  return Object.assign(b, { device });
}

/** `b` signs in again with the passkey it joined with, as /login's passkey button does. */
export async function signInAgainWithPasskey(b: Browser, device: SoftAuthenticator, next = '/my'): Promise<void> {
  const options = await b.request('POST', '/auth/passkey/options', { json: {} });
  const signedIn = await b.request('POST', '/auth/passkey/login', { json: { credential: device.get(options.body), next } });
  if (signedIn.status !== 200) throw new Error(`passkey sign-in: ${options.status} ${signedIn.status} ${signedIn.text}`);
}
