import type { Context } from 'hono';
import { readBodyBytes } from '../body.js';
import type { AppEnv } from '../env.js';
import { checkCsrf } from '../auth/session.js';
import { DomainError } from '../../domain/errors.js';
import { lineBreaksAsLf } from '../../domain/readable-text.js';
import type { Bilingual } from '../pages/i18n.js';
import { FROM_PAGE_FIELD } from '../pages/page-context.js';
import { pageShownAgain, rememberFromPage } from './page-again.js';

/** Forms of the signed-in pages are small: a declaration's longest texts are a few thousand characters. */
export const MAX_FORM_BYTES = 256 * 1024;

/** What the page says above a form shown again because its token no longer matched the session's. */
export const STALE_FORM_NOTICE: Bilingual = {
  ja: 'ページを開いてから時間が経ったため、送信を確認できませんでした。まだ何も保存していません。内容を確認して、もう一度送信してください。',
  en: 'Too much time passed since this page was opened, so the submission could not be confirmed. Nothing was saved yet. Check what you entered and submit it again.',
};

/**
 * The form's page again, with what was typed and `notice` above it, built from the posted form
 * only (it reads, never writes). Its status is made 403 whatever the page says.
 */
export type Redisplay = (form: URLSearchParams, notice: Bilingual) => Response | Promise<Response>;

/**
 * Thrown by readCheckedForm instead of a refusal when a form (or the page of a button) is shown
 * again: the handler never runs on; the web error handlers answer with `response` (webErrorPage).
 */
export class FormShownAgain extends Error {
  constructor(readonly response: Response) {
    super('The form was shown again for a stale CSRF token.');
  }
}

/**
 * Reads an application/x-www-form-urlencoded post (size-limited while reading) and checks its
 * CSRF token before anything else looks at it.
 *
 * A refused token means nothing is done. When the person is still signed in and the post
 * provably came from this site's own page (a tab left open while they signed out and in again
 * elsewhere, which gave the session a new token), a form with a `redisplay` comes back with what
 * they typed and a fresh token (403) instead of a bare refusal; a form without one (its buttons:
 * nothing typed to keep) brings back the page it was on, named by its fromPage field (page-again.ts).
 * Without that proof, the typed values are never shown back: a form another site filled in must
 * not reach the person, ready to send with a valid token.
 */
export async function readCheckedForm(c: Context<AppEnv>, publicBaseUrl: string, redisplay?: Redisplay): Promise<URLSearchParams> {
  const bytes = await readBodyBytes(c, MAX_FORM_BYTES);
  const form = new URLSearchParams(new TextDecoder().decode(bytes));
  try {
    checkCsrf(c, publicBaseUrl, form.get('csrf'));
  } catch (error) {
    return refuseStaleForm(c, publicBaseUrl, error, form.get(FROM_PAGE_FIELD), redisplay && (() => redisplay(form, STALE_FORM_NOTICE)));
  }
  // After the token: a post from another site is still refused as one, whatever its bytes.
  if (!isUtf8Form(bytes)) throw notUtf8Form();
  // The page answering this post (refused, or showing what was made) belongs to the form's page.
  rememberFromPage(c, form.get(FROM_PAGE_FIELD));
  return form;
}

/**
 * After a form's token was refused (`error`, checkCsrf's): while the person is still signed in and
 * the post provably came from this site's own page, the form's page comes back instead (403):
 * `redisplay`'s, or else the page named by its fromPage field as it is now; otherwise `error`.
 * Shared by readCheckedForm and the award import's multipart forms (admin/awards-import.tsx).
 */
export async function refuseStaleForm(c: Context<AppEnv>, publicBaseUrl: string, error: unknown, fromPage: string | null, redisplay?: () => Response | Promise<Response>): Promise<never> {
  if (!c.var.web || !fromOwnPage(c, publicBaseUrl)) throw error;
  // The form shown again belongs to the page it was on, as its buttons do.
  rememberFromPage(c, fromPage);
  if (redisplay) {
    const page = await redisplay();
    throw new FormShownAgain(new Response(page.body, { status: 403, headers: page.headers }));
  }
  // A form with nothing to keep (its buttons): the page it was on, as it is now.
  const page = await pageShownAgain(c, fromPage);
  if (!page) throw error;
  throw new FormShownAgain(page);
}

/** A form whose bytes, or whose %-escaped bytes, are not UTF-8: URLSearchParams would keep U+FFFD in their place. */
export const notUtf8Form = () =>
  new DomainError(
    'validation',
    '送信された内容に読み取れない文字（UTF-8 ではない文字）が含まれていたため、何も保存していません。入力した文字を確認して、もう一度送信してください。',
    'What was sent contains characters that could not be read (not UTF-8), so nothing was saved. Check what you entered and send it again.',
  );

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const PERCENT_RUN = /(?:%[0-9a-fA-F]{2})+/g;

/**
 * Whether an application/x-www-form-urlencoded body is UTF-8 throughout: its raw bytes, and every
 * run of %-escapes in it (a browser escapes each byte of a character, so a character never spans
 * two runs). The WHATWG parser replaces what is not with U+FFFD and goes on, silently.
 */
export function isUtf8Form(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return false;
  }
  if (!text.includes('%')) return true;
  for (const [run] of text.matchAll(PERCENT_RUN)) {
    // Only runs with a byte over 0x7F can be malformed.
    if (!/%[89a-fA-F]/.test(run)) continue;
    const escaped = new Uint8Array(run.length / 3);
    for (let i = 0; i < escaped.length; i++) escaped[i] = parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    try {
      strictUtf8.decode(escaped);
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * The browser says the post came from a page of this origin: Sec-Fetch-Site (sent by current
 * browsers whatever the referrer policy), or else an Origin header naming this site.
 */
export function fromOwnPage(c: Context<AppEnv>, publicBaseUrl: string): boolean {
  const site = c.req.header('sec-fetch-site');
  const origin = c.req.header('origin');
  const ownOrigin = origin !== undefined && (origin === new URL(publicBaseUrl).origin || origin === new URL(c.req.url).origin);
  return site === undefined ? ownOrigin : site === 'same-origin' && (origin === undefined || ownOrigin);
}

/** A form field's text (empty when absent), its line breaks as \n: counted and stored as the API takes them. */
export const formText = (form: URLSearchParams, name: string): string => lineBreaksAsLf(form.get(name) ?? '');
