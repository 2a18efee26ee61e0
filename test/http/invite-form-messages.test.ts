/**
 * The e-mail field of the member area's invitation form (the same rule checks a person joining and
 * the back office's invitations) says what is wrong: an address too long is told its limit and
 * length, one in the wrong form is shown the form. Over real HTTP, reading the message beside the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { signInAsMember } from '../helpers/staff.js';
import { csrfIn, type Browser } from '../helpers/web-browser.js';

let server: TestServer;
let member: Browser;

beforeAll(async () => {
  server = await startTestServer();
  const { organization } = await seedCompany(server, { n: 91 });
  member = await signInAsMember(server, organization.id);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

const fieldError = (html: string, name: string) =>
  (new RegExp(`<p class="field-error" id="f-${name}-error">([\\s\\S]*?)</p>`).exec(html)?.[1] ?? '').replace(/<[^>]+>/g, '');

async function refused(email: string, lang: 'ja' | 'en') {
  const csrf = csrfIn((await member.request('GET', '/my/members')).text);
  const answer = await member.request('POST', lang === 'en' ? '/my/members/invite?lang=en' : '/my/members/invite', { form: { csrf, role: 'editor', email } });
  expect(answer.status).toBe(400);
  return fieldError(answer.text, 'email');
}

describe('the invitation form’s e-mail messages', () => {
  it('an address too long is told its limit and length, not that its form is wrong', async () => {
    const long = `${'a'.repeat(250)}@example.jp`;
    const ja = await refused(long, 'ja');
    expect(ja).toContain(`メールアドレスは254文字以内で入力してください（今は${long.length}文字）。`);
    expect(ja).not.toContain('形式');
    const en = await refused(long, 'en');
    expect(en).toContain(`The e-mail address can be at most 254 characters (now ${long.length}).`);
    expect(en).not.toContain('such as');
  });

  it('an address in the wrong form is shown the form, without a length', async () => {
    const ja = await refused('tanaka at example.jp', 'ja');
    expect(ja).toContain('メールアドレスの形式が正しくありません');
    expect(ja).not.toContain('254');
  });
});
