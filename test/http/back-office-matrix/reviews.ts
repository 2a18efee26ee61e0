// The back office's reviews: the queue and a review page for every staff member; publishing,
// returning and notes for reviewers and administrators.
import { READ_PAGE, REVIEW_POST, withTextKept, type BackOfficeFixture, type BackOfficeRow } from './rows.js';

/** A submitted declaration's row version: created (1), submitted (2). */
const SUBMITTED_ROW_VERSION = '2';

/** One submitted declaration to look at, shared by the read-only cells. */
let shared: Promise<string> | null = null;
const sharedDeclaration = (f: BackOfficeFixture) => (shared ??= f.newDeclaration('submitted').then((d) => d.id));

/** Publishing and returning change the declaration: each cell gets its own. */
const fresh = async (f: BackOfficeFixture) => (await f.newDeclaration('submitted')).id;

export const rows: BackOfficeRow[] = [
  { method: 'GET', template: '/admin/reviews', path: () => '/admin/reviews', expect: READ_PAGE },
  { method: 'GET', template: '/admin/reviews/{declarationId}', path: async (f) => `/admin/reviews/${await sharedDeclaration(f)}`, expect: READ_PAGE },
  { method: 'POST', template: '/admin/reviews/{declarationId}/publish', path: async (f) => `/admin/reviews/${await fresh(f)}/publish`, form: () => ({ rowVersion: SUBMITTED_ROW_VERSION }), expect: REVIEW_POST },
  { method: 'POST', template: '/admin/reviews/{declarationId}/return', path: async (f) => `/admin/reviews/${await fresh(f)}/return`, form: () => ({ rowVersion: SUBMITTED_ROW_VERSION, reason: '取組内容を具体的に記載してください。' }), expect: withTextKept(REVIEW_POST) },
  { method: 'POST', template: '/admin/reviews/{declarationId}/notes', path: async (f) => `/admin/reviews/${await sharedDeclaration(f)}/notes`, form: (f) => ({ note: `確認メモ ${f.unique()}` }), expect: withTextKept(REVIEW_POST) },
];
