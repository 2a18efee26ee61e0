import type { FC } from 'hono/jsx';
import type { Lang } from './i18n.js';
import { useSiteFrame } from './site-frame.js';

/** The secretariat, as a link to the site's contact page (SITE_CONTACT_URL) when there is one. */
export const Secretariat: FC<{ lang: Lang }> = ({ lang }) => {
  const { operatorName, contactUrl } = useSiteFrame();
  const name = lang === 'ja' ? operatorName.ja : `the secretariat (${operatorName.en})`;
  return contactUrl ? <a href={contactUrl}>{name}</a> : <>{name}</>;
};
