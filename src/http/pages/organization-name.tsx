import type { FC } from 'hono/jsx';
import type { Organization } from '../../domain/model.js';
import type { Lang } from './i18n.js';

/** An organization's name as plain text in the page's language: its English name on English pages, where it has one. */
export const organizationNameIn = (o: Pick<Organization, 'name' | 'nameEn'>, lang: Lang): string => (lang === 'en' && o.nameEn ? o.nameEn : o.name);

/**
 * The organization's name in the page's language: the English name (and the Japanese one beside it,
 * in the English page's own brackets, as the header writes a member's organization) on English pages; a Japanese name alone is marked so (lang="ja"), for a screen reader's voice.
 */
export const OrganizationName: FC<{ organization: Organization; lang: Lang }> = ({ organization: o, lang }) =>
  lang === 'en' && o.nameEn ? (
    <>
      {o.nameEn} (<span lang="ja">{o.name}</span>)
    </>
  ) : lang === 'en' ? (
    <span lang="ja">{o.name}</span>
  ) : (
    <>{o.name}</>
  );
