import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/adapters/sqlite/open.js';
import { createApp } from '../../src/http/app.js';
import { createKyselyRegistry } from '../../src/registry.js';
import { COMPANY, DECLARATION, corporateNumberFor, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator, signInAsMember, signInAsStaff } from '../helpers/staff.js';
import { onWorker } from '../helpers/targets.js';
import { browser, csrfIn } from '../helpers/web-browser.js';
import { isBackOfficeRoute, VISITORS, type BackOfficeFixture, type BackOfficeRow, type Visitor } from './back-office-matrix/rows.js';

/**
 * Every back-office route (/admin…, and the staff's OpenID Connect sign-in) × every kind of
 * visitor: an administrator, a reviewer and a viewer (staff sessions, as people get them: the
 * token form, invitations and passkeys), an organization's member (a session that is not staff),
 * and nobody. Posts carry the visitor's own CSRF token, so a refusal means "not allowed", never
 * "bad form". The rows live in test/http/back-office-matrix/*.ts; a route without a row fails.
 */
const ROW_FILES = readdirSync(new URL('./back-office-matrix/', import.meta.url)).filter((name) => name.endsWith('.ts') && name !== 'rows.ts');
const MATRIX: BackOfficeRow[] = (await Promise.all(ROW_FILES.map(async (name) => (await import(`./back-office-matrix/${name.slice(0, -'.ts'.length)}.ts`)).rows as BackOfficeRow[]))).flat();

/**
 * On the Worker, every route is visited as the administrator (each page and form renders and works
 * on workerd) and as nobody (the redirect to sign in); the roles in between are the same code on
 * both runtimes and are checked on Node, which keeps CI under its time limit.
 */
const MATRIX_VISITORS: readonly Visitor[] = onWorker ? ['administrator', 'none'] : VISITORS;

let f: BackOfficeFixture;
let server: TestServer;
const csrf = new Map<Visitor, string>();

beforeAll(async () => {
  server = await startTestServer();
  let counter = 0;
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await server.call(method, path, body === undefined ? {} : { body });
    if (response.status >= 300) throw new Error(`fixture ${method} ${path}: ${response.status} ${response.text}`);
    return response.body;
  };
  const newCompany = async () => (await api('POST', '/api/v1/organizations', { ...COMPANY, name: `管理画面株式会社${++counter}`, corporateNumber: corporateNumberFor(60_000 + counter) })).id as string;
  const administrator = await signInAsAdministrator(server);
  const reviewer = await signInAsStaff(server, administrator, 'reviewer', '審査 花子');
  const viewer = await signInAsStaff(server, administrator, 'viewer', '閲覧 次郎');
  const member = await signInAsMember(server, await newCompany());
  const origin = new URL((await api('POST', `/api/v1/organizations/${await newCompany()}/invitations`, {})).url).origin;
  f = {
    server,
    origin,
    browsers: { administrator, reviewer, viewer, member, none: browser(server, origin) },
    api,
    newCompany,
    async newDeclaration(status) {
      const organizationId = await newCompany();
      const { id } = await api('POST', `/api/v1/organizations/${organizationId}/declarations`, DECLARATION);
      if (status !== 'draft') await api('POST', `/api/v1/declarations/${id}/submit`);
      if (status === 'published') await api('POST', `/api/v1/declarations/${id}/publish`);
      return { id, organizationId };
    },
    unique: () => ++counter,
  };
  for (const visitor of ['administrator', 'reviewer', 'viewer'] as const) csrf.set(visitor, csrfIn((await f.browsers[visitor].request('GET', '/admin/account')).text));
  csrf.set('member', csrfIn((await f.browsers.member.request('GET', '/my')).text));
}, 180_000);

afterAll(async () => {
  await server?.close();
});

describe('back office authorization matrix: every /admin route × every visitor', () => {
  it('has a row for every back-office route the app registers (and none for a route it does not)', async () => {
    const store = await openSqlite({ path: ':memory:' });
    try {
      const registry = await createKyselyRegistry({ db: store.db, unitOfWork: store.unitOfWork, config: { validityMonths: 36, publicBaseUrl: 'http://localhost', didMethod: 'did:web' } });
      const routes = createApp({ registry, publicBaseUrl: 'http://localhost' }).routes
        .filter((r) => !(r.method === 'ALL' && r.path.endsWith('/*')) && isBackOfficeRoute(r.path))
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
      const rows = MATRIX.map((r) => `${r.method} ${r.template}`);
      expect({ untested: routes.filter((r) => !rows.includes(r)), stale: rows.filter((r) => !routes.includes(r)) }).toEqual({ untested: [], stale: [] });
      expect(new Set(rows).size, 'one row per route').toBe(rows.length);
    } finally {
      await store.close();
    }
  });

  it.each(MATRIX.map((row) => [`${row.method} ${row.template}`, row] as const))('%s', async (_name, row) => {
    const got: Partial<Record<Visitor, number>> = {};
    for (const visitor of MATRIX_VISITORS) {
      const b = f.browsers[visitor];
      const path = await row.path(f, visitor);
      let response;
      if (row.json) response = await b.request('POST', path, { json: row.json(f, visitor), origin: f.origin });
      else if (row.form) response = await b.request('POST', path, { form: { csrf: csrf.get(visitor) ?? 'guess', ...(await row.form(f, visitor)) } });
      else if (row.multipart) {
        const body = await row.multipart(f, visitor);
        body.set('csrf', csrf.get(visitor) ?? 'guess');
        response = await b.request('POST', path, { multipart: body });
      } else response = await b.request(row.method, path);
      got[visitor] = response.status;
      // A refusal is a page for people (never JSON), and never a 5xx.
      if (!row.json && response.status >= 400) expect(response.headers.get('content-type'), `${visitor}: ${path}`).toMatch(/^text\/html/);
      if (response.status === 302 && (visitor === 'member' || visitor === 'none')) expect(response.headers.get('location'), `${visitor}: ${path}`).toMatch(/^\/admin\/login(\?|$)/);
    }
    expect(got).toEqual(Object.fromEntries(MATRIX_VISITORS.map((v) => [v, row.expect[v]])));
  });
});
