// What search engines read: robots.txt (where not to go) and sitemaps (every organization's page,
// so that a company's name and テレワーク find its record, in both languages).
import { Hono } from 'hono';
import { escapeXml as xml } from '../../adapters/badge/text-fit.js';
import type { PortalReader } from '../../ports/portal.js';
import type { AppEnv } from '../env.js';
import { notFound } from '../../domain/errors.js';
import { notModified } from '../conditional.js';
import { DECLARATION_ACHIEVEMENT_PATH } from '../../domain/credentials/open-badge.js';

/** Addresses of one sitemap file; the protocol allows 50,000, fewer keeps each file quick to build and fetch. */
export const SITEMAP_PAGE_SIZE = 10_000;

/** Signed-in areas, sign-in and invitation links (which carry a secret), and the API: nothing there to index. */
const PRIVATE_PATHS = ['/admin', '/my', '/login', '/auth', '/oauth', '/join', '/api/'];
/** The public pages that are not an organization's (with the self-declaration's Achievement, which every logo badge names). */
const SITE_PATHS = ['/', '/organizations', '/awards', '/verify', '/check', '/statistics', '/docs', '/guide', '/privacy', DECLARATION_ACHIEVEMENT_PATH];

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const XML_TYPE = { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=3600' };
const SITEMAP_FILE = /^organizations-([1-9]\d{0,5})\.xml$/;

/** One page in Japanese (its address) with its English version beside it. */
function urlEntry(href: string, lastModified?: string): string {
  const english = `${href}${href.includes('?') ? '&' : '?'}lang=en`;
  return (
    `<url><loc>${xml(href)}</loc>${lastModified ? `<lastmod>${xml(lastModified)}</lastmod>` : ''}` +
    `<xhtml:link rel="alternate" hreflang="ja" href="${xml(href)}"/><xhtml:link rel="alternate" hreflang="en" href="${xml(english)}"/></url>`
  );
}

const urlSet = (entries: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SITEMAP_NS}" xmlns:xhtml="${XHTML_NS}">\n${entries.join('\n')}\n</urlset>\n`;

/** The sitemap index: the site's own pages, then the organizations in files of SITEMAP_PAGE_SIZE. */
export function sitemapIndex(baseUrl: string, organizations: number): string {
  const files = ['site.xml', ...Array.from({ length: Math.ceil(organizations / SITEMAP_PAGE_SIZE) }, (_, i) => `organizations-${i + 1}.xml`)];
  const entries = files.map((file) => `<sitemap><loc>${xml(`${baseUrl}/sitemaps/${file}`)}</loc></sitemap>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${SITEMAP_NS}">\n${entries.join('\n')}\n</sitemapindex>\n`;
}

export function crawlerRoutes({ portal, publicBaseUrl }: { portal: PortalReader; publicBaseUrl: string }) {
  const basePath = new URL(publicBaseUrl).pathname.replace(/\/$/, '');
  const robots = [
    'User-agent: *',
    ...PRIVATE_PATHS.map((path) => `Disallow: ${basePath}${path}`),
    '',
    `Sitemap: ${publicBaseUrl}/sitemap.xml`,
    '',
  ].join('\n');

  const written = new WeakMap<object, string>();

  return new Hono<AppEnv>()
    .get('/robots.txt', (c) => c.text(robots, 200, { 'Cache-Control': 'public, max-age=86400' }))
    .get('/sitemap.xml', async (c) => {
      const { total } = await portal.pages({ offset: 0, limit: 0 });
      return c.body(sitemapIndex(publicBaseUrl, total), 200, XML_TYPE);
    })
    .get('/sitemaps/site.xml', (c) => c.body(urlSet(SITE_PATHS.map((path) => urlEntry(`${publicBaseUrl}${path}`))), 200, XML_TYPE))
    .get('/sitemaps/:file', async (c) => {
      const n = Number(SITEMAP_FILE.exec(c.req.param('file'))?.[1] ?? 0);
      const slice = n ? await portal.pages({ offset: (n - 1) * SITEMAP_PAGE_SIZE, limit: SITEMAP_PAGE_SIZE }) : null;
      if (!slice || slice.items.length === 0) throw notFound({ ja: 'サイトマップ', en: 'Sitemap' });
      // A crawler that has the file asks again with its validators: the newest page in it, and how many.
      const newest = slice.items.reduce((latest, page) => (page.lastModified > latest ? page.lastModified : latest), '');
      const headers = { ...XML_TYPE, ETag: `W/"sitemap-${n}-${slice.items.length}-${Date.parse(newest)}"`, 'Last-Modified': new Date(newest).toUTCString() };
      if (notModified({ ifNoneMatch: c.req.header('if-none-match'), ifModifiedSince: c.req.header('if-modified-since') }, { etag: headers.ETag, lastModified: newest })) {
        return c.body(null, 304, headers);
      }
      // Written once per kept slice (the portal keeps the same object until the record changes): 3.9 MB took ~60 ms.
      let body = written.get(slice);
      if (!body) written.set(slice, (body = urlSet(slice.items.map((page) => urlEntry(`${publicBaseUrl}/organizations/${page.id}`, page.lastModified)))));
      return c.body(body, 200, headers);
    });
}
