/**
 * The back office's authorization matrix (test/http/back-office-matrix.test.ts): every /admin route
 * (and the staff's sign-in routes) × every kind of visitor. Each area of the back office keeps its
 * rows in a file of this folder exporting `rows: BackOfficeRow[]`; the test loads every file here.
 */
import type { Browser } from '../../helpers/web-browser.js';
import type { TestServer } from '../../helpers/server.js';

/** The routes this matrix answers for: the back office and the staff's own sign-in (test/http/authorization-matrix.test.ts leaves them here). */
export const isBackOfficeRoute = (path: string) => (path === '/admin' || path.startsWith('/admin/') || path.startsWith('/auth/staff-oidc/')) && path !== '/admin/statistics';

export const VISITORS = ['administrator', 'reviewer', 'viewer', 'member', 'none'] as const;
/** administrator, reviewer, viewer: staff sessions; member: an organization's member's session; none: no session. */
export type Visitor = (typeof VISITORS)[number];

export interface BackOfficeFixture {
  server: TestServer;
  browsers: Record<Visitor, Browser>;
  /** The registry's public origin (invitation links name it). */
  origin: string;
  /** An API call as the bootstrap administrator (bearer token): makes records for a cell. Throws on >= 300. */
  api(method: string, path: string, body?: unknown): Promise<any>;
  /** A new company (unique name and 法人番号) with nothing declared; its id. */
  newCompany(): Promise<string>;
  /** A new company's declaration, taken to `status` (draft, submitted, published). Its id. */
  newDeclaration(status: 'draft' | 'submitted' | 'published'): Promise<{ id: string; organizationId: string }>;
  /** A number no other cell has used. */
  unique(): number;
}

export interface BackOfficeRow {
  method: 'GET' | 'POST';
  /** The path with {placeholders}, as in the report and the route check. */
  template: string;
  /** The concrete path for one cell (may create a fresh record for that cell). */
  path: (f: BackOfficeFixture, visitor: Visitor) => string | Promise<string>;
  /** A form post's fields (the visitor's CSRF token is added, or a guessed one without a session). */
  form?: (f: BackOfficeFixture, visitor: Visitor) => Record<string, string> | Promise<Record<string, string>>;
  /** A JSON post (the passkey endpoints), sent with the public Origin as our script does. */
  json?: (f: BackOfficeFixture, visitor: Visitor) => unknown;
  /** A multipart post (file uploads). */
  multipart?: (f: BackOfficeFixture, visitor: Visitor) => FormData | Promise<FormData>;
  expect: Record<Visitor, number>;
}

/** Common expectations. Without a staff session a page redirects to /admin/login (302); a form post too. */
export const READ_PAGE: Record<Visitor, number> = { administrator: 200, reviewer: 200, viewer: 200, member: 302, none: 302 };
export const ADMIN_PAGE: Record<Visitor, number> = { administrator: 200, reviewer: 403, viewer: 403, member: 302, none: 302 };
export const REVIEW_PAGE: Record<Visitor, number> = { administrator: 200, reviewer: 200, viewer: 403, member: 302, none: 302 };
/** A form that redirects when done (303). */
export const ADMIN_POST: Record<Visitor, number> = { administrator: 303, reviewer: 403, viewer: 403, member: 302, none: 302 };
export const REVIEW_POST: Record<Visitor, number> = { administrator: 303, reviewer: 303, viewer: 403, member: 302, none: 302 };
export const READ_POST: Record<Visitor, number> = { administrator: 303, reviewer: 303, viewer: 303, member: 302, none: 302 };
/**
 * A form with text typed at length (a reason, a note), posted from this site's page without a
 * session (as a session that ended would): nothing is done, and the text comes back to copy and
 * send again after signing in (403, web/session-ended.tsx) instead of the redirect that dropped it.
 */
export const withTextKept = (expect: Record<Visitor, number>): Record<Visitor, number> => ({ ...expect, none: 403 });
