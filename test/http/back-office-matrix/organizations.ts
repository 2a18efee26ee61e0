// The back office's organizations: every staff member searches and reads them; administrators
// register, edit, invite members, suspend and reinstate declarations, and export the CSV.
import { corporateNumberFor } from '../../helpers/server.js';
import { ADMIN_PAGE, ADMIN_POST, READ_PAGE, type BackOfficeFixture, type BackOfficeRow } from './rows.js';

/** One organization to look at, shared by the cells that change nothing. */
let shared: Promise<string> | null = null;
const sharedCompany = (f: BackOfficeFixture) => (shared ??= f.newCompany());

/** A new company's form: each cell registers (or edits to) its own name and 法人番号. */
const companyForm = (f: BackOfficeFixture) => {
  const n = f.unique();
  return { kind: 'company', name: `行列株式会社${n}`, corporateNumber: corporateNumberFor(80_000 + n), prefectureCode: '13' };
};

/** A published declaration of a new company, suspended when asked: a cell's own record. */
/** Its row version as the organization's page shows it: created (1), submitted (2), published (3), suspended (4). */
const PUBLISHED_ROW_VERSION = '3';
const SUSPENDED_ROW_VERSION = '4';

async function declaration(f: BackOfficeFixture, suspended = false) {
  const d = await f.newDeclaration('published');
  if (suspended) await f.api('POST', `/api/v1/declarations/${d.id}/suspend`, { reason: 'under-investigation' });
  return `/admin/organizations/${d.organizationId}/declarations/${d.id}`;
}

export const rows: BackOfficeRow[] = [
  { method: 'GET', template: '/admin/organizations', path: () => '/admin/organizations', expect: READ_PAGE },
  { method: 'GET', template: '/admin/organizations/new', path: () => '/admin/organizations/new', expect: ADMIN_PAGE },
  { method: 'POST', template: '/admin/organizations', path: () => '/admin/organizations', form: (f) => companyForm(f), expect: ADMIN_POST },
  // Private contacts of every organization: administrators only.
  { method: 'GET', template: '/admin/organizations/export.csv', path: () => '/admin/organizations/export.csv', expect: ADMIN_PAGE },
  { method: 'GET', template: '/admin/organizations/{id}', path: async (f) => `/admin/organizations/${await sharedCompany(f)}`, expect: READ_PAGE },
  { method: 'GET', template: '/admin/organizations/{id}/edit', path: async (f) => `/admin/organizations/${await sharedCompany(f)}/edit`, expect: ADMIN_PAGE },
  // A new company is at its first version; the edit form carries it (a post without it is refused).
  { method: 'POST', template: '/admin/organizations/{id}', path: async (f) => `/admin/organizations/${await f.newCompany()}`, form: (f) => ({ ...companyForm(f), rowVersion: '1' }), expect: ADMIN_POST },
  // The invitation's link is the page's answer (shown once), not a redirect.
  { method: 'POST', template: '/admin/organizations/{id}/invitations', path: async (f) => `/admin/organizations/${await sharedCompany(f)}/invitations`, form: () => ({ role: 'editor', email: '' }), expect: { ...ADMIN_POST, administrator: 200 } },
  {
    method: 'POST', template: '/admin/organizations/{id}/invitations/{invitationId}/cancel', form: () => ({}), expect: ADMIN_POST,
    path: async (f, v) => {
      const organizationId = await sharedCompany(f);
      const invitationId = v === 'administrator' ? (await f.api('POST', `/api/v1/organizations/${organizationId}/invitations`, {})).id : 'someone';
      return `/admin/organizations/${organizationId}/invitations/${invitationId}/cancel`;
    },
  },
  { method: 'POST', template: '/admin/organizations/{id}/declarations/{declarationId}/suspend', path: async (f) => `${await declaration(f)}/suspend`, form: () => ({ rowVersion: PUBLISHED_ROW_VERSION, reason: 'under-investigation' }), expect: ADMIN_POST },
  { method: 'POST', template: '/admin/organizations/{id}/declarations/{declarationId}/reinstate', path: async (f) => `${await declaration(f, true)}/reinstate`, form: () => ({ rowVersion: SUSPENDED_ROW_VERSION }), expect: ADMIN_POST },
];
