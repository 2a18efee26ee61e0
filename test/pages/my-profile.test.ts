/**
 * /my/profile in a real browser: a member goes from the members page to their own name and address,
 * types a wrong address (the message by its field, axe clean), corrects it and is back on the
 * members page saying it was saved. Axe clean and nothing wider than the screen at 320, 390 and
 * 1280 px (screenshots: test-artifacts/screenshots/my-profile-*.png).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, browserMissing, pagePerTest, screenshotsAt, seriousAxeViolations } from '../helpers/browser.js';
import { seedCompany, type TestServer } from '../helpers/server.js';
import { signInAsMember, startOnOwnOrigin } from '../helpers/staff.js';

if (browserMissing) console.warn(`Skipping the /my/profile browser test: ${CHROMIUM_PATH} is missing.`);

describe.skipIf(browserMissing)('a member corrects their own name and address in a browser', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startOnOwnOrigin();
  });
  afterAll(() => server?.close());
  const b = pagePerTest(() => server);

  it('from the members page, a wrong address refused by its field, then saved', async () => {
    const { organization } = await seedCompany(server, { n: 9801 });
    const jar = (await signInAsMember(server, organization.id, '旧姓 花子')).jar;
    await b.context.addCookies([...jar].map(([name, value]) => ({ name, value, url: server.url })));

    await b.page.goto(`${server.url}/my/members`);
    await b.page.getByRole('link', { name: 'お名前・メールアドレスを確認・変更する' }).click();
    await expect.poll(() => b.page.getByRole('heading', { level: 1 }).innerText()).toBe('お名前とメールアドレス');
    expect(await b.page.getByLabel('お名前').inputValue()).toBe('旧姓 花子');

    await b.page.getByLabel('メールアドレス（任意）').fill('hanako@@example.jp');
    await b.page.getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => b.page.locator('.field-error').innerText()).toContain('メールアドレスの形式が正しくありません');
    expect(await b.page.getByLabel('メールアドレス（任意）').getAttribute('aria-invalid')).toBe('true');
    const problems: string[] = [];
    for (const width of [320, 390, 1280]) {
      await b.page.setViewportSize({ width, height: 900 });
      for (const v of await seriousAxeViolations(b.page)) problems.push(`${width}px: ${v.id} ${v.help}`);
    }
    await screenshotsAt(b.page, 'my-profile', (shot, width, scrollWidth) => void (scrollWidth > width && problems.push(`${shot} at ${width}px is ${scrollWidth}px wide`)));
    expect(problems).toEqual([]);

    await b.page.getByLabel('お名前').fill('新姓 花子');
    await b.page.getByLabel('メールアドレス（任意）').fill('hanako@example.jp');
    await b.page.getByRole('button', { name: '保存する' }).click();
    await expect.poll(() => new URL(b.page.url()).pathname).toBe('/my/members');
    expect(await b.page.locator('main').innerText()).toContain('お名前とメールアドレスを保存しました。');
    expect(await b.page.locator('.member__name').allInnerTexts()).toEqual(['新姓 花子（あなた）']);
    expect(await b.page.locator('main').innerText()).toContain('hanako@example.jp');
  });
});
