/**
 * The member list's passkeys (/my/members): each passkey's name reads apart from when it was
 * added and last used. A passkey registered without a name is named by its time of registration
 * (「2026-12-06 01:12」), which ran straight into 「登録 2026年12月6日 1:12」 as one string of dates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsMember } from '../helpers/staff.js';

let server: TestServer;
let organizationId: string;

beforeAll(async () => {
  server = await startTestServer();
  organizationId = (await seedCompany(server, { n: 640 })).organization.id;
}, 120_000);
afterAll(() => server?.close());

/** Each passkey's line as read: tags removed, the remove button's label left out. */
const passkeyLines = (html: string) =>
  [...(/<ul class="passkeys">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '').matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!.replace(/<form[\s\S]*?<\/form>/g, '').replace(/<[^>]+>/g, '').trim());

describe('the passkeys on /my/members', () => {
  it('name each passkey, then in brackets when it was added and last used, in Japanese and English', async () => {
    const member = await signInAsMember(server, organizationId);
    const ja = passkeyLines((await member.request('GET', '/my/members')).text);
    expect(ja).toHaveLength(1);
    expect(ja[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}（登録 \d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2}・最終使用 \d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2}）$/);
    const en = passkeyLines((await member.request('GET', '/my/members?lang=en')).text);
    expect(en[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(added \d{1,2} \w+ \d{4}, \d{2}:\d{2} JST, last used \d{1,2} \w+ \d{4}, \d{2}:\d{2} JST\)$/);
  });
});
