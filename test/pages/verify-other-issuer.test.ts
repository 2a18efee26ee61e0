/**
 * /verify with a credential of another issuer (not this registry, its key out of reach) pasted on
 * a 320 px phone, in English and Japanese: the reasons under 「確認できなかった点」 quote DIDs and
 * key ids with no place to break, and they must wrap instead of pushing the page sideways. So
 * must the issuer named under 自分で検証するには, where such a badge is sent to its issuer's own
 * keys, with no link to the registry's did.json or jwks.json.
 * Real server, real Chromium (axe, screenshots at 320/390/1280).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialSecurer } from '../../src/adapters/crypto/securer.js';
import { createIssuerIdentity } from '../../src/adapters/crypto/issuer.js';
import { generateIssuerKey } from '../../src/adapters/crypto/keys.js';
import { VC_V2 } from '../helpers/credentials.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { CHROMIUM_PATH, SCREENSHOT_DIR, browserMissing, pagePerTest, screenshotsAt, seriousAxeViolations } from '../helpers/browser.js';

if (browserMissing) console.warn(`Skipping the /verify other-issuer browser test: ${CHROMIUM_PATH} is missing.`);

/** Signed by an issuer this registry does not know (did:web:localhost%3A8787, its own key). */
const OTHER_ISSUER = readFileSync(new URL('../fixtures/credentials/legacy-declaration.json', import.meta.url), 'utf8');
/** Signed by a did:key issuer: a long identifier with no place to break, its signature checkable offline. */
const stranger = createIssuerIdentity({ baseUrl: 'https://stranger.example', method: 'did:key', keys: [await generateIssuerKey()] });
const DID_KEY_BADGE = JSON.stringify(
  (
    await createCredentialSecurer({ identity: stranger }).secure({
      '@context': [VC_V2],
      type: ['VerifiableCredential'],
      issuer: stranger.did,
      validFrom: '2025-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:holder', name: '株式会社よそ発行' },
    })
  ).dataIntegrity,
);

/** An issuer this registry trusts (TRUSTED_ISSUERS), whose badge names a status list of its own, never fetched. */
const trusted = createIssuerIdentity({ baseUrl: 'https://trusted.example', method: 'did:key', keys: [await generateIssuerKey()] });
const TRUSTED_BADGE_WITH_STATUS = (
  await createCredentialSecurer({ identity: trusted }).secure({
    '@context': [VC_V2],
    type: ['VerifiableCredential'],
    issuer: trusted.did,
    validFrom: '2025-01-01T00:00:00Z',
    credentialStatus: { id: 'https://status.example/lists/1#94567', type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '94567', statusListCredential: 'https://status.example/lists/1' },
    credentialSubject: { id: 'did:example:holder', name: '株式会社信頼発行' },
  })
).jwt;

describe.skipIf(browserMissing)('/verify: another issuer\'s credential on a narrow phone', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ TRUSTED_ISSUERS: trusted.did });
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
      // ここでは確認できません: still not the registry's keys to check it against.
      const independent = b.page.locator('section[aria-labelledby="independent-heading"]');
      expect(await independent.locator('code').first().innerText()).toBe('did:web:localhost%3A8787');
      expect(await independent.locator('a[href*="did.json"], a[href*="jwks.json"]').count()).toBe(0);
      const wide: string[] = [];
      await screenshotsAt(b.page, `verify-other-issuer-${lang}`, (name, width, scrollWidth) => {
        if (scrollWidth > width) wide.push(`${name} at ${width}px is ${scrollWidth}px wide`);
      });
      expect(wide).toEqual([]);
      expect(await seriousAxeViolations(b.page)).toEqual([]);
    });

    it(`${lang}: a did:key issuer's badge is sent to its issuer's keys, the long DID wrapping at 320 px, axe clean`, async () => {
      await b.page.goto(`${server.url}/verify?lang=${lang}`);
      await b.page.locator('#credential-text').fill(DID_KEY_BADGE);
      await Promise.all([b.page.waitForNavigation(), b.page.locator('form button[type=submit]').first().click()]);
      expect(await b.page.locator('[data-verdict]').first().getAttribute('data-verdict')).toBe('invalid');
      const section = b.page.locator('section[aria-labelledby="independent-heading"]');
      expect(await section.innerText()).toContain(lang === 'ja' ? 'このバッジは、このレジストリが発行したものではありません。' : 'This badge was not issued by this registry.');
      expect(await section.locator('code').first().innerText()).toBe(stranger.did);
      expect(await section.locator('a[href*="did.json"], a[href*="jwks.json"], a[href*="status-lists"]').count()).toBe(0);
      const wide: string[] = [];
      await screenshotsAt(b.page, `verify-other-issuer-did-key-${lang}`, (name, width, scrollWidth) => {
        if (scrollWidth > width) wide.push(`${name} at ${width}px is ${scrollWidth}px wide`);
      });
      // The section alone, to look at the wrapped DID without the whole page around it.
      for (const width of [320, 1280]) {
        await b.page.setViewportSize({ width, height: 900 });
        await section.screenshot({ path: `${SCREENSHOT_DIR}/verify-other-issuer-did-key-${lang}-section-${width}.png` });
      }
      expect(wide).toEqual([]);
      expect(await seriousAxeViolations(b.page)).toEqual([]);
    });

    it(`${lang}: a trusted issuer's badge with its own status list: cannot be checked here, its long DID in the verdict wrapping at 320 px, axe clean`, async () => {
      await b.page.goto(`${server.url}/verify?lang=${lang}`);
      await b.page.locator('#credential-text').fill(TRUSTED_BADGE_WITH_STATUS);
      await Promise.all([b.page.waitForNavigation(), b.page.locator('form button[type=submit]').first().click()]);
      const verdict = b.page.locator('[data-verdict]').first();
      expect(await verdict.getAttribute('data-verdict')).toBe('unchecked');
      expect(await verdict.innerText()).toContain(lang === 'ja' ? '署名どおり改ざんされていません（偽物ではありません）' : 'has not been altered (it is not a forgery)');
      const wide: string[] = [];
      await screenshotsAt(b.page, `verify-trusted-issuer-status-${lang}`, (name, width, scrollWidth) => {
        if (scrollWidth > width) wide.push(`${name} at ${width}px is ${scrollWidth}px wide`);
      });
      expect(wide).toEqual([]);
      expect(await seriousAxeViolations(b.page)).toEqual([]);
    });
  }
});
