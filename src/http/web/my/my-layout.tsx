import type { Child, FC } from 'hono/jsx';
import { localHref, type Bilingual, type Lang } from '../../pages/i18n.js';
import { Layout } from '../../pages/layout.js';
import type { Member } from './member.js';
import { organizationNameIn } from '../../pages/organization-name.js';

export type MySection = 'dashboard' | 'declaration' | 'history' | 'badges' | 'members';

const MY_NAV: { section: MySection; path: string; label: Bilingual }[] = [
  { section: 'dashboard', path: '/my', label: { ja: 'ダッシュボード', en: 'Dashboard' } },
  { section: 'declaration', path: '/my/declaration', label: { ja: '宣言', en: 'Declaration' } },
  { section: 'history', path: '/my/history', label: { ja: '履歴', en: 'History' } },
  { section: 'badges', path: '/my/badges', label: { ja: 'バッジ', en: 'Badges' } },
  { section: 'members', path: '/my/members', label: { ja: 'メンバー', en: 'Members' } },
];

/** An organization's page: the site's layout, the organization's name and the /my navigation. */
export const MyLayout: FC<{ member: Member; title: Bilingual; section: MySection | null; children?: Child }> = ({ member, title, section, children }) => {
  const { lang } = member;
  return (
    <Layout lang={lang} title={title[lang]} section={null} otherLangHref={member.otherLangHref} signedIn={member.signedIn}>
      <p class="my-org">{organizationNameIn(member.organization, lang)}</p>
      <SectionNav class="my-nav" label={{ ja: 'マイページ', en: 'My page' }} lang={lang} items={MY_NAV} current={section} />
      {children}
    </Layout>
  );
};

/** A signed-in area's own navigation: its sections, the current one marked for assistive technology. */
/** An item's `hidden`: words read after its label but not shown, where the site's menu has a link of the same name going elsewhere. */
export const SectionNav: FC<{ class: string; label: Bilingual; lang: Lang; items: { section: string; path: string; label: Bilingual; hidden?: Bilingual }[]; current: string | null }> = ({ class: className, label, lang, items, current }) => (
  <nav class={className} aria-label={label[lang]}>
    <ul>
      {items.map((item) => (
        <li>
          <a href={localHref(item.path, lang)} aria-current={item.section === current ? 'page' : undefined}>
            {item.label[lang]}
            {item.hidden ? <span class="visually-hidden">{item.hidden[lang]}</span> : null}
          </a>
        </li>
      ))}
    </ul>
  </nav>
);

/** A one-line notice after a redirect (?done=…), or a message the page wants to stand out. */
export const Notice: FC<{ text: string | null | undefined; kind?: 'info' | 'error' | 'success' }> = ({ text, kind = 'info' }) =>
  text ? (
    <div class={`notice${kind === 'info' ? '' : ` notice--${kind}`}`} role={kind === 'error' ? 'alert' : 'status'}>
      {text}
    </div>
  ) : null;

/** The hidden fields every form carries (its CSRF token and its page): pages/page-context.tsx. */
export { Csrf } from '../../pages/page-context.js';
