/**
 * The Achievement pages a badge's addresses open (the self-declaration's, a division's award) in a
 * real browser, Japanese and English: axe clean, nothing wider than the screen at 320, 390 and
 * 1280 px (screenshots: test-artifacts/screenshots/achievement-*.png), and a guideline area's
 * address (#security) opening at its own section.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, browserMissing, pagePerTest, screenshotsAt, seriousAxeViolations } from '../helpers/browser.js';
import { declarationCredential, localUrl } from '../helpers/credentials.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

if (browserMissing) console.warn(`Skipping the Achievement pages browser test: ${CHROMIUM_PATH} is missing.`);

describe.skipIf(browserMissing)('the Achievement pages in a browser', () => {
  let server: TestServer;
  let declarationAchievement: string;
  let awardAchievement: string;
  beforeAll(async () => {
    server = await startTestServer();
    const division = await server.call('POST', '/api/v1/award-divisions', { body: { code: 'small-and-medium', nameJa: '中小企業・小規模事業者部門', nameEn: 'Small and medium-sized enterprises and small businesses', sortOrder: 10 } });
    expect(division.status, division.text).toBe(201);
    const { organization, declarationId } = await seedCompany(server, { n: 821, publish: true });
    declarationAchievement = localUrl(server, (await declarationCredential(server, declarationId)).dataIntegrity.credentialSubject.achievement.id);
    const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: organization.id, fiscalYear: 2024, category: 'minister', division: 'small-and-medium', awardedOn: '2025-02-10' } });
    expect(award.status, award.text).toBe(201);
    awardAchievement = `${server.url}/achievements/telework-award/2024/minister/small-and-medium`;
  }, 60_000);
  afterAll(() => server?.close());
  const b = pagePerTest(() => server);

  for (const lang of ['ja', 'en'] as const) {
    for (const kind of ['declaration', 'award'] as const) {
      it(`${kind}, ${lang}: axe clean, nothing wider than the screen`, async () => {
        const response = await b.page.goto(`${kind === 'declaration' ? declarationAchievement : awardAchievement}?lang=${lang}`);
        expect(response?.status()).toBe(200);
        expect(await b.page.locator('h1').count()).toBe(1);
        expect(await seriousAxeViolations(b.page)).toEqual([]);
        const wide: string[] = [];
        await screenshotsAt(b.page, `achievement-${kind}-${lang}`, (name, width, scrollWidth) => void (scrollWidth > width && wide.push(`${name} at ${width}px is ${scrollWidth}px wide`)));
        expect(wide).toEqual([]);
      });
    }
  }

  it('a guideline area’s address opens at its section', async () => {
    await b.page.goto(`${declarationAchievement}#security`);
    const section = b.page.locator('#security');
    await expect.poll(() => section.evaluate((element) => Math.round(element.getBoundingClientRect().top))).toBeLessThan(5);
    expect(await section.locator('h3').textContent()).toBe('情報セキュリティ');
  });
});
