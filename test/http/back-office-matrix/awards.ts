// The back office's awards: the list, one award, recording one, the CSV import, categories and divisions.
import { createHash } from 'node:crypto';
import { ADMIN_PAGE, ADMIN_POST, READ_PAGE, withTextKept, type BackOfficeFixture, type BackOfficeRow, type Visitor } from './rows.js';

/** A new award of a new company with a published declaration; its id. */
async function newAward(f: BackOfficeFixture): Promise<string> {
  const { organizationId } = await f.newDeclaration('published');
  return (await f.api('POST', '/api/v1/awards', { organizationId, fiscalYear: 2025, category: 'excellence' })).id;
}

/** One award every visitor opens. */
const shared = new WeakMap<BackOfficeFixture, Promise<string>>();
const sharedAward = (f: BackOfficeFixture) => {
  let id = shared.get(f);
  if (!id) shared.set(f, (id = newAward(f)));
  return id;
};

/** An import file: for the administrator's cell, a fresh company that can be awarded (the file imports); for the others, any company (they are refused before it is read). */
async function importFile(f: BackOfficeFixture, visitor: Visitor): Promise<Uint8Array<ArrayBuffer>> {
  let corporateNumber = '7123456789012';
  if (visitor === 'administrator') {
    const { organizationId } = await f.newDeclaration('published');
    corporateNumber = (await f.api('GET', `/api/v1/organizations/${organizationId}`)).corporateNumber;
  }
  return new TextEncoder().encode(`年度,表彰区分,法人番号\r\n2025,優秀賞,${corporateNumber}\r\n`);
}

/** Its row version as the award's page shows it: recorded (1), suspended (2). */
const ACTIVE_ROW_VERSION = '1';
const SUSPENDED_ROW_VERSION = '2';

/** The path of an administrator's own award for a state change, or any id (the others are refused first). */
const awardFor = async (f: BackOfficeFixture, visitor: Visitor, suspended = false) => {
  if (visitor !== 'administrator') return 'someone';
  const id = await newAward(f);
  if (suspended) await f.api('POST', `/api/v1/awards/${id}/suspend`);
  return id;
};

export const rows: BackOfficeRow[] = [
  { method: 'GET', template: '/admin/awards', path: () => '/admin/awards', expect: READ_PAGE },
  { method: 'GET', template: '/admin/awards/new', path: () => '/admin/awards/new', expect: ADMIN_PAGE },
  {
    method: 'POST',
    template: '/admin/awards',
    path: () => '/admin/awards',
    form: async (f, visitor) => ({ organization: visitor === 'administrator' ? (await f.newDeclaration('published')).organizationId : 'someone', fiscalYear: '2025', category: 'excellence' }),
    expect: ADMIN_POST,
  },
  { method: 'GET', template: '/admin/awards/import', path: () => '/admin/awards/import', expect: ADMIN_PAGE },
  { method: 'GET', template: '/admin/awards/import/template.csv', path: () => '/admin/awards/import/template.csv', expect: ADMIN_PAGE },
  {
    method: 'POST',
    template: '/admin/awards/import/preview',
    path: () => '/admin/awards/import/preview',
    multipart: async (f, visitor) => {
      const body = new FormData();
      body.set('file', new Blob([await importFile(f, visitor)], { type: 'text/csv' }), 'awards.csv');
      return body;
    },
    expect: ADMIN_PAGE,
  },
  {
    method: 'POST',
    template: '/admin/awards/import/commit',
    path: () => '/admin/awards/import/commit',
    // As the confirm form sends it: the file base64url and the preview's digest (its SHA-256).
    multipart: async (f, visitor) => {
      const file = await importFile(f, visitor);
      const body = new FormData();
      body.set('file', Buffer.from(file).toString('base64url'));
      body.set('digest', createHash('sha256').update(file).digest('hex'));
      return body;
    },
    expect: ADMIN_POST,
  },
  { method: 'GET', template: '/admin/awards/codes', path: () => '/admin/awards/codes', expect: READ_PAGE },
  {
    method: 'POST',
    template: '/admin/awards/codes',
    path: () => '/admin/awards/codes',
    form: (f) => ({ kind: 'category', code: `matrix-${f.unique()}`, nameJa: '検証賞', nameEn: 'Check prize' }),
    expect: ADMIN_POST,
  },
  { method: 'GET', template: '/admin/awards/{id}', path: async (f) => `/admin/awards/${await sharedAward(f)}`, expect: READ_PAGE },
  { method: 'POST', template: '/admin/awards/{id}/suspend', path: async (f, v) => `/admin/awards/${await awardFor(f, v)}/suspend`, form: () => ({ rowVersion: ACTIVE_ROW_VERSION, reason: 'under-investigation' }), expect: ADMIN_POST },
  { method: 'POST', template: '/admin/awards/{id}/correct', path: async (f, v) => `/admin/awards/${await awardFor(f, v)}/correct`, form: () => ({ rowVersion: ACTIVE_ROW_VERSION, overview: '訂正した概要', message: '' }), expect: withTextKept(ADMIN_POST) },
  { method: 'POST', template: '/admin/awards/{id}/reinstate', path: async (f, v) => `/admin/awards/${await awardFor(f, v, true)}/reinstate`, form: () => ({ rowVersion: SUSPENDED_ROW_VERSION, from: 'list' }), expect: ADMIN_POST },
];
