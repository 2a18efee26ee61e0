// A form sent after the person's session ended (the idle timeout over lunch, the absolute timeout
// at the end of a long day, a sign-out in another tab) used to meet the sign-in redirect, which
// drops the body: a long declaration or review note was lost. Instead, when the post provably came
// from this site's own page, the answer shows what was typed, to copy, and offers to send it again
// once signed in (in another tab): that post, without the dead session's token, takes the stale-form
// path (web/form.ts), which brings the form back with the text and the new session's token. Nothing
// is stored on the server: the text goes back only to the browser that just sent it. A post from
// elsewhere (another site could fill in a form) is never shown back: the redirect, as before.
import type { FC } from 'hono/jsx';
import type { MiddlewareHandler } from 'hono';
import { readBodyBytes } from '../body.js';
import type { AppEnv } from '../env.js';
import { FIELD_LABELS } from '../../domain/declaration-field-labels.js';
import { localHref, type Bilingual, type Lang } from '../pages/i18n.js';
import { Layout } from '../pages/layout.js';
import { FROM_PAGE_FIELD } from '../pages/page-context.js';
import { fromOwnPage, isUtf8Form, MAX_FORM_BYTES } from './form.js';
import { pageContextOf, rememberFromPage } from './page-again.js';
import { otherLangHrefOf, webLang, webPage } from './page.js';

/**
 * The fields a person writes at length, as the forms label them: what is worth keeping. A form
 * with none of them filled in (a button, a choice) loses nothing a sign-in cannot bring back.
 */
const TYPED_FIELDS: Record<string, Bilingual> = {
  signerName: FIELD_LABELS.signerName,
  signerTitle: FIELD_LABELS.signerTitle,
  policy: FIELD_LABELS.policy,
  measures: FIELD_LABELS.measures,
  reason: { ja: '理由', en: 'Reason' },
  note: { ja: 'メモ・補足', en: 'Note' },
  overview: { ja: '概要', en: 'Overview' },
  message: { ja: 'メッセージ', en: 'Message' },
};

/** A code chosen from a list (a revocation's reason), not text a person typed. */
const CODE = /^[a-z][a-z0-9-]*$/;

/** The form's typed texts, in the form's order: label and value. */
function typedTexts(form: URLSearchParams): { name: string; label: Bilingual; value: string }[] {
  return [...form]
    .filter(([name, value]) => TYPED_FIELDS[name] && value.trim() !== '' && !(name === 'reason' && CODE.test(value)))
    .map(([name, value]) => ({ name, label: TYPED_FIELDS[name]!, value: value.replace(/\r\n?/g, '\n') }));
}

/**
 * For POSTs under /my and /admin without a session: the page keeping what was typed (403: nothing
 * was done), or on to the route's own sign-in redirect when there is nothing to keep or no proof
 * that the post came from this site's page.
 */
export function keepFormOfEndedSession(publicBaseUrl: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'POST' || c.var.web || !c.req.header('content-type')?.startsWith('application/x-www-form-urlencoded') || !fromOwnPage(c, publicBaseUrl)) return next();
    let bytes: Uint8Array;
    try {
      bytes = await readBodyBytes(c, MAX_FORM_BYTES);
    } catch {
      return next(); // too large or cut off: the redirect, as before
    }
    if (!isUtf8Form(bytes)) return next();
    const form = new URLSearchParams(new TextDecoder().decode(bytes));
    const texts = typedTexts(form);
    if (texts.length === 0) return next();
    rememberFromPage(c, form.get(FROM_PAGE_FIELD));
    const staff = new URL(c.req.url).pathname.startsWith('/admin');
    const lang = webLang(c);
    const home = staff ? '/admin' : '/my';
    const signIn = localHref(staff ? '/admin/login' : '/login', lang, { next: pageContextOf(c).address ?? localHref(home, lang) });
    const url = new URL(c.req.url);
    // The dead session's token stays behind: it could never be accepted again anyway.
    const resend = [...form].filter(([name]) => name !== 'csrf');
    return webPage(c, <SessionEndedPage lang={lang} otherLangHref={otherLangHrefOf(c, lang, home)} signInHref={signIn} action={url.pathname + url.search} resend={resend} texts={texts} />, 403);
  };
}

const SessionEndedPage: FC<{ lang: Lang; otherLangHref: string; signInHref: string; action: string; resend: [string, string][]; texts: ReturnType<typeof typedTexts> }> = ({ lang, otherLangHref, signInHref, action, resend, texts }) => {
  const ja = lang === 'ja';
  const title = ja ? 'ログインの有効期限が切れていました' : 'Your sign-in had ended';
  return (
    <Layout lang={lang} title={title} section={null} otherLangHref={otherLangHref}>
      <h1>{title}</h1>
      <div class="notice notice--error" role="alert" id="session-ended-notice">
        {ja
          ? 'ログインの有効期限が切れていたため、送信した内容はまだ保存していません。しばらく操作がなかったか、ログインしてから長い時間が経ったためです。入力した内容は下にあり、失われていません。'
          : 'Your sign-in had ended, so what you sent is not saved yet. This happens after a while without activity, or a long time after signing in. What you entered is below; it is not lost.'}
      </div>
      <h2>{ja ? '続けるには' : 'To carry on'}</h2>
      <ol>
        <li>
          <a href={signInHref} target="_blank" rel="noopener" id="sign-in-again">
            {ja ? 'ログインページを新しいタブで開き' : 'Open the sign-in page in a new tab'}
          </a>
          {ja ? '、ログインしてください。' : ' and sign in.'}
        </li>
        <li>
          {ja
            ? 'このタブに戻り、「もう一度送信する」を押してください。入力した内容の入ったフォームが表示されます。内容を確かめてから、保存・送信してください。'
            : 'Come back to this tab and press “Send again”. The form comes back with what you entered; check it, then save or send it.'}
          <form method="post" action={action} id="resend-form">
            {resend.map(([name, value]) => (
              <input type="hidden" name={name} value={value} />
            ))}
            <p class="actions">
              <button type="submit" class="button" id="resend-button">
                {ja ? 'もう一度送信する' : 'Send again'}
              </button>
            </p>
          </form>
        </li>
      </ol>
      <h2>{ja ? '入力した内容' : 'What you entered'}</h2>
      <p>{ja ? '念のため、必要なものはコピーしておいてください。' : 'To be safe, copy what you need.'}</p>
      <div class="form-section">
        {texts.map(({ name, label, value }, i) => (
          <div class="field">
            <label for={`kept-${i}-${name}`}>{label[lang]}</label>
            {value.includes('\n') || value.length > 80 ? (
              <textarea class="textarea--prose" id={`kept-${i}-${name}`} readonly rows={Math.min(12, value.split('\n').length + 1)}>
                {/* The parser drops a newline right after <textarea>: this one, not the text's own. */}
                {`\n${value}`}
              </textarea>
            ) : (
              <input type="text" id={`kept-${i}-${name}`} value={value} readonly />
            )}
          </div>
        ))}
      </div>
    </Layout>
  );
};
