import type { ResponseDoc, RouteDoc } from '../route-doc.js';

const html: ResponseDoc = { description: 'HTML（日本語、?lang=en で英語）/ HTML (Japanese; ?lang=en for English)', contentType: 'text/html', schema: { type: 'string' } };
const xml: ResponseDoc = { description: 'XML (sitemaps.org 0.9)', contentType: 'application/xml', schema: { type: 'string' } };
const image = (contentType: string): ResponseDoc => ({ description: contentType, contentType, schema: { type: 'string', contentEncoding: contentType === 'image/png' ? 'binary' : undefined } as Record<string, unknown> });

/** What people see (src/http/pages/routes.tsx, src/http/routes/badges.ts, src/http/assets). */
/** Prose, not a `query` entry: the image routes take one optional word, and a 200 image is their whole point. */
const NOT_VALID_BADGE_PROSE =
  'Optional query size=compact: the small card (320×204 view box; every text at least 11 px when shown 240 px wide) with the name, the kind, the valid-until date and a short ID; any other size is 400. ' +
  'For a suspended, revoked, withdrawn (its declaration withdrawn by the organization), superseded or expired credential the public gets 200 with an image saying 現在有効ではありません / Not currently valid and the state, with no credential baked in and Cache-Control: public, max-age=60, so an embedded <img> never breaks; the verdict as JSON is GET /v/{id} with Accept: application/json (fields `verdict`, `valid`, `validUntil`, `statusChange`).';

/** GET /credentials/{id}/embed (src/http/routes/badges.ts). */
const url = { type: 'string', format: 'uri' };
const EMBED = {
  type: 'object',
  properties: {
    html: { type: 'string', description: 'A link to the verification page around the badge image (`<a href=…><img src=…badge.svg alt=…></a>`), to paste as is' },
    badgeSvg: url,
    badgePng: { ...url, type: ['string', 'null'], description: 'Null on runtimes without a PNG renderer' },
    qrSvg: url,
    verificationUrl: url,
  },
  required: ['html', 'badgeSvg', 'badgePng', 'qrSvg', 'verificationUrl'],
};
/** refuseUnlessActive in src/http/routes/badges.ts: the problem with the credential's state and where to read it. */
const BADGE_UNAVAILABLE = {
  allOf: [
    { $ref: '#/components/schemas/Problem' },
    {
      type: 'object',
      properties: {
        credentialStatus: { enum: ['suspended', 'expired', 'superseded', 'revoked', 'withdrawn'] },
        verificationUrl: { ...url, description: 'The verification page, which says why' },
      },
      required: ['credentialStatus', 'verificationUrl'],
    },
  ],
};

/** GET /achievements/… (src/http/pages/achievement-routes.tsx): the OB 3.0 Achievement as the credentials embed it. */
const ACHIEVEMENT = {
  type: 'object',
  description: 'The Achievement object exactly as the credentials embed it (credentialSubject.achievement), with the credentials\' @context (VC 2.0, OB 3.0.3, the embedded terms)',
  properties: { '@context': { type: 'array' }, id: url, type: { type: 'array', items: { type: 'string' } }, name: { type: 'string' }, description: { type: 'string' }, criteria: { type: 'object' }, alignment: { type: 'array', items: { type: 'object' } } },
  required: ['@context', 'id', 'type', 'name', 'description', 'criteria'],
};
const ACHIEVEMENT_ANSWER: ResponseDoc = {
  ...html,
  also: [{ contentType: 'application/json', schema: ACHIEVEMENT }, { contentType: 'application/ld+json', schema: ACHIEVEMENT }],
  headers: { ETag: 'Weak; a digest of the answer sent', 'Cache-Control': 'public, max-age=3600' },
};
const ACHIEVEMENT_PROSE =
  'The page (Japanese; ?lang=en or an English Accept-Language for English), or with `Accept: application/json` or `application/ld+json` the Achievement object. If-None-Match naming the ETag answers 304; HEAD answers the headers.';
const AWARD_ACHIEVEMENT_PROSE = `${ACHIEVEMENT_PROSE} An award\'s Achievement answers once an award of that fiscal year and category (and division) is recorded, in any status; otherwise, and for an unknown year, category or division, 404: the site\'s 404 page for a browser, problem+json naming the segment (\`fiscalYear\`, \`category\`, \`division\`) for a program.`;
const ACHIEVEMENT_NOT_FOUND: ResponseDoc = { description: '記録のない年度・賞・部門 / no award of that year, category or division', contentType: 'text/html', schema: { type: 'string' }, also: [{ contentType: 'application/problem+json', schema: 'Problem' }] };

export const PAGE_ROUTE_DOCS: RouteDoc[] = [
  { method: 'get', path: '/', tag: 'pages', auth: 'public', summary: { ja: 'トップページ', en: 'Home page' }, responses: { 200: html } },
  { method: 'get', path: '/organizations', tag: 'pages', auth: 'public', summary: { ja: '宣言企業・団体の一覧ページ', en: 'Page listing declared organizations' }, description: 'Optional query page (a whole number from 1; 20 organizations a page). A malformed page number is 400 and a page past the last is 404: each an HTML page that says so and links to the first and last page.', responses: { 200: html, 400: { ...html, description: 'ページ番号が正しくない / malformed page number' }, 404: { ...html, description: 'ページ番号が最後のページより後 / page past the last' } } },
  { method: 'get', path: '/organizations/{id}', tag: 'pages', auth: 'public', summary: { ja: '団体のページ', en: "An organization's page" }, responses: { 200: html } },
  { method: 'get', path: '/awards', tag: 'pages', auth: 'public', summary: { ja: '表彰の一覧ページ', en: 'Page listing awards' }, responses: { 200: html } },
  { method: 'get', path: '/v/{id}', tag: 'pages', auth: 'public', summary: { ja: '検証ページ（QR コードの行き先）', en: 'Verification page (where QR codes point)' }, description: 'HTML, or JSON with `Accept: application/json` (an Accept that ranks application/json above text/html). A site showing its own badge reads `verdict`, `valid`, `validUntil` and `statusChange`. For an older version (`superseded`), and for an `expired` badge whose declaration was renewed and published again, `currentVersion` names the credential in force now (`credentialId`, `verificationUrl`); otherwise it is null. An id the registry does not hold answers 404: a page, or the JSON verdict "unknown".', responses: { 200: { ...html, also: [{ contentType: 'application/json', schema: 'VerificationAnswer' }] }, 404: { description: '登録されていない ID（偽物の可能性）/ not in the registry: the badge may be fake', contentType: 'text/html', schema: { type: 'string' }, also: [{ contentType: 'application/json', schema: 'VerificationUnknown' }] } } },
  { method: 'get', path: '/achievements/telework-self-declaration', tag: 'pages', auth: 'public', summary: { ja: '自己宣言の達成（Open Badges の Achievement）', en: 'The self-declaration Achievement (Open Badges)' }, description: `Every self-declaration credential names this address as its achievement; its alignments point to \`#labor\`, \`#personnel\`, \`#compensation\`, \`#connectivity\` and \`#security\`, each a section of the page. ${ACHIEVEMENT_PROSE}`, responses: { 200: ACHIEVEMENT_ANSWER, 304: { description: 'Not modified' } } },
  ...['/achievements/telework-award/{fiscalYear}/{category}', '/achievements/telework-award/{fiscalYear}/{category}/{division}'].map((path): RouteDoc => ({
    method: 'get', path, tag: 'pages', auth: 'public',
    summary: path.endsWith('{division}') ? { ja: '部門の表彰の達成（Open Badges の Achievement）', en: "A division's award Achievement (Open Badges)" } : { ja: '表彰の達成（Open Badges の Achievement）', en: 'An award Achievement (Open Badges)' },
    description: AWARD_ACHIEVEMENT_PROSE,
    responses: { 200: ACHIEVEMENT_ANSWER, 304: { description: 'Not modified' }, 404: ACHIEVEMENT_NOT_FOUND },
  })),
  { method: 'get', path: '/verify', tag: 'pages', auth: 'public', summary: { ja: 'クレデンシャルを貼り付けて検証するページ', en: 'Page to paste or upload a credential' }, responses: { 200: html } },
  { method: 'post', path: '/verify', tag: 'pages', auth: 'public', summary: { ja: '貼り付け・アップロードしたクレデンシャルを検証する', en: 'Verify a pasted or uploaded credential or baked badge' }, rawBody: { contentType: 'multipart/form-data', schema: { type: 'object', properties: { credential: { type: 'string' }, file: { type: 'string', contentMediaType: 'application/octet-stream' } } } }, responses: { 200: html } },
  { method: 'get', path: '/check', tag: 'pages', auth: 'public', summary: { ja: '法人番号でまとめて確認するページ', en: 'Page to check a list of corporate numbers' }, responses: { 200: html } },
  { method: 'post', path: '/check', tag: 'pages', auth: 'public', summary: { ja: '法人番号のリストをまとめて確認する（表示または CSV）', en: 'Check a list of corporate numbers (a page, or CSV)' }, description: 'Up to 1,000 corporate numbers in `numbers` (one a line, or separated by commas or spaces; pieces without digits are skipped; the same number twice is checked once). Each is answered as the public lookup answers it. `format=csv` downloads the answer as CSV (UTF-8 with BOM). No entry, more than 1,000 or an unreadable form is 400, a form over 256 KB 413: the page again with the problem named at the field. Rate limited per address like POST /verify. Programs use POST /api/v1/lookup.', rawBody: { contentType: 'application/x-www-form-urlencoded', schema: { type: 'object', properties: { numbers: { type: 'string' }, format: { type: 'string', enum: ['csv'] } }, required: ['numbers'] } }, responses: { 200: { ...html, also: [{ contentType: 'text/csv', schema: { type: 'string' } }] }, 400: { ...html, description: '入力の誤り / nothing to check, or too many' }, 413: { ...html, description: '入力が大きすぎる / form too large' } } },
  { method: 'get', path: '/statistics', tag: 'pages', auth: 'public', summary: { ja: '数字で見る宣言と表彰（統計のページ）', en: 'Declarations and awards in figures (statistics page)' }, description: 'Declarations published by month (Japan time), published declarations by prefecture and by industry, awards (not revoked) by fiscal year and by category: charts with a text description and a data table each. The secretariat sees the same and the declarations by status in the back office (GET /admin/statistics).', responses: { 200: html } },
  { method: 'get', path: '/guide', tag: 'pages', auth: 'public', summary: { ja: '自己宣言の手引き', en: 'How to declare (guide for organizations)' }, description: 'For the people who will declare: what a self-declaration is, who registers the organization, the ways to sign in that are configured, the fields the form asks for and which may be kept unpublished, review and publication, the badge kit, the configured validity period, renewal and withdrawal; no JavaScript. Linked from the home page and the sign-in page.', responses: { 200: html } },
  { method: 'get', path: '/privacy', tag: 'pages', auth: 'public', summary: { ja: '個人情報の取扱い', en: 'Personal information (privacy notice)' }, description: 'What the registry keeps about people (members, staff, contacts, signers), why, for how long (the configured session and invitation periods) and whom to ask; no JavaScript. Linked from every page\'s footer (unless SITE_PRIVACY_URL names the operator\'s own policy, which this page then links), from sign-in and from invitation pages.', responses: { 200: html } },
  {
    method: 'get', path: '/assets/{file}', tag: 'pages', auth: 'public', summary: { ja: 'サイトのスタイルシートとスクリプト', en: "The site's stylesheet and scripts" },
    description: 'site.{fingerprint}.css, and the scripts passkeys, copy (the embed snippet\'s copy button) and file-picker (/verify), each at an address with its fingerprint, cached for a year.',
    responses: { 200: { description: 'CSS or JavaScript', contentType: 'text/css', schema: { type: 'string' } } },
  },
  { method: 'get', path: '/robots.txt', tag: 'pages', auth: 'public', summary: { ja: '検索エンジン向けの案内（robots.txt）', en: 'Directions for search engines (robots.txt)' }, description: 'Keeps crawlers out of the signed-in areas, sign-in, invitation links and the API, and names the sitemap.', responses: { 200: { description: 'text/plain', contentType: 'text/plain', schema: { type: 'string' } } } },
  { method: 'get', path: '/sitemap.xml', tag: 'pages', auth: 'public', summary: { ja: 'サイトマップの索引', en: 'Sitemap index' }, description: 'Names /sitemaps/site.xml and /sitemaps/organizations-{n}.xml, 10,000 organization pages a file.', responses: { 200: xml } },
  { method: 'get', path: '/sitemaps/site.xml', tag: 'pages', auth: 'public', summary: { ja: 'サイトの主なページのサイトマップ', en: "Sitemap of the site's main pages" }, responses: { 200: xml } },
  { method: 'get', path: '/sitemaps/{file}', tag: 'pages', auth: 'public', summary: { ja: '団体ページのサイトマップ（organizations-{n}.xml）', en: 'Sitemap of organization pages (organizations-{n}.xml)' }, description: 'Every organization with a public page, by id, with the time its page last changed (`lastmod`) and its English version (`?lang=en`, xhtml:link hreflang). A file past the last is 404. ETag and Last-Modified (the newest page in it): If-None-Match or If-Modified-Since answers 304 until a page in it changes.', responses: { 200: xml, 304: { description: 'Not modified' } }, errors: [404] },
  { method: 'get', path: '/feeds/news.atom', tag: 'pages', auth: 'public', summary: { ja: '新着フィード（宣言の公表・表彰、Atom）', en: 'News feed of declarations published and awards (Atom)' }, description: 'The 30 newest pieces of news, newest first: an organization\'s declaration published (entry id …#published-{time}) or an award (…#award-{id}, updated at the start of its day in Japan), each linking the organization\'s page. Japanese; ?lang=en for English (by the address alone, not Accept-Language). Every page\'s <head> links it (rel=alternate).', responses: { 200: { description: 'Atom (RFC 4287)', contentType: 'application/atom+xml', schema: { type: 'string' } } } },
  { method: 'get', path: '/logo.svg', tag: 'pages', auth: 'public', summary: { ja: 'ロゴマーク', en: 'Logo mark' }, responses: { 200: image('image/svg+xml') } },
  { method: 'get', path: '/favicon.svg', tag: 'pages', auth: 'public', summary: { ja: 'ファビコン（ロゴマーク）', en: 'Favicon (the logo mark)' }, responses: { 200: image('image/svg+xml') } },
  { method: 'get', path: '/favicon.ico', tag: 'pages', auth: 'public', summary: { ja: 'ファビコン（/favicon.svg へ転送）', en: 'Favicon (redirects to /favicon.svg)' }, responses: { 301: { description: 'Redirect to /favicon.svg' } } },
  { method: 'get', path: '/credentials/{id}/qr.svg', tag: 'pages', auth: 'public', summary: { ja: '検証ページの QR コード（SVG）', en: 'QR code of the verification page (SVG)' }, responses: { 200: image('image/svg+xml') } },
  { method: 'get', path: '/credentials/{id}/qr.png', tag: 'pages', auth: 'public', summary: { ja: '検証ページの QR コード（PNG）', en: 'QR code of the verification page (PNG)' }, query: [{ name: 'size', description: '一辺の最小ピクセル数（印刷用は 1200 以上）/ at least this many pixels square (1,200 or more for print); default 8 px per module', schema: { type: 'integer', minimum: 64, maximum: 2400 } }], responses: { 200: image('image/png') } },
  { method: 'get', path: '/credentials/{id}/badge.svg', tag: 'pages', auth: 'public', summary: { ja: 'バッジ画像（SVG、クレデンシャル埋め込み）', en: 'Badge image (SVG, credential baked in)' }, description: NOT_VALID_BADGE_PROSE, responses: { 200: image('image/svg+xml') }, errors: [400] },
  { method: 'get', path: '/credentials/{id}/badge.png', tag: 'pages', auth: 'public', summary: { ja: 'バッジ画像（PNG、クレデンシャル埋め込み）', en: 'Badge image (PNG, credential baked in)' }, description: `${NOT_VALID_BADGE_PROSE} Answers 501 on runtimes without a PNG renderer (Workers).`, responses: { 200: image('image/png') }, errors: [400, 501] },
  { method: 'get', path: '/credentials/{id}/embed', tag: 'pages', auth: 'public', summary: { ja: '採用ページに貼るバッジの HTML', en: 'HTML snippet to embed the badge' }, description: 'For a currently valid credential only: otherwise 410 with `credentialStatus` and `verificationUrl`. The organization page (/organizations/{id}) shows the same snippet with a copy button. A site building its own widget reads the status from GET /v/{id} with Accept: application/json (`verdict`, `valid`, `validUntil`, `statusChange`).', responses: { 200: { description: '貼り付ける HTML と画像の URL / the snippet to paste and the images\' addresses', schema: EMBED }, 410: { description: 'このバッジは今は有効ではありません / the badge is not valid now', contentType: 'application/problem+json', schema: BADGE_UNAVAILABLE } } },
  { method: 'get', path: '/credentials/{id}/credential.jwt', tag: 'pages', auth: 'public', summary: { ja: 'クレデンシャル（JWT 形式）', en: 'The credential as a JWT' }, responses: { 200: { description: 'vc+jwt', contentType: 'application/vc+jwt', schema: { type: 'string' } } } },
];
