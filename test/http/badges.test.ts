/**
 * Badges, QR codes, the verification page and the portal over real HTTP, on Node and on the
 * Worker: content types, caching, baked credentials that verify, verdicts, and escaping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPng } from '../../src/adapters/badge/render-png.js';
import { openSqlite } from '../../src/adapters/sqlite/open.js';
import { parseConfig } from '../../src/config.js';
import { createApp } from '../../src/http/app.js';
import { createKyselyRegistry } from '../../src/registry.js';
import { extractFromPng, extractFromSvg } from '../../src/adapters/badge/bake.js';
import { credentialUuid, declarationCredential, publicBaseUrl } from '../helpers/credentials.js';
import { seedCompany, startTestServer, type TestServer } from '../helpers/server.js';
import { onWorker } from '../helpers/targets.js';
import { HOSTILE_NAME, seedStates, type SeededStates } from '../pages/fixtures.js';

let server: TestServer;
let s: SeededStates;
let base: string;

const get = (path: string, headers: Record<string, string> = {}, token: string | null = null) => server.call('GET', path, { token, headers });
const bytesOf = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(server.url + path, { headers });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
};
const verifyApi = (verifiableCredential: unknown) => server.call('POST', '/credentials/verify', { token: null, body: { verifiableCredential } });

beforeAll(async () => {
  server = await startTestServer();
  base = publicBaseUrl(server);
  s = await seedStates(server);
});

afterAll(async () => {
  await server?.close();
});

describe('QR codes', () => {
  it('qr.svg encodes nothing but an SVG, with an ETag that answers 304', async () => {
    const response = await get(`/credentials/${s.valid.credentialId}/qr.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('image/svg+xml');
    expect(response.text).toMatch(/^<svg[^>]*viewBox/);
    const etag = response.headers.get('etag')!;
    // fetch asks for gzip: on Node the SVG comes compressed, its tag weak (another representation).
    expect(etag).toMatch(onWorker ? /^"[0-9a-f]+"$/ : /^W\/"[0-9a-f]+"$/);
    expect(response.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const again = await get(`/credentials/${s.valid.credentialId}/qr.svg`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('qr.png is a PNG on both runtimes (pure JavaScript encoder)', async () => {
    const { response, bytes } = await bytesOf(`/credentials/${s.valid.credentialId}/qr.png`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('an unknown credential has no QR code or badge (404 problem)', async () => {
    for (const image of ['qr.svg', 'qr.png', 'badge.svg', 'badge.png']) {
      const response = await get(`/credentials/${s.unknownId}/${image}`);
      expect(response.status, image).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});

describe('badges', () => {
  it('badge.svg carries the signed credential, which verifies through POST /credentials/verify', async () => {
    const response = await get(`/credentials/${s.valid.credentialId}/badge.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('image/svg+xml');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.text).toContain('<openbadges:credential>');
    expect(response.text).toContain('株式会社みらいワーク');
    const baked = extractFromSvg(response.text);
    expect(baked).toMatchObject({ id: `${base}/credentials/${s.valid.credentialId}` });
    const verified = await verifyApi(baked);
    expect(verified.body).toMatchObject({ verified: true, issuedByRegistry: true });
  });

  it('badge.svg?format=jwt bakes the JWT in the verify attribute, which verifies too', async () => {
    const response = await get(`/credentials/${s.valid.credentialId}/badge.svg?format=jwt`);
    const baked = extractFromSvg(response.text);
    expect(typeof baked).toBe('string');
    expect(response.text).toContain('<openbadges:credential verify="');
    expect((await verifyApi(baked)).body.verified).toBe(true);
  });

  it('badge.svg: ETag, If-None-Match → 304, and a short public Cache-Control', async () => {
    const first = await get(`/credentials/${s.valid.credentialId}/badge.svg`);
    const etag = first.headers.get('etag')!;
    expect(first.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
    const again = await get(`/credentials/${s.valid.credentialId}/badge.svg`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
  });

  it.skipIf(onWorker)('badge.png (Node): baked with the credential in iTXt, verifies, the same bytes again, 304 on revalidation', async () => {
    const path = `/credentials/${s.valid.credentialId}/badge.png`;
    const { response, bytes } = await bytesOf(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const baked = extractFromPng(bytes);
    expect(baked).toMatchObject({ id: `${base}/credentials/${s.valid.credentialId}` });
    expect((await verifyApi(baked)).body.verified).toBe(true);
    expect((await bytesOf(path)).bytes).toEqual(bytes);
    const revalidated = await fetch(server.url + path, { headers: { 'if-none-match': response.headers.get('etag')! } });
    expect(revalidated.status).toBe(304);
  });

  // Rendering a PNG takes resvg tens of milliseconds: each credential and size is rendered once.
  // Counted through the renderer the app is given (the real one), not timed, so load cannot fail it.
  it.skipIf(onWorker)('badge.png (Node): rendered once per credential and size; concurrent requests share the render', async () => {
    const store = await openSqlite({ path: server.dbPath });
    try {
      // Badges are drawn from the stored credentials: the app signs nothing here, so no keys are loaded.
      const registry = await createKyselyRegistry({ db: store.db, unitOfWork: store.unitOfWork, config: parseConfig({ PUBLIC_BASE_URL: base }) });
      let renders = 0;
      const app = createApp({ registry, publicBaseUrl: base, renderPng: (svg, options) => (renders++, renderPng(svg, options)) });
      const path = `/credentials/${s.valid.credentialId}/badge.png`;
      const answers = [...(await Promise.all([app.request(path), app.request(path)])), await app.request(path)];
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
      const [first, ...others] = await Promise.all(answers.map(async (answer) => new Uint8Array(await answer.arrayBuffer())));
      for (const other of others) expect(other).toEqual(first);
      expect(renders).toBe(1);
      expect((await app.request(`${path}?size=compact`)).status).toBe(200);
      expect(renders).toBe(2);
    } finally {
      await store.close();
    }
  });

  it.runIf(onWorker)('badge.png (Worker): 501 problem naming the SVG badge, since no native renderer runs there', async () => {
    const response = await get(`/credentials/${s.valid.credentialId}/badge.png`);
    expect(response.status).toBe(501);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.alternative).toBe(`${base}/credentials/${s.valid.credentialId}/badge.svg`);
  });

  // Was "badge 410 for the public": an embedded <img> cannot show JSON, so the public now gets a
  // 200 image saying the badge is not currently valid (no credential baked in); the secretariat
  // still downloads the real badge.
  it.each([
    ['suspended', '一時停止中', () => s.suspended.credentialId],
    ['revoked', '取消', () => s.revoked.credentialId],
    ['superseded', '新しい版に置き換え済み', () => s.superseded.credentialId],
  ])('a %s credential: a "not currently valid" image for the public, the real badge for the secretariat', async (status, label, id) => {
    for (const size of ['', '?size=compact']) {
      const shown = await get(`/credentials/${id()}/badge.svg${size}`);
      expect(shown.status, size).toBe(200);
      expect(shown.headers.get('content-type')).toContain('image/svg+xml');
      expect(shown.text).toContain('現在有効ではありません');
      expect(shown.text).toContain(label);
      expect(shown.text).not.toContain('<openbadges:credential');
      expect(extractFromSvg(shown.text)).toBeNull();
      expect(shown.headers.get('cache-control')).toMatch(/max-age=60\b/);
    }
    const full = await get(`/credentials/${id()}/badge.svg`);
    expect(full.text).toContain('Not currently valid');
    expect(full.text).toContain(`${base}/v/${id()}`); // the QR code and the address lead to the verdict
    const json = await get(`/v/${id()}`, { accept: 'application/json' });
    expect(json.body).toMatchObject({ verdict: status, valid: false }); // the JSON status for custom widgets
    const admin = await server.call('GET', `/credentials/${id()}/badge.svg`); // the administrator's token
    expect(admin.status).toBe(200);
    expect(admin.text).toContain('<openbadges:credential');
    expect(admin.headers.get('cache-control')).toContain('no-store');
  });

  it.skipIf(onWorker)('badge.png of a suspended credential (Node): a PNG image without a baked credential', async () => {
    const { response, bytes } = await bytesOf(`/credentials/${s.suspended.credentialId}/badge.png`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(extractFromPng(bytes)).toBeNull();
  });

  it('badge.svg?size=compact: the small card, baked; any other size is a 400 naming size', async () => {
    const compact = await get(`/credentials/${s.valid.credentialId}/badge.svg?size=compact`);
    expect(compact.status).toBe(200);
    expect(compact.text).toMatch(/viewBox="0 0 320 \d+"/);
    expect(compact.text).toContain(s.valid.credentialId.split('-')[0]);
    expect(extractFromSvg(compact.text)).toMatchObject({ id: `${base}/credentials/${s.valid.credentialId}` });
    const bad = await get(`/credentials/${s.valid.credentialId}/badge.svg?size=huge`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('size');
  });

  it('the embed snippet links the badge image to the verification page, escaped', async () => {
    const response = await get(`/credentials/${s.hostile.credentialId}/embed`);
    expect(response.status).toBe(200);
    expect(response.body.verificationUrl).toBe(`${base}/v/${s.hostile.credentialId}`);
    expect(response.body.html).toContain(`href="${base}/v/${s.hostile.credentialId}"`);
    expect(response.body.html).not.toContain('<script>');
    expect(response.body.html).toContain('&lt;script&gt;');
  });

  it('the credential in JWT form has its own address for plain links', async () => {
    const response = await get(`/credentials/${s.valid.credentialId}/credential.jwt`);
    expect(response.headers.get('content-type')).toContain('application/vc+jwt');
    expect(response.text).toBe(s.valid.credential.jwt);
  });

  it('/logo.svg is the registry logo every credential names as its image', async () => {
    expect(s.valid.credential.dataIntegrity.credentialSubject.achievement.image.id).toBe(`${base}/logo.svg`);
    const response = await get('/logo.svg');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('image/svg+xml');
    expect(response.text).toContain('<title');
  });
});

describe('verification page answers as JSON with Accept: application/json', () => {
  const json = (id: string) => get(`/v/${id}`, { accept: 'application/json' });

  it('reads Accept by quality: JSON when it is preferred, the page when HTML is, or on a tie', async () => {
    const kind = async (accept: string) => (await get(`/v/${s.valid.credentialId}`, { accept })).headers.get('content-type') ?? '';
    expect(await kind('application/json;q=0.9, text/html;q=0.1')).toContain('application/json');
    expect(await kind('text/html;q=0.1, application/json')).toContain('application/json');
    expect(await kind('application/ld+json')).toContain('application/json');
    expect(await kind('text/html, application/json;q=0.5')).toContain('text/html');
    expect(await kind('application/json, text/html')).toContain('text/html');
    expect(await kind('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toContain('text/html');
    expect(await kind('application/json;q=0')).toContain('text/html');
  });

  it('valid: verdict, organization, declaration, issuer and as-of time', async () => {
    const response = await json(s.valid.credentialId);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      verdict: 'valid',
      verdictLabel: { ja: '有効', en: 'Valid' },
      valid: true,
      organization: { name: '株式会社みらいワーク', corporateNumber: s.valid.organization.corporateNumber, prefecture: { ja: '東京都' } },
      issuer: { issuedByRegistry: true, domain: new URL(base).host, name: { ja: '地方創生テレワーク宣言・表彰レジストリ' } },
      links: { dataIntegrity: `${base}/credentials/${s.valid.credentialId}`, jwt: `${base}/credentials/${s.valid.credentialId}/credential.jwt` },
    });
    expect(response.body.declaration.guidelineAreas.map((a: { ja: string }) => a.ja)).toContain('労務制度');
    expect(Math.abs(Date.parse(response.body.asOf) - Date.now())).toBeLessThan(60_000);
  });

  it.each([
    ['suspended', () => s.suspended.credentialId, '一時停止中'],
    ['revoked', () => s.revoked.credentialId, '取消'],
    ['superseded', () => s.superseded.credentialId, '以前の版（新しい版があります）'],
  ])('%s', async (verdict, id, label) => {
    const response = await json(id());
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ verdict, valid: false, verdictLabel: { ja: label } });
  });

  it('superseded names the current version', async () => {
    const response = await json(s.superseded.credentialId);
    expect(response.body.currentVersion).toEqual({ credentialId: s.superseded.currentId, verificationUrl: `${base}/v/${s.superseded.currentId}` });
  });

  it('an award: 令和N年度（YYYY年度）, category, overview and the published message', async () => {
    const response = await json(s.award.credentialId);
    expect(response.body).toMatchObject({
      verdict: 'valid',
      kind: 'award',
      award: { fiscalYear: 2025, fiscalYearLabel: { ja: '令和7年度（2025年度）' }, category: { ja: '大臣賞' }, message: '地方で働く選択肢を、すべての社員に。' },
    });
  });

  it('unknown: 404 with the verdict "unknown"', async () => {
    const response = await json(s.unknownId);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ verdict: 'unknown', valid: false });
  });
});

describe('verification page (HTML)', () => {
  it('Japanese by default, with a CSP without unsafe-inline', async () => {
    const response = await get(`/v/${s.valid.credentialId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.text).toMatch(/^<!DOCTYPE html><html lang="ja">/);
    expect(response.text).toContain('有効');
    expect(response.text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}時\d{2}分時点/);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('English with ?lang=en or Accept-Language: en first', async () => {
    for (const response of [await get(`/v/${s.valid.credentialId}?lang=en`), await get(`/v/${s.valid.credentialId}`, { 'accept-language': 'en-GB,en;q=0.9,ja;q=0.5' })]) {
      expect(response.text).toContain('<html lang="en">');
      expect(response.text).toContain('Valid');
    }
    expect((await get(`/v/${s.valid.credentialId}`, { 'accept-language': 'ja,en;q=0.8' })).text).toContain('<html lang="ja">');
  });

  it('an unknown badge: a 404 page saying it is not in the registry and may be fake', async () => {
    const response = await get(`/v/${s.unknownId}`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.text).toContain('登録されていません');
    expect(response.text).toContain('偽物の可能性があります');
  });

  it('the stylesheet comes from the registry itself', async () => {
    const page = await get('/');
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(page.text)![1]!;
    expect(href).toMatch(/^\/assets\//);
    const css = await get(href);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(page.text).not.toMatch(/<script|style="|https?:\/\/(?!localhost)[a-z]/i);
  });
});

describe('POST /verify (form post, works without JavaScript)', () => {
  const post = (form: FormData) => fetch(`${server.url}/verify`, { method: 'POST', body: form });

  it('a pasted JWT → the verdict page', async () => {
    const form = new FormData();
    form.set('credential', s.valid.credential.jwt);
    const response = await post(form);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('data-verdict="valid"');
    expect(html).toContain('株式会社みらいワーク');
  });

  it('an uploaded baked SVG of a valid badge → valid; a tampered paste → cannot be verified', async () => {
    const svg = (await get(`/credentials/${s.valid.credentialId}/badge.svg`)).text;
    const upload = new FormData();
    upload.set('file', new Blob([svg], { type: 'image/svg+xml' }), 'badge.svg');
    expect(await (await post(upload)).text()).toContain('data-verdict="valid"');

    const tampered = structuredClone(s.valid.credential.dataIntegrity);
    tampered.credentialSubject.name = '株式会社にせもの';
    const paste = new FormData();
    paste.set('credential', JSON.stringify(tampered));
    const html = await (await post(paste)).text();
    expect(html).toContain('data-verdict="invalid"');
    // The forged name may only appear in the echoed form field and, marked unverified, beside the
    // registry's record (test/http/verify-page-claims.test.ts), never in the answer.
    expect(html.replace(/<textarea[\s\S]*<\/textarea>/, '').replace(/<section class="claims"[\s\S]*?<\/section>/, '')).not.toContain('株式会社にせもの');
  });

  it('an image without a credential, unreadable text or nothing → 400 with a message; too large → 413', async () => {
    const noCredential = new FormData();
    noCredential.set('file', new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])]), 'x.png');
    const r1 = await post(noCredential);
    expect(r1.status).toBe(400);
    expect(await r1.text()).toContain('クレデンシャルが埋め込まれていません');
    const garbage = new FormData();
    garbage.set('credential', 'hello');
    expect((await post(garbage)).status).toBe(400);
    expect((await post(new FormData())).status).toBe(400);
    const big = new FormData();
    big.set('file', new Blob([new Uint8Array(2 * 1024 * 1024)]), 'big.png');
    expect((await post(big)).status).toBe(413);
  });
});

describe('escaping: an organization named with hostile HTML', () => {
  const raw = HOSTILE_NAME;
  const escaped = '&lt;script&gt;alert(1)&lt;/script&gt;';

  it('is escaped on the verification page, the portal and the badge SVG', async () => {
    const pages = [
      `/v/${s.hostile.credentialId}`,
      `/v/${s.hostile.credentialId}?lang=en`,
      `/organizations?q=${encodeURIComponent('script')}`,
      `/organizations/${s.hostile.organization.id}`,
      '/awards',
    ];
    for (const path of pages) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.text, path).not.toContain(raw);
      expect(response.text, path).toContain(escaped);
    }
    const svg = (await get(`/credentials/${s.hostile.credentialId}/badge.svg`)).text;
    expect(svg.replace(/<openbadges:credential>[\s\S]*<\/openbadges:credential>/, '')).not.toContain('<script');
    expect(svg).toContain(escaped);
    const json = await get(`/v/${s.hostile.credentialId}`, { accept: 'application/json' });
    expect(json.body.organization.name).toBe(raw); // JSON carries the value itself; escaping is the renderer's job
  });
});

describe('a name with a character XML does not allow (U+FFFE, U+FFFF: the API takes them)', () => {
  it('badge.svg stays an image a renderer draws, with its credential baked whole', async () => {
    const name = '株式会社ノンキャラ\uFFFF\uFFFE';
    const seeded = await seedCompany(server, { n: 36, publish: true, name });
    const credentialId = credentialUuid((await declarationCredential(server, seeded.declarationId)).ref.id);
    for (const path of [`/credentials/${credentialId}/badge.svg`, `/credentials/${credentialId}/badge.svg?size=compact`]) {
      const svg = (await get(path)).text;
      // resvg parses as strictly as a browser's SVG image: one character XML does not allow and nothing is drawn.
      expect((await renderPng(svg, { width: 240 })).length, path).toBeGreaterThan(500);
      const baked = extractFromSvg(svg) as { credentialSubject: { name: string } };
      expect(baked.credentialSubject.name, path).toBe(name);
      expect((await verifyApi(baked)).body.verified, path).toBe(true);
    }
  });
});

describe('portal', () => {
  it('searches by name and filters; shows the organization page with its declaration and award', async () => {
    const search = await get(`/organizations?q=${encodeURIComponent('みらいワーク')}&prefectureCode=13`);
    expect(search.status).toBe(200);
    expect(search.text).toContain(`/organizations/${s.valid.organization.id}`);
    expect(search.text).not.toContain('一時停止テスト株式会社');
    const byAward = await get('/organizations?awardYear=2025&awardCategory=minister');
    expect(byAward.text).toContain('株式会社みらいワーク');
    expect(byAward.text).not.toContain('取消テスト株式会社');
    const page = await get(`/organizations/${s.valid.organization.id}`);
    expect(page.text).toContain('地方創生テレワーク自己宣言');
    expect(page.text).toContain('令和7年度（2025年度）');
    expect(page.text).toContain(`/v/${s.valid.credentialId}`);
    expect(page.text.replaceAll('認定ではありません', '')).not.toContain('認定'); // a declaration is never called certified
  });

  it('awards by year', async () => {
    const page = await get('/awards?fiscalYear=2025');
    expect(page.text).toContain('令和7年度（2025年度）');
    expect(page.text).toContain('大臣賞');
    expect(page.text).toContain('株式会社みらいワーク');
    const empty = await get('/awards?fiscalYear=2021');
    expect(empty.text).not.toContain('株式会社みらいワーク');
  });

  it('an organization that is not listed: 404 page', async () => {
    const response = await get('/organizations/00000000-0000-4000-8000-000000000000');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('text/html');
  });
});
