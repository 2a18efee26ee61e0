/**
 * The organization page of a company whose English name has no space to break at (typed so in
 * /my, or a web address given as the name), in Japanese and English: the heading wraps instead of
 * pushing the page sideways on a 320 px phone or past 1280 px. Real server, real Chromium (axe,
 * screenshots at 320/390/1280).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corporateNumberFor, DECLARATION, startTestServer, type TestServer } from '../helpers/server.js';
import { CHROMIUM_PATH, browserMissing, pagePerTest, screenshotsAt, seriousAxeViolations } from '../helpers/browser.js';

if (browserMissing) console.warn(`Skipping the long-name organization page test: ${CHROMIUM_PATH} is missing.`);

const NAME_EN = 'MiraiWorkRegionalRevitalizationTeleworkHoldingsInternational';

describe.skipIf(browserMissing)('an organization page with a long unbroken English name', () => {
  let server: TestServer;
  let organizationId: string;
  beforeAll(async () => {
    server = await startTestServer();
    const org = await server.call('POST', '/api/v1/organizations', { body: { kind: 'company', name: '株式会社みらいワーク地域創生テレワークホールディングス', nameEn: NAME_EN, corporateNumber: corporateNumberFor(97), prefectureCode: '13' } });
    if (org.status !== 201) throw new Error(`organization: ${org.status} ${org.text}`);
    organizationId = org.body.id;
    const declaration = await server.call('POST', `/api/v1/organizations/${organizationId}/declarations`, { body: DECLARATION });
    await server.call('POST', `/api/v1/declarations/${declaration.body.id}/submit`);
    const published = await server.call('POST', `/api/v1/declarations/${declaration.body.id}/publish`);
    if (published.status !== 200) throw new Error(`publish: ${published.status} ${published.text}`);
  });
  afterAll(async () => {
    await server?.close();
  });
  const b = pagePerTest(() => server);

  for (const lang of ['ja', 'en'] as const) {
    it(`${lang}: no sideways scrolling at 320, 390 or 1280 px, axe clean`, async () => {
      await b.page.goto(`${server.url}/organizations/${organizationId}?lang=${lang}`);
      expect(await b.page.locator('h1').innerText()).toContain(NAME_EN);
      const wide: string[] = [];
      await screenshotsAt(b.page, `organization-long-name-${lang}`, (name, width, scrollWidth) => {
        if (scrollWidth > width) wide.push(`${name} at ${width}px is ${scrollWidth}px wide`);
      });
      expect(wide).toEqual([]);
      expect(await seriousAxeViolations(b.page)).toEqual([]);
    });
  }
});
