import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsAdministrator, signInAsStaff } from '../helpers/staff.js';
import type { Browser } from '../helpers/web-browser.js';

/**
 * An organization's page shows its 20 newest audit entries; a link opens the whole log narrowed to
 * that organization (its record, declarations and awards, what its members and tokens did), and
 * the CSV offered there holds the same entries.
 */
let server: TestServer;
let admin: Browser;
let viewer: Browser;
let busy: Awaited<ReturnType<typeof seedCompany>>;
let other: Awaited<ReturnType<typeof seedCompany>>;
const INVITATIONS = 22;

const rowsOf = (html: string) => [...html.matchAll(/<tr id="audit-(\d+)">([\s\S]*?)<\/tr>/g)].map((m) => ({ seq: Number(m[1]), html: m[2]! }));
const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

async function download(b: Browser, path: string) {
  const response = await fetch(server.url + path, { headers: { cookie: [...b.jar].map(([name, value]) => `${name}=${value}`).join('; ') }, redirect: 'manual' });
  return { status: response.status, text: await response.text() };
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await signInAsAdministrator(server);
  viewer = await signInAsStaff(server, admin, 'viewer');
  busy = await seedCompany(server, { n: 1, publish: true, name: '株式会社<記録>多め' });
  other = await seedCompany(server, { n: 2, publish: true });
  // More entries than the organization's page shows: each invitation is one about the organization.
  for (let i = 0; i < INVITATIONS; i++) {
    const invited = await server.call('POST', `/api/v1/organizations/${busy.organization.id}/invitations`, { body: { role: 'editor' } });
    expect(invited.status, invited.text).toBe(201);
  }
}, 180_000);

afterAll(async () => {
  await server?.close();
});

describe("an organization's whole audit trail", () => {
  it('is linked from its page, which shows only the newest 20', async () => {
    const page = await viewer.request('GET', `/admin/organizations/${busy.organization.id}`);
    expect(page.status).toBe(200);
    const trail = /<ul class="trail" id="org-audit">([\s\S]*?)<\/ul>/.exec(page.text)![1]!;
    expect(trail.match(/<li>/g)).toHaveLength(20);
    const link = /<a id="org-audit-all" href="([^"]+)">([^<]+)<\/a>/.exec(page.text);
    expect(link, 'a link to the rest of the trail').not.toBeNull();
    expect(unescape(link![1]!)).toBe(`/admin/audit?organization=${busy.organization.id}`);
    expect(link![2]).toBe('この団体の操作記録をすべて監査ログで見る');
    const english = await viewer.request('GET', `/admin/organizations/${busy.organization.id}?lang=en`);
    expect(unescape(/<a id="org-audit-all" href="([^"]+)">/.exec(english.text)![1]!)).toBe(`/admin/audit?organization=${busy.organization.id}&lang=en`);
  });

  it('opens the log narrowed to the organization: its record, declaration and tokens, nothing of another', async () => {
    const page = await viewer.request('GET', `/admin/audit?organization=${busy.organization.id}`);
    expect(page.status).toBe(200);
    const rows = rowsOf(page.text);
    expect(rows.filter((r) => r.html.includes('<code>invitation.create</code>'))).toHaveLength(INVITATIONS);
    for (const action of ['organization.create', 'declaration.create', 'declaration.submit', 'declaration.publish']) {
      expect(rows.some((r) => r.html.includes(`<code>${action}</code>`)), action).toBe(true);
    }
    expect(page.text).not.toContain(other.organization.id);
    expect(page.text).not.toContain(other.declarationId);
    // The page names the organization (escaped) and links back to it; the form keeps the filter.
    expect(page.text).toContain(`<a href="/admin/organizations/${busy.organization.id}">株式会社&lt;記録&gt;多め</a>`);
    expect(page.text).toMatch(new RegExp(`name="organization" value="${busy.organization.id}"`));
    // It combines with the other filters.
    const published = rowsOf((await viewer.request('GET', `/admin/audit?organization=${busy.organization.id}&action=declaration.publish`)).text);
    expect(published).toHaveLength(1);
    expect(published[0]!.html).toContain(busy.declarationId);
  });

  it('downloads the same entries as CSV', async () => {
    const page = await viewer.request('GET', `/admin/audit?organization=${busy.organization.id}`);
    const href = unescape(/<a id="audit-export" class="[^"]+" href="([^"]+)"/.exec(page.text)![1]!);
    expect(href).toBe(`/admin/audit/export.csv?organization=${busy.organization.id}`);
    const csv = await download(viewer, href);
    expect(csv.status).toBe(200);
    const seqs = csv.text.split('\r\n').slice(1).filter(Boolean).map((line) => Number(/^"(\d+)"/.exec(line)?.[1]));
    expect(seqs).toEqual(rowsOf(page.text).map((r) => r.seq));
  });

  it('refuses an id no organization could have, next to the field', async () => {
    const page = await viewer.request('GET', `/admin/audit?organization=${'x'.repeat(65)}`);
    expect(page.status).toBe(400);
    expect(page.text).toContain('団体のID');
    expect(page.text).toContain('団体のIDは64文字以内で入力してください（今は65文字）。');
    expect(page.text).toContain('<a href="#f-organization">団体のIDは64文字以内で入力してください（今は65文字）。</a>'); // the summary names the field once
  });
});
