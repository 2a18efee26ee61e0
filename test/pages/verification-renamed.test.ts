/**
 * /v/{id} of a badge whose organization renamed itself after issuance, opened from the poster's
 * QR code: the heading is the name on the badge, and right under the verdict the page says that
 * the registry now records another name (相違あり, the current name), as /verify does. A badge
 * whose record has not changed shows no such section. Real server, real Chromium (axe,
 * screenshots at 320/390/1280, no sideways scrolling).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialUuid, declarationCredential } from '../helpers/credentials.js';
import { corporateNumberFor, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { CHROMIUM_PATH, browserMissing, pagePerTest, screenshotsAt, seriousAxeViolations } from '../helpers/browser.js';

if (browserMissing) console.warn(`Skipping the renamed-organization verification page test: ${CHROMIUM_PATH} is missing.`);

describe.skipIf(browserMissing)('/v/{id} after the organization was renamed', () => {
  let server: TestServer;
  let renamedId: string;
  let unchangedId: string;
  beforeAll(async () => {
    server = await startTestServer();
    const renamed = await seedCompany(server, { n: 95, publish: true, name: '株式会社旧社名テレワーク' });
    renamedId = credentialUuid((await declarationCredential(server, renamed.declarationId)).ref.id);
    const update = await server.call('PUT', `/api/v1/organizations/${renamed.organization.id}`, {
      body: { kind: 'company', name: '株式会社新社名地域創生テレワークホールディングス', corporateNumber: corporateNumberFor(95), prefectureCode: '13' },
    });
    if (update.status !== 200) throw new Error(`rename: ${update.status} ${update.text}`);
    const unchanged = await seedCompany(server, { n: 96, publish: true, name: '株式会社そのまま' });
    unchangedId = credentialUuid((await declarationCredential(server, unchanged.declarationId)).ref.id);
  });
  afterAll(async () => {
    await server?.close();
  });
  const b = pagePerTest(() => server);

  for (const lang of ['ja', 'en'] as const) {
    it(`${lang}: the current name is shown under the verdict, the row marked as differing`, async () => {
      const response = await b.page.goto(`${server.url}/v/${renamedId}${lang === 'en' ? '?lang=en' : ''}`);
      expect(response?.status()).toBe(200);
      expect(await b.page.locator('h1').innerText()).toBe('株式会社旧社名テレワーク');
      expect(await b.page.locator('[data-verdict]').first().getAttribute('data-verdict')).toBe('valid');
      const claims = b.page.locator('section.claims');
      expect(await claims.getAttribute('data-comparison')).toBe('differs');
      const text = await claims.innerText();
      expect(text).toContain('株式会社新社名地域創生テレワークホールディングス');
      expect(text).toContain(lang === 'ja' ? '相違あり' : 'Differs');
      const wide: string[] = [];
      await screenshotsAt(b.page, `v-renamed-${lang}`, (name, width, scrollWidth) => {
        if (scrollWidth > width) wide.push(`${name} at ${width}px is ${scrollWidth}px wide`);
      });
      expect(wide).toEqual([]);
      expect(await seriousAxeViolations(b.page)).toEqual([]);
    });
  }

  it('a badge whose record is unchanged has no comparison section', async () => {
    await b.page.goto(`${server.url}/v/${unchangedId}`);
    expect(await b.page.locator('[data-verdict]').first().getAttribute('data-verdict')).toBe('valid');
    expect(await b.page.locator('section.claims').count()).toBe(0);
  });
});
