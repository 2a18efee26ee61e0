import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

/**
 * A revocation's note through the API counts a line break as one character, CR LF and a lone CR
 * alike, as the back office's forms count it (their textareas send CR LF), and is stored with its
 * line breaks as LF; the limit's message says the length so counted. Over real HTTP.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** `length` characters as a person counts them: lines of 9 joined by CR LF and lone CRs in turn (the first line makes up the rest). */
function noteOf(length: number): string {
  const lines = Array.from({ length: Math.floor(length / 10) }, (_, i) => '補足の行です。改行'.slice(0, 9) + (i % 2 === 0 ? '\r\n' : '\r'));
  return 'あ'.repeat(length - lines.length * 10) + lines.join('');
}

describe('a revocation note with line breaks, through the API', () => {
  it('is taken at exactly the limit (CR LF and CR counted once), stored with LF line breaks', async () => {
    const note = noteOf(2000).replace(/\r\n?$/, '') + '末';
    expect([...note.replace(/\r\n?/g, '\n')]).toHaveLength(2000);
    const company = await seedCompany(server, { n: 91_001, publish: true });
    const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: company.organization.id, fiscalYear: 2025, category: 'excellence' } });
    expect(award.status).toBe(201);
    const declaration = await server.call('POST', `/api/v1/declarations/${company.declarationId}/revoke`, { body: { reason: 'false-declaration', note } });
    expect(declaration.status).toBe(200);
    expect(declaration.body.statusNote).toBe(note.replace(/\r\n?/g, '\n'));

    const revoked = await server.call('POST', `/api/v1/awards/${award.body.id}/revoke`, { body: { note } });
    expect(revoked.status).toBe(200);
    expect(revoked.body.statusNote).toBe(note.replace(/\r\n?/g, '\n'));
  });

  it('is refused one character over, the problem naming the note and its length counted the same way; nothing changes', async () => {
    const note = noteOf(2000).replace(/\r\n?$/, '') + '末尾';
    const company = await seedCompany(server, { n: 91_002, publish: true });
    const before = server.snapshot();
    const refused = await server.call('POST', `/api/v1/declarations/${company.declarationId}/revoke`, { body: { reason: 'false-declaration', note } });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.body.errors).toEqual([{ field: '/note', ja: '/note: 2000文字以内で入力してください（今は2001文字）。', en: '/note: must be at most 2000 characters (now 2001).' }]);
    expect(server.snapshot()).toBe(before);
  });
});
