import type { FC } from 'hono/jsx';
import type { Lang } from './i18n.js';

/**
 * Words, read but not shown, after a link's or button's text naming the badge it is for: a page
 * with a declaration's badge and an award's otherwise has two 「バッジ（SVG）」 links to different
 * files and two 「HTMLをコピー」 buttons, alike in a screen reader's list of links and buttons.
 */
export const WhichBadge: FC<{ lang: Lang; subject: string }> = ({ lang, subject }) => (
  <span class="visually-hidden">{lang === 'ja' ? `（${subject}）` : ` (${subject})`}</span>
);
