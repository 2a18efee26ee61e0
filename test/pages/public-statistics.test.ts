/**
 * /statistics in a real browser, Japanese and English: axe clean, the charts and their tables
 * within the screen at 320, 390 and 1280 px (screenshots: test-artifacts/screenshots/statistics-*.png).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, browserMissing, pagePerTest, screenshotsAt, seriousAxeViolations } from '../helpers/browser.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';

if (browserMissing) console.warn(`Skipping the /statistics browser test: ${CHROMIUM_PATH} is missing.`);

describe.skipIf(browserMissing)('the public statistics page in a browser', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    for (const n of [1, 2, 3]) {
      const { organization } = await seedCompany(server, { n, publish: true });
      expect((await server.call('POST', '/api/v1/awards', { body: { organizationId: organization.id, fiscalYear: 2022 + n, category: n === 1 ? 'minister' : 'excellence' } })).status).toBe(201);
    }
  }, 60_000);
  afterAll(() => server?.close());
  const b = pagePerTest(() => server);

  for (const lang of ['ja', 'en'] as const) {
    it(`${lang}: axe clean, nothing wider than the screen`, async () => {
      await b.page.goto(`${server.url}/statistics?lang=${lang}`);
      expect(await b.page.locator('figure').count()).toBeGreaterThanOrEqual(5);
      expect(await seriousAxeViolations(b.page)).toEqual([]);
      const wide: string[] = [];
      await screenshotsAt(b.page, `statistics-${lang}`, (name, width, scrollWidth) => void (scrollWidth > width && wide.push(`${name} at ${width}px is ${scrollWidth}px wide`)));
      expect(wide).toEqual([]);
    });
  }
});
