// The back office's revocations: the list, requesting a revocation, and approving, rejecting or
// withdrawing a request. Each administrator cell that changes state gets its own published
// declaration and its own pending request: approve and reject need one made by ANOTHER
// administrator than the visitor (a second administrator, signed in once per fixture); withdraw
// needs one the visitor made.
import { signInAsSecondAdministrator, staffCsrf } from '../../helpers/staff.js';
import type { Browser } from '../../helpers/web-browser.js';
import { ADMIN_POST, READ_PAGE, type BackOfficeFixture, type BackOfficeRow, type Visitor } from './rows.js';

const secondAdministrators = new WeakMap<BackOfficeFixture, Promise<Browser>>();
const secondAdministrator = (f: BackOfficeFixture) => {
  let b = secondAdministrators.get(f);
  if (!b) secondAdministrators.set(f, (b = signInAsSecondAdministrator(f.server, f.browsers.administrator, '第二 管理者')));
  return b;
};

/** `requester` asks to revoke a new published declaration; the pending request's id, read from the list. */
export async function pendingRequest(f: BackOfficeFixture, requester: Browser): Promise<string> {
  const { id } = await f.newDeclaration('published');
  const form = { csrf: await staffCsrf(requester), subjectType: 'declaration', subjectId: id, reason: 'false-declaration', note: '', back: '/admin/revocations' };
  const response = await requester.request('POST', '/admin/revocations', { form });
  if (response.status !== 303) throw new Error(`revocation request: ${response.status} ${response.text.slice(0, 300)}`);
  const list = await requester.request('GET', '/admin/revocations');
  const match = new RegExp(`<tr id="request-([^"]+)"><th scope="row">(?:(?!</tr>)[\\s\\S])*?ID: ${id}<`).exec(list.text);
  if (!match) throw new Error(`no pending request for ${id} on /admin/revocations`);
  return match[1]!;
}

/** The administrator's cell gets a request made by someone else; everyone else is refused before it matters. */
const othersRequest = async (f: BackOfficeFixture, v: Visitor) => (v === 'administrator' ? pendingRequest(f, await secondAdministrator(f)) : 'someone');

export const rows: BackOfficeRow[] = [
  { method: 'GET', template: '/admin/revocations', path: () => '/admin/revocations', expect: READ_PAGE },
  {
    method: 'POST', template: '/admin/revocations', path: () => '/admin/revocations',
    form: async (f, v) => ({
      subjectType: 'declaration', subjectId: v === 'administrator' ? (await f.newDeclaration('published')).id : 'someone', reason: 'guideline-breach', note: '', back: '/admin/revocations',
    }),
    expect: ADMIN_POST,
  },
  { method: 'POST', template: '/admin/revocations/{id}/approve', path: async (f, v) => `/admin/revocations/${await othersRequest(f, v)}/approve`, form: () => ({}), expect: ADMIN_POST },
  { method: 'POST', template: '/admin/revocations/{id}/reject', path: async (f, v) => `/admin/revocations/${await othersRequest(f, v)}/reject`, form: () => ({ note: '' }), expect: ADMIN_POST },
  {
    method: 'POST', template: '/admin/revocations/{id}/withdraw',
    path: async (f, v) => `/admin/revocations/${v === 'administrator' ? await pendingRequest(f, f.browsers.administrator) : 'someone'}/withdraw`,
    form: () => ({}), expect: ADMIN_POST,
  },
];
