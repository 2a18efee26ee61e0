/**
 * The member area's badge kit (/my/badges) over real HTTP, after a real OpenID Connect sign-in:
 * the preview images are described in the page's language, as on the organization page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOverHttp, startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.js';
import { COMPANY, corporateNumberFor, DECLARATION, expireDeclarations, freePort, startTestServer, type TestServer } from '../helpers/server.js';

let provider: TestOidcProvider;
let server: TestServer;
let cookie: string;
let declarationId: string;
let awardId: string;

const page = async (path: string, as = cookie) => (await fetch(server.url + path, { redirect: 'manual', headers: { cookie: as } })).text();
/** The preview images' text alternatives, in page order. */
const previews = (html: string) => [...html.matchAll(/<img class="badge-preview" [^>]*alt="([^"]*)"/g)].map((m) => m[1]);

beforeAll(async () => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  provider = await startOidcProvider({ redirectUri: `${base}/auth/oidc/callback` });
  provider.addAccount({ sub: 'gbiz-badges', corporateNumber: COMPANY.corporateNumber, name: '山田 花子' });
  provider.addAccount({ sub: 'gbiz-second', corporateNumber: corporateNumberFor(2), name: '佐藤 一郎' });
  provider.addAccount({ sub: 'gbiz-third', corporateNumber: corporateNumberFor(3), name: '鈴木 三郎' });
  server = await startTestServer({ PORT: String(port), PUBLIC_BASE_URL: base, ...provider.registryEnv });
  const organization = (await server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, nameEn: 'Mirai Work Co., Ltd.' } })).body;
  const declaration = (await server.call('POST', `/api/v1/organizations/${organization.id}/declarations`, { body: DECLARATION })).body;
  declarationId = declaration.id;
  for (const action of ['submit', 'publish']) expect((await server.call('POST', `/api/v1/declarations/${declaration.id}/${action}`)).status).toBe(200);
  const award = await server.call('POST', '/api/v1/awards', { body: { organizationId: organization.id, fiscalYear: 2025, category: 'minister' } });
  expect(award.status).toBe(201);
  awardId = award.body.id;
  cookie = (await signInOverHttp(server.url, provider, 'gbiz-badges')).sessionCookie!;
}, 180_000);

afterAll(async () => {
  await server?.close();
  await provider?.close();
});

describe('/my/badges', () => {
  it('describes each preview in the page’s language, as the organization page does, and so does the snippet to paste', async () => {
    const english = await page('/my/badges?lang=en');
    expect(previews(english).sort()).toEqual(['Mirai Work Co., Ltd.: FY2025 (April 2025 – March 2026) Minister&#39;s Award badge', 'Mirai Work Co., Ltd.: Telework self-declaration badge']);
    const japanese = await page('/my/badges');
    expect(previews(japanese).sort()).toEqual([`${COMPANY.name} 令和7年度（2025年度） 大臣賞のバッジ`, `${COMPANY.name} 地方創生テレワーク 自己宣言のバッジ`].sort());
    // The snippet goes onto a recruiting page in the language the person reads the kit in.
    expect(english).toContain('alt=&quot;Mirai Work Co., Ltd.: Regional Revitalization Telework — Self-declaration (click to check it is genuine)&quot;');
    expect(japanese).toContain(`alt=&quot;${COMPANY.name} 地方創生テレワーク 自己宣言（クリックで真正性を確認）&quot;`);
    // An award's badge has no end: 「…日から」, written as Japanese is, with no space before から.
    expect(japanese).toMatch(/有効期間: \d{4}年\d{1,2}月\d{1,2}日から</);
    expect(english).toMatch(/Valid: \d{1,2} [A-Z][a-z]+ \d{4} onwards</);
    // The declaration's badge runs to an end: a range as the organization and verification pages write it.
    expect(japanese).toMatch(/有効期間: \d{4}年\d{1,2}月\d{1,2}日〜\d{4}年\d{1,2}月\d{1,2}日</);
    expect(english).toMatch(/Valid: \d{1,2} [A-Z][a-z]+ \d{4} – \d{1,2} [A-Z][a-z]+ \d{4}</);
  });

  it('with no valid badge, says why for the case at hand: suspended, then revoked; never "not yet", as if one were on its way', async () => {
    const reason = { body: { reason: 'under-investigation' } };
    expect((await server.call('POST', `/api/v1/declarations/${declarationId}/suspend`, reason)).status).toBe(200);
    expect((await server.call('POST', `/api/v1/awards/${awardId}/suspend`, reason)).status).toBe(200);
    expect(await page('/my/badges')).toContain('自己宣言のバッジは一時停止中のため、今は有効ではありません。停止が解除されると、ここから再びダウンロードできます。');
    expect(await page('/my/badges')).toContain('令和7年度（2025年度） 大臣賞のバッジは一時停止中のため、今は有効ではありません。');
    expect(await page('/my/badges?lang=en')).toContain('The self-declaration badge is suspended and not valid for now');
    expect((await server.call('POST', `/api/v1/declarations/${declarationId}/revoke`, { body: { reason: 'false-declaration', note: '虚偽の記載がありました。' } })).status).toBe(200);
    expect((await server.call('POST', `/api/v1/awards/${awardId}/revoke`)).status).toBe(200);
    const revoked = await page('/my/badges');
    expect(revoked).toContain('宣言が取り消されたため、これまでのバッジは無効になりました。新しい自己宣言が公表されると、そのバッジをここからダウンロードできます。');
    expect(revoked).toContain('令和7年度（2025年度） 大臣賞の表彰が取り消されたため、そのバッジは無効になりました。');
    expect(revoked).not.toContain('まだ');
    expect(await page('/my/badges?lang=en')).toContain('Your declaration was revoked, so its badge is no longer valid.');
    // The dashboard gives the secretariat's note with the reason, as the e-mail did (and as for a suspension).
    expect(await page('/my')).toMatch(/事務局により取り消されました。理由: 虚偽の宣言[\s\S]*?<p class="prose">虚偽の記載がありました。<\/p>/);
  });

  it('with no valid badge, says each record’s own reason: a withdrawn declaration beside a suspended award reads as both, not only "suspended"', async () => {
    const organization = (await server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: '株式会社ふたつめ', corporateNumber: corporateNumberFor(2) } })).body;
    const declaration = (await server.call('POST', `/api/v1/organizations/${organization.id}/declarations`, { body: DECLARATION })).body;
    for (const action of ['submit', 'publish']) expect((await server.call('POST', `/api/v1/declarations/${declaration.id}/${action}`)).status).toBe(200);
    const award = (await server.call('POST', '/api/v1/awards', { body: { organizationId: organization.id, fiscalYear: 2025, category: 'minister' } })).body;
    expect((await server.call('POST', `/api/v1/awards/${award.id}/suspend`, { body: { reason: 'under-investigation' } })).status).toBe(200);
    expect((await server.call('POST', `/api/v1/declarations/${declaration.id}/withdraw`)).status).toBe(200);
    const second = (await signInOverHttp(server.url, provider, 'gbiz-second')).sessionCookie!;
    const japanese = await page('/my/badges', second);
    expect(japanese).toContain('宣言を取り下げたため、これまでのバッジは無効になりました。');
    expect(japanese).toContain('令和7年度（2025年度） 大臣賞のバッジは一時停止中のため、今は有効ではありません。停止が解除されると、ここから再びダウンロードできます。');
    const english = await page('/my/badges?lang=en', second);
    expect(english).toContain('Your declaration was withdrawn, so its badge is no longer valid.');
    expect(english).toContain('The FY2025 (April 2025 – March 2026) Minister&#39;s Award badge is suspended and not valid for now; once it is resumed, download it here again.');
    // The dashboard says the award's own reason beside it, as it does the declaration's.
    const dashboard = await page('/my', second);
    expect(dashboard).toContain('この宣言は取り下げられています。');
    expect(dashboard).toMatch(/大臣賞 <span class="status status--suspended">一時停止中<\/span>[\s\S]*?<strong>事務局により一時停止されています。<\/strong> 理由: 調査中/);
    // The history's trail names the award's suspension reason, as it does a declaration's.
    expect((await page('/my/history', second)).replace(/<[^>]+>/g, '')).toContain('表彰を一時停止（理由: 調査中）');
    expect((await page('/my/history?lang=en', second)).replace(/<[^>]+>/g, '')).toContain('Award suspended (reason: Under investigation)');
  });

  it('an expired declaration’s badge page asks for the renewal; once it is requested, says it is under review, not to renew again', async () => {
    const organization = (await server.call('POST', '/api/v1/organizations', { body: { ...COMPANY, name: '株式会社みっつめ', corporateNumber: corporateNumberFor(3) } })).body;
    const declaration = (await server.call('POST', `/api/v1/organizations/${organization.id}/declarations`, { body: DECLARATION })).body;
    for (const action of ['submit', 'publish']) expect((await server.call('POST', `/api/v1/declarations/${declaration.id}/${action}`)).status).toBe(200);
    await expireDeclarations(server, [declaration.id]);
    const third = (await signInOverHttp(server.url, provider, 'gbiz-third')).sessionCookie!;
    expect(await page('/my/badges', third)).toContain('宣言の有効期限が切れたため、これまでのバッジは無効になりました。宣言を更新して再び公表されると、新しいバッジをここからダウンロードできます。');
    expect((await server.call('POST', `/api/v1/declarations/${declaration.id}/renew`)).status).toBe(200);
    const underReview = await page('/my/badges', third);
    expect(underReview).toContain('宣言の有効期限が切れたため、これまでのバッジは無効になりました。更新を事務局が審査しています。公表されると、新しいバッジをここからダウンロードできます。');
    expect(underReview).not.toContain('宣言を更新して');
    expect(await page('/my/badges?lang=en', third)).toContain('Your declaration expired, so its badge is no longer valid. The secretariat is reviewing its renewal; once it is published, download its new badge here.');
  });
});
