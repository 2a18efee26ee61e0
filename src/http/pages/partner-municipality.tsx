import type { FC } from 'hono/jsx';
import type { Organization } from '../../domain/model.js';
import { localHref, type Lang } from './i18n.js';

/**
 * 連携自治体：札幌市: the municipality an award was given with, as the back office and open data name
 * it; its page linked when it is listed. In English its English name, else its Japanese one.
 * The public pages and the awarded organization's own dashboard (/my) name it alike.
 */
export const PartnerMunicipality: FC<{ partner: Organization | null | undefined; lang: Lang; class?: string }> = ({ partner: p, lang, class: className }) => {
  if (!p) return null;
  const name = lang === 'en' && p.nameEn ? <>{p.nameEn}</> : <span lang="ja">{p.name}</span>;
  return (
    <p class={className}>
      {lang === 'ja' ? '連携自治体：' : 'Partner municipality: '}
      {p.listed ? <a href={localHref(`/organizations/${p.id}`, lang)}>{name}</a> : name}
    </p>
  );
};
