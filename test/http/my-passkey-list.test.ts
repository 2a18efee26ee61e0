/**
 * The member list's passkeys (/my/members): each passkey's name reads apart from when it was
 * added and last used. A passkey registered without a name is named by its time of registration
 * as the pages write a moment, in the language the person joined in (Japan time):
 * 「パスキー（2026年12月6日 1:12）」 / "Passkey (6 December 2026, 01:12 JST)", not an ISO 「2026-12-06 01:12」.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsMember } from '../helpers/staff.js';
import { browser } from '../helpers/web-browser.js';
import { softAuthenticator } from '../helpers/webauthn.js';

let server: TestServer;
let organizationId: string;

beforeAll(async () => {
  server = await startTestServer();
  organizationId = (await seedCompany(server, { n: 640 })).organization.id;
}, 120_000);
afterAll(() => server?.close());

/** Each passkey's line as read: tags removed, the remove button's label left out. */
const passkeyLines = (html: string) =>
  [...[...html.matchAll(/<ul class="passkeys">([\s\S]*?)<\/ul>/g)].map((list) => list[1]!).join('').matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!.replace(/<form[\s\S]*?<\/form>/g, '').replace(/<[^>]+>/g, '').trim());

/** Joins through a new invitation on the English pages (?lang=en), giving no name for the passkey. */
async function joinInEnglish(name: string) {
  const { body } = await server.call('POST', `/api/v1/organizations/${organizationId}/invitations`, { body: { role: 'editor' } });
  const link = new URL(body.url);
  const b = browser(server, link.origin);
  const device = softAuthenticator(link.origin);
  const person = { name, email: '' };
  const options = await b.request('POST', `${link.pathname}/options?lang=en`, { json: person });
  const verify = await b.request('POST', `${link.pathname}/verify?lang=en`, { json: { ...person, credential: device.create(options.body) } });
  expect(verify.status).toBe(200);
  return b;
}

describe('the passkeys on /my/members', () => {
  it('name each passkey, then in brackets when it was added and last used; an unnamed one by when it was added, in Japanese', async () => {
    const member = await signInAsMember(server, organizationId);
    const ja = passkeyLines((await member.request('GET', '/my/members')).text);
    expect(ja).toHaveLength(1); // the first to join, before the English member of the next test
    const line = /^パスキー（(\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2})）（登録 (\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2})・最終使用 \d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2}）$/.exec(ja[0]!);
    expect(line, ja[0]).not.toBeNull();
    expect(line![1]).toBe(line![2]);
    const en = passkeyLines((await member.request('GET', '/my/members?lang=en')).text);
    expect(en[0]).toMatch(/^パスキー（.+） \(added \d{1,2} \w+ \d{4}, \d{2}:\d{2} JST, last used \d{1,2} \w+ \d{4}, \d{2}:\d{2} JST\)$/);
  });

  it('name an unnamed passkey registered on the English pages in English', async () => {
    const member = await joinInEnglish('Hanako Dantai');
    const lines = passkeyLines((await member.request('GET', '/my/members?lang=en')).text);
    const mine = lines.map((l) => /^Passkey \((\d{1,2} \w+ \d{4}, \d{2}:\d{2} JST)\) \(added (\d{1,2} \w+ \d{4}, \d{2}:\d{2} JST), last used/.exec(l)).find(Boolean);
    expect(mine, lines.join('\n')).toBeTruthy();
    expect(mine![1]).toBe(mine![2]);
  });
});
