/**
 * A person leaves an organization themselves (before, only an owner or the secretariat could
 * remove them, so someone who moved on stayed a member, with notices going to them). Leaving ends
 * their sessions at once; the last owner cannot leave. Real HTTP, real SQLite file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompany, type TestServer } from '../helpers/server.js';
import { signInAsMember, startOnOwnOrigin } from '../helpers/staff.js';
import { browser, csrfIn, pageText } from '../helpers/web-browser.js';
import { softAuthenticator } from '../helpers/webauthn.js';

let server: TestServer;

beforeAll(async () => {
  server = await startOnOwnOrigin();
});
afterAll(() => server?.close());

/** A browser signed in as a new editor of the organization (invited by the secretariat, joined with a passkey). */
async function signInAsEditor(organizationId: string, name: string) {
  const invited = await server.call('POST', `/api/v1/organizations/${organizationId}/invitations`, { body: { role: 'editor' } });
  expect(invited.status, invited.text).toBe(201);
  const link = new URL(invited.body.url);
  const b = browser(server, link.origin);
  const device = softAuthenticator(link.origin);
  const person = { name, email: '' };
  const options = await b.request('POST', `${link.pathname}/options`, { json: person });
  expect((await b.request('POST', `${link.pathname}/verify`, { json: { ...person, credential: device.create(options.body) } })).status).toBe(200);
  return b;
}

/** The address of the "leave" link on the person's own card, if there is one. */
const leaveLink = (html: string) => /<a[^>]+href="(\/my\/members\/[^/"]+\/remove)"[^>]*>(?:この団体から抜ける|Leave this organization)<\/a>/.exec(html)?.[1];

describe('leaving an organization', () => {
  it('an editor leaves from their own card: confirmed, signed out at once, gone from the members page', async () => {
    const { organization } = await seedCompany(server, { n: 9901 });
    const owner = await signInAsMember(server, organization.id, '残る 一郎');
    const leaver = await signInAsEditor(organization.id, '去る 二郎');

    const members = await leaver.request('GET', '/my/members');
    const link = leaveLink(members.text);
    expect(link, 'a leave link on the own card').toBeTruthy();
    const confirm = await leaver.request('GET', link!);
    expect(confirm.status).toBe(200);
    expect(pageText(confirm.text)).toContain('この団体から抜けます');

    const left = await leaver.request('POST', link!, { form: { csrf: csrfIn(confirm.text) } });
    expect(left.status).toBe(200);
    expect(pageText(left.text)).toContain('団体から抜けました');
    // The session ended with the membership.
    const after = await leaver.request('GET', '/my');
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toMatch(/^\/login/);

    const remaining = pageText((await owner.request('GET', '/my/members')).text);
    expect(remaining).toContain('残る 一郎');
    expect(remaining).not.toContain('去る 二郎');
  });

  it('the last owner is offered no leave link, and a post to leave is refused with nothing changed', async () => {
    const { organization } = await seedCompany(server, { n: 9902 });
    const only = await signInAsMember(server, organization.id, '唯一 三郎');
    const members = await only.request('GET', '/my/members');
    expect(leaveLink(members.text)).toBeUndefined();
    const self = /href="\/my\/profile"/.test(members.text);
    expect(self).toBe(true);
    const accountId = /name="account" value="([^"]+)"/.exec(members.text)?.[1];
    expect(accountId).toBeTruthy();
    const refused = await only.request('POST', `/my/members/${accountId}/remove`, { form: { csrf: csrfIn(members.text) } });
    expect(refused.status).toBe(409);
    expect((await only.request('GET', '/my/members')).status).toBe(200);
  });
});
