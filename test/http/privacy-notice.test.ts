/**
 * The privacy notice (個人情報の取扱い, 個人情報保護法): a person asked for their name and e-mail
 * address (an invitation link), or signing in, can read what the registry keeps about them, why,
 * for how long and whom to ask, without JavaScript. The periods it states are the configured ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAsAdministrator, inviteStaff } from '../helpers/staff.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ SESSION_IDLE_MINUTES: '25', SESSION_ABSOLUTE_HOURS: '9', INVITATION_TTL_HOURS: '48', MAIL_RETENTION_DAYS: '120', SITE_OPERATOR_NAME: '地方創生テレワーク推進室' });
});
afterAll(() => server?.close());

const page = async (path: string) => {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, type: response.headers.get('content-type'), html: await response.text() };
};

/** The page's own content, without its header and footer. */
const mainHtml = (html: string) => /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
/** The text a reader sees in <main> (tags dropped, spaces folded). */
const mainText = (html: string) => mainHtml(html).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const PRIVACY_LINK = /<a href="\/privacy(\?lang=en)?"[^>]*>/;

describe('the privacy notice', () => {
  it('is a page in Japanese and in English, saying what is kept, why, for how long (the configured periods) and whom to ask', async () => {
    const ja = await page('/privacy');
    expect(ja.status).toBe(200);
    expect(ja.type).toMatch(/^text\/html/);
    expect(ja.html).toContain('<html lang="ja"');
    const text = mainText(ja.html);
    expect(text).toContain('個人情報の取扱い');
    for (const kept of ['氏名', 'メールアドレス', 'パスキー', 'GビズID', '連絡先', 'IP アドレス', '監査ログ']) expect(text, kept).toContain(kept);
    for (const period of ['25 分', '9 時間', '48 時間', '送信から 120 日後に削除']) expect(text, period).toContain(period);
    expect(text).toContain('地方創生テレワーク推進室');
    // Nothing to run: the page is read without JavaScript.
    expect(ja.html).not.toContain('<script');

    const en = await page('/privacy?lang=en');
    expect(en.status).toBe(200);
    expect(en.html).toContain('<html lang="en"');
    const english = mainText(en.html);
    expect(english).toContain('Personal information');
    // An operator named in Japanese only (no SITE_OPERATOR_NAME_EN) keeps that name, marked as Japanese, on English pages.
    expect(english).toContain('What this registry, run by 地方創生テレワーク推進室, keeps');
    expect(en.html).toContain('<dd class="site-footer__operator" lang="ja">地方創生テレワーク推進室</dd>');
    for (const period of ['25 minutes', '9 hours', '48 hours', 'deleted 120 days after it was sent']) expect(english, period).toContain(period);
  });

  it('is linked from every page’s footer, from sign-in and from both invitation pages', async () => {
    const { organization } = await seedCompany(server, { n: 9601 });
    const invited = await server.call('POST', `/api/v1/organizations/${organization.id}/invitations`, { body: { role: 'editor', email: 'invitee@example.jp' } });
    expect(invited.status, invited.text).toBe(201);
    const staffUrl = await inviteStaff(await signInAsAdministrator(server), 'viewer', '閲覧 太郎');
    const joinPath = new URL(invited.body.url).pathname;
    const staffJoinPath = new URL(staffUrl).pathname;

    for (const path of ['/', '/organizations', '/login', '/admin/login', joinPath, staffJoinPath]) {
      const { status, html } = await page(path);
      expect(status, path).toBe(200);
      const footer = /<footer[\s\S]*<\/footer>/.exec(html)?.[0] ?? '';
      expect(footer, `${path}: footer`).toMatch(PRIVACY_LINK);
    }
    // Where a person is asked for their name and address, or signs in: beside the form, not only in the footer.
    for (const path of ['/login', '/admin/login', joinPath, staffJoinPath]) expect(mainHtml((await page(path)).html), path).toMatch(PRIVACY_LINK);
  });

  it('is in the sitemap, in Japanese with its English version', async () => {
    const sitemap = await (await fetch(`${server.url}/sitemaps/site.xml`)).text();
    expect(sitemap).toMatch(/<url><loc>http[^<]+\/privacy<\/loc>.*hreflang="en" href="[^"]+\/privacy\?lang=en"/);
  });
});
