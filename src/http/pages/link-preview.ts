// What a search result and a shared link (LINE, X, Slack, Teams) show of a page: Open Graph and
// Twitter card tags, and an organization page's description (who, where, the badges it holds now).
import type { AwardCode, Organization } from '../../domain/model.js';
import { REGISTRY_NAME } from '../../registry.js';
import { badgeSubject } from './badge-alt.js';
import type { Lang } from './i18n.js';
import type { LayoutProps } from './layout.js';

export interface PreviewBadge {
  kind: 'declaration' | 'award';
  award?: Parameters<typeof badgeSubject>[3];
  suspended: boolean;
}

/** One sentence or two: who, where, and what it holds now (a suspended badge is not counted as held). */
export function organizationDescription(lang: Lang, o: Pick<Organization, 'name' | 'nameEn'>, prefecture: string, badges: PreviewBadge[], categories: AwardCode[], divisions: AwardCode[]): string {
  const held = badges.filter((b) => !b.suspended).map((b) => badgeSubject(lang, categories, divisions, b.award));
  if (lang === 'ja') {
    const holds = held.length ? `現在有効なバッジ: ${held.join('、')}。` : '現在有効なバッジはありません。';
    return `${o.name}（${prefecture}）の地方創生テレワークの自己宣言・表彰の記録。${holds}`;
  }
  const holds = held.length ? `Badges valid now: ${held.join(', ')}.` : 'No badge is valid now.';
  return `${o.nameEn ?? o.name} (${prefecture}): its regional revitalization telework self-declaration and awards on record. ${holds}`;
}

/** Open Graph and Twitter card tags; og:url and the image only where known. */
export function linkPreviewMeta(lang: Lang, { title, description, url, image }: { title: string; description: string; url: string | null; image?: string | null }): LayoutProps['meta'] {
  return [
    { property: 'og:type', content: 'website' },
    { property: 'og:site_name', content: REGISTRY_NAME[lang] },
    { property: 'og:locale', content: lang === 'ja' ? 'ja_JP' : 'en_US' },
    { property: 'og:title', content: title },
    { property: 'og:description', content: description },
    ...(url ? [{ property: 'og:url', content: lang === 'ja' ? url : `${url}?lang=en` }] : []),
    ...(image ? [{ property: 'og:image', content: image }, { property: 'og:image:alt', content: title }] : []),
    { name: 'twitter:card', content: 'summary' },
    { name: 'twitter:title', content: title },
    { name: 'twitter:description', content: description },
    ...(image ? [{ name: 'twitter:image', content: image }] : []),
  ];
}
