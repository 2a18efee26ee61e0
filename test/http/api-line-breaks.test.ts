/**
 * Line breaks in the API's free texts (a declaration's policy and measures, an award's overview and
 * message, a partner's deactivation reason) as a client sends them when it posts what a Windows
 * textarea or Excel cell gave it: CR LF. The forms store each line break as \n and count it as one
 * character, as a person does; the API stored CR LF and counted two, so the same text was stored
 * two ways and a policy at its 4,000-character limit was refused through the API alone. Real HTTP,
 * real SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLARATION, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 180_000);
afterAll(() => server?.close());

/** 4,000 characters as a person counts them: 3,998 + a line break + 1. */
const AT_LIMIT = `${'あ'.repeat(3998)}\r\nい`;

describe('CR LF in the API’s free texts', () => {
  it('a declaration’s policy and measures are stored with \\n, and a policy at its limit counted as a person counts it', async () => {
    const { declarationId, orgToken } = await seedCompany(server, { n: 99_101 });
    const amended = await server.call('PUT', `/api/v1/declarations/${declarationId}`, { token: orgToken, body: { ...DECLARATION, policy: '方針1行目\r\n2行目\r3行目', measures: '内容\r\n続き' } });
    expect(amended.status, amended.text.slice(0, 300)).toBe(200);
    expect(amended.body.content).toMatchObject({ policy: '方針1行目\n2行目\n3行目', measures: '内容\n続き' });
    const atLimit = await server.call('PUT', `/api/v1/declarations/${declarationId}`, { token: orgToken, body: { ...DECLARATION, policy: AT_LIMIT } });
    expect(atLimit.status, atLimit.text.slice(0, 300)).toBe(200);
    expect(atLimit.body.content.policy).toBe(AT_LIMIT.replace('\r\n', '\n'));
  });

  it('an award’s overview and message are stored with \\n', async () => {
    const { organization } = await seedCompany(server, { n: 99_102, publish: true });
    const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: organization.id, fiscalYear: 2025, category: 'minister', overview: '概要\r\n2行目', message: 'お祝い\r\n2行目' } });
    expect(award.status, award.text.slice(0, 300)).toBe(201);
    expect(award.body).toMatchObject({ overview: '概要\n2行目', message: 'お祝い\n2行目' });
  });
});
