// What a signed-in page knows about itself while it renders (a hono/jsx context, as site-frame.ts):
// its own address, which every form carries next to its CSRF token, and whether it is shown again
// because a button on it was pressed with an expired token (web/page-again.ts).
import { createContext, useContext, jsx, type FC } from 'hono/jsx';
import type { Bilingual, Lang } from './i18n.js';

export interface PageContext {
  /** This page's path and query (GET only; a page answering a post has no address to come back to). */
  address: string | null;
  /** Shown again after a button's expired token: the page says so at the top. */
  shownAgain: boolean;
}

const NO_PAGE: PageContext = { address: null, shownAgain: false };
const Context = createContext<PageContext>(NO_PAGE);

/** The element rendered with `page` available to its forms and layout. */
export function withPageContext(page: PageContext, element: unknown): unknown {
  return jsx(Context.Provider, { value: page }, element as never);
}

/** The field naming the page a form was on: where a button with an expired token comes back to. */
export const FROM_PAGE_FIELD = 'fromPage';

/** The hidden fields every form carries: the session's CSRF token, and the page it is on. */
export const Csrf: FC<{ token: string }> = ({ token }) => {
  const { address } = useContext(Context);
  return (
    <>
      <input type="hidden" name="csrf" value={token} />
      {address ? <input type="hidden" name={FROM_PAGE_FIELD} value={address} /> : null}
    </>
  );
};

/**
 * What a page shown again says at its top: a button was pressed after its token had expired. The
 * wording follows STALE_FORM_NOTICE (forms that keep what was typed), for an action.
 */
export const STALE_ACTION_NOTICE: Bilingual = {
  ja: 'ページを開いてから時間が経ったため、操作を確認できませんでした。まだ何も変更していません。ページの内容を確認して、もう一度操作してください。',
  en: 'Too much time passed since this page was opened, so the action could not be confirmed. Nothing was changed yet. Check the page and do it again.',
};

/** The notice, on a page shown again; nothing otherwise. */
export const ShownAgainNotice: FC<{ lang: Lang }> = ({ lang }) =>
  useContext(Context).shownAgain ? (
    <div class="notice notice--error" role="alert" id="stale-action-notice">
      {STALE_ACTION_NOTICE[lang]}
    </div>
  ) : null;
