// The back office's shell: sign-in, home, one's own account, joining the staff, staff management.
import { ADMIN_TOKEN } from '../../helpers/server.js';
import { inviteStaff } from '../../helpers/staff.js';
import { ADMIN_PAGE, ADMIN_POST, READ_PAGE, type BackOfficeFixture, type BackOfficeRow } from './rows.js';

const EVERYONE = { administrator: 200, reviewer: 200, viewer: 200, member: 200, none: 200 };

/** A staff member for one cell to change: invited and joined as a viewer by the administrator. */
/** The id of a new open staff invitation, from the staff page's cancel form. */
async function openInvitation(f: BackOfficeFixture): Promise<string> {
  const name = `招待 ${f.unique()}`;
  await inviteStaff(f.browsers.administrator, 'viewer', name);
  const staff = await f.browsers.administrator.request('GET', '/admin/staff');
  return new RegExp(`${name}[\\s\\S]*?action="/admin/staff/invitations/([^/"]+)/cancel"`).exec(staff.text)![1]!;
}

async function freshStaffMember(f: BackOfficeFixture): Promise<string> {
  const name = `対象 ${f.unique()}`;
  const url = new URL(await inviteStaff(f.browsers.administrator, 'viewer', name));
  const { browser } = await import('../../helpers/web-browser.js');
  const { softAuthenticator } = await import('../../helpers/webauthn.js');
  const b = browser(f.server, url.origin);
  const device = softAuthenticator(url.origin);
  const options = await b.request('POST', `${url.pathname}/options`, { json: {} });
  await b.request('POST', `${url.pathname}/verify`, { json: { credential: device.create(options.body) } });
  const staff = await f.browsers.administrator.request('GET', '/admin/staff');
  return new RegExp(`${name}[\\s\\S]*?action="/admin/staff/([^/"]+)/role"`).exec(staff.text)![1]!;
}

export const rows: BackOfficeRow[] = [
  // Signed in already: the login page sends a staff member on to the back office.
  { method: 'GET', template: '/admin/login', path: () => '/admin/login', expect: { administrator: 302, reviewer: 302, viewer: 302, member: 200, none: 200 } },
  // The token form needs no session; a wrong token is refused alike for everyone (the right one is
  // tested in test/http/back-office.test.ts: here it would turn every visitor into the administrator).
  { method: 'POST', template: '/admin/login', path: () => '/admin/login', form: () => ({ token: `${ADMIN_TOKEN}-wrong` }), expect: { administrator: 400, reviewer: 400, viewer: 400, member: 400, none: 400 } },
  { method: 'GET', template: '/admin', path: () => '/admin', expect: READ_PAGE },
  { method: 'GET', template: '/admin/account', path: () => '/admin/account', expect: READ_PAGE },
  // One's own passkey: a staff member removing a passkey that is not theirs gets 404.
  { method: 'POST', template: '/admin/account/passkeys/{id}/delete', path: () => '/admin/account/passkeys/not-mine/delete', form: () => ({}), expect: { administrator: 404, reviewer: 404, viewer: 404, member: 302, none: 302 } },
  // A staff invitation's page: anyone holding the link may open it.
  { method: 'GET', template: '/admin/join/{token}', path: async (f) => new URL(await inviteStaff(f.browsers.administrator, 'viewer', `招待 ${f.unique()}`)).pathname, expect: EVERYONE },
  // The passkey endpoints (our own script, JSON with the public Origin).
  { method: 'POST', template: '/admin/join/{token}/options', path: async (f) => `${new URL(await inviteStaff(f.browsers.administrator, 'viewer', `招待 ${f.unique()}`)).pathname}/options`, json: () => ({}), expect: EVERYONE },
  // A verify without the options step's flow is refused the same way for everyone.
  { method: 'POST', template: '/admin/join/{token}/verify', path: async (f) => `${new URL(await inviteStaff(f.browsers.administrator, 'viewer', `招待 ${f.unique()}`)).pathname}/verify`, json: () => ({ credential: {} }), expect: { administrator: 400, reviewer: 400, viewer: 400, member: 400, none: 400 } },
  { method: 'POST', template: '/admin/passkeys/options', path: () => '/admin/passkeys/options', json: () => ({}), expect: { administrator: 200, reviewer: 200, viewer: 200, member: 401, none: 401 } },
  { method: 'POST', template: '/admin/passkeys/verify', path: () => '/admin/passkeys/verify', json: () => ({ credential: {} }), expect: { administrator: 400, reviewer: 400, viewer: 400, member: 401, none: 401 } },
  { method: 'GET', template: '/admin/staff', path: () => '/admin/staff', expect: ADMIN_PAGE },
  { method: 'POST', template: '/admin/staff/invite', path: () => '/admin/staff/invite', form: (f) => ({ name: `招待 ${f.unique()}`, role: 'viewer' }), expect: { ...ADMIN_POST, administrator: 200 } },
  { method: 'POST', template: '/admin/staff/{accountId}/role', path: async (f, v) => `/admin/staff/${v === 'administrator' ? await freshStaffMember(f) : 'someone'}/role`, form: () => ({ role: 'reviewer' }), expect: ADMIN_POST },
  { method: 'POST', template: '/admin/staff/invitations/{invitationId}/cancel', path: async (f, v) => `/admin/staff/invitations/${v === 'administrator' ? await openInvitation(f) : 'someone'}/cancel`, form: () => ({}), expect: ADMIN_POST },
  { method: 'GET', template: '/admin/staff/{accountId}/remove', path: async (f, v) => `/admin/staff/${v === 'administrator' ? await freshStaffMember(f) : 'someone'}/remove`, expect: ADMIN_PAGE },
  { method: 'POST', template: '/admin/staff/{accountId}/remove', path: async (f, v) => `/admin/staff/${v === 'administrator' ? await freshStaffMember(f) : 'someone'}/remove`, form: () => ({}), expect: ADMIN_POST },
  // Closing the account of a token revoked before revoking closed accounts: no such account here (test/http/revoked-token-accounts.test.ts makes one), so 404.
  { method: 'POST', template: '/admin/staff/{accountId}/close', path: () => '/admin/staff/someone/close', form: () => ({}), expect: { ...ADMIN_POST, administrator: 404 } },
  // The secretariat's own OpenID Connect provider is not configured in this server.
  { method: 'GET', template: '/auth/staff-oidc/login', path: () => '/auth/staff-oidc/login', expect: { administrator: 404, reviewer: 404, viewer: 404, member: 404, none: 404 } },
  { method: 'GET', template: '/auth/staff-oidc/callback', path: () => '/auth/staff-oidc/callback', expect: { administrator: 404, reviewer: 404, viewer: 404, member: 404, none: 404 } },
];

