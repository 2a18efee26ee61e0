// The back office's API tokens area (/admin/tokens): administrators only, every route.
import { ADMIN_PAGE, ADMIN_POST, type BackOfficeFixture, type BackOfficeRow, type Visitor } from './rows.js';

/** Issuing shows the secret once on the answer page (200) instead of redirecting. */
const REVEAL_POST: Record<Visitor, number> = { ...ADMIN_POST, administrator: 200 };

/** A new organization token (nothing hangs on it), minted through the API; its id. */
const newToken = async (f: BackOfficeFixture): Promise<string> =>
  (await f.api('POST', '/api/v1/tokens', { role: 'organization', organizationId: await f.newCompany(), label: `マトリクス${f.unique()}` })).id;

let shared: Promise<string> | undefined;
/** One token to look at (a GET revokes nothing). */
const someToken = (f: BackOfficeFixture) => (shared ??= newToken(f));

export const rows: BackOfficeRow[] = [
  { method: 'GET', template: '/admin/tokens', path: () => '/admin/tokens', expect: ADMIN_PAGE },
  { method: 'POST', template: '/admin/tokens', path: () => '/admin/tokens', form: (f) => ({ label: `マトリクス発行${f.unique()}`, role: 'admin', organizationId: '' }), expect: REVEAL_POST },
  { method: 'GET', template: '/admin/tokens/{id}', path: async (f) => `/admin/tokens/${await someToken(f)}`, expect: ADMIN_PAGE },
  { method: 'GET', template: '/admin/tokens/{id}/revoke', path: async (f) => `/admin/tokens/${await someToken(f)}/revoke`, expect: ADMIN_PAGE },
  // Each cell revokes a token of its own.
  { method: 'POST', template: '/admin/tokens/{id}/revoke', path: async (f) => `/admin/tokens/${await newToken(f)}/revoke`, form: () => ({}), expect: ADMIN_POST },
];
