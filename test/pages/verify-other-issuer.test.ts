/**
 * /verify with a credential of another issuer (not this registry, its key out of reach) pasted on
 * a 320 px phone, in English and Japanese: the reasons under 「確認できなかった点」 quote DIDs and
 * key ids with no place to break, and they must wrap instead of pushing the page sideways.
 * Real server, real Chromium (axe, screenshots at 320/390/1280).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { CHROMIUM_PATH, browserMissing, pagePerTest, screenshotsAt, seriousAxeViolations } from '../helpers/browser.js';

if (browserMissing) console.warn(`Skipping the /verify other-issuer browser test: ${CHROMIUM_PATH} is missing.`);

/** Signed by an issuer this registry does not know (did:web:localhost%3A8787, its own key). */
const OTHER_ISSUER = readFileSync(new URL('../fixtures/credentials/legacy-declaration.json', import.meta.url), 'utf8');

describe.skipIf(browserMissing)('/verify: another issuer\'s credential on a narrow phone', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });
  const b = pagePerTest(() => server);

  for (const lang of ['en', 'ja'] as const) {
    it(`${lang}: the reasons wrap at 320 px, axe clean`, async () => {
      await b.page.goto(`${server.url}/verify?lang=${lang}`);
      await b.page.locator('#credential-text').fill(OTHER_ISSUER);
      await Promise.all([b.page.waitForNavigation(), b.page.locator('form button[type=submit]').first().click()]);
      expect(await b.page.locator('[data-verdict]').first().getAttribute('data-verdict')).toBe('unchecked');
      expect(await b.page.locator('#problems-heading').innerText()).toBe(lang === 'ja' ? '確認できなかった点' : 'What could not be confirmed');
      const wide: string[] = [];
      await screenshotsAt(b.page, `verify-other-issuer-${lang}`, (name, width, scrollWidth) => {
        if (scrollWidth > width) wide.push(`${name} at ${width}px is ${scrollWidth}px wide`);
      });
      expect(wide).toEqual([]);
      expect(await seriousAxeViolations(b.page)).toEqual([]);
    });
  }
});
