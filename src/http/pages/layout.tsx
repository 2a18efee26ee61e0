import type { Child, FC } from 'hono/jsx';
import { REGISTRY_NAME } from '../../registry.js';
import { SITE_CSS_PATH } from '../assets/routes.js';
import { localHref, type Lang } from './i18n.js';
import { NEWS_FEED_PATH } from './news-feed.js';
import { Csrf, ShownAgainNotice } from './page-context.js';
import { useSiteFrame } from './site-frame.js';

export type Section = 'home' | 'organizations' | 'awards' | 'verify' | null;

const NAV: { section: Exclude<Section, null>; path: string; ja: string; en: string }[] = [
  { section: 'home', path: '/', ja: 'ホーム', en: 'Home' },
  { section: 'organizations', path: '/organizations', ja: '宣言団体を探す', en: 'Find organizations' },
  { section: 'awards', path: '/awards', ja: '表彰団体', en: 'Awards' },
  { section: 'verify', path: '/verify', ja: 'バッジを確認する', en: 'Verify a badge' },
];

/**
 * The name that fits one line of a phone's header; the full name shows from 48em up. Where it
 * does not fit (wider text spacing, a larger font), it wraps between its words, never within one.
 */
const SHORT_NAME = { ja: <>テレワーク宣言<wbr />レジストリ</>, en: 'Telework Registry' };

export interface LayoutProps {
  lang: Lang;
  title: string;
  section: Section;
  /** This page's path and query in the other language, for the language switch. */
  otherLangHref: string;
  description?: string;
  /** Extra <meta> tags, e.g. Open Graph (property) and Twitter card (name) for link previews. */
  meta?: ({ property: string; content: string } | { name: string; content: string })[];
  /** The signed-in person (web pages): their name, and the CSRF token for the sign-out form. */
  signedIn?: { name: string; organizationName: string | null; csrf: string; staff?: boolean };
  children?: Child;
}

/** Every page's frame: skip link, header with navigation, one <main>, footer. */
export const Layout: FC<LayoutProps> = ({ lang, title, section, otherLangHref, description, meta, signedIn, children }) => {
  const siteName = REGISTRY_NAME[lang];
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${siteName}`}</title>
        {description ? <meta name="description" content={description} /> : null}
        <meta name="referrer" content="strict-origin-when-cross-origin" />
        {meta?.map((m) => ('property' in m ? <meta property={m.property} content={m.content} /> : <meta name={m.name} content={m.content} />))}
        <link rel="stylesheet" href={SITE_CSS_PATH} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="alternate" type="application/atom+xml" title={lang === 'ja' ? '新着（宣言の公表・表彰）' : 'Latest declarations and awards'} href={localHref(NEWS_FEED_PATH, lang)} />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {lang === 'ja' ? '本文へ移動' : 'Skip to main content'}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="brand" href={localHref('/', lang)}>
              <img src="/logo.svg" alt="" width="32" height="32" />
              <span class="brand__short">{SHORT_NAME[lang]}</span>
              <span class="brand__full">{siteName}</span>
            </a>
            <a class="lang-switch" href={otherLangHref} lang={lang === 'ja' ? 'en' : 'ja'} hreflang={lang === 'ja' ? 'en' : 'ja'}>
              {lang === 'ja' ? 'English' : '日本語'}
            </a>
            {signedIn ? (
              <form class="account-bar" method="post" action={localHref('/auth/logout', lang)}>
                {signedIn.staff ? (
                  <a href={localHref('/admin', lang)}>{lang === 'ja' ? '管理画面' : 'Back office'}</a>
                ) : (
                  <a href={localHref('/my', lang)}>{lang === 'ja' ? 'マイページ' : 'My page'}</a>
                )}
                <span class="muted">
                  {signedIn.name}
                  {signedIn.organizationName ? (lang === 'ja' ? `（${signedIn.organizationName}）` : ` (${signedIn.organizationName})`) : ''}
                </span>
                <Csrf token={signedIn.csrf} />
                <button class="link-button" type="submit">
                  {lang === 'ja' ? 'ログアウト' : 'Sign out'}
                </button>
              </form>
            ) : null}
          </div>
          <nav class="site-nav" aria-label={lang === 'ja' ? 'サイト内の主なページ' : 'Main pages'}>
            <ul class="site-header__inner">
              {NAV.map((item) => (
                <li>
                  <a href={localHref(item.path, lang)} aria-current={item.section === section ? 'page' : undefined}>
                    {item[lang]}
                  </a>
                </li>
              ))}
              {signedIn ? null : (
                <li>
                  <a href={localHref('/login', lang)}>{lang === 'ja' ? '団体の方のログイン' : 'Sign in (organizations)'}</a>
                </li>
              )}
            </ul>
          </nav>
        </header>
        <main id="main" class="site-main" tabindex={-1}>
          <ShownAgainNotice lang={lang} />
          {children}
        </main>
        <SiteFooter lang={lang} />
      </body>
    </html>
  );
};

/** The footer: what the registry is, who runs it, where to ask, the official address and the verification keys. */
const SiteFooter: FC<{ lang: Lang }> = ({ lang }) => {
  const ja = lang === 'ja';
  const site = useSiteFrame();
  const links = [
    { href: site.contactUrl, ja: 'お問い合わせ', en: 'Contact' },
    // The operator's own policy when set (SITE_PRIVACY_URL), else the registry's notice of what it keeps.
    { href: site.privacyUrl ?? localHref('/privacy', lang), ja: 'プライバシー', en: 'Privacy' },
    { href: site.termsUrl, ja: '利用規約', en: 'Terms of use' },
    { href: site.accessibilityUrl, ja: 'アクセシビリティ', en: 'Accessibility' },
  ].filter((link): link is typeof link & { href: string } => link.href !== null);
  return (
    <footer class="site-footer">
      <div class="site-footer__inner">
        <p>
          {ja
            ? 'この登録簿は、地方創生テレワークに取り組む団体の自己宣言と表彰を公表し、署名付きのデジタルバッジ（Open Badges 3.0）を発行します。自己宣言は団体自身による宣言であり、認定ではありません。'
            : 'This registry publishes the self-declarations and awards of organizations promoting regional revitalization telework, and issues signed digital badges (Open Badges 3.0). A self-declaration is made by the organization itself; it is not a certification.'}
        </p>
        <dl class="site-footer__facts">
          <div>
            <dt>{ja ? '運営者' : 'Operated by'}</dt>
            {/* A Japanese-only operator name keeps its language on an English page, for a screen reader's voice. */}
            <dd class="site-footer__operator" lang={lang === 'en' && site.operatorName.en === site.operatorName.ja ? 'ja' : undefined}>
              {site.operatorName[lang]}
            </dd>
          </div>
          {site.publicBaseUrl ? (
            <div>
              <dt>{ja ? '正規のアドレス' : 'Official address'}</dt>
              <dd>
                <a class="site-footer__official" href={site.publicBaseUrl}>{site.publicBaseUrl}</a>
                <span class="muted">{ja ? '（バッジの確認はこのアドレスで行ってください）' : ' (check badges at this address only)'}</span>
              </dd>
            </div>
          ) : null}
        </dl>
        {links.length > 0 ? (
          <nav aria-label={ja ? '運営者の案内' : 'About the operator'}>
            <ul class="site-footer__links">
              {links.map((link) => (
                <li>
                  <a href={link.href}>{link[lang]}</a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <section class="site-footer__verification" aria-labelledby="footer-verification">
          <h2 id="footer-verification">{ja ? '検証について' : 'About verification'}</h2>
          <p>
            {ja
              ? 'バッジは登録簿の鍵で署名されています。'
              : 'Badges are signed with the registry’s keys. '}
            <a href={localHref('/verify', lang)}>{ja ? 'バッジを確認する' : 'Verify a badge'}</a>
            {ja ? '。公開鍵: ' : '. Public keys: '}
            <a href="/.well-known/did.json">did.json</a> · <a href="/.well-known/jwks.json">jwks.json</a>
          </p>
        </section>
      </div>
    </footer>
  );
};
