/**
 * /v/{id} in each state a person meets after scanning a poster's QR code: whose badge it is (the
 * heading), what was declared and until when, and for a badge that is not valid, since when and
 * why; an older version is shown neutrally with the way to the current one. Real server, real
 * SQLite file, real Chromium (axe, screenshots at 320/390/1280), plus the link-preview tags over HTTP.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { credentialUuid, declarationCredential } from '../helpers/credentials.js';
import { seedCompany, expireDeclarations, startTestServer, type TestServer } from '../helpers/server.js';
import { browserMissing, pagePerTest, screenshotsAt, seriousAxeViolations } from '../helpers/browser.js';
import { seedStates, type SeededStates } from './fixtures.js';

let server: TestServer;
let s: SeededStates;
let expiredId: string;
/** Expired, then renewed by the organization: still under review, and reviewed and published again. */
let inReview: { expiredId: string; organizationId: string };
let renewed: { expiredId: string; currentId: string };

beforeAll(async () => {
  server = await startTestServer();
  s = await seedStates(server);
  // Expired: time travel (the validity ended yesterday), then the expiry sweep.
  const company = await seedCompany(server, { n: 16, publish: true, name: '期限切れテスト株式会社' });
  const renewing = await seedCompany(server, { n: 17, publish: true, name: '更新審査中テスト株式会社' });
  const renewal = await seedCompany(server, { n: 18, publish: true, name: '更新済みテスト株式会社' });
  const credentialOf = async (declarationId: string) => credentialUuid((await declarationCredential(server, declarationId)).ref.id);
  expiredId = await credentialOf(company.declarationId);
  inReview = { expiredId: await credentialOf(renewing.declarationId), organizationId: renewing.organization.id };
  const renewedExpiredId = await credentialOf(renewal.declarationId);
  await expireDeclarations(server, [company, renewing, renewal].map((c) => c.declarationId));
  // Renewal after expiry goes back to review; only publication issues the new badge.
  for (const { declarationId, orgToken } of [renewing, renewal]) {
    const renew = await server.call('POST', `/api/v1/declarations/${declarationId}/renew`, { token: orgToken });
    if (renew.status !== 200 || renew.body.status !== 'submitted') throw new Error(`renew: ${renew.status} ${renew.text}`);
  }
  const published = await server.call('POST', `/api/v1/declarations/${renewal.declarationId}/publish`);
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${published.text}`);
  renewed = { expiredId: renewedExpiredId, currentId: await credentialOf(renewal.declarationId) };
  if (renewed.currentId === renewed.expiredId) throw new Error('publication after renewal issued no new credential');
});

afterAll(async () => {
  await server?.close();
});

/** The content of <meta property|name="key">, from the served HTML. */
function metaOf(html: string, key: string): string | null {
  const tag = new RegExp(`<meta (?:property|name)="${key.replace(/[.:]/g, '\\$&')}" content="([^"]*)"`).exec(html);
  return tag ? tag[1]!.replace(/&amp;/g, '&') : null;
}

describe('link previews (Open Graph, Twitter card) and the favicon, over HTTP', () => {
  it('a valid badge: og:title is the organization and the verdict, og:image the badge PNG (Node renders PNG)', async () => {
    const response = await server.call('GET', `/v/${s.valid.credentialId}`, { token: '' });
    expect(response.status).toBe(200);
    const html = response.text;
    expect(metaOf(html, 'og:title')).toBe('株式会社みらいワーク — 有効');
    expect(metaOf(html, 'og:description')).toContain('地方創生テレワーク 自己宣言');
    // Absolute addresses on the registry's public base URL (localhost:port here).
    const base = new URL(metaOf(html, 'og:url')!).origin;
    expect(metaOf(html, 'og:url')).toBe(`${base}/v/${s.valid.credentialId}`);
    expect(metaOf(html, 'og:image')).toBe(`${base}/credentials/${s.valid.credentialId}/badge.png`);
    expect(metaOf(html, 'twitter:card')).toBe('summary');
    const image = await fetch(server.url + new URL(metaOf(html, 'og:image')!).pathname);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(html).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml"/>');
  });

  it('a revoked badge: the verdict in the title, no badge image to preview, English with ?lang=en', async () => {
    const ja = (await server.call('GET', `/v/${s.revoked.credentialId}`, { token: '' })).text;
    expect(metaOf(ja, 'og:title')).toBe('取消テスト株式会社 — 取消');
    expect(metaOf(ja, 'og:image')).toBeNull();
    const en = (await server.call('GET', `/v/${s.revoked.credentialId}?lang=en`, { token: '' })).text;
    expect(metaOf(en, 'og:title')).toBe('取消テスト株式会社 — Revoked');
    expect(metaOf(en, 'og:url')).toMatch(new RegExp(`^https?://[^/]+/v/${s.revoked.credentialId}\\?lang=en$`));
    expect(metaOf(en, 'og:locale')).toBe('en_US');
  });

  it('/favicon.svg is the logo mark; /favicon.ico sends browsers to it', async () => {
    const svg = await fetch(`${server.url}/favicon.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
    expect(await svg.text()).toContain('<svg');
    const ico = await fetch(`${server.url}/favicon.ico`, { redirect: 'manual' });
    expect(ico.status).toBe(301);
    expect(ico.headers.get('location')).toBe('/favicon.svg');
  });

  it('JSON: an expired badge whose declaration was renewed and published again names the current badge, as an amendment does', async () => {
    const base = new URL(metaOf((await server.call('GET', `/v/${s.valid.credentialId}`, { token: '' })).text, 'og:url')!).origin;
    const response = await server.call('GET', `/v/${renewed.expiredId}`, { token: '', headers: { accept: 'application/json' } });
    expect(response.body).toMatchObject({ verdict: 'expired', valid: false });
    expect(response.body.currentVersion).toEqual({ credentialId: renewed.currentId, verificationUrl: `${base}/v/${renewed.currentId}` });
    const current = await server.call('GET', `/v/${renewed.currentId}`, { token: '', headers: { accept: 'application/json' } });
    expect(current.body).toMatchObject({ verdict: 'valid', currentVersion: null });
  });

  it('JSON: while the renewal is under review, an expired badge names no current badge but says the renewal is under review', async () => {
    const response = await server.call('GET', `/v/${inReview.expiredId}`, { token: '', headers: { accept: 'application/json' } });
    expect(response.body).toMatchObject({ verdict: 'expired', valid: false, currentVersion: null, renewalUnderReview: true });
    const plain = await server.call('GET', `/v/${expiredId}`, { token: '', headers: { accept: 'application/json' } });
    expect(plain.body).toMatchObject({ verdict: 'expired', currentVersion: null, renewalUnderReview: false });
  });

  it('JSON: the status change of a suspended badge (when, reason label)', async () => {
    const response = await server.call('GET', `/v/${s.suspended.credentialId}`, { token: '', headers: { accept: 'application/json' } });
    expect(response.body.statusChange.reason).toEqual({ ja: '調査中', en: 'Under investigation' });
    expect(Math.abs(Date.parse(response.body.statusChange.at) - Date.now())).toBeLessThan(10 * 60_000);
  });
});

describe('a badge not valid now says what to do next and leads to the organization, over HTTP', () => {
  /** The verdict box's text (tags removed), and whether it links the organization's page. */
  async function verdictOf(id: string, lang: 'ja' | 'en') {
    const html = (await server.call('GET', `/v/${id}${lang === 'en' ? '?lang=en' : ''}`, { token: '' })).text;
    const box = /<section class="verdict[\s\S]*?<\/section>/.exec(html)![0];
    return { text: box.replace(/<[^>]+>/g, ''), box };
  }
  const organizationLink = (organizationId: string, lang: 'ja' | 'en') => `href="/organizations/${organizationId}${lang === 'en' ? '?lang=en' : ''}"`;

  it('suspended: it can become valid again; see the organization page or ask the organization', async () => {
    const ja = await verdictOf(s.suspended.credentialId, 'ja');
    expect(ja.text).toContain('次にすること：一時停止が解除されれば、このバッジは再び有効になります。');
    expect(ja.text).toContain('団体に直接お問い合わせください');
    expect(ja.box).toContain(organizationLink(s.suspended.organization.id, 'ja'));
    expect(ja.text).toContain('一時停止テスト株式会社のページを見る');
    const en = await verdictOf(s.suspended.credentialId, 'en');
    expect(en.text).toContain('What to do: If the suspension is lifted, this badge becomes valid again.');
    expect(en.box).toContain(organizationLink(s.suspended.organization.id, 'en'));
  });

  it('revoked: it never becomes valid again; do not rely on it', async () => {
    const ja = await verdictOf(s.revoked.credentialId, 'ja');
    expect(ja.text).toContain('取り消されたバッジが再び有効になることはありません。このバッジを根拠にせず');
    expect(ja.box).toContain(organizationLink(s.revoked.organization.id, 'ja'));
    expect((await verdictOf(s.revoked.credentialId, 'en')).text).toContain('A revoked badge never becomes valid again.');
  });

  it('expired: a renewal issues a new badge; the organization page; not when the renewed badge or the review is named instead', async () => {
    const ja = await verdictOf(expiredId, 'ja');
    expect(ja.text).toContain('団体が宣言を更新すると新しいバッジが発行されます。');
    expect(ja.text).toContain('期限切れテスト株式会社のページを見る');
    expect((await verdictOf(renewed.expiredId, 'ja')).text).not.toContain('次にすること');
    expect((await verdictOf(inReview.expiredId, 'ja')).text).not.toContain('次にすること');
  });

  it('valid and superseded: nothing to do beyond what the verdict says', async () => {
    expect((await verdictOf(s.valid.credentialId, 'ja')).text).not.toContain('次にすること');
    expect((await verdictOf(s.superseded.credentialId, 'ja')).text).not.toContain('次にすること');
  });
});

describe('自分で検証するには and 発行者 in every state of the registry\'s own badge: its keys, status list and name, over HTTP', () => {
  /** The section "Verify it yourself" of a page, or '' when there is none. */
  const independent = (html: string) => /<section aria-labelledby="independent-heading">[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  /** The 発行者 / Issuer row of 有効期間と発行者. */
  const issuerRow = (html: string) => /<section aria-labelledby="validity-heading">[\s\S]*?<dt>(?:発行者|Issuer)<\/dt><dd>([\s\S]*?)<\/dd>/.exec(html)?.[1] ?? '';
  /** Its signature held, whatever its status: the registry by name and domain, neither "another issuer" nor "does not match". */
  function expectOwnIssuer(html: string, lang: 'ja' | 'en') {
    const row = issuerRow(html);
    expect(row).toContain(lang === 'ja' ? '地方創生テレワーク宣言・表彰レジストリ' : 'Regional Revitalization Telework Declaration and Award Registry');
    expect(row).toContain(lang === 'ja' ? 'ドメイン: <strong>' : 'Domain: <strong>');
    expect(row).not.toMatch(lang === 'ja' ? /ではない発行者|一致しない/ : /other than this registry|does not match/);
  }
  const states = () => ({
    valid: s.valid.credentialId,
    suspended: s.suspended.credentialId,
    revoked: s.revoked.credentialId,
    expired: expiredId,
    superseded: s.superseded.credentialId,
  });
  /** The registry's own keys, status list and the credential itself, and nothing said about another issuer. */
  function expectOwnKeys(section: string, id: string, lang: 'ja' | 'en') {
    expect(section).toContain(lang === 'ja' ? '自分で検証するには' : 'Verify it yourself');
    expect(section).toContain('href="/.well-known/did.json"');
    expect(section).toContain('href="/.well-known/jwks.json"');
    expect(section).toMatch(/href="\/status-lists\/[^"]+"/);
    expect(section).toContain(`href="/credentials/${id}"`);
    expect(section).not.toContain(lang === 'ja' ? 'このレジストリが発行したものではありません' : 'not issued by this registry');
  }

  it('/v/{id}: valid, suspended, revoked, expired, superseded, in Japanese and English', async () => {
    for (const [verdict, id] of Object.entries(states())) {
      for (const lang of ['ja', 'en'] as const) {
        const html = (await server.call('GET', `/v/${id}${lang === 'en' ? '?lang=en' : ''}`, { token: '' })).text;
        expect(html, `${verdict} ${lang}`).toContain(`data-verdict="${verdict}"`);
        expectOwnKeys(independent(html), id, lang);
        expectOwnIssuer(html, lang);
      }
    }
  });

  it('/verify with the same badges pasted: the same verdicts, the same links and issuer', async () => {
    for (const [verdict, id] of Object.entries(states())) {
      const credential = await server.call('GET', `/credentials/${id}`, { token: '' });
      for (const lang of ['ja', 'en'] as const) {
        const form = new FormData();
        form.set('credential', credential.text);
        const html = await (await fetch(`${server.url}/verify${lang === 'en' ? '?lang=en' : ''}`, { method: 'POST', body: form })).text();
        expect(html, `${verdict} ${lang}`).toContain(`data-verdict="${verdict}"`);
        expectOwnKeys(independent(html), id, lang);
        expectOwnIssuer(html, lang);
      }
    }
  });
});

describe.skipIf(browserMissing)('the verification page in each state, in a real browser', () => {
  const b = pagePerTest(() => server);
  const overflow: string[] = [];

  afterEach(() => {
    expect(overflow).toEqual([]);
  });

  async function visit(path: string, name: string) {
    const response = await b.page.goto(server.url + path);
    expect(response?.status(), path).toBe(200);
    expect(await seriousAxeViolations(b.page), path).toEqual([]);
    await screenshotsAt(b.page, name, (n, width, scrollWidth) => {
      if (scrollWidth > width) overflow.push(`${n} at ${width}px: ${scrollWidth}px wide`);
    });
  }
  const h1 = () => b.page.locator('h1').innerText();
  const box = () => b.page.locator('.verdict').innerText();
  const main = () => b.page.locator('main').innerText();
  const today = () => {
    const p = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(new Date());
    const part = (t: string) => p.find((x) => x.type === t)!.value;
    return `${part('year')}年${part('month')}月${part('day')}日`;
  };

  it('valid: the organization as the heading, what was declared, 有効期限, and the badge image to match the poster', async () => {
    await visit(`/v/${s.valid.credentialId}`, 'vs-valid');
    expect(await h1()).toBe('株式会社みらいワーク');
    const text = await box();
    expect(text).toContain('有効');
    expect(text).toContain('地方創生テレワーク 自己宣言');
    expect(text).toMatch(/有効期限:?\s*\d{4}年\d{1,2}月\d{1,2}日/);
    const badge = b.page.locator('.verdict img.verdict__badge');
    expect(await badge.getAttribute('src')).toBe(`/credentials/${s.valid.credentialId}/badge.svg`);
    expect(await badge.getAttribute('alt')).toContain('株式会社みらいワークのバッジ画像');
    expect(await badge.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await b.page.locator('.verdict').evaluate((el) => getComputedStyle(el).borderColor)).toBe('rgb(17, 90, 54)');
  });

  it('suspended: since when and the reason label (not the code), and the validity', async () => {
    await visit(`/v/${s.suspended.credentialId}`, 'vs-suspended');
    expect(await h1()).toBe('一時停止テスト株式会社');
    const text = await box();
    expect(text).toContain('一時停止中');
    expect(text).toContain('一時停止日');
    expect(text).toContain(today());
    expect(text).toContain('調査中');
    expect(text).not.toContain('under-investigation');
    expect(text).toContain('有効期限');
    expect(await b.page.locator('.verdict img').count()).toBe(0);
  });

  it('revoked: since when and why, and the validity end only as history', async () => {
    await visit(`/v/${s.revoked.credentialId}`, 'vs-revoked');
    expect(await h1()).toBe('取消テスト株式会社');
    const text = await box();
    expect(text).toContain('取消日');
    expect(text).toContain(today());
    expect(text).toContain('虚偽の宣言');
    expect(text).not.toContain('有効期限');
    const all = await main();
    expect(all).not.toContain('有効期間の終了');
    expect(all).toContain('発行時の有効期間（履歴）');
  });

  it('expired: says when it expired', async () => {
    await visit(`/v/${expiredId}`, 'vs-expired');
    expect(await h1()).toBe('期限切れテスト株式会社');
    const text = await box();
    expect(text).toContain('期限切れ');
    const yesterday = new Date(Date.now() - 86_400_000);
    const p = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(yesterday);
    const part = (t: string) => p.find((x) => x.type === t)!.value;
    expect(text).toContain(`有効期限切れ`);
    expect(text).toContain(`${part('year')}年${part('month')}月${part('day')}日`);
  });

  it('expired, then renewed and published again: says so, and the link leads to the valid renewed badge', async () => {
    await visit(`/v/${renewed.expiredId}`, 'vs-expired-renewed');
    expect(await h1()).toBe('更新済みテスト株式会社');
    const text = await box();
    expect(text).toContain('期限切れ');
    expect(text).toContain('この宣言はその後更新され、新しいバッジが発行されています。');
    const link = b.page.getByRole('link', { name: '更新後のバッジを確認する' });
    expect(await link.getAttribute('class')).toContain('button');
    await link.click();
    await b.page.waitForURL(`**/v/${renewed.currentId}`);
    expect(await b.page.locator('#verdict-word').innerText()).toBe('有効');
    expect(await h1()).toBe('更新済みテスト株式会社');
  });

  it('expired, renewal still under review: still 期限切れ, says the renewal is under review, and no way on to a badge that does not exist yet', async () => {
    await visit(`/v/${inReview.expiredId}`, 'vs-expired-renewal-in-review');
    expect(await h1()).toBe('更新審査中テスト株式会社');
    const text = await box();
    expect(text).toContain('期限切れ');
    expect(await b.page.locator('.verdict__renewal').innerText()).toContain('更新を審査中');
    expect(text).not.toContain('更新され');
    expect(await b.page.getByRole('link', { name: '更新後のバッジを確認する' }).count()).toBe(0);
    expect(await b.page.locator('.verdict__current').count()).toBe(0);
  });

  it('the organization page during that review: the declaration 期限切れ with 更新を審査中 beside it, and its expired badge linked', async () => {
    await visit(`/organizations/${inReview.organizationId}`, 'vs-organization-renewal-in-review');
    const card = b.page.locator('.card', { hasText: '地方創生テレワーク自己宣言' });
    expect(await card.locator('h3').innerText()).toMatch(/期限切れ\s*更新を審査中/);
    expect(await card.locator('.renewal-note').innerText()).toContain('事務局が審査しています');
    expect(await card.locator(`a[href*="/v/${inReview.expiredId}"]`).count()).toBeGreaterThan(0);
  });

  it('superseded: an older version, neutral (no cross, not red), with a prominent link to the current one', async () => {
    await visit(`/v/${s.superseded.credentialId}`, 'vs-superseded');
    expect(await h1()).toBe('改訂テスト株式会社');
    const verdict = b.page.locator('.verdict');
    expect(await b.page.locator('#verdict-word').innerText()).toBe('以前の版（新しい版があります）');
    expect(await verdict.evaluate((el) => getComputedStyle(el).borderColor)).not.toBe('rgb(176, 0, 0)');
    expect(await verdict.locator('svg path').getAttribute('d')).not.toContain('L16 32');
    const link = b.page.getByRole('link', { name: '最新の版を確認する' });
    expect(await link.getAttribute('class')).toContain('button');
    await link.click();
    await b.page.waitForURL(`**/v/${s.superseded.currentId}`);
    expect(await b.page.locator('#verdict-word').innerText()).toBe('有効');
    expect(await h1()).toBe('改訂テスト株式会社');
  });

  it('in English: the organization as the heading, Revoked on, the reason label', async () => {
    await visit(`/v/${s.revoked.credentialId}?lang=en`, 'vs-revoked-en');
    expect(await b.page.locator('html').getAttribute('lang')).toBe('en');
    expect(await h1()).toBe('取消テスト株式会社');
    const text = await box();
    expect(text).toContain('Revoked on');
    expect(text).toContain('False declaration');
    expect(text).toContain('Regional revitalization telework self-declaration');
    expect(await main()).not.toContain('Valid until');
  });
});
