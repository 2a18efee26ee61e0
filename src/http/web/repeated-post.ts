// A post sent again (a double click, the back button) after the first one went through finds
// nothing left to act on. Told apart from a record that never existed by the audit trail, and
// said so (409, nothing changed) rather than "not found", which reads as if the first had failed.
import type { Context } from 'hono';
import { conflict, DomainError } from '../../domain/errors.js';
import type { Registry } from '../../registry.js';
import type { AppEnv } from '../env.js';
import { localHref, type Bilingual, type Lang } from '../pages/i18n.js';
import { webErrorPage } from './routes.js';

/** Whether the trail of `entity` records `action` with `before[key] === value` (among its latest 100 such entries). */
export async function doneAlready(registry: Registry, entity: { type: string; id: string }, action: string, key: string, value: string | number): Promise<boolean> {
  const entries = await registry.deps.repos.audit.list({ entityType: entity.type, entityId: entity.id, action, newestFirst: true, limit: 100 });
  return entries.items.some((entry) => (entry.before as Record<string, unknown> | null)?.[key] === value);
}

/** The refusal of a repeated post on the members page: what was done already, and the way back to the list. */
export const doneAlreadyPage = (c: Context<AppEnv>, lang: Lang, text: Bilingual) =>
  webErrorPage(c, conflict(text.ja, text.en), undefined, { href: localHref('/my/members', lang), label: { ja: 'メンバーの一覧に戻る', en: 'Back to the members' } });

export const isNotFound = (error: unknown) => error instanceof DomainError && error.kind === 'not-found';

/** What a repeated post is told (409, nothing changes), rather than "not found", which reads as if it never existed. */
export const ALREADY = {
  cancelled: { ja: 'この招待は既に取り消されています。何も変更していません。', en: 'This invitation is cancelled already. Nothing was changed.' },
  removed: { ja: 'このメンバーは既に削除されています。何も変更していません。', en: 'This member is removed already. Nothing was changed.' },
  passkeyRemoved: { ja: 'このパスキーは既に削除されています。何も変更していません。', en: 'This passkey is removed already. Nothing was changed.' },
};


/**
 * The hidden field of a form whose answer shows, once, what it made (an invitation link, an API
 * token): when its page was shown. The same post sent again (a reload of that answer with
 * JavaScript off, the back button) finds what it made dated after it.
 */
export const SHOWN_AT_FIELD = 'shownAt';

/**
 * Whether `made` holds something `same` recognises made after the form's page was shown: the post
 * was sent again, and making it again would leave a second live link nobody noted. A post without
 * the field (not from the page) is not checked; sent from the answer's own form, it is made anew.
 */
export function madeSinceShown<T extends { createdAt: string }>(form: URLSearchParams, made: readonly T[], same: (item: T) => boolean): boolean {
  const shownAt = form.get(SHOWN_AT_FIELD);
  return shownAt !== null && made.some((item) => item.createdAt > shownAt && same(item));
}

/** What an invite form says beside its field when its post was sent again (nothing made). */
export const INVITED_SINCE_SHOWN: Bilingual = {
  ja: 'このページを開いた後に、同じ内容の招待リンクを既に作成しています（再読み込みなどで同じ送信が繰り返されました）。何も作成していません。そのリンクは未使用の招待の一覧にあります。もう1つ必要なときは、このフォームからもう一度作成してください。',
  en: 'An invitation link like this one was already made after this page was opened (the same submission was sent again, by a reload for example). Nothing was made; that link is among the open invitations. If you need another one, make it again with this form.',
};
