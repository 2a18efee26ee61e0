import type { Child, FC } from 'hono/jsx';
import { STAFF_ROLE_LABELS } from '../../domain/accounts/staff.js';
import type { Bilingual } from '../pages/i18n.js';
import { Layout } from '../pages/layout.js';
import { SectionNav } from '../web/my/my-layout.js';
import type { StaffMember, StaffNeed } from './staff-member.js';

export type AdminSection = 'home' | 'reviews' | 'organizations' | 'awards' | 'revocations' | 'partners' | 'staff' | 'tokens' | 'audit' | 'mail' | 'statistics' | 'account';

/** Read after the entries named as the site menu's (ホーム, Awards), which go to the public pages. */
const BACK_OFFICE: Bilingual = { ja: '（管理画面）', en: ' (back office)' };

/** The back office's navigation; an entry shows only to the roles that may use it. */
const ADMIN_NAV: { section: AdminSection; path: string; label: Bilingual; hidden?: Bilingual; need: StaffNeed }[] = [
  { section: 'home', path: '/admin', label: { ja: 'ホーム', en: 'Home' }, hidden: BACK_OFFICE, need: 'read' },
  { section: 'reviews', path: '/admin/reviews', label: { ja: '審査', en: 'Reviews' }, need: 'read' },
  { section: 'organizations', path: '/admin/organizations', label: { ja: '団体', en: 'Organizations' }, need: 'read' },
  { section: 'awards', path: '/admin/awards', label: { ja: '表彰', en: 'Awards' }, hidden: BACK_OFFICE, need: 'read' },
  { section: 'revocations', path: '/admin/revocations', label: { ja: '取消の承認', en: 'Revocations' }, need: 'read' },
  { section: 'partners', path: '/admin/partners', label: { ja: 'パートナー', en: 'Partners' }, need: 'administer' },
  { section: 'staff', path: '/admin/staff', label: { ja: '職員', en: 'Staff' }, need: 'administer' },
  { section: 'tokens', path: '/admin/tokens', label: { ja: 'APIトークン', en: 'API tokens' }, need: 'administer' },
  { section: 'audit', path: '/admin/audit', label: { ja: '監査ログ', en: 'Audit log' }, need: 'read' },
  { section: 'mail', path: '/admin/mail', label: { ja: 'メール', en: 'E-mail' }, need: 'read' },
  { section: 'statistics', path: '/admin/statistics', label: { ja: '統計', en: 'Statistics' }, need: 'read' },
  { section: 'account', path: '/admin/account', label: { ja: '自分のアカウント', en: 'My account' }, need: 'read' },
];

/** A back-office page: the site's layout, the staff member's role and the back office's navigation. */
export const AdminLayout: FC<{ staff: StaffMember; title: Bilingual; section: AdminSection | null; children?: Child }> = ({ staff, title, section, children }) => {
  const { lang } = staff;
  return (
    <Layout lang={lang} title={`${title[lang]} | ${lang === 'ja' ? '事務局' : 'Secretariat'}`} section={null} otherLangHref={staff.otherLangHref} signedIn={staff.signedIn}>
      <p class="admin-role">
        {lang === 'ja' ? '事務局 管理画面' : 'Secretariat back office'} — {STAFF_ROLE_LABELS[staff.role][lang]}
      </p>
      <SectionNav class="admin-nav" label={{ ja: '管理画面', en: 'Back office' }} lang={lang} items={ADMIN_NAV.filter((item) => staff.may(item.need))} current={section} />
      {children}
    </Layout>
  );
};
