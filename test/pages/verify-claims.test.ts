/**
 * /verify in a real browser (issue 15 point 6): the badge's claims beside the registry's record.
 * A badge of a company renamed after issuance (uploaded as the baked SVG), a tampered paste, a
 * matching badge (rows folded away) and an unknown credential, in Japanese and English, with and
 * without JavaScript; axe clean, no sideways scrolling, screenshots at 320, 390 and 1280 px.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialUuid, declarationCredential } from '../helpers/credentials.js';
import { ADMIN_TOKEN, corporateNumberFor, seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { CHROMIUM_PATH, browserMissing, pagePerTest, screenshotsAt, seriousAxeViolations } from '../helpers/browser.js';

if (browserMissing) console.warn(`Skipping the /verify comparison browser tests: ${CHROMIUM_PATH} is missing.`);

describe.skipIf(browserMissing)('/verify: the claims beside the registry record, in a real browser', () => {
  let server: TestServer;
  let renamedSvg: string;
  let valid: Awaited<ReturnType<typeof declarationCredential>>;

  beforeAll(async () => {
    server = await startTestServer();
    const company = await seedCompany(server, { n: 51, publish: true, name: '株式会社みらいワーク' });
    valid = await declarationCredential(server, company.declarationId);
    // A long name before and after, so the narrowest layout is tried with real Japanese text.
    const renamed = await seedCompany(server, { n: 52, publish: true, name: '株式会社ひかり地域創生テレワークサービス' });
    const old = await declarationCredential(server, renamed.declarationId);
    const svg = await fetch(`${server.url}/credentials/${credentialUuid(old.ref.id)}/badge.svg`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    renamedSvg = join(tmpdir(), `verify-claims-old-badge-${process.pid}.svg`);
    writeFileSync(renamedSvg, new Uint8Array(await svg.arrayBuffer()));
    const update = await server.call('PUT', `/api/v1/organizations/${renamed.organization.id}`, {
      body: { kind: 'company', name: '株式会社ひかりテレワークホールディングス', nameEn: 'Hikari Telework Holdings Inc.', corporateNumber: corporateNumberFor(52), prefectureCode: '13' },
    });
    if (update.status !== 200) throw new Error(`rename: ${update.status} ${update.text}`);
  });

  afterAll(async () => {
    await server?.close();
  });

  const b = pagePerTest(() => server);

  const noOverflow = (name: string, width: number, scrollWidth: number) => expect(scrollWidth, `${name} at ${width} px`).toBeLessThanOrEqual(width);
  const row = (field: string) => b.page.locator(`.claims__row[data-field="${field}"]`);

  async function paste(text: string, lang: 'ja' | 'en' = 'ja') {
    await b.page.goto(`${server.url}/verify${lang === 'en' ? '?lang=en' : ''}`);
    await b.page.locator('#credential-text').fill(text);
    await b.page.getByRole('button', { name: lang === 'ja' ? '確認する' : 'Verify' }).click();
    await b.page.waitForLoadState('load');
  }

  async function check(name: string) {
    expect(await seriousAxeViolations(b.page), name).toEqual([]);
    await screenshotsAt(b.page, name, noOverflow);
  }

  it('a badge of a company renamed since: valid, and the name rows say 相違あり with the old and the new name side by side', async () => {
    await b.page.goto(`${server.url}/verify`);
    await b.page.getByLabel('バッジ画像ファイル（PNG・SVG、1 MB まで）').setInputFiles(renamedSvg);
    await b.page.getByRole('button', { name: '確認する' }).click();
    await b.page.waitForLoadState('load');
    expect(await b.page.locator('#verdict-word').innerText()).toBe('有効');
    const section = b.page.locator('section.claims');
    expect(await section.getByRole('heading').innerText()).toBe('バッジの記載と登録簿の記録');
    expect(await b.page.locator('#claims-summary').innerText()).toContain('2項目が登録簿の現在の記録と異なります。');
    const name = row('organization.name');
    expect(await name.locator('.claims__mark').innerText()).toContain('相違あり');
    expect(await name.locator('dd').allInnerTexts()).toEqual(['株式会社ひかり地域創生テレワークサービス', '株式会社ひかりテレワークホールディングス']);
    expect(await row('organization.nameEn').locator('dd').allInnerTexts()).toEqual(['記載なし', 'Hikari Telework Holdings Inc.']);
    expect(await row('organization.corporateNumber').locator('.claims__mark').innerText()).toContain('一致');
    // Side by side even at 320 px: the two values start on the same line.
    await b.page.setViewportSize({ width: 320, height: 900 });
    const [claimed, recorded] = await name.locator('.claims__values > div').all();
    expect((await claimed!.boundingBox())!.y).toBe((await recorded!.boundingBox())!.y);
    await b.page.setViewportSize({ width: 390, height: 844 });
    await check('verify-claims-renamed');
  });

  it('the same in English with ?lang=en', async () => {
    await b.page.goto(`${server.url}/verify?lang=en`);
    await b.page.locator('#badge-file').setInputFiles(renamedSvg);
    await b.page.getByRole('button', { name: 'Verify' }).click();
    await b.page.waitForLoadState('load');
    expect(await b.page.locator('#claims-summary').innerText()).toContain('2 items differ from the registry’s current record.');
    expect(await row('organization.name').locator('.claims__mark').innerText()).toContain('Differs');
    expect(await row('organization.name').locator('dt').allInnerTexts()).toEqual(['On the badge', 'Registry record (now)']);
    await check('verify-claims-renamed-en');
  });

  it('a tampered paste: cannot be verified, the altered name marked beside the record, the claims labelled unverified', async () => {
    const tampered = structuredClone(valid.dataIntegrity) as { credentialSubject: { name: string } };
    tampered.credentialSubject.name = '株式会社にせものワーク';
    await paste(JSON.stringify(tampered));
    expect(await b.page.locator('#verdict-word').innerText()).toBe('確認できません');
    expect(await b.page.locator('#claims-summary').innerText()).toContain('1項目が登録簿の記録と異なります。');
    const name = row('organization.name');
    expect(await name.locator('.claims__mark').innerText()).toContain('相違あり');
    expect(await name.locator('dt').first().innerText()).toBe('バッジの記載（未確認）');
    expect(await name.locator('dd').allInnerTexts()).toEqual(['株式会社にせものワーク', '株式会社みらいワーク']);
    expect(await b.page.locator('.claims__row--differs').count()).toBe(1);
    await check('verify-claims-tampered');
  });

  it('a matching badge: one line says everything matches; the rows open on request', async () => {
    await paste(valid.jwt);
    expect(await b.page.locator('#verdict-word').innerText()).toBe('有効');
    expect(await b.page.locator('#claims-summary').innerText()).toBe('バッジの記載は、登録簿の現在の記録とすべて一致しています。');
    const rows = b.page.locator('.claims__rows');
    expect(await rows.isVisible()).toBe(false);
    await b.page.locator('.claims__all > summary').click();
    expect(await rows.isVisible()).toBe(true);
    expect(await b.page.locator('.claims__row--differs').count()).toBe(0);
    await check('verify-claims-matching');
  });

  it('an unknown credential: the registry has no record to compare', async () => {
    const unknown = structuredClone(valid.dataIntegrity) as { id: string };
    unknown.id = unknown.id.replace(credentialUuid(unknown.id), '00000000-0000-4000-8000-000000000000');
    await paste(JSON.stringify(unknown));
    expect(await b.page.locator('section.claims .notice').innerText()).toContain('登録簿にはこのクレデンシャルの記録がありません。');
    expect(await b.page.locator('.claims__row').count()).toBe(0);
    await check('verify-claims-unknown');
  });

  it('without JavaScript the form posts and the comparison is there', async () => {
    const noJs = await b.browser.newContext({ viewport: { width: 320, height: 800 }, locale: 'ja-JP', javaScriptEnabled: false });
    try {
      const plain = await noJs.newPage();
      await plain.goto(`${server.url}/verify`);
      await plain.locator('#badge-file').setInputFiles(renamedSvg);
      await plain.getByRole('button', { name: '確認する' }).click();
      await plain.waitForLoadState('load');
      expect(await plain.locator('.claims__row[data-field="organization.name"] .claims__mark').innerText()).toContain('相違あり');
      expect(await plain.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
    } finally {
      await noJs.close();
    }
  });
});
