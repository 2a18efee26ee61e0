/**
 * 「状態別の宣言」 as the secretariat reads it: each declaration counted once, in the stage it is in
 * for the secretariat's work. A draft sent back (差戻し) is not a draft never submitted, and a
 * renewal applied for after expiry (更新を審査中) is neither a first review nor a lapsed
 * declaration; a withdrawal the public saw (公表後に取下げ) is not one it never saw (公表前に取下げ).
 * GET /api/v1/statistics keeps byStatus (stored statuses) as it was and adds byStage.
 * Declarations moved through the lifecycle over real HTTP, real SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declarationAction, expireDeclarations, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator } from '../helpers/staff.js';

let server: TestServer;
const RETURN = { body: { reason: '取組内容を具体的に記入してください。' } };

beforeAll(async () => {
  server = await startTestServer();
  const act = (s: { declarationId: string; orgToken: string }, action: string, options: { body?: unknown; asOrganization?: boolean } = {}) =>
    declarationAction(server, s.declarationId, action, { ...(options.asOrganization ? { token: s.orgToken } : {}), ...(options.body ? { body: options.body } : {}) });
  const [draft, returned, resubmitted, inReview, published, renewing, renewalReturned, lapsed, withdrawnUnseen, withdrawnSeen] = await Promise.all([
    seedCompany(server, { n: 501 }),
    seedCompany(server, { n: 502 }),
    seedCompany(server, { n: 503 }),
    seedCompany(server, { n: 504 }),
    seedCompany(server, { n: 505, publish: true }),
    seedCompany(server, { n: 506, publish: true }),
    seedCompany(server, { n: 507, publish: true }),
    seedCompany(server, { n: 508, publish: true }),
    seedCompany(server, { n: 509 }),
    seedCompany(server, { n: 510, publish: true }),
  ]);
  void draft;
  for (const s of [returned!, resubmitted!, inReview!, withdrawnUnseen!]) await act(s, 'submit', { asOrganization: true });
  // One withdrawn while under review (the public never saw it), one after it was published.
  for (const s of [withdrawnUnseen!, withdrawnSeen!]) await act(s, 'withdraw', { asOrganization: true });
  for (const s of [returned!, resubmitted!]) await act(s, 'return', RETURN);
  await act(resubmitted!, 'submit', { asOrganization: true });
  void published;
  await expireDeclarations(server, [renewing!, renewalReturned!, lapsed!].map((s) => s.declarationId));
  for (const s of [renewing!, renewalReturned!]) await act(s, 'renew', { asOrganization: true });
  await act(renewalReturned!, 'return', RETURN);
});
afterAll(() => server?.close());

const countsOf = (rows: { count: number }[], key: string) => Object.fromEntries(rows.map((r: any) => [r[key], r.count]));

describe('declarations by stage, for the secretariat', () => {
  it('counts a returned draft as 差戻し and a renewal after expiry as 更新を審査中, each declaration once', async () => {
    const { status, body } = await server.call('GET', '/api/v1/statistics');
    expect(status).toBe(200);
    const byStage = body.declarations.byStage;
    expect(countsOf(byStage, 'stage')).toEqual({
      draft: 1, returned: 2, submitted: 2, renewalUnderReview: 1, published: 1, suspended: 0, withdrawnBeforePublication: 1, withdrawnAfterPublication: 1, revoked: 0, expired: 1,
    });
    expect(byStage.reduce((sum: number, r: any) => sum + r.count, 0)).toBe(10);
    const label = (stage: string) => byStage.find((r: any) => r.stage === stage).label;
    expect(label('returned')).toEqual({ ja: '差戻し', en: 'Returned' });
    expect(label('renewalUnderReview').ja).toBe('更新を審査中（期限切れ後）');
    // Each stage names the stored status it is part of, so a client can add them back up.
    expect(byStage.find((r: any) => r.stage === 'returned').status).toBe('draft');
    expect(byStage.find((r: any) => r.stage === 'renewalUnderReview').status).toBe('submitted');
  });

  it('tells a declaration withdrawn before publication from one withdrawn after it, both stored as withdrawn', async () => {
    const { body } = await server.call('GET', '/api/v1/statistics');
    const stage = (name: string) => body.declarations.byStage.find((r: any) => r.stage === name);
    expect(stage('withdrawnBeforePublication')).toEqual({ stage: 'withdrawnBeforePublication', status: 'withdrawn', label: { ja: '公表前に取下げ', en: 'Withdrawn before publication' }, count: 1 });
    expect(stage('withdrawnAfterPublication')).toEqual({ stage: 'withdrawnAfterPublication', status: 'withdrawn', label: { ja: '公表後に取下げ', en: 'Withdrawn after publication' }, count: 1 });
    expect(stage('withdrawn')).toBeUndefined();
    const admin = await signInAsAdministrator(server);
    const row = (label: string, count: number) => new RegExp(`<th scope="row">${label}</th><td class="number">${count}</td>`);
    const ja = (await server.call('GET', '/admin/statistics')).text;
    expect(ja).toMatch(row('公表前に取下げ', 1));
    expect(ja).toMatch(row('公表後に取下げ', 1));
    const en = (await admin.request('GET', '/admin/statistics?lang=en')).text;
    expect(en).toMatch(row('Withdrawn before publication', 1));
    expect(en).toMatch(row('Withdrawn after publication', 1));
  });

  it('documents the two withdrawal stages in the OpenAPI description, the route and the schema', async () => {
    const doc = (await server.call('GET', '/openapi.json', { token: null })).body;
    const route = doc.paths['/api/v1/statistics'].get;
    expect(route.description).toMatch(/withdrawals before and after publication apart/);
    const schema = JSON.stringify(doc.components);
    expect(schema).toContain('"withdrawnBeforePublication","withdrawnAfterPublication"');
  });

  it('keeps byStatus as the stored statuses, with labels that say what they include', async () => {
    const { body } = await server.call('GET', '/api/v1/statistics');
    const byStatus = body.declarations.byStatus;
    expect(countsOf(byStatus, 'status')).toEqual({ draft: 3, submitted: 3, published: 1, suspended: 0, withdrawn: 2, revoked: 0, expired: 1 });
    expect(byStatus.find((r: any) => r.status === 'draft').label.ja).toBe('下書き（差戻しを含む）');
    expect(byStatus.find((r: any) => r.status === 'submitted').label.ja).toBe('審査中（更新の審査を含む）');
  });

  it('shows the same stages in the chart and its table on the statistics page', async () => {
    const { text } = await server.call('GET', '/admin/statistics');
    const row = (label: string, count: number) => new RegExp(`<th scope="row">${label.replace(/[()（）]/g, '\\$&')}</th><td class="number">${count}</td>`);
    expect(text).toMatch(row('下書き（未提出）', 1));
    expect(text).toMatch(row('差戻し', 2));
    expect(text).toMatch(row('審査中', 2));
    expect(text).toMatch(row('更新を審査中（期限切れ後）', 1));
    expect(text).toMatch(row('期限切れ', 1));
  });

  it('the chart read aloud names every stage tied for the largest count, not the first of them', async () => {
    const desc = (html: string) => /<desc id="by-status-desc">([^<]*)<\/desc>/.exec(html)?.[1] ?? '';
    expect(desc((await server.call('GET', '/admin/statistics')).text)).toMatch(/最多は差戻し・審査中の各2件。$/);
    const admin = await signInAsAdministrator(server);
    expect(desc((await admin.request('GET', '/admin/statistics?lang=en')).text)).toMatch(/Largest: Returned and Under review, 2 each\.$/);
  });
});
